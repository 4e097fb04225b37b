import { ArticleContent, ArticleKind, SECTION_KEYS } from './article-content';

export const ARTICLE_STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const WORKFLOW_ACTIONS = ['edit', 'submit', 'approve', 'reject', 'archive', 'restore', 'confirm_review', 'publish'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** What the guards may look at: a snapshot of the article plus the request, no I/O. */
export interface WorkflowSubject {
  kind: ArticleKind;
  status: ArticleStatus;
  content: ArticleContent;
  publishedVersion: number | null;
  reason?: string | null;
}

/** A guard returns null when the transition may go ahead, else a reason code and a message. */
export type Guard = (subject: WorkflowSubject) => { code: string; message: string } | null;

export interface Transition {
  action: WorkflowAction;
  from: readonly ArticleStatus[];
  /** `same` keeps the current status (confirm_review). */
  to: ArticleStatus | 'same';
  guards: readonly Guard[];
  /**
   * Not offered to editors (never in `allowedActions`): a transition only a trusted bulk path takes,
   * i.e. `publish` for an admin's import or the fixture loader.
   */
  system?: boolean;
}

export const contentComplete: Guard = ({ kind, content }) => {
  const missing: string[] = [];
  if (!content.title.trim()) missing.push('title');
  if (!content.summary.trim()) missing.push('summary');
  if (kind === 'product' && !SECTION_KEYS.some((key) => content.sections[key]?.trim())) missing.push('sections');
  if (kind === 'faq') {
    if (!content.question?.trim()) missing.push('question');
    if (!content.answer?.trim()) missing.push('answer');
  }
  if (kind === 'instruction' && !content.body?.trim()) missing.push('body');
  return missing.length === 0 ? null : { code: 'CONTENT_INCOMPLETE', message: `Cannot submit: missing ${missing.join(', ')}` };
};

export const reasonGiven: Guard = ({ reason }) => (reason?.trim() ? null : { code: 'REASON_REQUIRED', message: 'A reason is required' });

export const isLive: Guard = ({ publishedVersion }) =>
  publishedVersion !== null ? null : { code: 'NOT_PUBLISHED', message: 'The article has no published version yet' };

const EDITABLE: readonly ArticleStatus[] = ['draft', 'in_review', 'published'];

/**
 * The editorial workflow as data. Editing a published article opens a draft revision (status `draft`)
 * while `publishedVersion` keeps serving; editing during review withdraws the submission. `publish`
 * is approval without a review step, for an admin's import (the source system was the review): from
 * any status, also reviving an archived article.
 */
export const TRANSITIONS: readonly Transition[] = [
  { action: 'edit', from: EDITABLE, to: 'draft', guards: [] },
  { action: 'submit', from: ['draft'], to: 'in_review', guards: [contentComplete] },
  { action: 'approve', from: ['in_review'], to: 'published', guards: [contentComplete] },
  { action: 'reject', from: ['in_review'], to: 'draft', guards: [reasonGiven] },
  { action: 'archive', from: EDITABLE, to: 'archived', guards: [] },
  { action: 'restore', from: EDITABLE, to: 'draft', guards: [] },
  { action: 'confirm_review', from: EDITABLE, to: 'same', guards: [isLive] },
  // No completeness guard: the import published what its source system published, as it always has.
  { action: 'publish', from: [...EDITABLE, 'archived'], to: 'published', guards: [], system: true },
];

export type TransitionResult =
  // `code` is ILLEGAL_TRANSITION or a guard's own code.
  { ok: true; to: ArticleStatus } | { ok: false; code: string; message: string; allowedActions: WorkflowAction[] };

/** Actions possible from the subject's status (ignoring guards that depend on the request). */
export function allowedActions(subject: WorkflowSubject): WorkflowAction[] {
  return TRANSITIONS.filter(
    (t) => !t.system && t.from.includes(subject.status) && t.guards.every((g) => g === reasonGiven || g(subject) === null),
  ).map((t) => t.action);
}

export function transition(subject: WorkflowSubject, action: WorkflowAction): TransitionResult {
  const rule = TRANSITIONS.find((t) => t.action === action);
  if (!rule || !rule.from.includes(subject.status)) {
    return {
      ok: false,
      code: 'ILLEGAL_TRANSITION',
      message: `Cannot ${action.replace('_', ' ')} an article that is ${subject.status.replace('_', ' ')}`,
      allowedActions: allowedActions(subject),
    };
  }
  for (const guard of rule.guards) {
    const blocked = guard(subject);
    if (blocked) return { ok: false, ...blocked, allowedActions: allowedActions(subject) };
  }
  return { ok: true, to: rule.to === 'same' ? subject.status : rule.to };
}
