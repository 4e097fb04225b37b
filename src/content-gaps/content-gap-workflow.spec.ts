import { contentGapWorkflow } from './content-gap-workflow';

describe('content gap workflow', () => {
  it('assigns, reassigns and resolves', () => {
    expect(contentGapWorkflow.transition({ status: 'open' }, 'assign')).toEqual({ ok: true, to: 'assigned' });
    expect(contentGapWorkflow.transition({ status: 'assigned' }, 'assign')).toEqual({ ok: true, to: 'assigned' });
    expect(contentGapWorkflow.transition({ status: 'assigned' }, 'resolve')).toEqual({ ok: true, to: 'resolved' });
    expect(contentGapWorkflow.transition({ status: 'open' }, 'resolve')).toEqual({ ok: true, to: 'resolved' });
  });

  it('dismisses only with a reason', () => {
    expect(contentGapWorkflow.transition({ status: 'open', reason: ' ' }, 'dismiss')).toMatchObject({
      ok: false,
      code: 'REASON_REQUIRED',
      field: 'reason',
    });
    expect(contentGapWorkflow.transition({ status: 'open', reason: 'Vraag voor de Belastingdienst' }, 'dismiss')).toEqual({
      ok: true,
      to: 'dismissed',
    });
  });

  it.each(['resolved', 'dismissed'] as const)('is final once %s', (status) => {
    for (const action of ['assign', 'resolve', 'dismiss'] as const) {
      expect(contentGapWorkflow.transition({ status, reason: 'x' }, action)).toMatchObject({
        ok: false,
        code: 'ILLEGAL_TRANSITION',
        allowedActions: [],
      });
    }
  });
});
