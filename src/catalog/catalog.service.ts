import { Inject, Injectable } from '@nestjs/common';
import type { ArticleKind } from '../articles/article-content';
import { LiveArticleFilter, LiveArticlesQuery, TitleKey } from '../articles/live-articles.query';
import type { LiveArticle } from '../articles/published-articles.service';
import { UUID_PATTERN, decodeCursor, encodeCursor } from '../common/http/cursor';
import { slugify } from '../common/http/slug';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { SearchService } from '../search/search.service';
import { CatalogItemGoneError, CatalogItemNotFoundError } from './catalog.errors';
import { productPageUrl } from './catalog-format';
import {
  CatalogLinks,
  catalogHref,
  isCatalogItem,
  toCatalogFaq,
  toCatalogFaqSummary,
  toCatalogProduct,
  toCatalogProductSummary,
} from './catalog-representation';
import { CatalogListQueryDto } from './dto/catalog-query.dto';
import { CacheableRepresentation, PermanentRedirect } from './http/catalog-response';
import { toGovernmentServiceJsonLd } from './json-ld';

export type CatalogKind = Extract<ArticleKind, 'product' | 'faq'>;
export const CATALOG_KINDS: readonly CatalogKind[] = ['product', 'faq'];

// Search pages deeper than this are not worth ranking for a website; the search API caps offsets too.
const MAX_SEARCH_OFFSET = 1000;

type ListCursor = { after: TitleKey } | { offset: number };

/**
 * The public productencatalogus: only live, public products and FAQs, in the shape the municipal
 * website renders. Lists page by (title, id) keyset; a free-text `q` is ranked by the search engine.
 */
@Injectable()
export class CatalogService {
  private readonly links: CatalogLinks;

  constructor(
    private readonly query: LiveArticlesQuery,
    private readonly search: SearchService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.links = { apiBaseUrl: config.http.publicBaseUrl, productUrl: config.municipality.productUrl };
  }

  async list(kind: CatalogKind, dto: CatalogListQueryDto): Promise<CacheableRepresentation> {
    const limit = Math.min(dto.limit ?? 20, this.config.catalog.maxPageSize);
    const cursor = dto.cursor ? readListCursor(dto.cursor, dto.q !== undefined) : null;
    // Theme and life-event slugs are resolved once, for whichever way the page is found.
    const filter = await this.filter(kind, dto);
    const [page, total, lastChangedAt] = await Promise.all([
      dto.q !== undefined ? this.searchPage(kind, dto, filter, cursor, limit) : this.titlePage(filter, cursor, limit),
      dto.q !== undefined ? null : this.query.count(filter),
      this.query.lastChangedAt([kind]),
    ]);
    const next = page.next ? this.listUrl(kind, { ...dto, limit, cursor: page.next }) : null;
    const items = page.items.map((live) =>
      kind === 'product' ? toCatalogProductSummary(live, this.links) : toCatalogFaqSummary(live, this.links),
    );
    return new CacheableRepresentation({ total: total ?? page.total, limit, items, next }, lastChangedAt);
  }

  /** A product or FAQ by slug: 301 for a renamed one, 410 for a withdrawn one, 404 otherwise. */
  async item(kind: CatalogKind, slug: string, format: 'json' | 'ld+json' = 'json'): Promise<CacheableRepresentation | PermanentRedirect> {
    const resolved = await this.query.resolveSlug(slug);
    if (resolved.kind === 'unknown') throw new CatalogItemNotFoundError(kind);
    const [live] = await this.query.inOrder([resolved.articleId]);
    if (!live || !isCatalogItem(live) || live.article.kind !== kind) {
      const [trace] = (await this.query.traces([resolved.articleId])).values();
      if (trace?.kind === kind && (await this.query.wasPublic(resolved.articleId))) throw new CatalogItemGoneError(kind);
      throw new CatalogItemNotFoundError(kind);
    }
    if (resolved.kind === 'retired') return new PermanentRedirect(catalogHref(this.links, kind, resolved.currentSlug));

    const related = await this.related([live]);
    const mine = related.get(live.article.id) ?? [];
    const lastModified = latest(
      [live, ...mine].map((l) => l.version.createdAt).concat(live.article.department ? [live.article.department.updatedAt] : []),
    );
    if (format === 'ld+json' && kind === 'product') {
      const jsonLd = toGovernmentServiceJsonLd(
        live,
        this.config.municipality,
        productPageUrl(this.config.municipality.productUrl, live.article.slug),
      );
      return new CacheableRepresentation(jsonLd, lastModified, 'application/ld+json');
    }
    const body = kind === 'product' ? toCatalogProduct(live, mine, this.links) : toCatalogFaq(live, mine, this.links);
    return new CacheableRepresentation(body, lastModified);
  }

  /** Full representations (as `item` gives them) of live catalogue articles, for the change feed. */
  async representations(lives: LiveArticle[]): Promise<Map<string, unknown>> {
    const related = await this.related(lives);
    return new Map(
      lives.map((live) => {
        const mine = related.get(live.article.id) ?? [];
        return [
          live.article.id,
          live.article.kind === 'product' ? toCatalogProduct(live, mine, this.links) : toCatalogFaq(live, mine, this.links),
        ];
      }),
    );
  }

  /** Themes or life events of public products and FAQs, with how many of each carry it. */
  async terms(field: 'themes' | 'lifeEvents'): Promise<CacheableRepresentation> {
    const count = (kind: CatalogKind) => this.query.facet(field, { kinds: [kind], publicOnly: true });
    const [products, faqs, lastChangedAt] = await Promise.all([count('product'), count('faq'), this.query.lastChangedAt(CATALOG_KINDS)]);
    const terms = new Map<string, { slug: string; name: string; products: number; faqs: number }>();
    const add = (rows: { value: string; count: number }[], key: 'products' | 'faqs') => {
      for (const { value, count: n } of rows) {
        const slug = slugify(value);
        if (!slug) continue;
        const term = terms.get(slug) ?? { slug, name: value.trim(), products: 0, faqs: 0 };
        term[key] += n;
        terms.set(slug, term);
      }
    };
    add(products, 'products');
    add(faqs, 'faqs');
    const items = [...terms.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    return new CacheableRepresentation({ total: items.length, items }, lastChangedAt);
  }

  get catalogLinks(): CatalogLinks {
    return this.links;
  }

  private async titlePage(filter: LiveArticleFilter, cursor: ListCursor | null, limit: number) {
    const after = cursor && 'after' in cursor ? cursor.after : null;
    const rows = await this.query.page(filter, { after }, limit + 1);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, total: null, next: rows.length > limit && last ? titleCursor(LiveArticlesQuery.titleKey(last)) : null };
  }

  private async searchPage(
    kind: CatalogKind,
    dto: CatalogListQueryDto,
    filter: LiveArticleFilter,
    cursor: ListCursor | null,
    limit: number,
  ) {
    const offset = cursor && 'offset' in cursor ? cursor.offset : 0;
    // The search engine filters by one exact name; a slug matching no name finds nothing.
    if (filter.themes?.length === 0 || filter.lifeEvents?.length === 0) return { items: [], total: 0, next: null };
    const answer = await this.search.search(null, {
      q: dto.q!,
      kind,
      theme: filter.themes?.[0],
      lifeEvent: filter.lifeEvents?.[0],
      targetGroup: dto.targetGroup,
      department: dto.department,
      limit: Math.min(limit, 50),
      offset,
    });
    const items = (await this.query.inOrder(answer.hits.map((h) => h.id))).filter(isCatalogItem);
    const nextOffset = offset + answer.hits.length;
    return {
      items,
      total: answer.total,
      next: nextOffset < answer.total && nextOffset < MAX_SEARCH_OFFSET && answer.hits.length > 0 ? encodeCursor(['o', nextOffset]) : null,
    };
  }

  private async filter(kind: CatalogKind, dto: CatalogListQueryDto): Promise<LiveArticleFilter> {
    const names = await this.names(kind, dto);
    return {
      kinds: [kind],
      publicOnly: true,
      themes: names.themes,
      lifeEvents: names.lifeEvents,
      targetGroup: dto.targetGroup,
      department: dto.department,
    };
  }

  /**
   * Theme and life-event names are free text; the API speaks slugs. The names a slug stands for:
   * undefined = no filter, [] = matches nothing.
   */
  private async names(kind: CatalogKind, dto: CatalogListQueryDto): Promise<{ themes?: string[]; lifeEvents?: string[] }> {
    const resolve = async (field: 'themes' | 'lifeEvents', slug: string | undefined): Promise<string[] | undefined> => {
      if (slug === undefined) return undefined;
      const rows = await this.query.facet(field, { kinds: [kind], publicOnly: true });
      return rows.map((r) => r.value).filter((name) => slugify(name) === slug);
    };
    return { themes: await resolve('themes', dto.theme), lifeEvents: await resolve('lifeEvents', dto.lifeEvent) };
  }

  /** Live public related articles per article, in the order the editor gave them. */
  private async related(lives: LiveArticle[]): Promise<Map<string, LiveArticle[]>> {
    const ids = [...new Set(lives.flatMap((l) => l.version.content.relatedIds))];
    const found = new Map((await this.query.inOrder(ids)).filter(isCatalogItem).map((l) => [l.article.id, l]));
    return new Map(lives.map((l) => [l.article.id, l.version.content.relatedIds.flatMap((id) => found.get(id) ?? [])]));
  }

  private listUrl(kind: CatalogKind, dto: CatalogListQueryDto): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(dto)) if (value !== undefined && value !== null) params.set(key, String(value));
    return `${this.links.apiBaseUrl}/api/catalog/${kind === 'faq' ? 'faqs' : 'products'}?${params}`;
  }
}

function titleCursor(key: TitleKey): string {
  return encodeCursor(['t', key.title, key.id]);
}

/** A list cursor: a title keyset for browsing, a result offset for a ranked `q` list. */
function readListCursor(raw: string, ranked: boolean): ListCursor {
  return decodeCursor<ListCursor>(raw, (values) => {
    const [type, a, b] = values;
    if (!ranked && type === 't' && typeof a === 'string' && typeof b === 'string' && UUID_PATTERN.test(b) && values.length === 3)
      return { after: { title: a, id: b } };
    if (
      ranked &&
      type === 'o' &&
      Number.isSafeInteger(a) &&
      (a as number) >= 0 &&
      (a as number) <= MAX_SEARCH_OFFSET &&
      values.length === 2
    )
      return { offset: a as number };
    return null;
  });
}

function latest(dates: Date[]): Date | null {
  return dates.length ? new Date(Math.max(...dates.map((d) => d.getTime()))) : null;
}
