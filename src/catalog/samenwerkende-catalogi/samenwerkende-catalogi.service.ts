import { Inject, Injectable } from '@nestjs/common';
import { MissingUplQuery, type MissingUplArticle } from '../../articles/import/missing-upl.query';
import { LiveArticlesQuery } from '../../articles/live-articles.query';
import { Clock } from '../../common/time/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { CacheableRepresentation } from '../http/catalog-response';
import { ScExclusion, ScXmlResult, buildScXml } from './sc-xml';

export interface ScReport {
  generatedAt: string;
  /** products in the XML */
  included: number;
  /** products left out, with the reasons an editor can act on */
  excluded: ScExclusion[];
  /** products an import kept without UPL because their UPL name was unknown ("UPL ontbreekt"), live or not */
  uplLeftEmptyByImport: MissingUplArticle[];
}

/** The Samenwerkende Catalogi 4.0 export for overheid.nl, and the report of products it had to leave out. */
@Injectable()
export class SamenwerkendeCatalogiService {
  constructor(
    private readonly query: LiveArticlesQuery,
    private readonly missingUpl: MissingUplQuery,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async xml(): Promise<CacheableRepresentation> {
    const [result, lastChangedAt] = await Promise.all([this.build(), this.query.lastChangedAt(['product'])]);
    return new CacheableRepresentation(result.xml, lastChangedAt, 'application/xml');
  }

  async report(): Promise<ScReport> {
    const [result, uplLeftEmptyByImport] = await Promise.all([this.build(), this.missingUpl.list()]);
    return { generatedAt: this.clock.now().toISOString(), included: result.included, excluded: result.excluded, uplLeftEmptyByImport };
  }

  // Internal products are read too, so the report can say why they are not in the export.
  private async build(): Promise<ScXmlResult & { included: number }> {
    const products = await this.query.all({ kinds: ['product'], publicOnly: false });
    const result = buildScXml(products, this.config.municipality, { now: this.clock.now() });
    return { ...result, included: products.length - result.excluded.length };
  }
}
