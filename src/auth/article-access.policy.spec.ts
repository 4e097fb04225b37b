import type { Actor } from '../common/request-context/actor';
import { articleAccess } from './article-access.policy';

const actor = (roles: Actor['roles'], departments: string[] = [], userId = 'u-1'): Actor => ({
  userId,
  email: 'x@y.nl',
  name: '',
  roles,
  departments,
});
const article = { departmentSlug: 'burgerzaken', ownerId: 'u-owner', revisionAuthorId: 'u-1' };

describe('articleAccess', () => {
  describe('assertCanEditIn', () => {
    it('lets editors edit their own departments only', () => {
      expect(() => articleAccess.assertCanEditIn(actor(['editor'], ['burgerzaken']), 'burgerzaken')).not.toThrow();
      expect(() => articleAccess.assertCanEditIn(actor(['editor'], ['belastingen']), 'burgerzaken')).toThrow(/Only editors of burgerzaken/);
      expect(() => articleAccess.assertCanEditIn(actor(['agent'], ['burgerzaken']), 'burgerzaken')).toThrow();
      expect(() => articleAccess.assertCanEditIn(actor(['coordinator']), 'burgerzaken')).not.toThrow();
      expect(() => articleAccess.assertCanEditIn(actor(['admin']), 'burgerzaken')).not.toThrow();
    });
  });

  describe('assertCanApprove', () => {
    it('needs a coordinator who did not write the change', () => {
      expect(() => articleAccess.assertCanApprove(actor(['coordinator'], [], 'u-2'), article, false, true)).not.toThrow();
      expect(() => articleAccess.assertCanApprove(actor(['coordinator'], [], 'u-1'), article, false, true)).toThrow(/own change/);
      expect(() => articleAccess.assertCanApprove(actor(['editor'], ['burgerzaken'], 'u-2'), article, false, true)).toThrow(/coordinator/);
    });

    it('lets an editor approve their own change where the department allows self-approval', () => {
      expect(() => articleAccess.assertCanApprove(actor(['editor'], ['burgerzaken'], 'u-1'), article, true, true)).not.toThrow();
      expect(() => articleAccess.assertCanApprove(actor(['editor'], ['belastingen'], 'u-1'), article, true, true)).toThrow();
    });

    it('does not apply four eyes in open development mode', () => {
      expect(() => articleAccess.assertCanApprove(actor(['coordinator'], [], 'u-1'), article, false, false)).not.toThrow();
    });
  });

  describe('assertCanConfirmReview', () => {
    it('is for the owner or a coordinator', () => {
      expect(() => articleAccess.assertCanConfirmReview(actor(['editor'], ['burgerzaken'], 'u-owner'), article)).not.toThrow();
      expect(() => articleAccess.assertCanConfirmReview(actor(['editor'], ['burgerzaken'], 'u-9'), article)).toThrow(/owner/);
      expect(() => articleAccess.assertCanConfirmReview(actor(['coordinator'], [], 'u-9'), article)).not.toThrow();
    });
  });
});
