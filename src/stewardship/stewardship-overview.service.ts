import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../common/errors/domain-error';
import { dayNumber, isoDay, parseIsoDay } from '../common/time/calendar-day';
import { Clock } from '../common/time/clock';
import { Department } from '../departments/department.entity';
import { DepartmentsService } from '../departments/departments.service';
import { ContentHealthService, OPENS_WINDOW_DAYS } from './content-health.service';
import { DepartmentRef, OverviewResponse, TrendResponse, toContentHealthResponse } from './dto/stewardship-responses';
import { TrendQueryDto } from './dto/stewardship.dto';
import { ReviewContextLoader } from './review-context';
import { StewardshipHistoryRepository } from './stewardship-history.repository';

const DEFAULT_TREND_DAYS = 90;
const MAX_TREND_DAYS = 3660;

const ref = (d: Department): DepartmentRef => ({ id: d.id, slug: d.slug, name: d.name });

/** The regie dashboard: today's content health per department, and its history from the daily snapshots. */
@Injectable()
export class StewardshipOverviewService {
  constructor(
    private readonly clock: Clock,
    private readonly contexts: ReviewContextLoader,
    private readonly contentHealth: ContentHealthService,
    private readonly history: StewardshipHistoryRepository,
    private readonly departments: DepartmentsService,
  ) {}

  async overview(): Promise<OverviewResponse> {
    const now = this.clock.now();
    const ctx = await this.contexts.load(now);
    const combined = this.contentHealth.combine(ctx, await this.contentHealth.measure(ctx), await this.contentHealth.extraFigures(now));
    return {
      generatedAt: now.toISOString(),
      opensWindowDays: OPENS_WINDOW_DAYS,
      departments: combined.departments.map((d) => ({ department: ref(d.department), ...toContentHealthResponse(d.health, d.extra) })),
      total: toContentHealthResponse(combined.total.health, combined.total.extra),
    };
  }

  async trend(query: TrendQueryDto): Promise<TrendResponse> {
    const today = dayNumber(this.clock.now());
    const to = query.to !== undefined ? parseIsoDay(query.to) : today;
    const from = query.from !== undefined ? parseIsoDay(query.from) : (to ?? today) - (DEFAULT_TREND_DAYS - 1);
    const problems = [
      ...(from === null ? [{ field: 'from', code: 'INVALID_DATE', message: 'is not a date' }] : []),
      ...(to === null ? [{ field: 'to', code: 'INVALID_DATE', message: 'is not a date' }] : []),
    ];
    if (from !== null && to !== null && from > to) problems.push({ field: 'from', code: 'AFTER_TO', message: 'must not be after to' });
    if (from !== null && to !== null && to - from >= MAX_TREND_DAYS)
      problems.push({ field: 'from', code: 'RANGE_TOO_LONG', message: `at most ${MAX_TREND_DAYS} days` });
    let department: Department | null = null;
    if (query.department !== undefined) {
      department = await this.departments.find(query.department);
      if (!department) problems.push({ field: 'department', code: 'UNKNOWN_DEPARTMENT', message: 'is not a department' });
    }
    if (problems.length > 0) throw new ValidationFailedError(problems);
    const points = await this.history.trend(department?.id ?? null, isoDay(from!), isoDay(to!));
    return {
      department: department ? ref(department) : null,
      from: isoDay(from!),
      to: isoDay(to!),
      points: points.map((p) => ({ day: p.day, ...p.figures })),
    };
  }
}
