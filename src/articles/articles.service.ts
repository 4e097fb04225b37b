import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../common/errors/postgres-errors';
import { slugify } from '../common/http/slug';
import type { Actor } from '../common/request-context/actor';
import { Clock } from '../common/time/clock';
import { Department } from '../departments/department.entity';
import { DepartmentNotFoundError } from '../departments/departments.errors';
import { DepartmentsService } from '../departments/departments.service';
import { UsersService } from '../users/users.service';
import { Article } from './article.entity';
import { assertCanEditIn, canEdit } from './article-access';
import { ArticleCommandRunner } from './article-command.runner';
import { ArticleContentAssembler } from './article-content.assembler';
import { type ArticleContent, CONTENT_FIELDS, contentHash, emptyContent } from './article-content';
import { allowedActions } from './article-workflow';
import { ArticlesRepository } from './articles.repository';
import { ArticleExternalIdTakenError, ArticleNotFoundError, ArticleSlugTakenError, InvalidArticleContentError } from './articles.errors';
import { CreateArticleDto, PreviewArticleDto, UpdateArticleDto } from './dto/article-input.dto';
import { ListArticlesQueryDto } from './dto/article-query.dto';
import { ArticleListResponse, ArticleResponse, toArticleResponse, toArticleSummary } from './dto/article-response';
import { MarkdownRenderer, type RenderedContent } from './markdown/markdown-renderer';
import { effectiveReviewInterval } from './review-interval';

/** Creating, editing, reading and listing articles (the working copy). */
@Injectable()
export class ArticlesService {
  constructor(
    private readonly articles: ArticlesRepository,
    private readonly assembler: ArticleContentAssembler,
    private readonly runner: ArticleCommandRunner,
    private readonly departments: DepartmentsService,
    private readonly users: UsersService,
    private readonly renderer: MarkdownRenderer,
    private readonly clock: Clock,
  ) {}

  /** Renders unsaved input exactly as approval will (sanitised HTML and plain text per part). */
  preview(dto: PreviewArticleDto): { rendered: RenderedContent } {
    const { kind, ...fields } = dto;
    const content: ArticleContent = {
      ...emptyContent(kind),
      ...fields,
      title: fields.title ?? '',
      sections: { ...(fields.sections ?? {}) },
    };
    return { rendered: this.renderer.renderContent(kind, content) };
  }

  async create(actor: Actor, dto: CreateArticleDto): Promise<ArticleResponse> {
    const id = randomUUID();
    await this.runner
      .create(actor, id, (manager) => this.newArticle(manager, actor, id, dto))
      .catch((error: unknown) => {
        // Two concurrent creates can pass the checks below; the unique indexes decide.
        if (isUniqueViolation(error, 'uq_articles_slug')) throw new ArticleSlugTakenError(dto.slug ?? slugify(dto.title));
        if (isUniqueViolation(error, 'uq_articles_external_id')) throw new ArticleExternalIdTakenError(dto.externalId ?? '');
        throw error;
      });
    return this.get(id);
  }

  /** The unsaved draft for a create, after the checks that need the database; the runner writes it. */
  private async newArticle(manager: EntityManager, actor: Actor, id: string, dto: CreateArticleDto): Promise<Article> {
    const department = await this.departmentFromBody(dto.department, manager);
    assertCanEditIn(actor, department.slug);
    const owner = await this.users.ensureByEmail(dto.owner ?? actor.email, '', manager);
    const content = await this.assembler.apply(dto.kind, emptyContent(dto.kind), dto, { manager, articleId: id });
    if (dto.externalId && (await this.articles.findByExternalId(dto.externalId, manager))) {
      throw new ArticleExternalIdTakenError(dto.externalId);
    }
    if (dto.slug && (await this.articles.slugInUse(manager, dto.slug))) throw new ArticleSlugTakenError(dto.slug);
    return manager.getRepository(Article).create({
      id,
      externalId: dto.externalId ?? null,
      kind: dto.kind,
      // empty: the runner derives a free one from the title
      slug: dto.slug ?? '',
      status: 'draft',
      title: content.title,
      content,
      contentHash: contentHash(content),
      departmentId: department.id,
      ownerId: owner.id,
      reviewIntervalDays: dto.reviewIntervalDays ?? null,
      revisionAuthorId: actor.userId,
      revisionNote: dto.changeNote?.trim() || null,
    });
  }

  /** PATCH: content changes open (or continue) a draft revision; stewardship fields apply at once. */
  async update(actor: Actor, id: string, ifMatch: string | undefined, dto: UpdateArticleDto): Promise<ArticleResponse> {
    await this.runner.run(
      actor,
      id,
      { action: 'edit', ifMatch, requireIfMatch: true, authorize: canEdit(actor) },
      async ({ manager, article, to }) => {
        const changed: string[] = [];
        const touchesContent = CONTENT_FIELDS.some((f) => dto[f] !== undefined);
        if (touchesContent) {
          const content = await this.assembler.apply(article.kind, article.content, dto, { manager, articleId: article.id });
          const hash = contentHash(content);
          if (hash !== article.contentHash) {
            changed.push(...CONTENT_FIELDS.filter((f) => dto[f] !== undefined));
            article.content = content;
            article.contentHash = hash;
            article.title = content.title;
            article.status = to;
            article.revisionAuthorId = actor.userId;
            article.revisionNote = dto.changeNote?.trim() || article.revisionNote;
            article.rejectionReason = null;
            article.submittedAt = null;
          }
        }
        if (dto.slug !== undefined && dto.slug !== article.slug) {
          if (await this.articles.slugInUse(manager, dto.slug, article.id)) throw new ArticleSlugTakenError(dto.slug);
          await this.articles.retireSlug(manager, article.id, article.slug, dto.slug);
          article.slug = dto.slug;
          changed.push('slug');
        }
        if (dto.department !== undefined) {
          const department = await this.departmentFromBody(dto.department, manager);
          assertCanEditIn(actor, department.slug);
          if (department.id !== article.departmentId) {
            article.departmentId = department.id;
            article.department = department;
            changed.push('department');
          }
        }
        if (dto.owner !== undefined) {
          const owner = dto.owner === null ? null : await this.users.ensureByEmail(dto.owner, '', manager);
          article.ownerId = owner?.id ?? null;
          article.owner = owner;
          changed.push('owner');
        }
        if (dto.reviewIntervalDays !== undefined) {
          article.reviewIntervalDays = dto.reviewIntervalDays;
          changed.push('reviewIntervalDays');
        }
        if (dto.reviewDueAt !== undefined) {
          article.reviewDueAt = dto.reviewDueAt === null ? null : new Date(dto.reviewDueAt);
          changed.push('reviewDueAt');
        }
        return { changed };
      },
    );
    return this.get(id);
  }

  async get(ref: string): Promise<ArticleResponse> {
    const article = await this.articles.findByRef(ref);
    if (!article) throw new ArticleNotFoundError(ref);
    return this.toResponse(article, { render: true, oldSlugs: await this.articles.oldSlugs(article.id) });
  }

  async list(query: ListArticlesQueryDto): Promise<ArticleListResponse> {
    const now = this.clock.now();
    let departmentId: string | undefined;
    if (query.department) {
      const department = await this.departments.find(query.department);
      if (!department) return { items: [], nextCursor: null };
      departmentId = department.id;
    }
    let ownerId: string | undefined;
    if (query.owner) {
      const owner = await this.users.findByEmail(query.owner);
      if (!owner) return { items: [], nextCursor: null };
      ownerId = owner.id;
    }
    const page = await this.articles.list({
      departmentId,
      ownerId,
      status: query.status,
      kind: query.kind,
      reviewDue: query.reviewDue,
      q: query.q,
      limit: query.limit ?? 20,
      cursor: query.cursor,
      now,
    });
    return { items: page.items.map((a) => toArticleSummary(a, now)), nextCursor: page.nextCursor };
  }

  async history(ref: string) {
    const article = await this.articles.findByRef(ref);
    if (!article) throw new ArticleNotFoundError(ref);
    const events = await this.articles.listEvents(article.id);
    const users = await this.users.findByIds(events.map((e) => e.actorId ?? ''));
    return events.map((e) => ({
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      version: e.version,
      actor: e.actorId ? { id: e.actorId, email: users.get(e.actorId)?.email ?? null } : null,
      details: e.details,
      at: e.createdAt.toISOString(),
    }));
  }

  toResponse(article: Article, options: { render: boolean; oldSlugs?: string[] }): ArticleResponse {
    return toArticleResponse(article, {
      now: this.clock.now(),
      intervalDays: effectiveReviewInterval(article.kind, article.reviewIntervalDays, article.department?.reviewIntervalDays ?? null),
      allowedActions: allowedActions({
        kind: article.kind,
        status: article.status,
        content: article.content,
        publishedVersion: article.publishedVersion,
      }),
      rendered: options.render ? this.renderer.renderContent(article.kind, article.content) : undefined,
      oldSlugs: options.oldSlugs,
    });
  }

  /** A department named in a request body: unknown is a 400 on that field, not a 404 of the resource. */
  private async departmentFromBody(ref: string, manager: EntityManager): Promise<Department> {
    try {
      return await this.departments.get(ref, manager);
    } catch (error) {
      if (error instanceof DepartmentNotFoundError) {
        throw new InvalidArticleContentError([
          { field: 'department', code: 'UNKNOWN_DEPARTMENT', message: `no department ${JSON.stringify(ref)}` },
        ]);
      }
      throw error;
    }
  }
}
