import { Inject, Injectable, Logger } from '@nestjs/common';
import { PublishedArticlesService } from '../articles/published-articles.service';
import { MarkdownRenderer } from '../articles/markdown/markdown-renderer';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { LinkCheckOccurrence, LinkCheckRun } from './link-check.entity';
import { LinkCheckRepository } from './link-check.repository';
import { externalLinks } from './link-extraction';
import { LinkCheckOutcome, UrlChecker } from './url-checker';

const PAGE = 200;
const WEEK_MS = 7 * 86_400_000;

/** Runs `work` over `items` with at most `limit` at a time; results in input order. */
export async function mapWithConcurrency<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/**
 * The link check: every external link in the published version of every live article, each
 * distinct URL checked once per run, the outcome stored per URL and per place it is used.
 */
@Injectable()
export class LinkCheckService {
  private readonly logger = new Logger(LinkCheckService.name);
  private readonly checker: UrlChecker;
  private readonly concurrency: number;

  constructor(
    private readonly repository: LinkCheckRepository,
    private readonly published: PublishedArticlesService,
    private readonly renderer: MarkdownRenderer,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.checker = new UrlChecker(config.linkCheck);
    this.concurrency = config.linkCheck.concurrency;
  }

  /** A new run (409 while one runs); `execute` does the work. */
  start(trigger: string): Promise<LinkCheckRun> {
    return this.repository.startRun(trigger, this.clock.now());
  }

  async execute(runId: string): Promise<LinkCheckRun> {
    try {
      const { occurrences, articles } = await this.collect();
      const urls = [...new Set(occurrences.map((o) => o.url))];
      const outcomes = await mapWithConcurrency(urls, this.concurrency, (url) => this.checkOne(url));
      await this.repository.completeRun(runId, { occurrences, results: outcomes, articles }, this.clock.now());
    } catch (error) {
      this.logger.error(`link check ${runId} failed: ${(error as Error).message}`, (error as Error).stack);
      await this.repository.failRun(runId, (error as Error).message, this.clock.now());
    }
    const run = (await this.repository.findRun(runId))!;
    this.logger.log(`link check ${run.status}: ${run.links} links in ${run.articles} articles, ${run.broken} broken`);
    return run;
  }

  /** For the in-process schedule (no Redis): weekly. */
  async isDue(): Promise<boolean> {
    const last = await this.repository.latestRun();
    return !last || this.clock.now().getTime() - last.startedAt.getTime() >= WEEK_MS;
  }

  private async checkOne(url: string): Promise<LinkCheckOutcome & { url: string; checkedAt: Date }> {
    const outcome = await this.checker.check(url).catch((error: Error): LinkCheckOutcome => ({
      status: 'broken',
      httpStatus: null,
      finalUrl: null,
      error: `not checkable: ${error.message}`,
      attempts: 1,
    }));
    return { url, ...outcome, checkedAt: this.clock.now() };
  }

  private async collect(): Promise<{ occurrences: Omit<LinkCheckOccurrence, 'id' | 'runId'>[]; articles: number }> {
    const occurrences: Omit<LinkCheckOccurrence, 'id' | 'runId'>[] = [];
    let articles = 0;
    for (let after: string | null = null; ;) {
      const ids = await this.published.liveIdsAfter(after, PAGE);
      if (ids.length === 0) break;
      after = ids[ids.length - 1];
      for (const { article, version } of await this.published.findLive(ids)) {
        articles++;
        for (const link of externalLinks(article.kind, version.content, (markdown) => this.renderer.links(markdown))) {
          occurrences.push({ articleId: article.id, articleTitle: version.content.title, departmentId: article.departmentId, ...link });
        }
      }
    }
    return { occurrences, articles };
  }
}
