import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { unnestColumns } from '../common/persistence/unnest';
import { isUniqueViolation } from '../common/errors/postgres-errors';
import { LinkCheckOccurrence, LinkCheckRun } from './link-check.entity';
import { LinkCheckAlreadyRunningError } from './link-check.errors';
import { BROKEN_STATUSES, LinkCheckOutcome } from './url-checker';

/** A run that has been "running" this long died with its process. */
const STALE_RUN_MS = 6 * 3_600_000;
/** Runs kept for the report and its history. */
const RUNS_KEPT = 8;

export interface BrokenOccurrence {
  articleId: string;
  articleTitle: string;
  departmentId: string;
  url: string;
  part: string;
  status: LinkCheckOutcome['status'];
  httpStatus: number | null;
  finalUrl: string | null;
  error: string | null;
}

/** All SQL about link-check runs, results and where links occur. */
@Injectable()
export class LinkCheckRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A new running run; 409 while another one runs (the partial unique index decides). */
  async startRun(trigger: string, now: Date): Promise<LinkCheckRun> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `UPDATE link_check_runs SET status = 'failed', finished_at = $1, error = 'interrupted' WHERE status = 'running' AND started_at < $2`,
          [now, new Date(now.getTime() - STALE_RUN_MS)],
        );
        const repo = manager.getRepository(LinkCheckRun);
        return repo.save(repo.create({ status: 'running', trigger, startedAt: now, finishedAt: null, error: null }));
      });
    } catch (error) {
      if (!isUniqueViolation(error, 'uq_link_check_runs_running')) throw error;
      const running = await this.dataSource.getRepository(LinkCheckRun).findOneBy({ status: 'running' });
      throw new LinkCheckAlreadyRunningError(running?.id ?? '');
    }
  }

  /** Stores what the run found and marks it completed, dropping runs beyond the newest {@link RUNS_KEPT}. */
  async completeRun(
    runId: string,
    found: {
      occurrences: Omit<LinkCheckOccurrence, 'id' | 'runId'>[];
      results: (LinkCheckOutcome & { url: string; checkedAt: Date })[];
      articles: number;
    },
    now: Date,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO link_check_occurrences (run_id, article_id, article_title, department_id, url, part)
         SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[])`,
        [runId, ...unnestColumns(found.occurrences, ['articleId', 'articleTitle', 'departmentId', 'url', 'part'])],
      );
      await manager.query(
        `INSERT INTO link_check_results (run_id, url, status, http_status, final_url, error, attempts, checked_at)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::int[], $8::timestamptz[])`,
        [runId, ...unnestColumns(found.results, ['url', 'status', 'httpStatus', 'finalUrl', 'error', 'attempts', 'checkedAt'])],
      );
      await manager.update(
        LinkCheckRun,
        { id: runId },
        {
          status: 'completed',
          finishedAt: now,
          articles: found.articles,
          links: found.results.length,
          broken: found.results.filter((x) => BROKEN_STATUSES.includes(x.status)).length,
        },
      );
      await this.prune(manager);
    });
  }

  async failRun(runId: string, error: string, now: Date): Promise<void> {
    await this.dataSource
      .getRepository(LinkCheckRun)
      .update({ id: runId, status: 'running' }, { status: 'failed', finishedAt: now, error: error.slice(0, 1000) });
  }

  private async prune(manager: EntityManager): Promise<void> {
    await manager.query(
      `DELETE FROM link_check_runs WHERE status <> 'running' AND id NOT IN (SELECT id FROM link_check_runs WHERE status <> 'running' ORDER BY started_at DESC LIMIT $1)`,
      [RUNS_KEPT],
    );
  }

  findRun(id: string): Promise<LinkCheckRun | null> {
    return this.dataSource.getRepository(LinkCheckRun).findOneBy({ id });
  }

  latestRun(status?: LinkCheckRun['status']): Promise<LinkCheckRun | null> {
    return this.dataSource.getRepository(LinkCheckRun).findOne({ where: status ? { status } : {}, order: { startedAt: 'DESC' } });
  }

  /** Broken and unreachable links of a run, where they occur; optionally of one department or some articles. */
  brokenOccurrences(runId: string, filter: { departmentId?: string; articleIds?: string[] } = {}): Promise<BrokenOccurrence[]> {
    return this.dataSource.query(
      `SELECT o.article_id AS "articleId", o.article_title AS "articleTitle", o.department_id AS "departmentId", o.url, o.part,
         r.status, r.http_status AS "httpStatus", r.final_url AS "finalUrl", r.error
       FROM link_check_occurrences o JOIN link_check_results r ON r.run_id = o.run_id AND r.url = o.url
       WHERE o.run_id = $1 AND r.status = ANY($2) AND ($3::uuid IS NULL OR o.department_id = $3) AND ($4::uuid[] IS NULL OR o.article_id = ANY($4))
       ORDER BY o.article_title, o.article_id, o.part, o.url`,
      [runId, BROKEN_STATUSES, filter.departmentId ?? null, filter.articleIds ?? null],
    );
  }

  /** Every link of one article in a run, with its status. */
  articleLinks(runId: string, articleId: string): Promise<(BrokenOccurrence & { checkedAt: Date })[]> {
    return this.dataSource.query(
      `SELECT o.article_id AS "articleId", o.article_title AS "articleTitle", o.department_id AS "departmentId", o.url, o.part,
         r.status, r.http_status AS "httpStatus", r.final_url AS "finalUrl", r.error, r.checked_at AS "checkedAt"
       FROM link_check_occurrences o JOIN link_check_results r ON r.run_id = o.run_id AND r.url = o.url
       WHERE o.run_id = $1 AND o.article_id = $2 ORDER BY o.part, o.url`,
      [runId, articleId],
    );
  }
}
