import { ApiProperty } from '@nestjs/swagger';
import type { ArticleContent, ArticleKind, Audience, Sections, TargetGroup } from '../article-content';
import type { ArticleStatus, WorkflowAction } from '../article-workflow';
import type { ArticleVersion } from '../article-version.entity';
import type { Article } from '../article.entity';
import type { RenderedContent } from '../markdown/markdown-renderer';
import { ReviewState, reviewState } from '../review-interval';
import { isLive } from '../live-article';

export interface UserRef {
  id: string;
  email: string;
  name: string;
}

export class ArticleResponse {
  id: string;
  slug: string;
  externalId: string | null;
  kind: ArticleKind;
  @ApiProperty({ enum: ['draft', 'in_review', 'published', 'archived'] })
  status: ArticleStatus;
  /** a published version is being served (also while a revision is pending) */
  live: boolean;
  publishedVersion: number | null;
  latestVersion: number;
  department: { id: string; slug: string; name: string };
  owner: UserRef | null;
  title: string;
  summary: string;
  audience: Audience;
  sections: Sections;
  question: string | null;
  answer: string | null;
  explanation: string | null;
  body: string | null;
  kccNotes: string | null;
  themes: string[];
  lifeEvents: string[];
  targetGroups: TargetGroup[];
  synonyms: string[];
  /** question variants: how callers ask this; for search and editors, never published */
  alternativeQuestions: string[];
  uplName: string | null;
  uplUri: string | null;
  relatedIds: string[];
  /** the working copy rendered by the server's Markdown pipeline (preview) */
  rendered?: RenderedContent;
  revision: { note: string | null; authorId: string | null; rejectionReason: string | null; submittedAt: string | null };
  review: {
    intervalDays: number;
    dueAt: string | null;
    state: ReviewState;
    lastReviewedAt: string | null;
    lastReviewedBy: UserRef | null;
  };
  oldSlugs?: string[];
  allowedActions: WorkflowAction[];
  etag: string;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

export const etagOf = (article: Pick<Article, 'rowVersion'>): string => `"v${article.rowVersion}"`;

export const toUserRef = (user: { id: string; email: string; name: string } | null | undefined): UserRef | null =>
  user ? { id: user.id, email: user.email, name: user.name } : null;

export function toArticleResponse(
  article: Article,
  extra: { now: Date; intervalDays: number; allowedActions: WorkflowAction[]; rendered?: RenderedContent; oldSlugs?: string[] },
): ArticleResponse {
  const c = article.content;
  return {
    id: article.id,
    slug: article.slug,
    externalId: article.externalId,
    kind: article.kind,
    status: article.status,
    live: isLive(article),
    publishedVersion: article.publishedVersion,
    latestVersion: article.latestVersion,
    department: { id: article.department!.id, slug: article.department!.slug, name: article.department!.name },
    owner: toUserRef(article.owner),
    ...contentFields(c),
    ...(extra.rendered ? { rendered: extra.rendered } : {}),
    revision: {
      note: article.revisionNote,
      authorId: article.revisionAuthorId,
      rejectionReason: article.rejectionReason,
      submittedAt: article.submittedAt?.toISOString() ?? null,
    },
    review: {
      intervalDays: extra.intervalDays,
      dueAt: article.reviewDueAt?.toISOString() ?? null,
      state: article.status === 'archived' ? 'none' : reviewState(article.reviewDueAt, extra.now),
      lastReviewedAt: article.lastReviewedAt?.toISOString() ?? null,
      lastReviewedBy: toUserRef(article.lastReviewedBy),
    },
    ...(extra.oldSlugs ? { oldSlugs: extra.oldSlugs } : {}),
    allowedActions: extra.allowedActions,
    etag: etagOf(article),
    createdAt: article.createdAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
    archivedAt: article.archivedAt?.toISOString() ?? null,
  };
}

function contentFields(c: ArticleContent) {
  return {
    title: c.title,
    summary: c.summary,
    audience: c.audience,
    sections: c.sections,
    question: c.question,
    answer: c.answer,
    explanation: c.explanation,
    body: c.body,
    kccNotes: c.kccNotes,
    themes: c.themes,
    lifeEvents: c.lifeEvents,
    targetGroups: c.targetGroups,
    synonyms: c.synonyms,
    alternativeQuestions: c.alternativeQuestions,
    uplName: c.uplName,
    uplUri: c.uplUri,
    relatedIds: c.relatedIds,
  };
}

export class ArticleListResponse {
  items: ArticleSummaryResponse[];
  /** pass as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}

export class ArticleSummaryResponse {
  id: string;
  slug: string;
  kind: ArticleKind;
  status: ArticleStatus;
  live: boolean;
  /** the live version's number (a pending revision is diffed against it) */
  publishedVersion: number | null;
  title: string;
  summary: string;
  department: { id: string; slug: string; name: string };
  owner: UserRef | null;
  reviewDueAt: string | null;
  reviewState: ReviewState;
  updatedAt: string;
}

export function toArticleSummary(article: Article, now: Date): ArticleSummaryResponse {
  return {
    id: article.id,
    slug: article.slug,
    kind: article.kind,
    status: article.status,
    live: isLive(article),
    publishedVersion: article.publishedVersion,
    title: article.title,
    summary: article.content.summary,
    department: { id: article.department!.id, slug: article.department!.slug, name: article.department!.name },
    owner: toUserRef(article.owner),
    reviewDueAt: article.reviewDueAt?.toISOString() ?? null,
    reviewState: article.status === 'archived' ? 'none' : reviewState(article.reviewDueAt, now),
    updatedAt: article.updatedAt.toISOString(),
  };
}

export class VersionSummaryResponse {
  number: number;
  reason: string;
  contentHash: string;
  author: UserRef | null;
  approvedBy: UserRef | null;
  restoredFrom: number | null;
  createdAt: string;
  /** this is the version being served */
  live: boolean;
}

export class VersionResponse extends VersionSummaryResponse {
  content: ArticleContent;
  rendered: RenderedContent;
  plainText: string;
}

/** The live version for agents, with what they need around it: who checked it and when, and related items. */
export class PublishedArticleResponse extends VersionResponse {
  article: {
    id: string;
    slug: string;
    kind: ArticleKind;
    department: { slug: string; name: string };
    owner: UserRef | null;
    review: { dueAt: string | null; state: ReviewState; lastReviewedAt: string | null; lastReviewedBy: UserRef | null };
  };
  /** live related articles, in the editor's order */
  related: { id: string; slug: string; kind: ArticleKind; title: string }[];
}

export function toVersionSummary(version: ArticleVersion, liveNumber: number | null): VersionSummaryResponse {
  return {
    number: version.number,
    reason: version.reason,
    contentHash: version.contentHash,
    author: toUserRef(version.author),
    approvedBy: toUserRef(version.approvedBy),
    restoredFrom: version.restoredFrom,
    createdAt: version.createdAt.toISOString(),
    live: version.number === liveNumber,
  };
}

export function toVersionResponse(version: ArticleVersion, liveNumber: number | null): VersionResponse {
  return { ...toVersionSummary(version, liveNumber), content: version.content, rendered: version.rendered, plainText: version.plainText };
}
