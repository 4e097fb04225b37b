import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/request-context/actor';
import type { Article } from './article.entity';
import { ArticleCommandRunner, type BulkStep } from './article-command.runner';
import type { ArticleKind } from './article-content';
import { ArticleNotFoundError } from './articles.errors';
import { LIVE_ARTICLE_SQL, isLive } from './live-article';

/** What review stewardship needs to know about a live article. */
export interface ReviewSubject {
  id: string;
  title: string;
  kind: ArticleKind;
  departmentId: string;
  reviewDueAt: Date | null;
  lastReviewedAt: Date | null;
  owner: { id: string; email: string; name: string; active: boolean } | null;
}

export interface ReviewFilter {
  ownerId?: string;
  /** articles of these departments without an active owner */
  withoutActiveOwnerIn?: string[];
  departmentIds?: string[];
  /** review date before this instant */
  dueBefore?: Date;
  /** review date at or after this instant */
  dueFrom?: Date;
}

export interface ReviewMove {
  articleId: string;
  /** the review date the move was computed from: the article is left alone when it has changed since */
  from: Date;
  to: Date;
}

interface Row {
  id: string;
  title: string;
  kind: ArticleKind;
  department_id: string;
  review_due_at: Date | null;
  last_reviewed_at: Date | null;
  owner_id: string | null;
  owner_email: string | null;
  owner_name: string | null;
  owner_active: boolean | null;
}

const LIVE = LIVE_ARTICLE_SQL('a');
const COLUMNS = `a.id, a.title, a.kind, a.department_id, a.review_due_at, a.last_reviewed_at,
  u.id AS owner_id, u.email AS owner_email, u.name AS owner_name, u.active AS owner_active`;

const toSubject = (r: Row): ReviewSubject => ({
  id: r.id,
  title: r.title,
  kind: r.kind,
  departmentId: r.department_id,
  reviewDueAt: r.review_due_at,
  lastReviewedAt: r.last_reviewed_at,
  owner: r.owner_id ? { id: r.owner_id, email: r.owner_email!, name: r.owner_name ?? '', active: r.owner_active ?? false } : null,
});

/**
 * Review data of live articles (a published version, not archived; a pending revision does not
 * matter: the live content is what ages) for the stewardship module, and the one write it needs:
 * moving review dates when a storm is levelled.
 */
@Injectable()
export class ArticleReviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: ArticleCommandRunner,
  ) {}

  /** Live articles in id order after `afterId`, at most `limit`. */
  async liveBatch(afterId: string | null, limit: number, filter: ReviewFilter = {}): Promise<ReviewSubject[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS}
       FROM articles a LEFT JOIN users u ON u.id = a.owner_id
       WHERE ${LIVE}
         AND ($1::uuid IS NULL OR a.id > $1::uuid)
         AND ($3::uuid IS NULL OR a.owner_id = $3::uuid)
         AND ($4::uuid[] IS NULL OR (a.department_id = ANY($4::uuid[]) AND (u.id IS NULL OR NOT u.active)))
         AND ($5::uuid[] IS NULL OR a.department_id = ANY($5::uuid[]))
         AND ($6::timestamptz IS NULL OR a.review_due_at < $6::timestamptz)
         AND ($7::timestamptz IS NULL OR a.review_due_at >= $7::timestamptz)
       ORDER BY a.id
       LIMIT $2`,
      [
        afterId,
        limit,
        filter.ownerId ?? null,
        filter.withoutActiveOwnerIn ?? null,
        filter.departmentIds ?? null,
        filter.dueBefore ?? null,
        filter.dueFrom ?? null,
      ],
    );
    return rows.map(toSubject);
  }

  /** The live ones among `ids`, by id. */
  async findLive(ids: string[]): Promise<Map<string, ReviewSubject>> {
    if (ids.length === 0) return new Map();
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM articles a LEFT JOIN users u ON u.id = a.owner_id WHERE ${LIVE} AND a.id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, toSubject(r)]));
  }

  /**
   * Moves review dates (a new review cycle each), with an audit event and an outbox row per article,
   * in one transaction of the runner. An article whose review date is no longer `from` (someone
   * reviewed or changed it meanwhile) is left alone. Returns the ids that moved.
   */
  async reschedule(actor: Actor, moves: ReviewMove[], reason: string): Promise<string[]> {
    if (moves.length === 0) return [];
    const results = await this.runner.bulk(
      actor,
      moves.map((move) => ({
        articleId: move.articleId,
        plan: (article: Article): BulkStep[] =>
          isLive(article) && article.reviewDueAt?.getTime() === move.from.getTime() ? [rescheduleStep(move, reason)] : [],
      })),
      { isolate: false },
    );
    const moved: string[] = [];
    for (const result of results) {
      // An article that is gone is left alone like one that changed; anything else failed the whole batch.
      if (!result.ok && !(result.error instanceof ArticleNotFoundError)) throw result.error;
      if (result.ok && result.actions.length) moved.push(result.article.id);
    }
    return moved;
  }
}

const rescheduleStep = (move: ReviewMove, reason: string): BulkStep => ({
  action: 'update',
  event: 'reschedule_review',
  apply: ({ article }) => {
    article.reviewDueAt = move.to;
    return { previousDueAt: move.from.toISOString(), reviewDueAt: move.to.toISOString(), reason };
  },
});
