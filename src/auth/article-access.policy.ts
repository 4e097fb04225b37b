import type { Actor } from '../common/request-context/actor';
import { ForbiddenError } from './auth.errors';
import { hasRole } from '../common/request-context/roles';

/** What the rules need to know about an article. */
export interface ArticleAccessSubject {
  departmentSlug: string;
  ownerId: string | null;
  /** who made the pending revision */
  revisionAuthorId: string | null;
}

/**
 * Resource rules of the authorisation matrix (the role rules are on the routes):
 * - editors change articles of their own departments; coordinators and admins all;
 * - approving needs a coordinator, and nobody approves their own revision unless the department
 *   allows self-approval — then its editors may (four eyes, unless the DVO says otherwise);
 * - "inhoud gecontroleerd" is for the article's owner, or a coordinator.
 * `fourEyes` is off only in open development mode, where everyone is the same local account.
 */
export const articleAccess = {
  assertCanEditIn(actor: Actor, departmentSlug: string): void {
    if (hasRole(actor, 'coordinator')) return;
    if (hasRole(actor, 'editor') && actor.departments.includes(departmentSlug)) return;
    throw new ForbiddenError(`Only editors of ${departmentSlug} (or a coordinator) may change its articles`, {
      department: departmentSlug,
    });
  },

  assertCanApprove(actor: Actor, article: ArticleAccessSubject, allowSelfApproval: boolean, fourEyes: boolean): void {
    const own = article.revisionAuthorId === actor.userId;
    if (own && fourEyes && !allowSelfApproval) {
      throw new ForbiddenError('You cannot approve your own change: ask a colleague or the coordinator', { reason: 'SELF_APPROVAL' });
    }
    if (hasRole(actor, 'coordinator')) return;
    if (own && allowSelfApproval && hasRole(actor, 'editor') && actor.departments.includes(article.departmentSlug)) return;
    throw new ForbiddenError('Approving needs a coordinator', { reason: 'APPROVER_REQUIRED' });
  },

  /** Sending a change back (reject) is the reviewer's: a coordinator. */
  assertCanReject(actor: Actor): void {
    if (hasRole(actor, 'coordinator')) return;
    throw new ForbiddenError('Rejecting a change needs a coordinator', { reason: 'APPROVER_REQUIRED' });
  },

  assertCanConfirmReview(actor: Actor, article: ArticleAccessSubject): void {
    if (hasRole(actor, 'coordinator') || article.ownerId === actor.userId) return;
    throw new ForbiddenError('Only the owner of the article (or a coordinator) confirms its content', { reason: 'NOT_OWNER' });
  },
};
