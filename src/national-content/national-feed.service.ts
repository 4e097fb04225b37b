import { Injectable, Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../articles/article-content';
import { DomainError, ValidationFailedError } from '../common/errors/domain-error';
import { toFieldProblems } from '../common/errors/validation';
import { Clock } from '../common/time/clock';
import { ArticleFactsReader } from './article-facts';
import { FeedItemReport, FeedReport } from './dto/national-content-response';
import { MAX_FEED_ITEMS, NationalItemDto } from './dto/national-content.dto';
import { NationalContentRepository } from './national-content.repository';
import { SourceChangeNotifier } from './source-change.notifier';
import { SourceChangeTask } from './source-change-task.entity';

/** Text identity of a national item: a change of title or body is a change, whatever the label says. */
export function nationalContentHash(title: string, body: string): string {
  return createHash('sha256')
    .update(canonicalJson([title, body.replace(/\r\n?/g, '\n')]))
    .digest('hex');
}

/**
 * Takes in the national update feed (POST /api/national-content, the CLI). Idempotent: a version
 * (label + text) already received changes nothing, so replaying a feed makes no new tasks. Each item
 * is its own transaction; one bad item is reported and never stops the others.
 */
@Injectable()
export class NationalFeedService {
  private readonly logger = new Logger(NationalFeedService.name);

  constructor(
    private readonly repository: NationalContentRepository,
    private readonly facts: ArticleFactsReader,
    private readonly notifier: SourceChangeNotifier,
    private readonly clock: Clock,
  ) {}

  async import(input: unknown): Promise<FeedReport> {
    if (!Array.isArray(input))
      throw new ValidationFailedError([{ field: '(body)', code: 'IS_ARRAY', message: 'must be a JSON array of national items' }]);
    if (input.length > MAX_FEED_ITEMS) {
      throw new ValidationFailedError([{ field: '(body)', code: 'ARRAY_MAX_SIZE', message: `at most ${MAX_FEED_ITEMS} items per feed` }]);
    }
    const items: FeedItemReport[] = [];
    for (const [index, raw] of input.entries()) {
      const uri = typeof (raw as { uri?: unknown })?.uri === 'string' ? (raw as { uri: string }).uri : null;
      try {
        const dto = await this.validItem(raw);
        const { report, tasks } = await this.importItem(dto);
        items.push({ index, uri, ...report });
        this.notifier.notifyLater(tasks);
      } catch (error) {
        if (!(error instanceof DomainError))
          this.logger.error(`national item #${index} failed: ${(error as Error).message}`, (error as Error).stack);
        items.push({
          index,
          uri,
          outcome: 'failed',
          error:
            error instanceof DomainError
              ? { code: error.code, message: error.message, ...(error.fields.length ? { errors: error.fields } : {}) }
              : { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' },
        });
      }
    }
    const count = (outcome: FeedItemReport['outcome']) => items.filter((i) => i.outcome === outcome).length;
    return {
      total: items.length,
      created: count('created'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      stale: count('stale'),
      failed: count('failed'),
      sourceChanges: items.reduce((n, i) => n + (i.sourceChanges ?? 0), 0),
      items,
    };
  }

  private async validItem(raw: unknown): Promise<NationalItemDto> {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      throw new ValidationFailedError([{ field: '(item)', code: 'IS_OBJECT', message: 'must be an object' }]);
    }
    const dto = plainToInstance(NationalItemDto, raw);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) throw new ValidationFailedError(toFieldProblems(errors), 'The national item is not valid');
    return dto;
  }

  private async importItem(dto: NationalItemDto): Promise<{ report: Omit<FeedItemReport, 'index' | 'uri'>; tasks: SourceChangeTask[] }> {
    const now = this.clock.now();
    const hash = nationalContentHash(dto.title, dto.body);
    const changedAt = new Date(dto.changedAt);
    return this.repository.transaction(async (manager) => {
      const item = await this.repository.lockItem(manager, dto.uri, now);
      if (await this.repository.findVersion(manager, item.id, dto.version, hash)) {
        return { report: { outcome: 'unchanged', version: dto.version }, tasks: [] };
      }
      const current = item.currentVersionId
        ? (await this.repository.versions([item.currentVersionId])).get(item.currentVersionId)
        : undefined;
      const version = await this.repository.insertVersion(manager, {
        itemId: item.id,
        version: dto.version,
        contentHash: hash,
        title: dto.title,
        body: dto.body,
        changedAt,
        receivedAt: now,
      });
      // An older text arriving late (feeds out of order) goes into the history, not over the current one.
      if (current && changedAt < current.changedAt) return { report: { outcome: 'stale', version: dto.version }, tasks: [] };
      await this.repository.setCurrent(manager, item.id, version.id);
      if (!current) return { report: { outcome: 'created', version: dto.version }, tasks: [] };

      const links = await this.repository.linksToItem(manager, item.id);
      const facts = await this.facts.read(links.map((l) => l.articleId));
      const tasks: SourceChangeTask[] = [];
      for (const link of links) {
        const article = facts.get(link.articleId);
        if (!article || article.archived) continue;
        const open = await this.repository.openTask(link.articleId, manager);
        // the newest version supersedes an open task; the new one diffs from what the article agrees with
        if (open) await this.repository.closeTasks(manager, [open.id], 'superseded', now, null);
        const task = await this.repository.insertTask(manager, {
          articleId: link.articleId,
          fromVersionId: link.alignedVersionId,
          toVersionId: version.id,
          articleVersion: article.publishedVersion,
          routedTo: (await this.notifier.recipients(article)).to,
          createdAt: now,
        });
        if (task) tasks.push(task);
      }
      return { report: { outcome: 'updated', version: dto.version, sourceChanges: tasks.length }, tasks };
    });
  }
}
