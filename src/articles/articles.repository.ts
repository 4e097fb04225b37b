import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { UUID_PATTERN } from '../common/http/cursor';
import { slugify } from '../common/http/slug';
import { snakeCase } from '../common/persistence/column-name';
import { keysetPage } from '../common/persistence/keyset-page';
import { lockingQuery } from '../common/persistence/row-lock';
import { ArticleEvent } from './article-event.entity';
import { ArticleSlug } from './article-slug.entity';
import { ArticleVersion } from './article-version.entity';
import { Article } from './article.entity';
import type { ArticleKind } from './article-content';
import type { ArticleStatus } from './article-workflow';
import { REVIEW_SOON_DAYS, addDays } from './review-interval';
import { LIVE_ARTICLE_SQL } from './live-article';

export interface ArticleListFilter {
  departmentId?: string;
  status?: ArticleStatus;
  kind?: ArticleKind;
  ownerId?: string;
  reviewDue?: 'overdue' | 'soon';
  q?: string;
  limit: number;
  cursor?: string;
  now: Date;
}

/** Rows per statement: keeps one statement's JSON parameter to a few megabytes. */
const ROWS_PER_STATEMENT = 500;
/** Per sort or row set of one batch statement (a chunk of 500 imported versions is about 4-8 MB). */
const BATCH_WORK_MEM = '32MB';

/** property, column, SQL type (for `jsonb_to_recordset`) */
type Column = readonly [string, string, string];

/** Columns from their properties and SQL types, each named as the naming strategy names it. */
const columns = (types: Record<string, string>): readonly Column[] =>
  Object.entries(types).map(([property, type]) => [property, snakeCase(property), type]);

/** Columns of `articles` a command may change. */
const MUTABLE_COLUMNS = columns({
  status: 'text',
  title: 'text',
  content: 'jsonb',
  contentHash: 'text',
  departmentId: 'uuid',
  ownerId: 'uuid',
  reviewIntervalDays: 'int',
  reviewDueAt: 'timestamptz',
  lastReviewedAt: 'timestamptz',
  lastReviewedById: 'uuid',
  publishedVersion: 'int',
  latestVersion: 'int',
  revisionAuthorId: 'uuid',
  revisionNote: 'text',
  rejectionReason: 'text',
  submittedAt: 'timestamptz',
  archivedAt: 'timestamptz',
});

const IDENTITY_COLUMNS = columns({
  id: 'uuid',
  externalId: 'text',
  kind: 'text',
  slug: 'text',
});

const VERSION_COLUMNS = columns({
  articleId: 'uuid',
  number: 'int',
  content: 'jsonb',
  rendered: 'jsonb',
  plainText: 'text',
  contentHash: 'text',
  reason: 'text',
  authorId: 'uuid',
  approvedById: 'uuid',
  restoredFrom: 'int',
});

const EVENT_COLUMNS = columns({
  articleId: 'uuid',
  action: 'text',
  fromStatus: 'text',
  toStatus: 'text',
  actorId: 'uuid',
  version: 'int',
  details: 'jsonb',
});

/** `jsonb_to_recordset($1)` typed as the columns: a whole chunk of rows travels as one JSON parameter. */
const recordset = (columns: readonly Column[]): string =>
  `jsonb_to_recordset($1::jsonb) AS r(${columns.map(([, column, type]) => `${column} ${type}`).join(', ')})`;

const asRecords = (columns: readonly Column[], rows: object[]): string =>
  JSON.stringify(
    rows.map((row) =>
      Object.fromEntries(columns.map(([property, column]) => [column, (row as Record<string, unknown>)[property] ?? null])),
    ),
  );

/**
 * Many rows per statement without an ORM building one bind parameter per value (which costs more
 * than the insert itself at import sizes); `constants` are SQL expressions for the other columns.
 */
async function insertRecords(
  manager: EntityManager,
  table: string,
  columns: readonly Column[],
  rows: object[],
  constants: Record<string, string> = {},
): Promise<void> {
  const names = [...columns.map(([, column]) => column), ...Object.keys(constants)];
  const values = [...columns.map(([, column]) => `r.${column}`), ...Object.values(constants)];
  for (const chunk of chunks(rows, ROWS_PER_STATEMENT)) {
    await manager.query(`INSERT INTO ${table} (${names.join(', ')}) SELECT ${values.join(', ')} FROM ${recordset(columns)}`, [
      asRecords(columns, chunk),
    ]);
  }
}

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
const suffixed = (base: string, n: number): string => (n === 1 ? base : `${base}-${n}`);

/** All SQL about articles, their versions, old slugs and audit events. */
@Injectable()
export class ArticlesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** With department, owner and last reviewer loaded. */
  findById(id: string, manager?: EntityManager): Promise<Article | null> {
    if (!UUID_PATTERN.test(id)) return Promise.resolve(null);
    return this.m(manager)
      .getRepository(Article)
      .findOne({
        where: { id },
        relations: { department: true, owner: true, lastReviewedBy: true },
      });
  }

  /** By id, current slug or a retired slug. */
  async findByRef(ref: string, manager?: EntityManager): Promise<Article | null> {
    if (UUID_PATTERN.test(ref)) return this.findById(ref, manager);
    const repo = this.m(manager).getRepository(Article);
    const relations = { department: true, owner: true, lastReviewedBy: true };
    const current = await repo.findOne({ where: { slug: ref }, relations });
    if (current) return current;
    const old = await this.m(manager).getRepository(ArticleSlug).findOneBy({ slug: ref });
    return old ? this.findById(old.articleId, manager) : null;
  }

  findByExternalId(externalId: string, manager?: EntityManager): Promise<Article | null> {
    return this.m(manager).getRepository(Article).findOneBy({ externalId });
  }

  /** Row lock for the rest of the transaction; relations are loaded separately (FOR UPDATE cannot cross outer joins). */
  async lock(manager: EntityManager, id: string): Promise<Article | null> {
    if (!UUID_PATTERN.test(id)) return null;
    const row = await lockingQuery(manager, Article, 'a').where('a.id = :id', { id }).getOne();
    return row ? this.findById(id, manager) : null;
  }

  /** Saves and, in the same transaction, records the change in the outbox that search (and others) drain. */
  async save(manager: EntityManager, article: Article): Promise<Article> {
    const saved = await manager.getRepository(Article).save(article);
    await manager.query('INSERT INTO article_outbox (article_id) VALUES ($1)', [article.id]);
    return saved;
  }

  /**
   * Row locks on many articles at once (ids sorted, so two bulk writers cannot deadlock), with their
   * departments; articles that do not exist are missing from the map.
   */
  async lockMany(manager: EntityManager, ids: string[]): Promise<Map<string, Article>> {
    const valid = [...new Set(ids.filter((id) => UUID_PATTERN.test(id)))].sort();
    if (valid.length === 0) return new Map();
    const rows = await manager
      .getRepository(Article)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.department', 'department')
      .setLock('pessimistic_write', undefined, ['a'])
      .where('a.id IN (:...ids)', { ids: valid })
      .orderBy('a.id')
      .getMany();
    return new Map(rows.map((a) => [a.id, a]));
  }

  /** Content hash of each article's live version, for those that have one. */
  async liveContentHashes(manager: EntityManager, articles: Article[]): Promise<Map<string, string>> {
    const live = articles.filter((a) => a.publishedVersion !== null);
    if (live.length === 0) return new Map();
    const rows: { article_id: string; content_hash: string }[] = await manager.query(
      `SELECT v.article_id, v.content_hash FROM article_versions v
       JOIN unnest($1::uuid[], $2::int[]) AS l(id, number) ON v.article_id = l.id AND v.number = l.number`,
      [live.map((a) => a.id), live.map((a) => a.publishedVersion)],
    );
    return new Map(rows.map((r) => [r.article_id, r.content_hash]));
  }

  /** New articles, many rows per statement (the caller records them in the outbox). */
  async insertMany(manager: EntityManager, articles: Article[]): Promise<void> {
    await insertRecords(manager, 'articles', [...IDENTITY_COLUMNS, ...MUTABLE_COLUMNS], articles, { row_version: '1' });
  }

  /**
   * Writes the working copy and stewardship columns of many locked articles in one statement per
   * chunk (the columns a command may change; id, kind, slug and external id never change here).
   */
  async updateMany(manager: EntityManager, articles: Article[]): Promise<void> {
    for (const chunk of chunks(articles, ROWS_PER_STATEMENT)) {
      await manager.query(
        `UPDATE articles AS a SET ${MUTABLE_COLUMNS.map(([, column]) => `${column} = r.${column}`).join(', ')},
           row_version = a.row_version + 1, updated_at = now()
         FROM ${recordset([...columns({ id: 'uuid' }), ...MUTABLE_COLUMNS])}
         WHERE a.id = r.id`,
        [asRecords([...columns({ id: 'uuid' }), ...MUTABLE_COLUMNS], chunk)],
      );
      for (const a of chunk) a.rowVersion += 1;
    }
  }

  /**
   * Room for a large batch's row sets in memory, for the rest of its transaction: `jsonb_to_recordset`
   * and the audit trigger's transition table each hold a whole chunk, and at PostgreSQL's default
   * 4 MB a chunk of 500 wide versions went to a temporary file and back (docs/search.md, "Import").
   */
  async roomForBatch(manager: EntityManager): Promise<void> {
    await manager.query(`SET LOCAL work_mem = '${BATCH_WORK_MEM}'`);
  }

  async insertVersions(manager: EntityManager, versions: Partial<ArticleVersion>[]): Promise<void> {
    await insertRecords(manager, 'article_versions', VERSION_COLUMNS, versions);
  }

  async insertEvents(manager: EntityManager, events: Partial<ArticleEvent>[]): Promise<void> {
    await insertRecords(manager, 'article_events', EVENT_COLUMNS, events);
  }

  /** Records changed articles in the outbox that search (and others) drain. */
  async touchOutbox(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length) await manager.query('INSERT INTO article_outbox (article_id) SELECT unnest($1::uuid[])', [ids]);
  }

  /**
   * A free slug per title, derived as the editor would get it (`paspoort`, `paspoort-2`, …): not in
   * use, not retired, and not handed out earlier in the same list. One query per round of candidates.
   */
  async allocateSlugs(manager: EntityManager, titles: string[]): Promise<string[]> {
    const out = new Array<string>(titles.length);
    const given = new Set<string>();
    const next = new Map<string, number>();
    let open = titles.map((title, i) => ({ base: slugify(title) || 'artikel', i }));
    while (open.length) {
      const need = new Map<string, number>();
      for (const { base } of open) need.set(base, (need.get(base) ?? 0) + 1);
      // Per base as many suffixes as the list needs, plus a few for ones in use.
      const windows = [...need].map(([base, n]) => {
        const from = next.get(base) ?? 1;
        next.set(base, from + n + 3);
        return { base, slugs: range(from, from + n + 3).map((k) => suffixed(base, k)) };
      });
      const taken = await this.slugsTaken(
        manager,
        windows.flatMap((w) => w.slugs),
      );
      const free = new Map(windows.map((w) => [w.base, w.slugs.filter((slug) => !taken.has(slug))]));
      open = open.filter(({ base, i }) => {
        const candidates = free.get(base)!;
        for (let slug = candidates.shift(); slug !== undefined; slug = candidates.shift()) {
          if (given.has(slug)) continue;
          given.add(slug);
          out[i] = slug;
          return false;
        }
        return true;
      });
    }
    return out;
  }

  private async slugsTaken(manager: EntityManager, slugs: string[]): Promise<Set<string>> {
    const rows: { slug: string }[] = await manager.query(
      'SELECT slug FROM articles WHERE slug = ANY($1) UNION SELECT slug FROM article_slugs WHERE slug = ANY($1)',
      [slugs],
    );
    return new Set(rows.map((r) => r.slug));
  }

  /** Whether another article uses this slug now or used it before. */
  async slugInUse(manager: EntityManager, slug: string, exceptArticleId?: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM articles WHERE slug = $1 AND id IS DISTINCT FROM $2::uuid
       UNION ALL SELECT 1 FROM article_slugs WHERE slug = $1 AND article_id IS DISTINCT FROM $2::uuid LIMIT 1`,
      [slug, exceptArticleId ?? null],
    );
    return rows.length > 0;
  }

  /** Keeps the old slug for redirects; an article taking back one of its own old slugs frees it. */
  async retireSlug(manager: EntityManager, articleId: string, oldSlug: string, newSlug: string): Promise<void> {
    await manager.delete(ArticleSlug, { slug: newSlug, articleId });
    await manager.insert(ArticleSlug, { slug: oldSlug, articleId });
  }

  async oldSlugs(articleId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(ArticleSlug).find({ where: { articleId }, order: { retiredAt: 'ASC' } });
    return rows.map((r) => r.slug);
  }

  async existingIds(ids: string[], manager?: EntityManager): Promise<Set<string>> {
    const valid = ids.filter((id) => UUID_PATTERN.test(id));
    if (valid.length === 0) return new Set();
    const rows = await this.m(manager)
      .getRepository(Article)
      .find({ select: { id: true }, where: { id: In(valid) } });
    return new Set(rows.map((r) => r.id));
  }

  insertVersion(manager: EntityManager, version: Partial<ArticleVersion>): Promise<ArticleVersion> {
    return manager.getRepository(ArticleVersion).save(manager.getRepository(ArticleVersion).create(version));
  }

  listVersions(articleId: string): Promise<ArticleVersion[]> {
    return this.dataSource.getRepository(ArticleVersion).find({
      where: { articleId },
      relations: { author: true, approvedBy: true },
      order: { number: 'DESC' },
    });
  }

  findVersion(articleId: string, number: number, manager?: EntityManager): Promise<ArticleVersion | null> {
    return this.m(manager)
      .getRepository(ArticleVersion)
      .findOne({
        where: { articleId, number },
        relations: { author: true, approvedBy: true },
      });
  }

  async insertEvent(manager: EntityManager, event: Partial<ArticleEvent>): Promise<void> {
    await manager.getRepository(ArticleEvent).save(manager.getRepository(ArticleEvent).create(event));
  }

  listEvents(articleId: string): Promise<ArticleEvent[]> {
    return this.dataSource.getRepository(ArticleEvent).find({ where: { articleId }, order: { id: 'ASC' } });
  }

  count(): Promise<number> {
    return this.dataSource.getRepository(Article).count();
  }

  /** Newest change first; keyset pagination on (updated_at, id). */
  async list(filter: ArticleListFilter): Promise<{ items: Article[]; nextCursor: string | null }> {
    const qb = this.dataSource
      .getRepository(Article)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.department', 'department')
      // Only many-to-one joins, so the page's LIMIT is exact (no row multiplication).
      .leftJoinAndSelect('a.owner', 'owner');
    if (filter.departmentId) qb.andWhere('a.department_id = :departmentId', { departmentId: filter.departmentId });
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.kind) qb.andWhere('a.kind = :kind', { kind: filter.kind });
    if (filter.ownerId) qb.andWhere('a.owner_id = :ownerId', { ownerId: filter.ownerId });
    if (filter.reviewDue) {
      qb.andWhere(LIVE_ARTICLE_SQL('a'));
      if (filter.reviewDue === 'overdue') qb.andWhere('a.review_due_at <= :now', { now: filter.now });
      else
        qb.andWhere('a.review_due_at > :now AND a.review_due_at <= :soon', {
          now: filter.now,
          soon: addDays(filter.now, REVIEW_SOON_DAYS),
        });
    }
    if (filter.q?.trim()) {
      const like = `%${filter.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(new Brackets((w) => w.where('a.title ILIKE :like', { like }).orWhere(`a.content->>'summary' ILIKE :like`, { like })));
    }
    return keysetPage(qb, 'updatedAt', filter);
  }
}
