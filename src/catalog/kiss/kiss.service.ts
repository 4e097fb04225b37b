import { Inject, Injectable } from '@nestjs/common';
import { LiveArticleFilter, LiveArticlesQuery } from '../../articles/live-articles.query';
import type { LiveArticle } from '../../articles/published-articles.service';
import { ValidationFailedError } from '../../common/errors/domain-error';
import { UUID_PATTERN } from '../../common/http/cursor';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { CatalogItemNotFoundError } from '../catalog.errors';
import {
  KissKennisartikel,
  KissVac,
  ObjectsApiObject,
  ObjectsApiPage,
  toKissKennisartikel,
  toKissVac,
  toObjectsApiPage,
  toObjectsApiRecord,
} from './kiss-mapper';
import { KissListQueryDto } from './kiss-query.dto';

type KissType = 'kennisartikelen' | 'vacs';

const KIND = { kennisartikelen: 'product', vacs: 'faq' } as const;
// Which data_attr attributes each list understands, and the filter field they set.
const ATTRIBUTES: Record<KissType, Record<string, 'uplUri' | 'synonym'>> = {
  kennisartikelen: { upnUri: 'uplUri', trefwoord: 'synonym' },
  vacs: { trefwoord: 'synonym' },
};

/**
 * Published products and FAQs as KISS reads them from an Objects API: "SDG Kennisartikel" and "VAC"
 * records. Staff only: it carries internal articles and the KCC notes (`deskMemo`, internal toelichting).
 */
@Injectable()
export class KissService {
  constructor(
    private readonly query: LiveArticlesQuery,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(type: 'kennisartikelen', dto: KissListQueryDto): Promise<ObjectsApiPage<ObjectsApiObject<KissKennisartikel>>>;
  async list(type: 'vacs', dto: KissListQueryDto): Promise<ObjectsApiPage<ObjectsApiObject<KissVac>>>;
  async list(type: KissType, dto: KissListQueryDto): Promise<ObjectsApiPage<ObjectsApiObject<KissKennisartikel | KissVac>>> {
    const pageSize = Math.min(dto.pageSize ?? 100, this.config.catalog.maxPageSize);
    const page = dto.page ?? 1;
    const filter: LiveArticleFilter = { kinds: [KIND[type]], publicOnly: false, ...parseDataAttr(type, dto.data_attr) };
    const [lives, count] = await Promise.all([
      this.query.page(filter, { offset: (page - 1) * pageSize }, pageSize),
      this.query.count(filter),
    ]);
    const link = (n: number) => {
      const params = new URLSearchParams({
        page: String(n),
        pageSize: String(pageSize),
        ...(dto.data_attr ? { data_attr: dto.data_attr } : {}),
      });
      return `${this.base(type)}?${params}`;
    };
    const results = await this.records(type, lives);
    return toObjectsApiPage(results, {
      count,
      next: page * pageSize < count ? link(page + 1) : null,
      previous: page > 1 ? link(page - 1) : null,
    });
  }

  async get(type: KissType, uuid: string): Promise<ObjectsApiObject<KissKennisartikel | KissVac>> {
    const [live] = UUID_PATTERN.test(uuid) ? await this.query.inOrder([uuid]) : [];
    if (!live || live.article.kind !== KIND[type]) throw new CatalogItemNotFoundError(KIND[type], 'uuid');
    const [record] = await this.records(type, [live]);
    return record;
  }

  private async records(type: KissType, lives: LiveArticle[]): Promise<ObjectsApiObject<KissKennisartikel | KissVac>[]> {
    const organisation = { name: this.config.municipality.name, owmsUri: this.config.municipality.owmsUri };
    const relatedIds = [...new Set(lives.flatMap((l) => l.version.content.relatedIds))];
    const related = new Map((await this.query.inOrder(relatedIds)).map((l) => [l.article.id, l]));
    return lives.map((live) => {
      const url = `${this.base(type)}/${live.article.id}`;
      const data =
        type === 'kennisartikelen'
          ? toKissKennisartikel(live, { includeDeskMemo: true, objectUrl: url, organisation })
          : toKissVac(live, {
              includeKccNotes: true,
              related: live.version.content.relatedIds.flatMap((id) => {
                const r = related.get(id);
                if (!r || (r.article.kind !== 'product' && r.article.kind !== 'faq')) return [];
                return [{ kind: r.article.kind, url: `${this.base(r.article.kind === 'product' ? 'kennisartikelen' : 'vacs')}/${id}` }];
              }),
            });
      return toObjectsApiRecord(data, {
        url,
        uuid: live.article.id,
        typeUrl: `${this.config.http.publicBaseUrl}/api/kiss/objecttypes/${type}`,
        startAt: live.version.createdAt,
      });
    });
  }

  private base(type: KissType): string {
    return `${this.config.http.publicBaseUrl}/api/kiss/${type}`;
  }
}

/** `attr__exact__value[,attr__exact__value]` → filter fields; anything else is a 400 on data_attr. */
export function parseDataAttr(type: KissType, raw: string | undefined): Pick<LiveArticleFilter, 'uplUri' | 'synonym'> {
  const out: Pick<LiveArticleFilter, 'uplUri' | 'synonym'> = {};
  if (raw === undefined) return out;
  for (const part of raw.split(',')) {
    const match = /^([A-Za-z]+)__exact__(.+)$/.exec(part.trim());
    const field = match ? ATTRIBUTES[type][match[1]] : undefined;
    if (!match || !field) {
      const supported = Object.keys(ATTRIBUTES[type])
        .map((a) => `${a}__exact__<waarde>`)
        .join(', ');
      throw new ValidationFailedError([{ field: 'data_attr', code: 'UNSUPPORTED_DATA_ATTR', message: `supported: ${supported}` }]);
    }
    out[field] = match[2];
  }
  return out;
}
