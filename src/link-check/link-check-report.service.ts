import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '../auth/auth.errors';
import { hasRole } from '../common/request-context/roles';
import type { Actor } from '../common/request-context/actor';
import { TaskItem } from '../common/tasks/task-item';
import type { FigureSource, TaskSource } from '../common/tasks/work-items';
import { departmentFromField, departmentIdsOf } from '../departments/department-field';
import { PublishedArticlesService } from '../articles/published-articles.service';
import { DepartmentsService } from '../departments/departments.service';
import { ArticleLinksResponse, LinkReportQueryDto, LinkReportResponse, LinkResultResponse, toRunResponse } from './dto/link-check.dto';
import { LinkCheckRun } from './link-check.entity';
import { NoLinkCheckRunError } from './link-check.errors';
import { BrokenOccurrence, LinkCheckRepository } from './link-check.repository';

/** Broken links of the latest completed run: per department, per article, as counts and as tasks. */
@Injectable()
export class LinkCheckReportService implements TaskSource, FigureSource {
  /** the task list: below an overdue review */
  readonly urgency = 1;

  constructor(
    private readonly repository: LinkCheckRepository,
    private readonly departments: DepartmentsService,
    private readonly articles: PublishedArticlesService,
  ) {}

  async report(query: LinkReportQueryDto): Promise<LinkReportResponse> {
    const department = query.department ? await departmentFromField(this.departments, query.department) : null;
    const run = await this.completedRun();
    const latest = await this.repository.latestRun();
    const broken = await this.repository.brokenOccurrences(run.id, { departmentId: department?.id });
    const all = await this.departments.list();
    return {
      run: toRunResponse(run),
      latest: latest && latest.id !== run.id ? toRunResponse(latest) : null,
      departments: all
        .filter((d) => broken.some((b) => b.departmentId === d.id))
        .map((d) => {
          const mine = broken.filter((b) => b.departmentId === d.id);
          return {
            department: { id: d.id, slug: d.slug, name: d.name },
            brokenLinks: mine.length,
            articles: new Set(mine.map((b) => b.articleId)).size,
          };
        }),
      articles: byArticle(broken).map(([first, links]) => ({
        articleId: first.articleId,
        title: first.articleTitle,
        departmentId: first.departmentId,
        brokenLinks: links.map(toResult),
      })),
    };
  }

  /** Every external link of one article in the latest completed run. */
  async article(actor: Actor, articleId: string): Promise<ArticleLinksResponse> {
    const run = await this.completedRun();
    const links = await this.repository.articleLinks(run.id, articleId);
    // Editors see their own departments' articles only: the list includes the links in KCC notes
    // (issue 16 item 6). The article's department now, or the one it had in the run if it is gone.
    if (!hasRole(actor, 'coordinator')) {
      const departmentId = (await this.articles.departmentIdOf(articleId)) ?? links[0]?.departmentId;
      const slug = departmentId ? (await this.departments.find(departmentId))?.slug : null;
      if (slug ? !actor.departments.includes(slug) : links.length > 0)
        throw new ForbiddenError(`Only editors of ${slug ?? 'its department'} (or a coordinator) see an article's links`, {
          department: slug ?? null,
        });
    }
    return { articleId, run: toRunResponse(run), links: links.map(toResult) };
  }

  /** Broken links (uses of a broken URL) and articles with any, per department id. */
  async countsByDepartment(): Promise<Map<string, { brokenLinks: number; articles: number }>> {
    const counts = new Map<string, { brokenLinks: number; articles: number }>();
    const run = await this.repository.latestRun('completed');
    if (!run) return counts;
    for (const [first, links] of byArticle(await this.repository.brokenOccurrences(run.id))) {
      const entry = counts.get(first.departmentId) ?? { brokenLinks: 0, articles: 0 };
      entry.brokenLinks += links.length;
      entry.articles++;
      counts.set(first.departmentId, entry);
    }
    return counts;
  }

  async figures(): Promise<Map<string, Record<string, number>>> {
    const counts = await this.countsByDepartment();
    return new Map([...counts].map(([id, c]) => [id, { brokenLinks: c.brokenLinks, articlesWithBrokenLinks: c.articles }]));
  }

  /** Broken links per article id, for these articles. */
  async brokenByArticle(articleIds: string[]): Promise<Map<string, number>> {
    const run = await this.repository.latestRun('completed');
    if (!run || articleIds.length === 0) return new Map();
    return new Map(
      byArticle(await this.repository.brokenOccurrences(run.id, { articleIds })).map(([first, links]) => [first.articleId, links.length]),
    );
  }

  /** One task per article with broken links in the editor's departments. */
  async tasksFor(actor: Actor): Promise<TaskItem[]> {
    const run = await this.repository.latestRun('completed');
    const departmentIds = hasRole(actor, 'editor') ? await departmentIdsOf(this.departments, actor.departments) : [];
    if (!run || departmentIds.length === 0) return [];
    const broken = (await this.repository.brokenOccurrences(run.id)).filter((b) => departmentIds.includes(b.departmentId));
    return byArticle(broken).map(([first, links]) => ({
      kind: 'broken_links',
      id: first.articleId,
      articleId: first.articleId,
      title: first.articleTitle,
      departmentId: first.departmentId,
      since: (run.finishedAt ?? run.startedAt).toISOString(),
      summary: links.length === 1 ? '1 kapotte link' : `${links.length} kapotte links`,
      link: `/api/link-check/articles/${first.articleId}`,
    }));
  }

  private async completedRun(): Promise<LinkCheckRun> {
    const run = await this.repository.latestRun('completed');
    if (!run) throw new NoLinkCheckRunError();
    return run;
  }
}

/** Occurrences grouped per article, in the order the query gave them. */
function byArticle(rows: BrokenOccurrence[]): [BrokenOccurrence, BrokenOccurrence[]][] {
  const groups = new Map<string, BrokenOccurrence[]>();
  for (const row of rows) groups.set(row.articleId, [...(groups.get(row.articleId) ?? []), row]);
  return [...groups.values()].map((links) => [links[0], links]);
}

const toResult = (o: BrokenOccurrence): LinkResultResponse => ({
  url: o.url,
  part: o.part,
  status: o.status,
  httpStatus: o.httpStatus,
  finalUrl: o.finalUrl,
  error: o.error,
});
