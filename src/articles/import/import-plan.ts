import { canEdit } from '../article-access';
import { ValidationFailedError } from '../../common/errors/domain-error';
import type { Actor } from '../../common/request-context/actor';
import type { Department } from '../../departments/department.entity';
import { Article } from '../article.entity';
import type { BulkCommand, BulkStep } from '../article-command.runner';
import type { ArticleContent } from '../article-content';
import type { ArticleVersioning, RenderedVersion } from '../article-versioning';
import { contentComplete } from '../article-workflow';
import { addDays } from '../review-interval';
import type { ImportItemDto } from './dto/import-item.dto';
import { ImportWarning, UNKNOWN_UPL } from './import-metadata';

// How one import item becomes workflow steps for ArticleCommandRunner.bulk (article-import.service.ts
// resolves and validates; this decides, on the locked current state, what the source asks for).

export /** An item ready for the runner: validated, references resolved, content assembled. */
interface PreparedItem {
  index: number;
  dto: ImportItemDto;
  id: string;
  content: ArticleContent;
  hash: string;
  department: Department;
  ownerId: string | null;
  warnings: ImportWarning[];
  /** no article with this externalId existed when the file was read */
  isNew: boolean;
  /** the rendering of `content`, when computed ahead of the batch (renderAhead) */
  rendered?: RenderedVersion;
}

/**
 * What the runner does with one item, decided on the locked current state. The workflow decides
 * which steps are legal; this decides which the source asks for.
 */
export function importCommand(
  actor: Actor,
  p: PreparedItem,
  mayPublish: boolean,
  versioning: ArticleVersioning,
): { command: BulkCommand; warnings: ImportWarning[] } {
  const { dto } = p;
  const warnings: ImportWarning[] = [];
  const target = dto.status ?? 'published';
  const reviewDue = (article: Article, now: Date, created: boolean) => {
    if (dto.reviewDueAt) article.reviewDueAt = new Date(dto.reviewDueAt);
    else if (created && dto.reviewDueInDays !== undefined) article.reviewDueAt = addDays(now, dto.reviewDueInDays);
  };
  const command: BulkCommand = {
    articleId: p.id,
    details: { via: 'import', externalId: dto.externalId, ...uplLeftEmpty(p.warnings) },
    create: (manager) =>
      manager.getRepository(Article).create({
        id: p.id,
        externalId: dto.externalId,
        kind: dto.kind,
        slug: '',
        status: 'draft',
        title: p.content.title,
        content: p.content,
        contentHash: p.hash,
        departmentId: p.department.id,
        ownerId: p.ownerId,
        reviewIntervalDays: dto.reviewIntervalDays ?? null,
        revisionAuthorId: actor.userId,
        revisionNote: 'Import',
      }),
    authorize: (article) => {
      if (article.kind !== dto.kind) {
        throw new ValidationFailedError([{ field: 'kind', code: 'KIND_CHANGED', message: `the existing article is a ${article.kind}` }]);
      }
      canEdit(actor)(article);
    },
    plan: (article, { created, liveContentHash, now }) => {
      warnings.length = 0;
      const steps: BulkStep[] = [];
      const changed = created ? [] : changes(article, p);
      if (changed.length) {
        const edits = changed.includes('content') && article.status !== 'archived';
        steps.push({
          action: edits ? 'edit' : 'update',
          apply: ({ article: a }) => {
            applyChanges(a, p, actor, changed);
            return { changed };
          },
        });
      }
      const status = created || steps[0]?.action === 'edit' ? 'draft' : article.status;
      const pending = liveContentHash !== p.hash;
      if (target === 'published' && mayPublish) {
        if (status !== 'published' || pending) steps.push(publishStep(actor, p, versioning));
      } else if (target === 'published') {
        if (status === 'draft' && pending) {
          const incomplete = contentComplete({ kind: dto.kind, status, content: p.content, publishedVersion: null });
          if (incomplete) {
            warnings.push({ field: 'status', code: 'CONTENT_INCOMPLETE', message: `als concept opgeslagen: ${incomplete.message}` });
          } else {
            steps.push({ action: 'submit', apply: ({ article: a }) => void (a.submittedAt = now) });
            warnings.push({
              field: 'status',
              code: 'SUBMITTED_FOR_REVIEW',
              message: 'ter beoordeling ingediend: alleen een beheerder importeert gepubliceerd (vier ogen)',
            });
          }
        } else if (status === 'archived') {
          warnings.push({
            field: 'status',
            code: 'NOT_RESTORED',
            message: 'gearchiveerd gebleven: alleen een beheerder publiceert het weer',
          });
        }
      } else if (target === 'archived' && status !== 'archived') {
        steps.push({ action: 'archive', apply: ({ article: a }) => void (a.archivedAt = now) });
      }
      const last = steps.at(-1);
      if (last) {
        const apply = last.apply;
        last.apply = (ctx) => {
          const details = apply?.(ctx);
          reviewDue(ctx.article, now, created);
          return details;
        };
      } else if (created) {
        reviewDue(article, now, true);
      }
      return steps;
    },
  };
  return { command, warnings };
}

/** Items rendered ahead between two yields to the event loop. */
const RENDER_BETWEEN_YIELDS = 20;

/**
 * Renders, ahead of their batch, the items that will be published as a new article's first version
 * (an existing one may turn out unchanged: it is rendered in its batch, if at all). Runs while the
 * previous batch waits on the database, so a batch's transaction does not hold its locks for the
 * rendering; yields now and then so that batch's replies are not held up. An item that fails to
 * render here is rendered (and fails) in its batch, alone.
 */
export async function renderAhead(items: PreparedItem[], mayPublish: boolean, versioning: ArticleVersioning): Promise<void> {
  if (!mayPublish) return;
  let sinceYield = 0;
  for (const p of items) {
    if (!p.isNew || p.rendered || (p.dto.status ?? 'published') !== 'published') continue;
    if (sinceYield++ % RENDER_BETWEEN_YIELDS === 0) await new Promise((resolve) => setImmediate(resolve));
    try {
      p.rendered = versioning.renderVersion(p.dto.kind, p.content);
    } catch {
      // left to the batch
    }
  }
}

/** What differs between the locked article and the item (content, department, owner, review settings). */
function changes(article: Article, p: PreparedItem): string[] {
  const changed: string[] = [];
  if (p.hash !== article.contentHash) changed.push('content');
  if (p.department.id !== article.departmentId) changed.push('department');
  if (p.ownerId && p.ownerId !== article.ownerId) changed.push('owner');
  if ((p.dto.reviewIntervalDays ?? null) !== article.reviewIntervalDays) changed.push('reviewIntervalDays');
  if (p.dto.reviewDueAt && new Date(p.dto.reviewDueAt).getTime() !== article.reviewDueAt?.getTime()) changed.push('reviewDueAt');
  return changed;
}

function applyChanges(article: Article, p: PreparedItem, actor: Actor, changed: string[]): void {
  if (changed.includes('content')) {
    article.content = p.content;
    article.contentHash = p.hash;
    article.title = p.content.title;
    article.revisionAuthorId = actor.userId;
    article.revisionNote = 'Import';
  }
  article.departmentId = p.department.id;
  article.department = p.department;
  if (p.ownerId) article.ownerId = p.ownerId;
  article.reviewIntervalDays = p.dto.reviewIntervalDays ?? null;
}

/** Approval without a review step: a new version unless the working copy already is the live one. */
function publishStep(actor: Actor, p: PreparedItem, versioning: ArticleVersioning): BulkStep {
  return {
    action: 'publish',
    apply: ({ article, now, liveContentHash, addVersion }) => {
      if (article.publishedVersion !== null && liveContentHash === article.contentHash) {
        Object.assign(article, {
          revisionAuthorId: null,
          revisionNote: null,
          rejectionReason: null,
          submittedAt: null,
          archivedAt: null,
        });
        return {};
      }
      // The item's hash (and maybe rendering) were computed ahead; the working copy is that same object when it came from the item.
      const known = article.content === p.content ? { hash: p.hash, rendered: p.rendered } : {};
      const version = versioning.freeze(article, actor.userId, now, 'Import', p.department.reviewIntervalDays, known);
      addVersion(version);
      return { version: version.number };
    },
  };
}

/** Recorded on the import's events, so the SC report and the task list can name the value (MissingUplQuery). */
function uplLeftEmpty(warnings: ImportWarning[]): { uplLeftEmpty?: string } {
  const warning = warnings.find((w) => w.code === UNKNOWN_UPL);
  return warning ? { uplLeftEmpty: warning.value ?? '' } : {};
}
