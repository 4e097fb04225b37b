import { Inject, Injectable } from '@nestjs/common';
import { ChangePosition, LiveArticlesQuery } from '../articles/live-articles.query';
import { decodeCursor, encodeCursor } from '../common/http/cursor';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CATALOG_KINDS, CatalogKind, CatalogService } from './catalog.service';
import { isCatalogItem } from './catalog-representation';
import { CatalogChangesQueryDto } from './dto/catalog-query.dto';
import { CacheableRepresentation } from './http/catalog-response';

export type TombstoneReason = 'archived' | 'withdrawn' | 'renamed';

export type CatalogChange =
  | { type: 'upsert'; kind: CatalogKind; id: string; slug: string; item: unknown }
  | { type: 'tombstone'; kind: CatalogKind; id: string; slug: string; reason: TombstoneReason; replacedBy?: string };

const MAX_BIGINT = 2n ** 63n - 1n;
const START: ChangePosition = { txId: '0', eventId: '0' };

/**
 * The catalogue's change feed: what changed since a token, as upserts (the item's full current
 * representation) and tombstones (archived, withdrawn from the public, or an old slug after a rename).
 * Each changed article appears once per page, at its latest change; replaying a page is harmless.
 * Only articles that were once public appear at all, so drafts and internal articles leave no trace.
 */
@Injectable()
export class CatalogChangesService {
  constructor(
    private readonly query: LiveArticlesQuery,
    private readonly catalog: CatalogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async changes(dto: CatalogChangesQueryDto): Promise<CacheableRepresentation> {
    const limit = Math.min(dto.limit ?? 100, this.config.catalog.maxPageSize);
    const since = dto.since ? readPosition(dto.since) : START;
    // Read one event more than a page to know whether there is more.
    const batch = await this.query.changedSince(since, CATALOG_KINDS, limit * 5 + 1);
    const changed = batch.changes.slice(0, limit);
    const hasMore = batch.changes.length > limit || batch.more;
    const position = changed.at(-1)?.position ?? batch.position ?? since;

    const ids = changed.map((c) => c.articleId);
    const [lives, traces, retired] = await Promise.all([this.query.inOrder(ids), this.query.traces(ids), this.query.retiredSlugs(ids)]);
    const live = new Map(lives.filter(isCatalogItem).map((l) => [l.article.id, l]));
    const items = await this.catalog.representations([...live.values()]);

    const out: CatalogChange[] = [];
    for (const id of ids) {
      const trace = traces.get(id);
      if (!trace) continue; // deleted outright: never public (published articles are archived, not deleted)
      const kind = trace.kind as CatalogKind;
      const current = live.get(id);
      for (const slug of retired.get(id) ?? []) {
        out.push({
          type: 'tombstone',
          kind,
          id,
          slug,
          reason: current ? 'renamed' : reasonOf(trace.archived),
          ...(current ? { replacedBy: trace.slug } : {}),
        });
      }
      out.push(
        current
          ? { type: 'upsert', kind, id, slug: trace.slug, item: items.get(id) }
          : { type: 'tombstone', kind, id, slug: trace.slug, reason: reasonOf(trace.archived) },
      );
    }
    const token = encodeCursor([position.txId, position.eventId]);
    const next = `${this.config.http.publicBaseUrl}/api/catalog/changes?since=${token}&limit=${limit}`;
    return new CacheableRepresentation({ changes: out, since: token, hasMore, next }, null);
  }
}

function reasonOf(archived: boolean): TombstoneReason {
  return archived ? 'archived' : 'withdrawn';
}

function readPosition(raw: string): ChangePosition {
  return decodeCursor(
    raw,
    (values) => {
      const [txId, eventId] = values;
      // Both are bigint columns: a 19-digit value past their range reached the database as a 500.
      const digits = (v: unknown): v is string => typeof v === 'string' && /^\d{1,19}$/.test(v) && BigInt(v) <= MAX_BIGINT;
      return values.length === 2 && digits(txId) && digits(eventId) ? { txId, eventId } : null;
    },
    'since',
  );
}
