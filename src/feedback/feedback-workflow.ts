import { type ArticleKind, SECTION_KEYS, SECTION_TITLES, TEXT_FIELD_TITLES as T } from '../articles/article-content';
import { Guard, StateMachine } from '../common/workflow/state-machine';
import type { FeedbackKind } from '../notifications/templates/feedback-received.template';

export const FEEDBACK_KINDS = ['incorrect', 'incomplete', 'unclear', 'outdated', 'cannot-find'] as const satisfies readonly FeedbackKind[];

export const FEEDBACK_STATUSES = ['open', 'in_progress', 'resolved', 'rejected'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
/** Statuses that still ask something of the department (and count against the article's content health). */
export const ACTIVE_FEEDBACK: readonly FeedbackStatus[] = ['open', 'in_progress'];

export type FeedbackAction = 'start' | 'resolve' | 'reject';

export interface FeedbackSubject {
  status: FeedbackStatus;
  /** the reply to the agent sent with the action */
  reply?: string | null;
}

export const replyGiven: Guard<FeedbackSubject> = ({ reply }) =>
  reply?.trim() ? null : { code: 'REPLY_REQUIRED', message: 'Write a reply for the agent who reported this', field: 'reply' };

/**
 * open → in_progress → resolved | rejected. Resolving or rejecting straight from open is allowed
 * (a quick fix needs no separate start); either way the agent gets a reply.
 */
export const feedbackWorkflow = new StateMachine<FeedbackStatus, FeedbackAction, FeedbackSubject>('feedback', [
  { action: 'start', from: ['open'], to: 'in_progress', guards: [] },
  { action: 'resolve', from: ['open', 'in_progress'], to: 'resolved', guards: [replyGiven] },
  { action: 'reject', from: ['open', 'in_progress'], to: 'rejected', guards: [replyGiven] },
]);

const COMMON_PARTS: Record<string, string> = { title: T.title, summary: T.summary };
const KIND_PARTS: Record<ArticleKind, Record<string, string>> = {
  product: Object.fromEntries(SECTION_KEYS.map((key) => [key, SECTION_TITLES[key]])),
  faq: { question: T.question, answer: T.answer, explanation: T.explanation },
  instruction: { body: T.body },
};

/** The parts of an article of this kind an agent can point at, with their Dutch labels. */
export function feedbackSections(kind: ArticleKind): Record<string, string> {
  return { ...COMMON_PARTS, ...KIND_PARTS[kind], kccNotes: T.kccNotes };
}
