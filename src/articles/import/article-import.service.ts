import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, FieldProblem, ValidationFailedError } from '../../common/errors/domain-error';
import { toFieldProblems } from '../../common/errors/validation';
import type { Actor } from '../../common/request-context/actor';
import { Clock } from '../../common/time/clock';
import { DepartmentsService } from '../../departments/departments.service';
import { User } from '../../users/user.entity';
import { UsersService } from '../../users/users.service';
import { Article } from '../article.entity';
import { ArticleChangeSignal } from '../article-change.signal';
import { ArticleContentAssembler, ContentPatch } from '../article-content.assembler';
import { contentHash, emptyContent } from '../article-content';
import { ArticlePublishingService } from '../article-publishing.service';
import { ArticlesRepository } from '../articles.repository';
import { ArticlesService } from '../articles.service';
import { addDays } from '../review-interval';
import { ImportItemDto } from './dto/import-item.dto';
import { bodyToSections } from './section-mapping';

export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'failed';

export interface ImportItemReport {
  index: number;
  externalId: string | null;
  outcome: ImportOutcome;
  articleId?: string;
  /** the live version after import, when published */
  version?: number | null;
  warnings?: string[];
  error?: { code: string; message: string; errors?: FieldProblem[] };
}

export interface ImportReport {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  items: ImportItemReport[];
}

export const MAX_IMPORT_ITEMS = 10_000;

/**
 * Imports articles in the content-fixtures shape. Idempotent on externalId; each item is its own
 * transaction, so one bad item is reported and never aborts or half-writes the others. Ids are
 * allocated up front so items can name related items anywhere in the same file.
 */
@Injectable()
export class ArticleImportService {
  private readonly logger = new Logger(ArticleImportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly articles: ArticlesRepository,
    private readonly articleService: ArticlesService,
    private readonly assembler: ArticleContentAssembler,
    private readonly publishing: ArticlePublishingService,
    private readonly departments: DepartmentsService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly signal: ArticleChangeSignal,
  ) {}

  async import(actor: Actor, input: unknown, onProgress?: (done: number, total: number) => void): Promise<ImportReport> {
    if (!Array.isArray(input)) {
      throw new ValidationFailedError([{ field: '(body)', code: 'IS_ARRAY', message: 'must be a JSON array of articles' }]);
    }
    if (input.length > MAX_IMPORT_ITEMS) {
      throw new ValidationFailedError([
        { field: '(body)', code: 'ARRAY_MAX_SIZE', message: `at most ${MAX_IMPORT_ITEMS} items per import` },
      ]);
    }
    const items: ImportItemReport[] = [];
    const valid: { index: number; dto: ImportItemDto }[] = [];
    const seen = new Set<string>();
    for (const [index, raw] of input.entries()) {
      const externalId =
        typeof (raw as { externalId?: unknown })?.externalId === 'string' ? (raw as { externalId: string }).externalId : null;
      const problems = await validateItem(raw);
      if (problems.length === 0 && seen.has(externalId!)) {
        problems.push({ field: 'externalId', code: 'DUPLICATE_IN_FILE', message: 'appears more than once in this import' });
      }
      if (problems.length) {
        items[index] = {
          index,
          externalId,
          outcome: 'failed',
          error: { code: 'VALIDATION_FAILED', message: 'The item is not valid', errors: problems },
        };
        continue;
      }
      seen.add(externalId!);
      valid.push({ index, dto: plainToInstance(ImportItemDto, raw) });
    }

    const ids = await this.allocateIds(valid.map((v) => v.dto.externalId));
    const pendingIds = new Set(ids.values());
    let done = input.length - valid.length;
    onProgress?.(done, input.length);
    for (const { index, dto } of valid) {
      items[index] = await this.importOne(actor, index, dto, ids, pendingIds);
      onProgress?.(++done, input.length);
    }
    return {
      total: items.length,
      created: items.filter((i) => i.outcome === 'created').length,
      updated: items.filter((i) => i.outcome === 'updated').length,
      unchanged: items.filter((i) => i.outcome === 'unchanged').length,
      failed: items.filter((i) => i.outcome === 'failed').length,
      items,
    };
  }

  private async allocateIds(externalIds: string[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    if (externalIds.length === 0) return ids;
    const rows: { id: string; external_id: string }[] = await this.dataSource.query(
      'SELECT id, external_id FROM articles WHERE external_id = ANY($1)',
      [externalIds],
    );
    for (const row of rows) ids.set(row.external_id, row.id);
    for (const externalId of externalIds) if (!ids.has(externalId)) ids.set(externalId, randomUUID());
    return ids;
  }

  private async importOne(
    actor: Actor,
    index: number,
    dto: ImportItemDto,
    ids: Map<string, string>,
    pendingIds: Set<string>,
  ): Promise<ImportItemReport> {
    const report: ImportItemReport = { index, externalId: dto.externalId, outcome: 'failed' };
    try {
      const warnings: string[] = [];
      await this.dataSource.transaction(async (manager) => {
        const relatedIds: string[] = [];
        const unknownRelated: string[] = [];
        for (const ref of dto.related ?? []) {
          const id = ids.get(ref) ?? (await this.articles.findByExternalId(ref, manager))?.id;
          if (id) relatedIds.push(id);
          else unknownRelated.push(ref);
        }
        if (unknownRelated.length) warnings.push(`unknown related articles ignored: ${unknownRelated.join(', ')}`);
        const patch = toContentPatch(dto, relatedIds, warnings);
        const id = ids.get(dto.externalId)!;
        const existing = await this.articles.lock(manager, id);
        const result = existing
          ? await this.update(manager, actor, existing, dto, patch, pendingIds)
          : await this.create(manager, actor, id, dto, patch, pendingIds);
        Object.assign(report, result);
      });
      if (report.outcome !== 'unchanged' && report.articleId) this.signal.committed(report.articleId);
      if (warnings.length) report.warnings = warnings;
    } catch (error) {
      if (error instanceof DomainError) {
        report.outcome = 'failed';
        report.error = { code: error.code, message: error.message, ...(error.fields.length ? { errors: error.fields } : {}) };
      } else {
        this.logger.error(`import of ${dto.externalId} failed`, (error as Error)?.stack);
        report.outcome = 'failed';
        report.error = { code: 'INTERNAL_ERROR', message: 'The item could not be stored' };
      }
    }
    return report;
  }

  private async create(
    manager: EntityManager,
    actor: Actor,
    id: string,
    dto: ImportItemDto,
    patch: ContentPatch,
    pendingIds: Set<string>,
  ): Promise<Partial<ImportItemReport>> {
    const department = await this.departments.findOrCreateByName(dto.department, manager);
    const owner = dto.owner ? await this.users.ensureByEmail(dto.owner, '', manager) : null;
    const content = await this.assembler.apply(dto.kind, emptyContent(dto.kind), patch, { manager, articleId: id, pendingIds });
    const article = manager.getRepository(Article).create({
      id,
      externalId: dto.externalId,
      kind: dto.kind,
      slug: await this.articleService.chooseSlug(manager, undefined, content.title),
      status: 'draft',
      title: content.title,
      content,
      contentHash: contentHash(content),
      departmentId: department.id,
      department,
      ownerId: owner?.id ?? null,
      reviewIntervalDays: dto.reviewIntervalDays ?? null,
      revisionAuthorId: actor.userId,
      revisionNote: 'Import',
    });
    await this.articles.save(manager, article);
    const now = this.clock.now();
    const target = dto.status ?? 'published';
    if (target === 'published') await this.publishing.publishVersion(manager, article, actor, now, 'Import');
    if (target === 'archived') {
      article.status = 'archived';
      article.archivedAt = now;
    }
    if (dto.reviewDueAt) article.reviewDueAt = new Date(dto.reviewDueAt);
    else if (dto.reviewDueInDays !== undefined) article.reviewDueAt = addDays(now, dto.reviewDueInDays);
    await this.articles.save(manager, article);
    await this.articles.insertEvent(manager, {
      articleId: id,
      action: 'import',
      toStatus: article.status,
      actorId: actor.userId,
      version: article.publishedVersion,
      details: { externalId: dto.externalId, created: true },
    });
    return { outcome: 'created', articleId: id, version: article.publishedVersion };
  }

  private async update(
    manager: EntityManager,
    actor: Actor,
    article: Article,
    dto: ImportItemDto,
    patch: ContentPatch,
    pendingIds: Set<string>,
  ): Promise<Partial<ImportItemReport>> {
    if (article.kind !== dto.kind) {
      throw new ValidationFailedError([{ field: 'kind', code: 'KIND_CHANGED', message: `the existing article is a ${article.kind}` }]);
    }
    const from = article.status;
    const changed: string[] = [];
    const content = await this.assembler.apply(dto.kind, emptyContent(dto.kind), patch, { manager, articleId: article.id, pendingIds });
    const hash = contentHash(content);
    if (hash !== article.contentHash) {
      article.content = content;
      article.contentHash = hash;
      article.title = content.title;
      article.revisionAuthorId = actor.userId;
      article.revisionNote = 'Import';
      changed.push('content');
    }
    const department = await this.departments.findOrCreateByName(dto.department, manager);
    if (department.id !== article.departmentId) {
      article.departmentId = department.id;
      article.department = department;
      changed.push('department');
    }
    if (dto.owner) {
      const owner = await this.users.ensureByEmail(dto.owner, '', manager);
      if (owner.id !== article.ownerId) {
        article.ownerId = owner.id;
        article.owner = owner as User;
        changed.push('owner');
      }
    }
    if ((dto.reviewIntervalDays ?? null) !== article.reviewIntervalDays) {
      article.reviewIntervalDays = dto.reviewIntervalDays ?? null;
      changed.push('reviewIntervalDays');
    }

    const now = this.clock.now();
    const target = dto.status ?? 'published';
    if (target === 'published') {
      const live = article.publishedVersion ? await this.articles.findVersion(article.id, article.publishedVersion, manager) : null;
      if (live?.contentHash !== article.contentHash || article.status === 'archived') {
        // Also revives an archived article: the source says it is published again.
        await this.publishing.publishVersion(manager, article, actor, now, 'Import');
        changed.push('published');
      } else if (article.status !== 'published') {
        article.status = 'published';
        changed.push('status');
      }
    } else if (target === 'draft' && changed.includes('content') && article.status !== 'draft') {
      article.status = 'draft';
      changed.push('status');
    } else if (target === 'archived' && article.status !== 'archived') {
      article.status = 'archived';
      article.archivedAt = now;
      changed.push('status');
    }
    if (dto.reviewDueAt && new Date(dto.reviewDueAt).getTime() !== article.reviewDueAt?.getTime()) {
      article.reviewDueAt = new Date(dto.reviewDueAt);
      changed.push('reviewDueAt');
    }
    if (changed.length === 0) return { outcome: 'unchanged', articleId: article.id, version: article.publishedVersion };
    await this.articles.save(manager, article);
    await this.articles.insertEvent(manager, {
      articleId: article.id,
      action: 'import',
      fromStatus: from,
      toStatus: article.status,
      actorId: actor.userId,
      version: article.publishedVersion,
      details: { externalId: dto.externalId, changed },
    });
    return { outcome: 'updated', articleId: article.id, version: article.publishedVersion };
  }
}

async function validateItem(raw: unknown): Promise<FieldProblem[]> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return [{ field: '(item)', code: 'IS_OBJECT', message: 'each item must be a JSON object' }];
  }
  const dto = plainToInstance(ImportItemDto, raw);
  const problems = toFieldProblems(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }));
  const item = dto as ImportItemDto;
  if (item.kind === 'product' && item.sections && item.body) {
    problems.push({ field: 'body', code: 'SECTIONS_AND_BODY', message: 'give either sections or body, not both' });
  }
  if (item.reviewDueAt && item.reviewDueInDays !== undefined) {
    problems.push({
      field: 'reviewDueInDays',
      code: 'CONFLICTS_WITH_REVIEW_DUE_AT',
      message: 'give either reviewDueAt or reviewDueInDays',
    });
  }
  return problems;
}

/** Maps an import item onto the editor's content fields; a product's body is split into sections. */
function toContentPatch(dto: ImportItemDto, relatedIds: string[], warnings: string[]): ContentPatch {
  let sections = dto.sections;
  let body = dto.body;
  if (dto.kind === 'product' && dto.body !== undefined) {
    const mapped = bodyToSections(dto.body);
    sections = mapped.sections;
    body = undefined;
    if (mapped.unmapped.length) warnings.push(`headings kept in bijzonderheden: ${mapped.unmapped.join(', ')}`);
  }
  return {
    title: dto.title,
    summary: dto.summary ?? '',
    audience: dto.audience ?? (dto.kind === 'instruction' ? 'internal' : 'public'),
    sections: sections ?? {},
    question: dto.question ?? null,
    answer: dto.answer ?? null,
    explanation: dto.explanation ?? null,
    body: body ?? null,
    kccNotes: dto.kccNotes ?? null,
    themes: dto.themes ?? [],
    lifeEvents: dto.lifeEvents ?? [],
    targetGroups: dto.targetGroups ?? [],
    synonyms: dto.synonyms ?? [],
    alternativeQuestions: dto.alternativeQuestions ?? [],
    uplName: dto.uplName ?? null,
    uplUri: dto.uplUri ?? null,
    relatedIds,
  };
}
