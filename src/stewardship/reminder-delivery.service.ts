import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ArticleReviewsService, ReviewSubject } from '../articles/article-reviews.service';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { addressTo, NotificationContent } from '../notifications/notification';
import { NotificationsService } from '../notifications/notifications.service';
import { reviewReminder } from '../notifications/templates/review-reminder.template';
import { weeklyDigest } from '../notifications/templates/weekly-digest.template';
import { afterAttempt } from './delivery-policy';
import { ReviewContext, ReviewContextLoader } from './review-context';
import { stageRank } from './review-policy';
import { DeliveryRecord, ReviewRemindersRepository } from './review-reminders.repository';
import { ReviewerPreferencesService } from './reviewer-preferences.service';
import { deliveriesFor } from './review-scan.service';
import { DeliveryNotFoundError, NoRecipientError, NotDeadLetterError } from './stewardship.errors';
import { articleRef, WeeklyDigestService } from './weekly-digest.service';

const CLAIM_BATCH = 20;
const CONCURRENCY = 8;
/** A delivery `sending` for longer than this was interrupted (SMTP gives up after a minute). */
export const SENDING_LEASE_MS = 15 * 60_000;

export interface DrainStats {
  sent: number;
  retrying: number;
  dead: number;
  cancelled: number;
  interrupted: number;
}

type Verdict = { content: NotificationContent } | { cancel: string };

/**
 * Sends what the outbox holds. A delivery is claimed (pending → sending) before anything goes out,
 * so two workers never send the same one; after the attempt it is sent, retried with exponential
 * backoff, or dead (a refusal that no retry can fix, or attempts used up). A reminder whose cycle
 * has closed (review confirmed, new version approved) or whose article reached a later stage is
 * cancelled instead of sent.
 */
@Injectable()
export class ReminderDeliveryService {
  private readonly logger = new Logger(ReminderDeliveryService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly repository: ReviewRemindersRepository,
    private readonly contexts: ReviewContextLoader,
    private readonly reviews: ArticleReviewsService,
    private readonly notifications: NotificationsService,
    private readonly digests: WeeklyDigestService,
    private readonly preferences: ReviewerPreferencesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async drain(): Promise<DrainStats> {
    const now = this.clock.now();
    const stats: DrainStats = {
      sent: 0,
      retrying: 0,
      dead: 0,
      cancelled: 0,
      interrupted: await this.repository.sweepInterrupted(now, SENDING_LEASE_MS),
    };
    let ctx: ReviewContext | null = null;
    for (;;) {
      const claimed = await this.repository.claim(now, CLAIM_BATCH);
      if (claimed.length === 0) break;
      ctx ??= await this.contexts.load(now);
      const articles = await this.reviews.findLive(claimed.flatMap((d) => (d.articleId ? [d.articleId] : [])));
      const queue = [...claimed];
      await Promise.all(
        Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
          for (let d = queue.shift(); d; d = queue.shift()) stats[await this.deliver(d, ctx!, articles)]++;
        }),
      );
    }
    if (stats.sent + stats.retrying + stats.dead + stats.cancelled + stats.interrupted > 0) {
      this.logger.log(
        `deliveries: ${stats.sent} sent, ${stats.retrying} to retry, ${stats.dead} dead, ${stats.cancelled} cancelled, ${stats.interrupted} interrupted`,
      );
    }
    return stats;
  }

  private async deliver(
    d: DeliveryRecord,
    ctx: ReviewContext,
    articles: Map<string, ReviewSubject>,
  ): Promise<keyof Omit<DrainStats, 'interrupted'>> {
    const now = ctx.now;
    try {
      const verdict = d.kind === 'reminder' ? this.reminderContent(d, ctx, articles) : await this.digestContent(d, ctx);
      if ('cancel' in verdict) {
        await this.repository.finish(d.id, { status: 'cancelled', outcome: verdict.cancel }, now);
        return 'cancelled';
      }
      if (this.notifications.channelNames.length === 0) {
        await this.repository.finish(d.id, { status: 'cancelled', outcome: 'no_channel' }, now);
        return 'cancelled';
      }
      const remaining = this.notifications.channelNames.filter((c) => !d.channelsDone.includes(c));
      const results = await this.notifications.send(addressTo([d.recipient], verdict.content), { only: remaining });
      const outcome = afterAttempt(results, d.channelsDone, d.attempts, this.config.stewardship.retry, now);
      if (outcome.status === 'sent') {
        await this.repository.finish(d.id, { status: 'sent', channelsDone: outcome.channelsDone, sentAt: now, outcome: null }, now);
        return 'sent';
      }
      if (outcome.status === 'pending') {
        await this.repository.finish(
          d.id,
          { status: 'pending', channelsDone: outcome.channelsDone, nextAttemptAt: outcome.nextAttemptAt, lastError: outcome.error },
          now,
        );
        return 'retrying';
      }
      await this.repository.finish(
        d.id,
        { status: 'dead', channelsDone: outcome.channelsDone, lastError: outcome.error, outcome: outcome.outcome },
        now,
      );
      return 'dead';
    } catch (error) {
      // Our own failure (database, a bug) before anything went out: safe to try again, within the attempts.
      const message = String((error as Error).message);
      this.logger.error(`delivery ${d.id} failed before sending: ${message}`, (error as Error).stack);
      if (d.attempts >= this.config.stewardship.retry.attempts) {
        await this.repository.finish(d.id, { status: 'dead', lastError: message, outcome: 'exhausted' }, now);
        return 'dead';
      }
      await this.repository.finish(
        d.id,
        { status: 'pending', nextAttemptAt: new Date(now.getTime() + this.config.stewardship.retry.baseMs), lastError: message },
        now,
      );
      return 'retrying';
    }
  }

  private reminderContent(d: DeliveryRecord, ctx: ReviewContext, articles: Map<string, ReviewSubject>): Verdict {
    const article = articles.get(d.articleId!);
    if (!article || article.reviewDueAt?.getTime() !== d.cycle!.getTime()) return { cancel: 'cycle_closed' };
    const current = ctx.stageOf(article);
    if (current && stageRank(current) > stageRank(d.stage!)) return { cancel: 'superseded' };
    return {
      content: reviewReminder({
        stage: d.stage!,
        recipientName: d.recipientName || undefined,
        article: articleRef(article, ctx),
        baseUrl: this.config.http.publicBaseUrl,
        now: ctx.now,
        ...(d.stage === 'escalated' && d.role !== 'owner' ? { escalatedTo: 'coordinator' as const } : {}),
      }),
    };
  }

  private async digestContent(d: DeliveryRecord, ctx: ReviewContext): Promise<Verdict> {
    const groups = await this.digests.groupsFor(d.userId!, ctx);
    if (Object.values(groups).every((g) => g.length === 0)) return { cancel: 'nothing_due' };
    return {
      content: weeklyDigest({ recipientName: d.recipientName || undefined, groups, baseUrl: this.config.http.publicBaseUrl, now: ctx.now }),
    };
  }

  deadLetters(limit = 500): Promise<DeliveryRecord[]> {
    return this.repository.deadLetters(limit);
  }

  /**
   * A coordinator's "try again": the dead letter goes back to pending with fresh attempts. One that
   * never had a recipient is replaced by deliveries to whoever the reminder reaches now.
   */
  async retry(id: string): Promise<DeliveryRecord> {
    const now = this.clock.now();
    const delivery = await this.repository.find(id);
    if (!delivery) throw new DeliveryNotFoundError(id);
    if (delivery.status !== 'dead') throw new NotDeadLetterError(id, delivery.status);
    if (delivery.recipient !== '') {
      if (!(await this.dataSource.transaction((m) => this.repository.requeue(m, id, now)))) throw new NotDeadLetterError(id, 'changed');
    } else {
      await this.replaceWithRecipients(delivery, now);
    }
    return (await this.repository.find(id))!;
  }

  private async replaceWithRecipients(delivery: DeliveryRecord, now: Date): Promise<void> {
    const article = (await this.reviews.findLive([delivery.articleId!])).get(delivery.articleId!);
    const ctx = await this.contexts.load(now);
    const wantsDigest = !!article?.owner && (await this.preferences.digestReaders([article.owner.id])).has(article.owner.id);
    const replacements = article
      ? deliveriesFor(delivery.reminderId!, ctx, delivery.stage!, article, wantsDigest).filter((r) => r.recipient !== '')
      : [];
    if (replacements.length === 0) throw new NoRecipientError(delivery.id);
    await this.dataSource.transaction(async (manager) => {
      await this.repository.markReplaced(manager, delivery.id, now);
      await this.repository.insertDeliveries(manager, replacements, now);
    });
  }
}
