import { ForbiddenError } from '../auth/auth.errors';
import { hasRole } from '../common/request-context/roles';
import type { Actor } from '../common/request-context/actor';

/** What the rules need to know about a piece of feedback. */
export interface FeedbackAccessSubject {
  departmentSlug: string;
  reporterId: string | null;
  /** owner of the article, when it is still live */
  ownerId: string | null;
}

/**
 * Resource rules for feedback (the role rules are on the routes): the department's editors, the
 * article's owner and coordinators handle it; the agent who reported it may read it too.
 */
export const feedbackAccess = {
  canHandle(actor: Actor, subject: FeedbackAccessSubject): boolean {
    if (hasRole(actor, 'coordinator')) return true;
    if (subject.ownerId !== null && subject.ownerId === actor.userId) return true;
    return hasRole(actor, 'editor') && actor.departments.includes(subject.departmentSlug);
  },

  assertCanHandle(actor: Actor, subject: FeedbackAccessSubject): void {
    if (!feedbackAccess.canHandle(actor, subject)) {
      throw new ForbiddenError(`Only editors of ${subject.departmentSlug}, the article's owner or a coordinator handle this feedback`, {
        department: subject.departmentSlug,
      });
    }
  },

  assertCanRead(actor: Actor, subject: FeedbackAccessSubject): void {
    if (subject.reporterId === actor.userId) return;
    feedbackAccess.assertCanHandle(actor, subject);
  },

  /** Editors list their own departments' feedback; coordinators any department's. */
  assertCanList(actor: Actor, departmentSlug: string): void {
    if (hasRole(actor, 'coordinator') || actor.departments.includes(departmentSlug)) return;
    throw new ForbiddenError(`Only editors of ${departmentSlug} (or a coordinator) see its feedback`, { department: departmentSlug });
  },
};
