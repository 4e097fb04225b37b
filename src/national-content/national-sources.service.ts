import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Subscription } from 'rxjs';
import { EntityManager } from 'typeorm';
import { ArticleChangeSignal } from '../articles/article-change.signal';
import { articleAccess } from '../auth/article-access.policy';
import { WithBackgroundWork } from '../common/background/background-work';
import type { Actor } from '../common/request-context/actor';
import { Clock } from '../common/time/clock';
import { DiffChange, wordDiff } from '../common/text/word-diff';
import { ArticleFacts, ArticleFactsReader } from './article-facts';
import { ArticleNationalSource } from './article-national-source.entity';
import { NationalSourceResponse, NationalVersionRef } from './dto/national-content-response';
import { LinkNationalSourceDto } from './dto/national-content.dto';
import { NationalItemVersion } from './national-item.entity';
import { NationalContentRepository } from './national-content.repository';
import {
  NationalSourceNotLinkedError,
  NoSourceChangeError,
  UnknownNationalSourceError,
  UnknownNationalVersionError,
} from './national-content.errors';
import { SourceChangeNotifier } from './source-change.notifier';
import { settledBy } from './source-change-policy';
import { SourceChangeTask } from './source-change-task.entity';

/** Articles per reconcile query after changes. */
const RECONCILE_BATCH = 1000;

/**
 * Which national text an article builds on, whether it changed since the article was last brought
 * in line (`sourceChanged`), and the editor's confirmation. An approved new version of the article,
 * or "inhoud gecontroleerd" after the change, settles it too: checked when read (and nudged by the
 * article change signal), so the articles module never needs to know about national content.
 */
@Injectable()
export class NationalSourcesService extends WithBackgroundWork implements OnModuleInit {
  private readonly logger = new Logger(NationalSourcesService.name);
  private subscription?: Subscription;

  constructor(
    private readonly repository: NationalContentRepository,
    private readonly facts: ArticleFactsReader,
    private readonly notifier: SourceChangeNotifier,
    private readonly signal: ArticleChangeSignal,
    private readonly clock: Clock,
  ) {
    super();
  }

  onModuleInit(): void {
    this.subscription = this.signal.changes$.subscribe((articleId) => {
      // Coalesced: a bulk import signals every article; one query per batch of waiting articles, not one each.
      const idle = this.changed.size === 0;
      this.changed.add(articleId);
      if (idle) this.background.run('source-change reconcile', () => this.reconcileChanged());
    });
  }

  /** Articles changed since the last reconcile run started. */
  private readonly changed = new Set<string>();

  private async reconcileChanged(): Promise<void> {
    const ids = [...this.changed];
    this.changed.clear();
    for (let offset = 0; offset < ids.length; offset += RECONCILE_BATCH) {
      const batch = ids.slice(offset, offset + RECONCILE_BATCH);
      await this.reconcile(batch).catch((error: Error) => this.logger.warn(`source-change reconcile failed: ${error.message}`));
    }
  }

  override async onModuleDestroy(): Promise<void> {
    this.subscription?.unsubscribe();
    await super.onModuleDestroy();
  }

  async status(ref: string): Promise<NationalSourceResponse> {
    const article = await this.facts.one(ref);
    await this.reconcile([article.id]);
    const link = await this.repository.findLink(article.id);
    if (!link) throw new NationalSourceNotLinkedError(ref);
    return this.respond(link);
  }

  /** Links (or relinks) an article to a national text; an older `sourceVersion` opens a bronwijziging at once. */
  async link(actor: Actor, ref: string, dto: LinkNationalSourceDto): Promise<NationalSourceResponse> {
    const article = await this.facts.one(ref);
    articleAccess.assertCanEditIn(actor, article.department.slug);
    const item = await this.repository.findItem(dto.sourceUri);
    if (!item?.currentVersion) throw new UnknownNationalSourceError(dto.sourceUri);
    const aligned =
      dto.sourceVersion === undefined ? item.currentVersion : await this.repository.findVersionByLabel(item.id, dto.sourceVersion);
    if (!aligned) throw new UnknownNationalVersionError(dto.sourceUri, dto.sourceVersion!);
    const routedTo = (await this.notifier.recipients(article)).to;
    const now = this.clock.now();
    const created = await this.repository.transaction(async (manager) => {
      const previous = await this.repository.lockLink(manager, article.id);
      const sameItem = previous?.itemId === item.id;
      const open = await this.repository.openTask(article.id, manager);
      await this.repository.saveLink(manager, {
        articleId: article.id,
        itemId: item.id,
        alignedVersionId: aligned.id,
        linkedAt: sameItem ? previous.linkedAt : now,
        linkedById: sameItem ? previous.linkedById : actor.userId,
        confirmedAt: sameItem ? previous.confirmedAt : null,
        confirmedById: sameItem ? previous.confirmedById : null,
      });
      if (aligned.id === item.currentVersionId) {
        if (open) await this.repository.closeTasks(manager, [open.id], sameItem ? 'confirmed' : 'unlinked', now, actor.userId);
        return null;
      }
      if (open?.toVersionId === item.currentVersionId && sameItem) return null;
      if (open) await this.repository.closeTasks(manager, [open.id], sameItem ? 'superseded' : 'unlinked', now, actor.userId);
      return this.repository.openTaskFor(manager, {
        articleId: article.id,
        fromVersionId: aligned.id,
        toVersionId: item.currentVersionId!,
        articleVersion: article.publishedVersion,
        routedTo,
        createdAt: now,
      });
    });
    if (created) this.notifier.notifyLater([created]);
    return this.status(article.id);
  }

  /** The editor checked the article against the changed national text: closes the bronwijziging. */
  async confirm(actor: Actor, ref: string): Promise<NationalSourceResponse> {
    const article = await this.facts.one(ref);
    articleAccess.assertCanEditIn(actor, article.department.slug);
    await this.reconcile([article.id]);
    const now = this.clock.now();
    await this.repository.transaction(async (manager) => {
      const link = await this.repository.lockLink(manager, article.id);
      if (!link) throw new NationalSourceNotLinkedError(ref);
      const item = (await this.repository.findItemById(link.itemId, manager))!;
      const open = await this.repository.openTask(article.id, manager);
      if (!open && link.alignedVersionId === item.currentVersionId) throw new NoSourceChangeError(article.id);
      if (open) await this.repository.closeTasks(manager, [open.id], 'confirmed', now, actor.userId);
      await this.repository.saveLink(manager, {
        ...link,
        alignedVersionId: item.currentVersionId!,
        confirmedAt: now,
        confirmedById: actor.userId,
      });
    });
    return this.status(article.id);
  }

  async unlink(actor: Actor, ref: string): Promise<void> {
    const article = await this.facts.one(ref);
    articleAccess.assertCanEditIn(actor, article.department.slug);
    await this.repository.transaction(async (manager) => {
      if (!(await this.repository.lockLink(manager, article.id))) throw new NationalSourceNotLinkedError(ref);
      const open = await this.repository.openTask(article.id, manager);
      if (open) await this.repository.closeTasks(manager, [open.id], 'unlinked', this.clock.now(), actor.userId);
      await this.repository.deleteLink(manager, article.id);
    });
  }

  /**
   * Closes the open bronwijzigingen (of these articles, or all) that the articles themselves have
   * settled, and brings their links in line. Returns the facts of the articles whose tasks stay open.
   */
  async reconcile(articleIds?: string[]): Promise<{ open: SourceChangeTask[]; facts: Map<string, ArticleFacts> }> {
    const open = await this.repository.openTasks(articleIds);
    const facts = await this.facts.read(open.map((t) => t.articleId));
    const settled = open
      .map((task) => ({ task, reason: facts.has(task.articleId) ? settledBy(task, facts.get(task.articleId)!) : null }))
      .filter((s) => s.reason);
    if (settled.length) {
      const now = this.clock.now();
      await this.repository.transaction(async (manager: EntityManager) => {
        for (const reason of ['new_version', 'reviewed'] as const) {
          await this.repository.closeTasks(
            manager,
            settled.filter((s) => s.reason === reason).map((s) => s.task.id),
            reason,
            now,
            null,
          );
        }
        await this.repository.alignLinks(
          manager,
          settled.map((s) => s.task.articleId),
          settled.map((s) => s.task.toVersionId),
        );
      });
    }
    const closed = new Set(settled.map((s) => s.task.id));
    return { open: open.filter((t) => !closed.has(t.id)), facts };
  }

  /**
   * Versions never change, so their diff is worked out once per pair: it is shown with every view of
   * a linked article, and a diff is the expensive part (issue 16 item 4). Bounded, oldest pair out.
   */
  private readonly diffs = new Map<string, DiffChange[]>();

  private diff(from: NationalItemVersion, to: NationalItemVersion): DiffChange[] {
    const key = `${from.id}>${to.id}`;
    let diff = this.diffs.get(key);
    if (!diff) {
      diff = wordDiff(from.body, to.body);
      if (this.diffs.size >= DIFF_CACHE_SIZE) this.diffs.delete(this.diffs.keys().next().value!);
    }
    this.diffs.delete(key); // re-inserted: most recently used last
    this.diffs.set(key, diff);
    return diff;
  }

  private async respond(link: ArticleNationalSource): Promise<NationalSourceResponse> {
    const item = (await this.repository.findItemById(link.itemId))!;
    const versions = await this.repository.versions([link.alignedVersionId, item.currentVersionId!]);
    const aligned = versions.get(link.alignedVersionId)!;
    const current = versions.get(item.currentVersionId!)!;
    const task = await this.repository.openTask(link.articleId);
    const sourceChanged = aligned.id !== current.id;
    return {
      articleId: link.articleId,
      sourceUri: item.uri,
      current: versionRef(current),
      aligned: versionRef(aligned),
      sourceChanged,
      status: sourceChanged ? 'source_changed' : 'up_to_date',
      task: task
        ? {
            id: task.id,
            createdAt: task.createdAt.toISOString(),
            routedTo: task.routedTo,
            notifiedAt: task.notifiedAt?.toISOString() ?? null,
          }
        : null,
      diff: sourceChanged ? this.diff(aligned, current) : null,
      linkedAt: link.linkedAt.toISOString(),
      confirmedAt: link.confirmedAt?.toISOString() ?? null,
    };
  }
}

const DIFF_CACHE_SIZE = 500;

function versionRef(v: NationalItemVersion): NationalVersionRef {
  return { version: v.version, title: v.title, contentHash: v.contentHash, changedAt: v.changedAt.toISOString() };
}
