import { Get, Query } from '@nestjs/common';
import { ApiController } from '../common/request-context/access';
import { ApiOperation } from '@nestjs/swagger';
import { UplQueryDto } from './dto/upl-query.dto';
import { UplCatalog, UplEntry } from './upl-catalog';

@ApiController({ path: 'api/upl', tag: 'upl', access: 'agent' })
export class UplController {
  constructor(private readonly upl: UplCatalog) {}

  /** Search the official Uniforme Productnamenlijst. */
  @Get()
  @ApiOperation({ summary: 'Search the Uniforme Productnamenlijst (UPL)' })
  search(@Query() query: UplQueryDto): { total: number; results: UplEntry[] } {
    const results = this.upl.search(query.q ?? '', query.limit ?? 20, !query.all);
    return { total: results.length, results };
  }
}
