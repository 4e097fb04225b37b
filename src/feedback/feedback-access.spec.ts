import type { Actor } from '../common/request-context/actor';
import { feedbackAccess } from './feedback-access';

const actor = (over: Partial<Actor>): Actor => ({ userId: 'u-1', email: 'u@x.nl', name: 'U', roles: ['editor'], departments: [], ...over });
const subject = { departmentSlug: 'burgerzaken', reporterId: 'agent-1', ownerId: 'owner-1' };

describe('feedbackAccess', () => {
  it('lets the department editor, the owner and coordinators handle feedback', () => {
    expect(feedbackAccess.canHandle(actor({ departments: ['burgerzaken'] }), subject)).toBe(true);
    expect(feedbackAccess.canHandle(actor({ userId: 'owner-1' }), subject)).toBe(true);
    expect(feedbackAccess.canHandle(actor({ roles: ['coordinator'] }), subject)).toBe(true);
  });

  it('refuses editors of another department and agents, also when the article has no owner', () => {
    expect(feedbackAccess.canHandle(actor({ departments: ['belastingen'] }), subject)).toBe(false);
    expect(feedbackAccess.canHandle(actor({ roles: ['agent'], departments: ['burgerzaken'] }), subject)).toBe(false);
    expect(feedbackAccess.canHandle(actor({ userId: 'u-9' }), { ...subject, ownerId: null })).toBe(false);
    expect(() => feedbackAccess.assertCanHandle(actor({ departments: ['belastingen'] }), subject)).toThrow(
      expect.objectContaining({ kind: 'forbidden' }),
    );
  });

  it('lets the reporting agent read, not handle', () => {
    const agent = actor({ userId: 'agent-1', roles: ['agent'] });
    expect(() => feedbackAccess.assertCanRead(agent, subject)).not.toThrow();
    expect(() => feedbackAccess.assertCanRead(actor({ userId: 'agent-2', roles: ['agent'] }), subject)).toThrow(
      expect.objectContaining({ kind: 'forbidden' }),
    );
  });
});
