import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/request-context/actor';
import type { TaskItem } from '../common/tasks/task-item';
import { MissingUplQuery } from '../articles/import/missing-upl.query';
import { ContentGapsService } from '../content-gaps/content-gaps.service';
import { DepartmentsService } from '../departments/departments.service';
import { FeedbackHealthService } from '../feedback/feedback-health.service';
import { LinkCheckReportService } from '../link-check/link-check-report.service';
import { SourceChangeHealthService } from '../national-content/source-change-health.service';
import { DepartmentFigureSource, StewardshipTask, TaskSource } from './stewardship-extensions';

// Feedback, national source changes, content gaps and broken links in the regie dashboard: their
// modules report counts and tasks; these adapters put them in the dashboard's shapes.

/** Review stages rank 0–3 (upcoming … escalated); these sit among them by how much they hurt agents. */
const URGENCY: Record<TaskItem['kind'], number> = { feedback: 2, source_change: 2, broken_links: 1, content_gap: 1, missing_upl: 1 };

@Injectable()
export class WorkItemFigureSource extends DepartmentFigureSource {
  constructor(
    private readonly feedback: FeedbackHealthService,
    private readonly sourceChanges: SourceChangeHealthService,
    private readonly contentGaps: ContentGapsService,
    private readonly links: LinkCheckReportService,
  ) {
    super();
  }

  async figures(): Promise<Map<string, Record<string, number>>> {
    const [feedback, sources, gaps, links] = await Promise.all([
      this.feedback.countsByDepartment(),
      this.sourceChanges.countsByDepartment(),
      this.contentGaps.countsByDepartment(),
      this.links.countsByDepartment(),
    ]);
    const out = new Map<string, Record<string, number>>();
    const add = (departmentId: string, figures: Record<string, number>) =>
      out.set(departmentId, { ...(out.get(departmentId) ?? {}), ...figures });
    for (const [id, c] of feedback) add(id, { openFeedback: c.open + c.inProgress });
    for (const [id, c] of sources) add(id, { openSourceChanges: c.open });
    for (const [id, c] of gaps) add(id, { assignedContentGaps: c.assigned });
    for (const [id, c] of links) add(id, { brokenLinks: c.brokenLinks, articlesWithBrokenLinks: c.articles });
    return out;
  }
}

@Injectable()
export class WorkItemTaskSource extends TaskSource {
  constructor(
    private readonly feedback: FeedbackHealthService,
    private readonly sourceChanges: SourceChangeHealthService,
    private readonly contentGaps: ContentGapsService,
    private readonly links: LinkCheckReportService,
    private readonly departments: DepartmentsService,
    private readonly missingUpl: MissingUplQuery,
  ) {
    super();
  }

  async tasksFor(actor: Actor): Promise<StewardshipTask[]> {
    const [items, departments] = await Promise.all([
      Promise.all([
        this.feedback.tasksFor(actor),
        this.sourceChanges.tasksFor(actor),
        this.contentGaps.tasksFor(actor),
        this.links.tasksFor(actor),
        this.missingUpl.tasksFor(actor),
      ]),
      this.departments.list(),
    ]);
    const byId = new Map(departments.map((d) => [d.id, { slug: d.slug, name: d.name }]));
    const none = { slug: '', name: '' };
    return items.flat().map((item) => ({
      kind: item.kind,
      urgency: URGENCY[item.kind],
      title: item.summary,
      article: item.articleId
        ? { id: item.articleId, title: item.title, department: (item.departmentId && byId.get(item.departmentId)) || none }
        : null,
      since: item.since,
      details: {
        id: item.id,
        ...(item.articleId ? {} : { query: item.title }),
        ...(item.departmentId ? { department: byId.get(item.departmentId) ?? null } : {}),
      },
      links: { self: item.link },
    }));
  }
}
