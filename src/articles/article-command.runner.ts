import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/request-context/actor';
import { Clock } from '../common/time/clock';
import { Article } from './article.entity';
import { ArticleChangeSignal } from './article-change.signal';
import type { ArticleEvent } from './article-event.entity';
import type { ArticleVersion } from './article-version.entity';
import { ArticleStatus, WorkflowAction, transition } from './article-workflow';
import { ArticlesRepository } from './articles.repository';
import { ArticleModifiedError, ArticleNotFoundError, IfMatchRequiredError, IllegalTransitionError } from './articles.errors';
import { etagOf } from './dto/article-response';

export interface CommandOptions {
  action: WorkflowAction;
  /** the If-Match header as sent */
  ifMatch?: string;
  /** 428 when the header is missing (edits that overwrite the working copy) */
  requireIfMatch: boolean;
  reason?: string | null;
  /** resource rules (department, four eyes, ownership); throws ForbiddenError */
  authorize: (article: Article) => void | Promise<void>;
}

export interface CommandContext {
  manager: EntityManager;
  article: Article;
  now: Date;
  /** the status the workflow moves to */
  to: Article['status'];
}

/** What a bulk command did, in order: `create`, workflow actions, or `update` (stewardship data only, status kept). */
export type BulkAction = WorkflowAction | 'create' | 'update';

/** One step of a bulk command: a workflow action (checked against the table) or `update`. */
export interface BulkStep {
  action: Exclude<BulkAction, 'create'>;
  /** the audit event's action when it is not `action` (an `update` with a name of its own, e.g. `reschedule_review`) */
  event?: string;
  /** the step's effect on the locked article; returns details for its audit event */
  apply?: (ctx: StepContext) => Record<string, unknown> | void;
}

export interface StepContext {
  article: Article;
  now: Date;
  /** the status the workflow moves to */
  to: ArticleStatus;
  /** content hash of the live version; null when nothing is live */
  liveContentHash: string | null;
  /** a new immutable version (ArticleVersioning.freeze) to insert with the batch */
  addVersion: (version: Partial<ArticleVersion>) => void;
}

export interface BulkCommand {
  articleId: string;
  /** builds the new article (status `draft`; an empty slug is derived from the title) when none has this id */
  create?: (manager: EntityManager) => Article | Promise<Article>;
  /** resource rules on an existing article; throws ForbiddenError */
  authorize?: (article: Article) => void;
  /** decides from the locked current state which steps to take, in order; none and not new: unchanged */
  plan: (article: Article, context: { created: boolean; liveContentHash: string | null; now: Date }) => BulkStep[];
  /** carried by every audit event of this command (e.g. `{ via: 'import', externalId }`) */
  details?: Record<string, unknown>;
}

export type BulkResult = { ok: true; article: Article; created: boolean; actions: BulkAction[] } | { ok: false; error: unknown };

interface PendingWrite {
  article: Article;
  created: boolean;
  actions: BulkAction[];
  events: Partial<ArticleEvent>[];
  versions: Partial<ArticleVersion>[];
}

/**
 * The one write path for articles. Every change runs as a unit: transaction, row lock, ETag check,
 * workflow check, the change itself, an audit event per step, the outbox row and, after commit, the
 * change signal. `run` changes one existing article; `create` adds one; `bulk` does both for many
 * (an import) with one statement per table per batch, and a command that fails leaves the others.
 */
@Injectable()
export class ArticleCommandRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly articles: ArticlesRepository,
    private readonly clock: Clock,
    private readonly signal: ArticleChangeSignal,
  ) {}

  async run(
    actor: Actor,
    articleId: string,
    options: CommandOptions,
    change: (ctx: CommandContext) => Record<string, unknown> | void | Promise<Record<string, unknown> | void>,
  ): Promise<string> {
    const id = await this.dataSource.transaction(async (manager) => {
      const article = await this.articles.lock(manager, articleId);
      if (!article) throw new ArticleNotFoundError(articleId);
      await options.authorize(article);
      checkIfMatch(article, options.ifMatch, options.requireIfMatch);
      const from = article.status;
      const result = checkTransition(article, options.action, options.reason);
      const details = (await change({ manager, article, now: this.clock.now(), to: result.to })) ?? {};
      article.status = article.status === from ? result.to : article.status;
      await this.articles.save(manager, article);
      await this.articles.insertEvent(manager, {
        articleId: article.id,
        action: options.action,
        fromStatus: from,
        toStatus: article.status,
        actorId: actor.userId,
        version: article.publishedVersion,
        details,
      });
      return article.id;
    });
    this.signal.committed(id);
    return id;
  }

  /** A new article (a draft) with its `create` event; `build` validates and returns the unsaved row. */
  async create(actor: Actor, articleId: string, build: (manager: EntityManager) => Promise<Article>): Promise<string> {
    const [result] = await this.bulk(actor, [{ articleId, create: build, plan: () => [] }], { isolate: false });
    if (!result.ok) throw result.error;
    return result.article.id;
  }

  /**
   * Many commands in one transaction: one lock query, then each command's steps in memory (a command
   * whose steps fail is reported and left out), then one multi-row statement per table. If the
   * batch's writes fail (a unique index, a concurrent writer), each command is retried in its own
   * transaction, so one bad item fails alone. Results are in the order of `commands`.
   */
  async bulk(actor: Actor, commands: BulkCommand[], options: { isolate?: boolean } = {}): Promise<BulkResult[]> {
    let results: BulkResult[];
    try {
      results = await this.dataSource.transaction((manager) => this.bulkIn(manager, actor, commands));
    } catch (error) {
      if (commands.length === 1 || options.isolate === false) return commands.map(() => ({ ok: false, error }));
      results = [];
      for (const command of commands) results.push(...(await this.bulk(actor, [command])));
      return results;
    }
    for (const result of results) if (result.ok && result.actions.length) this.signal.committed(result.article.id);
    return results;
  }

  private async bulkIn(manager: EntityManager, actor: Actor, commands: BulkCommand[]): Promise<BulkResult[]> {
    const now = this.clock.now();
    const locked = await this.articles.lockMany(
      manager,
      commands.map((c) => c.articleId),
    );
    const live = await this.articles.liveContentHashes(manager, [...locked.values()]);
    const results: BulkResult[] = [];
    const writes: PendingWrite[] = [];
    for (const command of commands) {
      try {
        const write = await this.prepare(manager, command, locked.get(command.articleId), live, now);
        results.push({ ok: true, article: write.article, created: write.created, actions: write.actions });
        if (write.actions.length) writes.push(write);
      } catch (error) {
        results.push({ ok: false, error });
      }
    }
    if (writes.length >= ROOM_FROM_WRITES) await this.articles.roomForBatch(manager);
    const created = writes.filter((w) => w.created).map((w) => w.article);
    const unslugged = created.filter((a) => !a.slug);
    const slugs = await this.articles.allocateSlugs(
      manager,
      unslugged.map((a) => a.title),
    );
    unslugged.forEach((a, i) => (a.slug = slugs[i]));
    await this.articles.insertMany(manager, created);
    await this.articles.updateMany(
      manager,
      writes.filter((w) => !w.created).map((w) => w.article),
    );
    await this.articles.insertVersions(
      manager,
      writes.flatMap((w) => w.versions),
    );
    await this.articles.insertEvents(
      manager,
      writes.flatMap((w) => w.events.map((e) => ({ ...e, actorId: actor.userId }))),
    );
    await this.articles.touchOutbox(
      manager,
      writes.map((w) => w.article.id),
    );
    return results;
  }

  /** One command's steps on its in-memory article; throws (and writes nothing) when a step is not allowed. */
  private async prepare(
    manager: EntityManager,
    command: BulkCommand,
    existing: Article | undefined,
    live: Map<string, string>,
    now: Date,
  ): Promise<PendingWrite> {
    let article = existing;
    const created = !article;
    if (!article) {
      if (!command.create) throw new ArticleNotFoundError(command.articleId);
      article = await command.create(manager);
      // The defaults the database would give, so steps (a publish) can count from them.
      Object.assign(article, {
        status: 'draft',
        latestVersion: article.latestVersion ?? 0,
        publishedVersion: article.publishedVersion ?? null,
      });
    } else {
      command.authorize?.(article);
    }
    const liveContentHash = live.get(article.id) ?? null;
    const write: PendingWrite = { article, created, actions: created ? ['create'] : [], events: [], versions: [] };
    const details = command.details ?? {};
    if (created) write.events.push({ articleId: article.id, action: 'create', toStatus: 'draft', details });
    for (const step of command.plan(article, { created, liveContentHash, now })) {
      const from = article.status;
      const to = step.action === 'update' ? from : checkTransition(article, step.action).to;
      const ctx: StepContext = { article, now, to, liveContentHash, addVersion: (v) => write.versions.push(v) };
      const stepDetails = step.apply?.(ctx) ?? {};
      if (article.status === from) article.status = to;
      write.actions.push(step.action);
      write.events.push({
        articleId: article.id,
        action: step.event ?? step.action,
        fromStatus: from,
        toStatus: article.status,
        version: article.publishedVersion,
        details: { ...details, ...stepDetails },
      });
    }
    return write;
  }
}

/** From this many writes a batch gets more working memory (one more round trip, worth it only for large batches). */
const ROOM_FROM_WRITES = 50;

/** The workflow's verdict on `action`, or the 409 that says why not. */
function checkTransition(article: Article, action: WorkflowAction, reason?: string | null): { to: ArticleStatus } {
  const result = transition(
    { kind: article.kind, status: article.status, content: article.content, publishedVersion: article.publishedVersion, reason },
    action,
  );
  if (!result.ok) throw new IllegalTransitionError(result.code, result.message, article.status, result.allowedActions);
  return result;
}

/** Strong comparison per RFC 9110; `*` matches any current representation. */
export function checkIfMatch(article: Article, ifMatch: string | undefined, required: boolean): void {
  if (ifMatch === undefined || ifMatch.trim() === '') {
    if (required) throw new IfMatchRequiredError();
    return;
  }
  const current = etagOf(article);
  const candidates = ifMatch.split(',').map((t) => t.trim());
  if (!candidates.includes('*') && !candidates.includes(current)) throw new ArticleModifiedError(current);
}
