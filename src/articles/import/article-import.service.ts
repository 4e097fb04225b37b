import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { assertCanEditIn } from '../article-access';
import { hasRole } from '../../common/request-context/roles';
import { DomainError, FieldProblem, ValidationFailedError } from '../../common/errors/domain-error';
import { slugify } from '../../common/http/slug';
import { toFieldProblems } from '../../common/errors/validation';
import type { Actor } from '../../common/request-context/actor';
import { Department } from '../../departments/department.entity';
import { DepartmentsService } from '../../departments/departments.service';
import { UplCatalog } from '../../upl/upl-catalog';
import { UsersService } from '../../users/users.service';
import { BulkAction, ArticleCommandRunner } from '../article-command.runner';
import { ArticleContentAssembler, ContentPatch } from '../article-content.assembler';
import { contentHash, emptyContent } from '../article-content';
import { ArticleVersioning } from '../article-versioning';
import type { ArticleStatus } from '../article-workflow';
import { ImportItemDto } from './dto/import-item.dto';
import { PreparedItem, importCommand, renderAhead } from './import-plan';
import { ImportWarning, lenientMetadata } from './import-metadata';
import { bodyToSections } from './section-mapping';

export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'failed';

export interface ImportItemReport {
  index: number;
  externalId: string | null;
  outcome: ImportOutcome;
  articleId?: string;
  /** the live version after import, when published */
  version?: number | null;
  /** the article's status after import */
  status?: ArticleStatus;
  /** what the import did to the article, in order: `create`, then workflow actions (`publish`, `submit`, …) or `update` */
  actions?: BulkAction[];
  warnings?: ImportWarning[];
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
/** Items per transaction: each batch is one lock query and one multi-row statement per table. */
const BATCH = 500;

/**
 * Imports articles in the content-fixtures shape through the article command runner: a new article
 * is a `create`, its publication a `publish` transition, each with its own workflow event.
 * Idempotent on externalId; a bad item is reported and never aborts or half-writes the others.
 * Four eyes: only an admin (the CLI and the fixture loader act as one) imports as published; other
 * importers' items become submissions (or drafts), and they cannot create departments.
 */
@Injectable()
export class ArticleImportService {
  private readonly logger = new Logger(ArticleImportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: ArticleCommandRunner,
    private readonly assembler: ArticleContentAssembler,
    private readonly versioning: ArticleVersioning,
    private readonly departments: DepartmentsService,
    private readonly users: UsersService,
    private readonly upl: UplCatalog,
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
    const fail = (index: number, externalId: string | null, error: unknown) =>
      (items[index] = { index, externalId, ...this.failure(error) });
    const valid: { index: number; dto: ImportItemDto; warnings: ImportWarning[] }[] = [];
    const seen = new Set<string>();
    for (const [index, raw] of input.entries()) {
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
        fail(index, null, new ValidationFailedError([{ field: '(item)', code: 'IS_OBJECT', message: 'each item must be a JSON object' }]));
        continue;
      }
      const { item, warnings } = lenientMetadata(raw as Record<string, unknown>, this.upl);
      const externalId = typeof item.externalId === 'string' ? item.externalId : null;
      const { dto, problems } = await validateItem(item);
      if (problems.length === 0 && seen.has(externalId!)) {
        problems.push({ field: 'externalId', code: 'DUPLICATE_IN_FILE', message: 'appears more than once in this import' });
      }
      if (problems.length) {
        fail(index, externalId, new ValidationFailedError(problems, 'The item is not valid'));
        continue;
      }
      seen.add(externalId!);
      valid.push({ index, dto, warnings });
    }

    const prepared = await this.prepare(actor, valid, (index, dto, error) => fail(index, dto.externalId, error));
    let done = input.length - prepared.length;
    onProgress?.(done, input.length);
    const mayPublish = hasRole(actor, 'admin');
    for (let offset = 0; offset < prepared.length; offset += BATCH) {
      const batch = prepared.slice(offset, offset + BATCH);
      const planned = batch.map((p) => importCommand(actor, p, mayPublish, this.versioning));
      // The next batch is rendered while this one's writes are in the database.
      const [results] = await Promise.all([
        this.runner.bulk(
          actor,
          planned.map((c) => c.command),
        ),
        renderAhead(prepared.slice(offset + BATCH, offset + 2 * BATCH), mayPublish, this.versioning),
      ]);
      results.forEach((result, i) => {
        const { index, dto } = batch[i];
        if (!result.ok) return void fail(index, dto.externalId, result.error);
        const { article, created, actions } = result;
        const warnings = [...batch[i].warnings, ...planned[i].warnings];
        items[index] = {
          index,
          externalId: dto.externalId,
          outcome: created ? 'created' : actions.length ? 'updated' : 'unchanged',
          articleId: article.id,
          version: article.publishedVersion,
          status: article.status,
          actions,
          ...(warnings.length ? { warnings } : {}),
        };
      });
      onProgress?.((done += batch.length), input.length);
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

  /**
   * Resolves every item's references with a few queries for the whole file (ids by externalId,
   * related articles, departments, owners), then assembles each item's content in memory.
   */
  private async prepare(
    actor: Actor,
    valid: { index: number; dto: ImportItemDto; warnings: ImportWarning[] }[],
    fail: (index: number, dto: ImportItemDto, error: unknown) => void,
  ): Promise<PreparedItem[]> {
    const inFile = valid.map((v) => v.dto.externalId);
    const known = await this.idsByExternalId([...new Set([...inFile, ...valid.flatMap((v) => v.dto.related ?? [])])]);
    const ids = new Map(inFile.map((externalId) => [externalId, known.get(externalId) ?? randomUUID()]));
    const pendingIds = new Set([...ids.values(), ...known.values()]);
    const departments = await this.resolveDepartments(
      valid.map((v) => v.dto.department),
      hasRole(actor, 'admin'),
    );
    const owners = new Map<string, string>();
    for (const email of new Set(valid.flatMap((v) => (v.dto.owner ? [v.dto.owner] : [])))) {
      owners.set(email, (await this.users.ensureByEmail(email, '')).id);
    }

    const out: PreparedItem[] = [];
    for (const { index, dto, warnings } of valid) {
      try {
        const department = departments.get(dto.department);
        if (!department) {
          throw new ValidationFailedError(
            [{ field: 'department', code: 'UNKNOWN_DEPARTMENT', message: `no department "${dto.department}"; only an admin creates one` }],
            'The item is not valid',
          );
        }
        assertCanEditIn(actor, department.slug);
        const related = (dto.related ?? []).map((ref) => [ref, ids.get(ref) ?? known.get(ref)] as const);
        const unknown = related.filter(([, id]) => !id).map(([ref]) => ref);
        const itemWarnings = [...warnings];
        if (unknown.length) {
          itemWarnings.push({
            field: 'related',
            code: 'UNKNOWN_RELATED',
            message: `unknown related articles ignored: ${unknown.join(', ')}`,
          });
        }
        const patch = toContentPatch(
          dto,
          related.flatMap(([, id]) => (id ? [id] : [])),
          itemWarnings,
        );
        const id = ids.get(dto.externalId)!;
        const content = await this.assembler.apply(dto.kind, emptyContent(dto.kind), patch, {
          manager: this.dataSource.manager,
          articleId: id,
          pendingIds,
        });
        const ownerId = dto.owner ? owners.get(dto.owner)! : null;
        out.push({
          index,
          dto,
          id,
          content,
          hash: contentHash(content),
          department,
          ownerId,
          warnings: itemWarnings,
          isNew: !known.has(dto.externalId),
        });
      } catch (error) {
        fail(index, dto, error);
      }
    }
    return out;
  }

  private async idsByExternalId(externalIds: string[]): Promise<Map<string, string>> {
    if (externalIds.length === 0) return new Map();
    const rows: { id: string; external_id: string }[] = await this.dataSource.query(
      'SELECT id, external_id FROM articles WHERE external_id = ANY($1)',
      [externalIds],
    );
    return new Map(rows.map((r) => [r.external_id, r.id]));
  }

  /** Departments by the name or slug items give; an admin's import creates unknown ones, others get none. */
  private async resolveDepartments(names: string[], mayCreate: boolean): Promise<Map<string, Department>> {
    const all = await this.departments.list();
    const out = new Map<string, Department>();
    for (const name of new Set(names)) {
      const found =
        all.find((d) => d.slug === slugify(name)) ??
        all.find((d) => d.name.toLowerCase() === name.trim().toLowerCase()) ??
        (mayCreate ? await this.departments.findOrCreateByName(name, this.dataSource.manager) : undefined);
      if (found) out.set(name, found);
    }
    return out;
  }

  private failure(error: unknown): Pick<ImportItemReport, 'outcome' | 'error'> {
    if (error instanceof DomainError) {
      return {
        outcome: 'failed',
        error: { code: error.code, message: error.message, ...(error.fields.length ? { errors: error.fields } : {}) },
      };
    }
    this.logger.error('import of an item failed', (error as Error)?.stack);
    return { outcome: 'failed', error: { code: 'INTERNAL_ERROR', message: 'The item could not be stored' } };
  }
}

/** The item as a DTO (transformed once, for validation and for the import) and what is wrong with it. */
async function validateItem(item: Record<string, unknown>): Promise<{ dto: ImportItemDto; problems: FieldProblem[] }> {
  const dto = plainToInstance(ImportItemDto, item);
  const problems = toFieldProblems(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }));
  if (dto.kind === 'product' && dto.sections && dto.body) {
    problems.push({ field: 'body', code: 'SECTIONS_AND_BODY', message: 'give either sections or body, not both' });
  }
  if (dto.reviewDueAt && dto.reviewDueInDays !== undefined) {
    problems.push({
      field: 'reviewDueInDays',
      code: 'CONFLICTS_WITH_REVIEW_DUE_AT',
      message: 'give either reviewDueAt or reviewDueInDays',
    });
  }
  return { dto, problems };
}

/** Maps an import item onto the editor's content fields; a product's body is split into sections. */
function toContentPatch(dto: ImportItemDto, relatedIds: string[], warnings: ImportWarning[]): ContentPatch {
  let sections = dto.sections;
  let body = dto.body;
  if (dto.kind === 'product' && dto.body !== undefined) {
    const mapped = bodyToSections(dto.body);
    sections = mapped.sections;
    body = undefined;
    if (mapped.unmapped.length) {
      warnings.push({
        field: 'body',
        code: 'HEADINGS_UNMAPPED',
        message: `headings kept in bijzonderheden: ${mapped.unmapped.join(', ')}`,
      });
    }
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
