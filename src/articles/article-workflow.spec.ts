import { emptyContent } from './article-content';
import { WorkflowSubject, allowedActions, transition } from './article-workflow';

const product = (overrides: Partial<WorkflowSubject> = {}): WorkflowSubject => ({
  kind: 'product',
  status: 'draft',
  publishedVersion: null,
  content: {
    ...emptyContent('product'),
    title: 'Paspoort',
    summary: 'Een paspoort vraagt u aan bij de gemeente.',
    sections: { inleiding: 'Tekst' },
  },
  ...overrides,
});

describe('article workflow', () => {
  describe('submit', () => {
    it('moves a complete draft to in_review', () => {
      expect(transition(product(), 'submit')).toEqual({ ok: true, to: 'in_review' });
    });

    it('rejects a product without any section and names what is missing', () => {
      const result = transition(product({ content: { ...product().content, sections: { kosten: '  ' } } }), 'submit');
      expect(result).toMatchObject({ ok: false, code: 'CONTENT_INCOMPLETE' });
      expect(result.ok === false && result.message).toContain('sections');
    });

    it('requires question and answer for a faq', () => {
      const faq = product({ kind: 'faq', content: { ...emptyContent('faq'), title: 'Vraag', summary: 'Kort' } });
      const result = transition(faq, 'submit');
      expect(result.ok === false && result.message).toMatch(/question, answer/);
    });

    it('is illegal from published and lists the allowed actions', () => {
      const result = transition(product({ status: 'published', publishedVersion: 1 }), 'submit');
      expect(result).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
      expect(result.ok === false && result.allowedActions).toEqual(['edit', 'archive', 'restore', 'confirm_review']);
    });
  });

  describe('reject', () => {
    it('needs a reason', () => {
      expect(transition(product({ status: 'in_review' }), 'reject')).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
      expect(transition(product({ status: 'in_review', reason: 'Tarief klopt niet' }), 'reject')).toEqual({ ok: true, to: 'draft' });
    });
  });

  describe('edit', () => {
    it('opens a draft revision on a published article and withdraws a submission', () => {
      expect(transition(product({ status: 'published', publishedVersion: 2 }), 'edit')).toEqual({ ok: true, to: 'draft' });
      expect(transition(product({ status: 'in_review' }), 'edit')).toEqual({ ok: true, to: 'draft' });
    });

    it('is illegal once archived', () => {
      expect(transition(product({ status: 'archived', publishedVersion: 1 }), 'edit')).toMatchObject({ ok: false, allowedActions: [] });
    });
  });

  describe('confirm_review', () => {
    it('keeps the status and needs a published version', () => {
      expect(transition(product({ status: 'draft', publishedVersion: 3 }), 'confirm_review')).toEqual({ ok: true, to: 'draft' });
      expect(transition(product(), 'confirm_review')).toMatchObject({ ok: false, code: 'NOT_PUBLISHED' });
    });
  });

  describe('allowedActions', () => {
    it('lists approve and reject while in review', () => {
      expect(allowedActions(product({ status: 'in_review' }))).toEqual(['edit', 'approve', 'reject', 'archive', 'restore']);
    });
  });
});
