import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ArticleReviewsService, ReviewSubject } from '../articles/article-reviews.service';
import { dayNumber, isoDay, mondayOf } from '../common/time/calendar-day';
import { Clock } from '../common/time/clock';
import type { ReviewedArticleRef } from '../notifications/templates/article-ref';
import type { DigestGroup } from '../notifications/templates/weekly-digest.template';
import { UsersService } from '../users/users.service';
import { ReviewContext, ReviewContextLoader } from './review-context';
import { ReviewRemindersRepository } from './review-reminders.repository';
import type { ReviewStage } from './review-policy';
import { ReviewerPreferencesService } from './reviewer-preferences.service';
import { StewardshipHistoryRepository } from './stewardship-history.repository';

const GROUP_OF: Record<ReviewStage, DigestGroup> = { upcoming: 'upcoming', due: 'due', overdue: 'overdue', escalated: 'overdue' };
const MAX_ARTICLES = 1000;

/** How the templates see an article. */
export function articleRef(article: ReviewSubject, ctx: ReviewContext): ReviewedArticleRef {
  return {
    id: article.id,
    title: article.title,
    department: ctx.department(article.departmentId)?.name ?? '',
    owner: article.owner ? article.owner.name || article.owner.email : undefined,
    reviewDueAt: article.reviewDueAt!,
    lastReviewedAt: article.lastReviewedAt,
  };
}

/**
 * The Monday digest for editors who chose it: their articles in a reminder stage, grouped by
 * urgency. One delivery per editor and week (a unique key), rendered when it is sent, so it shows
 * the state of that moment.
 */
@Injectable()
export class WeeklyDigestService {
  private readonly logger = new Logger(WeeklyDigestService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly contexts: ReviewContextLoader,
    private readonly reviews: ArticleReviewsService,
    private readonly users: UsersService,
    private readonly preferences: ReviewerPreferencesService,
    private readonly reminders: ReviewRemindersRepository,
    private readonly history: StewardshipHistoryRepository,
  ) {}

  /** Records this week's digest for every active digest reader with something to check. */
  async run(): Promise<{ week: string; digests: number }> {
    const now = this.clock.now();
    const runId = await this.history.startRun('digest', now);
    const ctx = await this.contexts.load(now);
    const week = isoDay(mondayOf(dayNumber(now)));
    const readers = await this.users.findByIds(await this.preferences.allDigestReaders());
    let digests = 0;
    for (const user of readers.values()) {
      if (!user.active) continue;
      const groups = await this.groupsFor(user.id, ctx);
      if (Object.values(groups).every((g) => g.length === 0)) continue;
      digests += await this.dataSource.transaction((manager) =>
        this.reminders.insertDeliveries(
          manager,
          [
            {
              reminderId: null,
              digestWeek: week,
              userId: user.id,
              recipient: user.email,
              recipientName: user.name,
              role: 'owner',
              status: 'pending',
              outcome: null,
            },
          ],
          now,
        ),
      );
    }
    await this.history.finishRun(runId, this.clock.now(), { week, digests });
    this.logger.log(`weekly digest ${week}: ${digests} recorded`);
    return { week, digests };
  }

  /** The owner's live articles in a reminder stage, by urgency group. */
  async groupsFor(userId: string, ctx: ReviewContext): Promise<Record<DigestGroup, ReviewedArticleRef[]>> {
    const groups: Record<DigestGroup, ReviewedArticleRef[]> = { overdue: [], due: [], upcoming: [] };
    const articles = await this.reviews.liveBatch(null, MAX_ARTICLES, { ownerId: userId, dueBefore: ctx.stagedBefore() });
    for (const article of articles) {
      const stage = ctx.stageOf(article);
      if (stage) groups[GROUP_OF[stage]].push(articleRef(article, ctx));
    }
    return groups;
  }
}
