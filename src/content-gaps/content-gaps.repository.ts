import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { insertRun, lastRun } from '../common/persistence/aggregation-run';
import { lockingQuery } from '../common/persistence/row-lock';
import { unnestColumns } from '../common/persistence/unnest';
import { ContentGap, ContentGapRun } from './content-gap.entity';
import { ACTIVE_GAPS, ContentGapStatus } from './content-gap-workflow';
import { GapCandidate } from './gap-aggregation';

/** All SQL about content gaps and the runs of their job. */
@Injectable()
export class ContentGapsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Inserts new intents and refreshes the figures of active gaps; resolved and dismissed gaps keep
   * theirs (the job never reopens what someone closed). Returns how many rows were new.
   */
  async upsert(manager: EntityManager, candidates: GapCandidate[], now: Date): Promise<{ created: number; refreshed: number }> {
    if (candidates.length === 0) return { created: 0, refreshed: 0 };
    const rows: { inserted: boolean }[] = await manager.query(
      `INSERT INTO content_gaps (intent_key, query, searches, zero_results, no_clicks, first_seen_at, last_seen_at, suggested_department_id, status, created_at, row_version)
       SELECT t.*, 'open', $9, 1 FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::int[], $6::timestamptz[], $7::timestamptz[], $8::uuid[])
         AS t(intent_key, query, searches, zero_results, no_clicks, first_seen_at, last_seen_at, suggested_department_id)
       ON CONFLICT (intent_key) DO UPDATE SET query = EXCLUDED.query, searches = EXCLUDED.searches, zero_results = EXCLUDED.zero_results,
         no_clicks = EXCLUDED.no_clicks, first_seen_at = LEAST(content_gaps.first_seen_at, EXCLUDED.first_seen_at),
         last_seen_at = GREATEST(content_gaps.last_seen_at, EXCLUDED.last_seen_at), suggested_department_id = EXCLUDED.suggested_department_id
       WHERE content_gaps.status = ANY($10)
       RETURNING (xmax = 0) AS inserted`,
      [
        ...unnestColumns(candidates, [
          'intentKey',
          'query',
          'searches',
          'zeroResults',
          'noClicks',
          'firstSeenAt',
          'lastSeenAt',
          'suggestedDepartmentId',
        ]),
        now,
        ACTIVE_GAPS,
      ],
    );
    const created = rows.filter((r) => r.inserted).length;
    return { created, refreshed: rows.length - created };
  }

  /** Active gaps that no longer fail within the window count zero searches now. */
  async zeroOthers(manager: EntityManager, keys: string[]): Promise<void> {
    await manager.query(
      `UPDATE content_gaps SET searches = 0, zero_results = 0, no_clicks = 0 WHERE status = ANY($1) AND searches > 0 AND NOT (intent_key = ANY($2))`,
      [ACTIVE_GAPS, keys],
    );
  }

  insertRun(manager: EntityManager, run: Omit<ContentGapRun, 'id'>): Promise<ContentGapRun> {
    return insertRun(manager, ContentGapRun, run);
  }

  lastRun(): Promise<ContentGapRun | null> {
    return lastRun(this.dataSource, ContentGapRun);
  }

  /** Most searched first. */
  list(filter: { statuses: readonly ContentGapStatus[]; departmentIds?: string[]; limit: number }): Promise<ContentGap[]> {
    const qb = this.dataSource
      .getRepository(ContentGap)
      .createQueryBuilder('g')
      .where('g.status IN (:...statuses)', { statuses: filter.statuses })
      .orderBy('g.searches', 'DESC')
      .addOrderBy('g.lastSeenAt', 'DESC')
      .addOrderBy('g.id', 'ASC')
      .limit(filter.limit);
    if (filter.departmentIds) qb.andWhere('g.department_id = ANY(:departmentIds)', { departmentIds: filter.departmentIds });
    return qb.getMany();
  }

  findById(id: string): Promise<ContentGap | null> {
    return this.dataSource.getRepository(ContentGap).findOneBy({ id });
  }

  lock(manager: EntityManager, id: string): Promise<ContentGap | null> {
    return lockingQuery(manager, ContentGap, 'g').where('g.id = :id', { id }).getOne();
  }

  save(manager: EntityManager, gap: ContentGap): Promise<ContentGap> {
    return manager.getRepository(ContentGap).save(gap);
  }

  async countsByDepartment(): Promise<Map<string, { assigned: number }>> {
    const rows: { departmentId: string; assigned: number }[] = await this.dataSource.query(
      `SELECT department_id AS "departmentId", count(*)::int AS assigned FROM content_gaps WHERE status = 'assigned' GROUP BY department_id`,
    );
    return new Map(rows.map((r) => [r.departmentId, { assigned: r.assigned }]));
  }
}
