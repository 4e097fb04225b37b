import { ApiController } from '../../common/request-context/access';
import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import type { Actor } from '../../common/request-context/actor';
import { CurrentActor } from '../../common/request-context/current-actor.decorator';
import { ArticleImportService, ImportReport } from './article-import.service';

@ApiController({ path: 'api/import', tag: 'import', access: 'coordinator' })
export class ImportController {
  constructor(private readonly importer: ArticleImportService) {}

  /** A JSON array in the content-fixtures shape; answers with a per-item report (200 even when items failed). */
  @Post()
  @ApiOperation({ summary: 'Import articles in bulk (per-item report)' })
  @HttpCode(200)
  @ApiBody({ schema: { type: 'array', items: { type: 'object' } } })
  import(@CurrentActor() actor: Actor, @Body() items: unknown): Promise<ImportReport> {
    return this.importer.import(actor, items);
  }
}
