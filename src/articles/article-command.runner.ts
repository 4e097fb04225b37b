import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/request-context/actor';
import { Clock } from '../common/time/clock';
import { Article } from './article.entity';
import { ArticleChangeSignal } from './article-change.signal';
import { WorkflowAction, transition } from './article-workflow';
import { ArticlesRepository } from './articles.repository';
import { ArticleModifiedError, ArticleNotFoundError, IfMatchRequiredError, IllegalTransitionError } from './articles.errors';
import { etagOf } from './dto/article-response';

export interface CommandOptions {
  action: WorkflowAction;
  /** the If-Match header as sent */
  ifMatch?: string;
  /** 428 when the header is missing (edits that overwrite the working copy) */
  requireIfMatch: boolean;
  reason?: string | null;
  /** resource rules (department, four eyes, ownership); throws ForbiddenError */
  authorize: (article: Article) => void | Promise<void>;
}

export interface CommandContext {
  manager: EntityManager;
  article: Article;
  now: Date;
  /** the status the workflow moves to */
  to: Article['status'];
}

/**
 * Runs one change to one article as a unit: transaction, row lock, ETag check, workflow check, the
 * change itself, and an audit event, so every command gets the same concurrency and audit guarantees.
 */
@Injectable()
export class ArticleCommandRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly articles: ArticlesRepository,
    private readonly clock: Clock,
    private readonly signal: ArticleChangeSignal,
  ) {}

  async run(
    actor: Actor,
    articleId: string,
    options: CommandOptions,
    change: (ctx: CommandContext) => Promise<Record<string, unknown> | void>,
  ): Promise<string> {
    const id = await this.dataSource.transaction(async (manager) => {
      const article = await this.articles.lock(manager, articleId);
      if (!article) throw new ArticleNotFoundError(articleId);
      await options.authorize(article);
      checkIfMatch(article, options.ifMatch, options.requireIfMatch);
      const from = article.status;
      const result = transition(
        { kind: article.kind, status: from, content: article.content, publishedVersion: article.publishedVersion, reason: options.reason },
        options.action,
      );
      if (!result.ok) throw new IllegalTransitionError(result.code, result.message, from, result.allowedActions);
      const details = (await change({ manager, article, now: this.clock.now(), to: result.to })) ?? {};
      article.status = article.status === from ? result.to : article.status;
      await this.articles.save(manager, article);
      await this.articles.insertEvent(manager, {
        articleId: article.id,
        action: options.action,
        fromStatus: from,
        toStatus: article.status,
        actorId: actor.userId,
        version: article.publishedVersion,
        details,
      });
      return article.id;
    });
    this.signal.committed(id);
    return id;
  }
}

/** Strong comparison per RFC 9110; `*` matches any current representation. */
export function checkIfMatch(article: Article, ifMatch: string | undefined, required: boolean): void {
  if (ifMatch === undefined || ifMatch.trim() === '') {
    if (required) throw new IfMatchRequiredError();
    return;
  }
  const current = etagOf(article);
  const candidates = ifMatch.split(',').map((t) => t.trim());
  if (!candidates.includes('*') && !candidates.includes(current)) throw new ArticleModifiedError(current);
}
