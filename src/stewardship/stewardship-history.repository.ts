import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { StewardshipRunJob } from './stewardship-run.entity';

export interface SnapshotPoint {
  day: string;
  figures: Record<string, number | null>;
}

/** Daily snapshots of the content-health figures and the record of scheduled runs. */
@Injectable()
export class StewardshipHistoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async startRun(job: StewardshipRunJob, now: Date): Promise<string> {
    const [row]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO stewardship_runs (job, started_at) VALUES ($1, $2) RETURNING id`,
      [job, now],
    );
    return row.id;
  }

  async finishRun(id: string, now: Date, stats: Record<string, unknown>): Promise<void> {
    await this.dataSource.query(`UPDATE stewardship_runs SET finished_at = $2, stats = $3 WHERE id = $1`, [id, now, JSON.stringify(stats)]);
  }

  /** When the last run of `job` that got to the end had started. */
  async lastCompleted(job: StewardshipRunJob): Promise<Date | null> {
    const [row]: { started_at: Date }[] = await this.dataSource.query(
      `SELECT started_at FROM stewardship_runs WHERE job = $1 AND finished_at IS NOT NULL ORDER BY started_at DESC LIMIT 1`,
      [job],
    );
    return row?.started_at ?? null;
  }

  /** One row per department and one overall (departmentId null) for `day`; a later scan the same day overwrites. */
  async saveSnapshots(
    day: string,
    rows: { departmentId: string | null; figures: Record<string, number | null> }[],
    now: Date,
  ): Promise<void> {
    const departmental = rows.filter((r) => r.departmentId !== null);
    const overall = rows.filter((r) => r.departmentId === null);
    if (departmental.length > 0) {
      await this.dataSource.query(
        `INSERT INTO stewardship_snapshots (day, department_id, figures, taken_at)
         SELECT $1, department_id, figures, $4 FROM unnest($2::uuid[], $3::jsonb[]) AS s(department_id, figures)
         ON CONFLICT (day, department_id) WHERE department_id IS NOT NULL DO UPDATE SET figures = EXCLUDED.figures, taken_at = EXCLUDED.taken_at`,
        [day, departmental.map((r) => r.departmentId), departmental.map((r) => JSON.stringify(r.figures)), now],
      );
    }
    for (const row of overall) {
      await this.dataSource.query(
        `INSERT INTO stewardship_snapshots (day, department_id, figures, taken_at) VALUES ($1, NULL, $2, $3)
         ON CONFLICT (day) WHERE department_id IS NULL DO UPDATE SET figures = EXCLUDED.figures, taken_at = EXCLUDED.taken_at`,
        [day, JSON.stringify(row.figures), now],
      );
    }
  }

  /** Days `from`..`to` (inclusive, YYYY-MM-DD) of a department, or overall with null; oldest first. */
  trend(departmentId: string | null, from: string, to: string): Promise<SnapshotPoint[]> {
    return this.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, figures FROM stewardship_snapshots
       WHERE department_id IS NOT DISTINCT FROM $1::uuid AND day BETWEEN $2::date AND $3::date
       ORDER BY day`,
      [departmentId, from, to],
    );
  }
}
