import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ArticleKind, TargetGroup } from './article-content';
import { LiveArticle, PublishedArticlesService } from './published-articles.service';
import { LIVE_ARTICLE_SQL } from './live-article';

/** Which live articles a reader (the public catalogue, an export) may see, and how it narrows them. */
export interface LiveArticleFilter {
  kinds: readonly ArticleKind[];
  /** only articles whose live version is for the public (no internal instructions or FAQs) */
  publicOnly: boolean;
  /** any of these theme names */
  themes?: string[];
  /** any of these life-event names */
  lifeEvents?: string[];
  targetGroup?: TargetGroup;
  /** department slug */
  department?: string;
  /** exact UPL URI */
  uplUri?: string;
  /** one of the synonyms (trefwoorden), case-insensitive */
  synonym?: string;
}

/** Keyset position in the (case-insensitive) title order: the last item of the previous page. */
export interface TitleKey {
  title: string;
  id: string;
}

/** Where a change-feed reader stands: the last event it has seen, in (transaction, event) order. */
export interface ChangePosition {
  txId: string;
  eventId: string;
}

export interface ChangedArticle {
  articleId: string;
  /** position of the article's last event in this batch */
  position: ChangePosition;
}

/** The little a public reader may learn about any article it once saw: enough for a tombstone. */
export interface ArticleTrace {
  id: string;
  kind: ArticleKind;
  slug: string;
  archived: boolean;
}

export type SlugResolution =
  { kind: 'current'; articleId: string } | { kind: 'retired'; articleId: string; currentSlug: string } | { kind: 'unknown' };

/**
 * Query side of published content for readers outside the articles module: filtered, keyset-paged
 * lists in title order, facet counts, slug history and an ordered change log. It reads the live
 * version (what was approved), never the working copy.
 */
@Injectable()
export class LiveArticlesQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly published: PublishedArticlesService,
  ) {}

  /**
   * One page in (title, id) order, with the live versions loaded: after the keyset position `after`
   * (stable while items change), or from `offset` (for clients that page by number).
   */
  async page(filter: LiveArticleFilter, position: { after?: TitleKey | null; offset?: number }, limit: number): Promise<LiveArticle[]> {
    const where = liveWhere(filter);
    const params = [...where.params];
    let keyset = '';
    if (position.after) {
      params.push(position.after.title, position.after.id);
      keyset = `AND (lower(v.content->>'title'), a.id) > (lower($${params.length - 1}), $${params.length}::uuid)`;
    }
    params.push(limit, position.offset ?? 0);
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT a.id FROM articles a ${LIVE_JOIN} WHERE ${where.sql} ${keyset}
       ORDER BY lower(v.content->>'title'), a.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return this.inOrder(rows.map((r) => r.id));
  }

  /** The keyset position of `live` in the title order. */
  static titleKey(live: LiveArticle): TitleKey {
    return { title: live.version.content.title, id: live.article.id };
  }

  /** Every live article matching `filter`, in title order (exports: a few thousand at most). */
  async all(filter: LiveArticleFilter, batchSize = 500): Promise<LiveArticle[]> {
    const out: LiveArticle[] = [];
    for (let after: TitleKey | null = null; ;) {
      const page = await this.page(filter, { after }, batchSize);
      out.push(...page);
      if (page.length < batchSize) return out;
      after = LiveArticlesQuery.titleKey(page[page.length - 1]);
    }
  }

  /** Live articles by id, in the order given (absent ones dropped). */
  async inOrder(ids: string[]): Promise<LiveArticle[]> {
    const live = await this.published.findLive(ids);
    const byId = new Map(live.map((l) => [l.article.id, l]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async count(filter: LiveArticleFilter): Promise<number> {
    const where = liveWhere(filter);
    const [row] = await this.dataSource.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM articles a ${LIVE_JOIN} WHERE ${where.sql}`,
      where.params,
    );
    return row.n;
  }

  /** How many live articles carry each theme or life event, most common first. */
  async facet(field: 'themes' | 'lifeEvents', filter: LiveArticleFilter): Promise<{ value: string; count: number }[]> {
    const where = liveWhere(filter);
    return this.dataSource.query(
      `SELECT value, count(*)::int AS count
       FROM articles a ${LIVE_JOIN}, jsonb_array_elements_text(v.content->'${field}') AS value
       WHERE ${where.sql}
       GROUP BY value ORDER BY count DESC, value`,
      where.params,
    );
  }

  /** The article a slug names now, or named before it was renamed. */
  async resolveSlug(slug: string): Promise<SlugResolution> {
    const rows: { id: string; slug: string; retired: boolean }[] = await this.dataSource.query(
      `SELECT a.id, a.slug, false AS retired FROM articles a WHERE a.slug = $1
       UNION ALL
       SELECT a.id, a.slug, true FROM article_slugs s JOIN articles a ON a.id = s.article_id WHERE s.slug = $1
       LIMIT 1`,
      [slug],
    );
    if (rows.length === 0) return { kind: 'unknown' };
    const [row] = rows;
    return row.retired ? { kind: 'retired', articleId: row.id, currentSlug: row.slug } : { kind: 'current', articleId: row.id };
  }

  /** Whether any approved version of the article was for the public (then it may leave a public trace). */
  async wasPublic(articleId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM article_versions WHERE article_id = $1 AND content->>'audience' = 'public' LIMIT 1`,
      [articleId],
    );
    return rows.length > 0;
  }

  async traces(ids: string[]): Promise<Map<string, ArticleTrace>> {
    const rows: ArticleTrace[] = await this.dataSource.query(
      `SELECT id, kind, slug, status = 'archived' AS archived FROM articles WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Slugs an article had before its current one. */
  async retiredSlugs(articleIds: string[]): Promise<Map<string, string[]>> {
    const rows: { articleId: string; slug: string }[] = await this.dataSource.query(
      `SELECT article_id AS "articleId", slug FROM article_slugs WHERE article_id = ANY($1::uuid[]) ORDER BY retired_at, slug`,
      [articleIds],
    );
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.articleId, [...(out.get(r.articleId) ?? []), r.slug]);
    return out;
  }

  /**
   * Articles of `kinds` that were ever published for the public (only those can leave a trace in a
   * public feed) with events after `after`, in (transaction, event) order, at most `limit` events.
   * Only transactions older than the oldest one still running in this database are read: every one
   * of those has committed or aborted, so no later commit can slip in behind a position already
   * handed out (see OWN_HORIZON).
   */
  async changedSince(
    after: ChangePosition | null,
    kinds: readonly ArticleKind[],
    limit: number,
  ): Promise<{ changes: ChangedArticle[]; position: ChangePosition | null; more: boolean }> {
    const rows: { articleId: string; txId: string; eventId: string }[] = await this.dataSource.query(
      `SELECT e.article_id AS "articleId", e.tx_id::text AS "txId", e.id::text AS "eventId"
       FROM article_events e
       JOIN articles a ON a.id = e.article_id
       WHERE e.tx_id < (${OWN_HORIZON})
         AND ($1::bigint IS NULL OR (e.tx_id, e.id) > ($1::bigint, $2::bigint))
         AND a.kind = ANY($3::text[])
         AND EXISTS (SELECT 1 FROM article_versions pv WHERE pv.article_id = a.id AND pv.content->>'audience' = 'public')
       ORDER BY e.tx_id, e.id
       LIMIT $4`,
      [after?.txId ?? null, after?.eventId ?? null, kinds, limit],
    );
    const last = new Map<string, ChangePosition>();
    for (const r of rows) {
      last.delete(r.articleId); // keep insertion order = order of each article's last event
      last.set(r.articleId, { txId: r.txId, eventId: r.eventId });
    }
    const end = rows.at(-1);
    return {
      changes: [...last].map(([articleId, position]) => ({ articleId, position })),
      position: end ? { txId: end.txId, eventId: end.eventId } : after,
      more: rows.length === limit,
    };
  }

  /** When anything about articles of `kinds` last changed (feeds Last-Modified of catalogue lists). */
  async lastChangedAt(kinds: readonly ArticleKind[]): Promise<Date | null> {
    const [row] = await this.dataSource.query<[{ at: Date | null }]>(
      `SELECT max(e.created_at) AS at FROM article_events e JOIN articles a ON a.id = e.article_id WHERE a.kind = ANY($1::text[])`,
      [kinds],
    );
    return row.at ? new Date(row.at) : null;
  }
}

/**
 * The feed's horizon: the oldest transaction id still running in this statement's snapshot, leaving
 * out those that belong to another database; the snapshot's xmax when none is left.
 *
 * Transaction ids are cluster-wide, so `pg_snapshot_xmin` alone let any long transaction in any other
 * database on the server (another application, a report, a test) hold the feed back for as long as it
 * ran: a change committed here was not handed out, and a website was told it had everything.
 *
 * Safe: an id is left out only when a backend connected to another database holds it right now (an id
 * is never reused, and a backend keeps its database), and such a transaction cannot write our events.
 * An id whose transaction ended between the snapshot and the look-up, or whose backend the role may
 * not see, stays in: that only delays a change, never skips one. `backend_xid` is the 32-bit form.
 */
const OWN_HORIZON = `
  SELECT coalesce(
    (SELECT min(x::text::bigint) FROM pg_snapshot_xip(pg_current_snapshot()) x
      WHERE NOT EXISTS (
        SELECT 1 FROM pg_stat_activity p
        WHERE p.datname <> current_database() AND p.backend_xid::text::bigint = x::text::bigint % 4294967296)),
    pg_snapshot_xmax(pg_current_snapshot())::text::bigint)`;

// The live version of a published, non-archived article.
const LIVE_JOIN = `JOIN article_versions v ON v.article_id = a.id AND v.number = a.published_version`;

function liveWhere(filter: LiveArticleFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [filter.kinds];
  const clauses = [LIVE_ARTICLE_SQL('a'), `a.kind = ANY($1::text[])`];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    clauses.push(sql(params.length));
  };
  if (filter.publicOnly) clauses.push(`v.content->>'audience' = 'public'`);
  if (filter.themes) add((n) => `v.content->'themes' ?| $${n}::text[]`, filter.themes);
  if (filter.lifeEvents) add((n) => `v.content->'lifeEvents' ?| $${n}::text[]`, filter.lifeEvents);
  if (filter.targetGroup) add((n) => `v.content->'targetGroups' ? $${n}`, filter.targetGroup);
  if (filter.department) add((n) => `a.department_id = (SELECT id FROM departments WHERE slug = $${n})`, filter.department);
  if (filter.uplUri) add((n) => `v.content->>'uplUri' = $${n}`, filter.uplUri);
  if (filter.synonym)
    add((n) => `EXISTS (SELECT 1 FROM jsonb_array_elements_text(v.content->'synonyms') s WHERE lower(s) = lower($${n}))`, filter.synonym);
  return { sql: clauses.join(' AND '), params };
}
