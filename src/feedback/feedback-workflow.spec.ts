import { FeedbackStatus, feedbackSections, feedbackWorkflow } from './feedback-workflow';

describe('feedback workflow', () => {
  const subject = (status: FeedbackStatus, reply?: string) => ({ status, reply });

  it('starts open feedback', () => {
    expect(feedbackWorkflow.transition(subject('open'), 'start')).toEqual({ ok: true, to: 'in_progress' });
  });

  it.each(['open', 'in_progress'] as const)('resolves and rejects from %s with a reply', (status) => {
    expect(feedbackWorkflow.transition(subject(status, 'Aangepast, dank je.'), 'resolve')).toEqual({ ok: true, to: 'resolved' });
    expect(feedbackWorkflow.transition(subject(status, 'Klopt wel: zie voorwaarden.'), 'reject')).toEqual({ ok: true, to: 'rejected' });
  });

  it.each(['resolve', 'reject'] as const)('requires a reply to %s, blaming the reply field', (action) => {
    for (const reply of [undefined, '', '   ']) {
      expect(feedbackWorkflow.transition(subject('in_progress', reply), action)).toEqual({
        ok: false,
        code: 'REPLY_REQUIRED',
        message: expect.any(String),
        field: 'reply',
        allowedActions: ['resolve', 'reject'],
      });
    }
  });

  it('refuses to start twice and lists what is possible', () => {
    expect(feedbackWorkflow.transition(subject('in_progress'), 'start')).toMatchObject({
      ok: false,
      code: 'ILLEGAL_TRANSITION',
      allowedActions: ['resolve', 'reject'],
    });
  });

  it.each(['resolved', 'rejected'] as const)('is final once %s', (status) => {
    for (const action of ['start', 'resolve', 'reject'] as const) {
      expect(feedbackWorkflow.transition(subject(status, 'x'), action)).toMatchObject({
        ok: false,
        code: 'ILLEGAL_TRANSITION',
        allowedActions: [],
      });
    }
  });

  it('throws a 409-kind error for an illegal move and a 400-kind error on the field for a missing reply', () => {
    expect(() => feedbackWorkflow.apply(subject('resolved', 'x'), 'start')).toThrow(
      expect.objectContaining({ kind: 'conflict', code: 'ILLEGAL_TRANSITION' }),
    );
    expect(() => feedbackWorkflow.apply(subject('open'), 'resolve')).toThrow(
      expect.objectContaining({ kind: 'invalid', code: 'REPLY_REQUIRED', fields: [expect.objectContaining({ field: 'reply' })] }),
    );
  });
});

describe('feedbackSections', () => {
  it('offers the KISS sections for a product, question/answer for a faq, the body for an instruction', () => {
    expect(Object.keys(feedbackSections('product'))).toEqual([
      'title',
      'summary',
      'inleiding',
      'aanvraag',
      'voorwaarden',
      'bewijs',
      'kosten',
      'termijn',
      'bezwaar',
      'bijzonderheden',
      'geenReactie',
      'contact',
      'kccNotes',
    ]);
    expect(feedbackSections('product').kosten).toBe('Wat kost het?');
    expect(Object.keys(feedbackSections('faq'))).toEqual(['title', 'summary', 'question', 'answer', 'explanation', 'kccNotes']);
    expect(Object.keys(feedbackSections('instruction'))).toEqual(['title', 'summary', 'body', 'kccNotes']);
  });
});
