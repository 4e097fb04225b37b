import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ReviewSubject } from '../articles/article-reviews.service';
import { dayNumber, isoDay } from '../common/time/calendar-day';
import { Clock } from '../common/time/clock';
import { ContentHealthService } from './content-health.service';
import { ReviewContext, ReviewContextLoader } from './review-context';
import type { ReviewStage } from './review-policy';
import { NewDelivery, ReviewRemindersRepository } from './review-reminders.repository';
import { ReviewerPreferencesService } from './reviewer-preferences.service';
import { StewardshipHistoryRepository } from './stewardship-history.repository';

export interface ScanStats {
  day: string;
  articles: number;
  /** live articles in a reminder stage today */
  inStage: number;
  /** reminders this scan recorded (the others were recorded before, by this or another scan) */
  reminders: number;
  deliveries: number;
}

/**
 * The daily scan: classifies every live article's review, records the reminder for its current
 * stage (exactly once per article, cycle and stage) with its deliveries in the same transaction,
 * and writes the day's content-health snapshot. Sending is the delivery run's job.
 */
@Injectable()
export class ReviewScanService {
  private readonly logger = new Logger(ReviewScanService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly contexts: ReviewContextLoader,
    private readonly contentHealth: ContentHealthService,
    private readonly reminders: ReviewRemindersRepository,
    private readonly preferences: ReviewerPreferencesService,
    private readonly history: StewardshipHistoryRepository,
  ) {}

  async scan(): Promise<ScanStats> {
    const now = this.clock.now();
    const runId = await this.history.startRun('scan', now);
    const ctx = await this.contexts.load(now);
    const stats: ScanStats = { day: isoDay(dayNumber(now)), articles: 0, inStage: 0, reminders: 0, deliveries: 0 };
    const accumulator = await this.contentHealth.measure(ctx, async (batch) => {
      stats.articles += batch.length;
      const staged = batch.flatMap((article) => {
        const stage = ctx.stageOf(article);
        return stage ? [{ article, stage }] : [];
      });
      stats.inStage += staged.length;
      const { reminders, deliveries } = await this.record(ctx, staged);
      stats.reminders += reminders;
      stats.deliveries += deliveries;
    });
    const combined = this.contentHealth.combine(ctx, accumulator, await this.contentHealth.extraFigures(now));
    await this.history.saveSnapshots(stats.day, this.contentHealth.snapshotRows(combined), now);
    await this.history.finishRun(runId, this.clock.now(), { ...stats });
    this.logger.log(
      `review scan ${stats.day}: ${stats.articles} live articles, ${stats.inStage} in a stage, ${stats.reminders} new reminders`,
    );
    return stats;
  }

  /** Reminders and their deliveries in one transaction: only the inserting scan gets deliveries. */
  private async record(
    ctx: ReviewContext,
    staged: { article: ReviewSubject; stage: ReviewStage }[],
  ): Promise<{ reminders: number; deliveries: number }> {
    if (staged.length === 0) return { reminders: 0, deliveries: 0 };
    const digestReaders = await this.preferences.digestReaders(staged.flatMap((s) => (s.article.owner ? [s.article.owner.id] : [])));
    const byArticle = new Map(staged.map((s) => [s.article.id, s.article]));
    return this.dataSource.transaction(async (manager) => {
      const inserted = await this.reminders.record(
        manager,
        staged.map(({ article, stage }) => ({
          articleId: article.id,
          cycle: article.reviewDueAt!,
          stage,
          departmentId: article.departmentId,
          ownerId: article.owner?.id ?? null,
        })),
        ctx.now,
      );
      const deliveries = inserted.flatMap(({ id, articleId, stage }) => {
        const article = byArticle.get(articleId)!;
        return deliveriesFor(id, ctx, stage, article, !!article.owner && digestReaders.has(article.owner.id));
      });
      return { reminders: inserted.length, deliveries: await this.reminders.insertDeliveries(manager, deliveries, ctx.now) };
    });
  }
}

/** One delivery per recipient; nobody to send to is a dead letter from the start, so someone sees it. */
export function deliveriesFor(
  reminderId: string,
  ctx: ReviewContext,
  stage: ReviewStage,
  article: ReviewSubject,
  ownerWantsDigest: boolean,
): NewDelivery[] {
  const recipients = ctx.recipients(stage, article, ownerWantsDigest);
  if (recipients.length === 0) {
    return [
      {
        reminderId,
        digestWeek: null,
        userId: null,
        recipient: '',
        recipientName: '',
        role: 'coordinator',
        status: 'dead',
        outcome: 'no_recipient',
      },
    ];
  }
  return recipients.map((r) => ({
    reminderId,
    digestWeek: null,
    userId: r.userId,
    recipient: r.email,
    recipientName: r.name,
    role: r.role,
    status: r.via === 'digest' ? 'digest' : 'pending',
    outcome: null,
  }));
}
