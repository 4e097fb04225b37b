import { Guard, StateMachine } from '../common/workflow/state-machine';

export const CONTENT_GAP_STATUSES = ['open', 'assigned', 'resolved', 'dismissed'] as const;
export type ContentGapStatus = (typeof CONTENT_GAP_STATUSES)[number];
export const ACTIVE_GAPS: readonly ContentGapStatus[] = ['open', 'assigned'];

export type ContentGapAction = 'assign' | 'resolve' | 'dismiss';

export interface ContentGapSubject {
  status: ContentGapStatus;
  reason?: string | null;
}

export const reasonGiven: Guard<ContentGapSubject> = ({ reason }) =>
  reason?.trim() ? null : { code: 'REASON_REQUIRED', message: 'Say why this is not a content gap', field: 'reason' };

/**
 * open → assigned (to a department; may be reassigned) → resolved (an article answers it);
 * open or assigned → dismissed (not a gap: a typo, a question for another organisation).
 */
export const contentGapWorkflow = new StateMachine<ContentGapStatus, ContentGapAction, ContentGapSubject>('a content gap', [
  { action: 'assign', from: ['open', 'assigned'], to: 'assigned', guards: [] },
  { action: 'resolve', from: ['open', 'assigned'], to: 'resolved', guards: [] },
  { action: 'dismiss', from: ['open', 'assigned'], to: 'dismissed', guards: [reasonGiven] },
]);
