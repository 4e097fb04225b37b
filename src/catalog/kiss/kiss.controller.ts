import { Get, Param, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ApiController } from '../../common/request-context/access';
import { KissListQueryDto } from './kiss-query.dto';
import { KissKennisartikel, KissVac, ObjectsApiObject, ObjectsApiPage } from './kiss-mapper';
import { KissService } from './kiss.service';

/** KISS reads these like an Objects API. Staff only: they carry KCC notes and internal FAQs. */
@ApiController({ path: 'api/kiss', tag: 'kiss', access: 'agent' })
export class KissController {
  constructor(private readonly kiss: KissService) {}

  @Get('kennisartikelen')
  @ApiOperation({ summary: 'KISS kennisartikelen (objecttype Kennisartikel)' })
  kennisartikelen(@Query() query: KissListQueryDto): Promise<ObjectsApiPage<ObjectsApiObject<KissKennisartikel>>> {
    return this.kiss.list('kennisartikelen', query);
  }

  @Get('kennisartikelen/:uuid')
  @ApiOperation({ summary: 'One KISS kennisartikel' })
  kennisartikel(@Param('uuid') uuid: string): Promise<ObjectsApiObject<KissKennisartikel | KissVac>> {
    return this.kiss.get('kennisartikelen', uuid);
  }

  @Get('vacs')
  @ApiOperation({ summary: 'KISS vraag-antwoordcombinaties (objecttype VAC)' })
  vacs(@Query() query: KissListQueryDto): Promise<ObjectsApiPage<ObjectsApiObject<KissVac>>> {
    return this.kiss.list('vacs', query);
  }

  @Get('vacs/:uuid')
  @ApiOperation({ summary: 'One KISS VAC' })
  vac(@Param('uuid') uuid: string): Promise<ObjectsApiObject<KissKennisartikel | KissVac>> {
    return this.kiss.get('vacs', uuid);
  }
}
