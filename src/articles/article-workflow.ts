import { type Guard, StateMachine, type Transition, type TransitionOutcome } from '../common/workflow/state-machine';
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

export const contentComplete: Guard<WorkflowSubject> = ({ kind, content }) => {
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

export const reasonGiven: Guard<WorkflowSubject> = ({ reason }) =>
  reason?.trim() ? null : { code: 'REASON_REQUIRED', message: 'A reason is required' };

export const isLive: Guard<WorkflowSubject> = ({ publishedVersion }) =>
  publishedVersion !== null ? null : { code: 'NOT_PUBLISHED', message: 'The article has no published version yet' };

const EDITABLE: readonly ArticleStatus[] = ['draft', 'in_review', 'published'];

/**
 * The editorial workflow as data. Editing a published article opens a draft revision (status `draft`)
 * while `publishedVersion` keeps serving; editing during review withdraws the submission. `publish`
 * is approval without a review step, for an admin's import (the source system was the review): from
 * any status, also reviving an archived article; `system`: never offered to editors.
 */
export const TRANSITIONS: readonly Transition<ArticleStatus, WorkflowAction, WorkflowSubject>[] = [
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

// The reason comes with the request; completeness and a live version are the article's own state.
const articleWorkflow = new StateMachine('an article', TRANSITIONS, { stateGuards: [contentComplete, isLive] });

// `code` is ILLEGAL_TRANSITION or a guard's own code.
export type TransitionResult = TransitionOutcome<ArticleStatus, WorkflowAction>;

/** Actions possible from the subject's status (ignoring guards that depend on the request). */
export function allowedActions(subject: WorkflowSubject): WorkflowAction[] {
  return articleWorkflow.allowedActions(subject.status, subject);
}

export function transition(subject: WorkflowSubject, action: WorkflowAction): TransitionResult {
  return articleWorkflow.transition(subject, action);
}
