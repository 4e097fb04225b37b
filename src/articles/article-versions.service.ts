import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/request-context/actor';
import { DiffChange, wordDiff } from '../common/text/word-diff';
import { ValidationFailedError } from '../common/errors/domain-error';
import { canEdit } from './article-access';
import { ArticleCommandRunner } from './article-command.runner';
import { ArticleContent, SECTION_KEYS, SECTION_TITLES, TEXT_FIELD_TITLES as T, contentHash } from './article-content';
import { ArticlesRepository } from './articles.repository';
import { ArticleNotFoundError, ArticleNotPublishedError, ArticleVersionNotFoundError } from './articles.errors';
import {
  PublishedArticleResponse,
  VersionResponse,
  VersionSummaryResponse,
  toUserRef,
  toVersionResponse,
  toVersionSummary,
} from './dto/article-response';
import { PublishedArticlesService } from './published-articles.service';
import { reviewState } from './review-interval';
import { Clock } from '../common/time/clock';
import { isLive } from './live-article';

export type { DiffChange };

export interface FieldDiff {
  field: string;
  label: string;
  before: string | string[] | null;
  after: string | string[] | null;
  changes: DiffChange[];
}

const TEXT_FIELDS: { field: string; label: string; get: (c: ArticleContent) => string | null }[] = [
  { field: 'title', label: T.title, get: (c) => c.title },
  { field: 'summary', label: T.summary, get: (c) => c.summary },
  ...SECTION_KEYS.map((key) => ({
    field: `sections.${key}`,
    label: SECTION_TITLES[key],
    get: (c: ArticleContent) => c.sections[key] ?? null,
  })),
  { field: 'question', label: T.question, get: (c) => c.question },
  { field: 'answer', label: T.answer, get: (c) => c.answer },
  { field: 'explanation', label: T.explanation, get: (c) => c.explanation },
  { field: 'body', label: T.body, get: (c) => c.body },
  { field: 'kccNotes', label: T.kccNotes, get: (c) => c.kccNotes },
  { field: 'audience', label: 'Publiek', get: (c) => c.audience },
  { field: 'uplName', label: 'UPL-naam', get: (c) => c.uplName },
];

const LIST_FIELDS: { field: string; label: string; get: (c: ArticleContent) => string[] }[] = [
  { field: 'themes', label: "Thema's", get: (c) => c.themes },
  { field: 'lifeEvents', label: 'Levensgebeurtenissen', get: (c) => c.lifeEvents },
  { field: 'targetGroups', label: 'Doelgroepen', get: (c) => c.targetGroups },
  { field: 'synonyms', label: 'Zoekwoorden', get: (c) => c.synonyms },
  { field: 'alternativeQuestions', label: 'Vraagvarianten', get: (c) => c.alternativeQuestions ?? [] },
  { field: 'relatedIds', label: 'Gerelateerd', get: (c) => c.relatedIds },
];

/** Section-by-section diff of two content snapshots; only changed fields are listed. */
export function diffContent(before: ArticleContent, after: ArticleContent): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  for (const { field, label, get } of TEXT_FIELDS) {
    const a = get(before) ?? '';
    const b = get(after) ?? '';
    if (a === b) continue;
    diffs.push({ field, label, before: get(before), after: get(after), changes: wordDiff(a, b) });
  }
  for (const { field, label, get } of LIST_FIELDS) {
    const a = get(before);
    const b = get(after);
    if (a.join('\u0000') === b.join('\u0000')) continue;
    const changes: DiffChange[] = [
      ...a.filter((x) => !b.includes(x)).map((text) => ({ op: 'delete' as const, text })),
      ...b.filter((x) => !a.includes(x)).map((text) => ({ op: 'insert' as const, text })),
      ...a.filter((x) => b.includes(x)).map((text) => ({ op: 'equal' as const, text })),
    ];
    diffs.push({ field, label, before: a, after: b, changes });
  }
  return diffs;
}

/** Version history: list, show, diff and restore-as-draft. */
@Injectable()
export class ArticleVersionsService {
  constructor(
    private readonly articles: ArticlesRepository,
    private readonly runner: ArticleCommandRunner,
    private readonly live: PublishedArticlesService,
    private readonly clock: Clock,
  ) {}

  async list(ref: string): Promise<VersionSummaryResponse[]> {
    const article = await this.articleOrFail(ref);
    return (await this.articles.listVersions(article.id)).map((v) => toVersionSummary(v, article.publishedVersion));
  }

  async get(ref: string, number: number): Promise<VersionResponse> {
    const article = await this.articleOrFail(ref);
    const version = await this.articles.findVersion(article.id, number);
    if (!version) throw new ArticleVersionNotFoundError(article.id, number);
    return toVersionResponse(version, article.publishedVersion);
  }

  /** The live version: what agents, the website and search see. */
  async published(ref: string): Promise<PublishedArticleResponse> {
    const article = await this.articleOrFail(ref);
    if (!isLive(article)) throw new ArticleNotPublishedError(article.id);
    const version = await this.get(article.id, article.publishedVersion);
    const related = await this.live.findLive(version.content.relatedIds);
    const byId = new Map(related.map((r) => [r.article.id, r]));
    return {
      ...version,
      article: {
        id: article.id,
        slug: article.slug,
        kind: article.kind,
        department: { slug: article.department!.slug, name: article.department!.name },
        owner: toUserRef(article.owner),
        review: {
          dueAt: article.reviewDueAt?.toISOString() ?? null,
          state: reviewState(article.reviewDueAt, this.clock.now()),
          lastReviewedAt: article.lastReviewedAt?.toISOString() ?? null,
          lastReviewedBy: toUserRef(article.lastReviewedBy),
        },
      },
      related: version.content.relatedIds.flatMap((id) => {
        const r = byId.get(id);
        return r ? [{ id, slug: r.article.slug, kind: r.article.kind, title: r.version.content.title }] : [];
      }),
    };
  }

  /** `to` is a version number or `draft` (the working copy). */
  async diff(ref: string, from: number, to: string) {
    const article = await this.articleOrFail(ref);
    const before = await this.articles.findVersion(article.id, from);
    if (!before) throw new ArticleVersionNotFoundError(article.id, from);
    let after: ArticleContent;
    if (to === 'draft') {
      after = article.content;
    } else {
      const number = /^\d{1,7}$/.test(to) ? Number(to) : NaN;
      if (!Number.isInteger(number) || number < 1) {
        throw new ValidationFailedError([{ field: 'to', code: 'INVALID_VERSION', message: 'must be a version number or "draft"' }]);
      }
      const version = await this.articles.findVersion(article.id, number);
      if (!version) throw new ArticleVersionNotFoundError(article.id, number);
      after = version.content;
    }
    return { articleId: article.id, from, to, changes: diffContent(before.content, after) };
  }

  /** Copies an old version into the working copy as a new draft; history stays untouched. */
  async restore(actor: Actor, ref: string, number: number, ifMatch: string | undefined): Promise<string> {
    const article = await this.articleOrFail(ref);
    return this.runner.run(
      actor,
      article.id,
      { action: 'restore', ifMatch, requireIfMatch: true, authorize: canEdit(actor) },
      async ({ manager, article: locked }) => {
        const version = await this.articles.findVersion(locked.id, number, manager);
        if (!version) throw new ArticleVersionNotFoundError(locked.id, number);
        // Related articles deleted since then are dropped rather than restored as dangling links.
        const existing = await this.articles.existingIds(version.content.relatedIds, manager);
        const content = { ...version.content, relatedIds: version.content.relatedIds.filter((id) => existing.has(id)) };
        locked.content = content;
        locked.contentHash = contentHash(content);
        locked.title = content.title;
        locked.revisionAuthorId = actor.userId;
        locked.revisionNote = `Hersteld van versie ${number}`;
        locked.rejectionReason = null;
        locked.submittedAt = null;
        return { restoredFrom: number };
      },
    );
  }

  private async articleOrFail(ref: string) {
    const article = await this.articles.findByRef(ref);
    if (!article) throw new ArticleNotFoundError(ref);
    return article;
  }
}
