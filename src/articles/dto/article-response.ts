import { ApiProperty } from '@nestjs/swagger';
import {
  type ArticleContent,
  type ArticleKind,
  CONTENT_FIELDS,
  KIND_FIELDS,
  SECTION_KEYS,
  SECTION_TITLES,
  TEXT_FIELD_TITLES,
  pickContent,
} from '../article-content';
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

/** The working copy: its content fields (see {@link ArticleContent}) plus workflow and stewardship data. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface ArticleResponse extends ArticleContent {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
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
    ...pickContent(article.content),
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

/** The content model for clients such as the werkplek's editor, so they need not repeat it. */
export class ArticleFieldsResponse {
  /** every content field, in the model's order */
  fields: string[];
  /** product sections in the order KISS shows them, with their Dutch titles */
  sections: { key: string; title: string }[];
  /** the kind-specific fields each kind uses; the others stay empty */
  kindFields: Record<ArticleKind, string[]>;
  /** Dutch names of the text fields (title, summary, question, answer, explanation, body, kccNotes) */
  titles: Record<string, string>;
}

export function articleFieldsResponse(): ArticleFieldsResponse {
  return {
    fields: [...CONTENT_FIELDS],
    sections: SECTION_KEYS.map((key) => ({ key, title: SECTION_TITLES[key] })),
    kindFields: { product: [...KIND_FIELDS.product], faq: [...KIND_FIELDS.faq], instruction: [...KIND_FIELDS.instruction] },
    titles: { ...TEXT_FIELD_TITLES },
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
