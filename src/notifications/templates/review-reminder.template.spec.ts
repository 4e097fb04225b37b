import { reviewReminder, ReviewReminderInput } from './review-reminder.template';

const BASE_URL = 'https://kennisbank.gemeente.nl';
const ARTICLE_URL = `${BASE_URL}/werkplek/artikelen/art-42`;
const REVIEWED_URL = `${ARTICLE_URL}?actie=inhoud-gecontroleerd`;

const article = {
  id: 'art-42',
  title: 'Paspoort aanvragen',
  department: 'Burgerzaken',
  reviewDueAt: new Date('2026-11-23T09:00:00Z'),
  lastReviewedAt: new Date('2026-05-23T10:00:00Z'),
  owner: 'Anna de Vries',
};

const input = (overrides: Partial<ReviewReminderInput>): ReviewReminderInput => ({
  stage: 'upcoming',
  recipientName: 'Anna de Vries',
  article,
  baseUrl: BASE_URL,
  now: new Date('2026-11-09T08:00:00Z'),
  ...overrides,
});

describe('reviewReminder', () => {
  it('announces an upcoming review with the days left, the dates in Dutch and both links', () => {
    const n = reviewReminder(input({}));

    expect(n.kind).toBe('review_upcoming');
    expect(n.subject).toBe('Controle nodig: Paspoort aanvragen (over 14 dagen)');
    for (const body of [n.text, n.html]) {
      expect(body).toContain('Beste Anna de Vries,');
      expect(body).toContain('Burgerzaken moet over 14 dagen gecontroleerd worden');
      expect(body).toContain('23 november 2026');
      expect(body).toContain('23 mei 2026');
      expect(body).toContain('Inhoud gecontroleerd');
    }
    expect(n.text).toContain('Het kennisartikel “Paspoort aanvragen” van Burgerzaken');
    expect(n.text).toContain(`Artikel openen: ${ARTICLE_URL}\n`);
    expect(n.text).toContain(`Inhoud gecontroleerd: ${REVIEWED_URL}\n`);
    expect(n.text).toContain('Controledatum: 23 november 2026');
    expect(n.text).toContain('Laatst gecontroleerd: 23 mei 2026');
    expect(n.text).toContain('Eigenaar: Anna de Vries');
    expect(n.html).toContain(`href="${ARTICLE_URL}"`);
    expect(n.html).toContain(`href="${REVIEWED_URL}"`);
    expect(n.html).toContain('<strong>Paspoort aanvragen</strong>');
  });

  it('puts ids, stage and links in the data for webhooks', () => {
    expect(reviewReminder(input({})).data).toEqual({
      articleId: 'art-42',
      department: 'Burgerzaken',
      stage: 'upcoming',
      reviewDueAt: '2026-11-23T09:00:00.000Z',
      lastReviewedAt: '2026-05-23T10:00:00.000Z',
      daysUntilDue: 14,
      links: { article: ARTICLE_URL, markReviewed: REVIEWED_URL },
    });
  });

  it('counts days from the given now, not from the clock', () => {
    expect(reviewReminder(input({ now: new Date('2026-11-22T10:00:00Z') })).subject).toBe('Controle nodig: Paspoort aanvragen (morgen)');
    expect(reviewReminder(input({ now: new Date('2026-11-20T10:00:00Z') })).subject).toBe(
      'Controle nodig: Paspoort aanvragen (over 3 dagen)',
    );
  });

  it('says "vandaag" on the due date', () => {
    const n = reviewReminder(input({ stage: 'due', now: new Date('2026-11-23T06:00:00Z') }));
    expect(n.kind).toBe('review_due');
    expect(n.subject).toBe('Controle nodig: Paspoort aanvragen (vandaag)');
    expect(n.text).toContain('moet vandaag gecontroleerd worden');
  });

  it('reports an overdue review with the days since the due date', () => {
    const n = reviewReminder(input({ stage: 'overdue', now: new Date('2026-11-30T08:00:00Z') }));
    expect(n.kind).toBe('review_overdue');
    expect(n.subject).toBe('Controle verlopen: Paspoort aanvragen (7 dagen over de controledatum)');
    expect(n.text).toContain('is 7 dagen over de controledatum');
    expect(n.text).toContain('verouderde informatie');
    expect(n.data).toMatchObject({ stage: 'overdue', daysUntilDue: -7 });
  });

  it('says what is true when a late job sends a "due" reminder after the date', () => {
    const n = reviewReminder(input({ stage: 'due', now: new Date('2026-11-24T08:00:00Z') }));
    expect(n.subject).toBe('Controle verlopen: Paspoort aanvragen (1 dag over de controledatum)');
  });

  it('escalates to the coordinator, naming the owner who did not respond', () => {
    const n = reviewReminder(
      input({ stage: 'escalated', escalatedTo: 'coordinator', recipientName: undefined, now: new Date('2026-12-14T08:00:00Z') }),
    );
    expect(n.kind).toBe('review_escalated');
    expect(n.subject).toBe('Escalatie: Paspoort aanvragen is 21 dagen over de controledatum');
    expect(n.text).toContain('Beste kennisregisseur,');
    expect(n.text).toContain('De eigenaar, Anna de Vries, heeft niet gereageerd');
    expect(n.text).toContain('Neem contact op met de vakafdeling Burgerzaken');
    expect(n.data).toMatchObject({ stage: 'escalated', escalatedTo: 'coordinator', daysUntilDue: -21 });
  });

  it('tells the editor an escalated reminder is urgent', () => {
    const n = reviewReminder(input({ stage: 'escalated', now: new Date('2026-12-14T08:00:00Z') }));
    expect(n.text).toContain('Beste Anna de Vries,');
    expect(n.text).toContain('eerder herinneringen ontvangen');
    expect(n.data).not.toHaveProperty('escalatedTo');
  });

  it('says "nog nooit" for an article that was never reviewed and leaves out an unknown owner', () => {
    const n = reviewReminder(input({ article: { ...article, lastReviewedAt: null, owner: undefined }, recipientName: undefined }));
    expect(n.text).toContain('Beste collega,');
    expect(n.text).toContain('Laatst gecontroleerd: nog nooit');
    expect(n.text).not.toContain('Eigenaar');
    expect(n.data).toMatchObject({ lastReviewedAt: null });
  });

  it('escapes the title in the HTML, keeps it readable in text and subject', () => {
    const title = '<script>alert(1)</script> & "x"';
    const n = reviewReminder(input({ article: { ...article, title } }));
    expect(n.html).not.toContain('<script>');
    expect(n.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expect(n.text).toContain(`“${title}”`);
    expect(n.subject).toBe(`Controle nodig: ${title} (over 14 dagen)`);
  });

  it('keeps the subject on one line whatever the title holds', () => {
    expect(reviewReminder(input({ article: { ...article, title: 'Paspoort\r\nBcc: x@y.nl' } })).subject).toBe(
      'Controle nodig: Paspoort Bcc: x@y.nl (over 14 dagen)',
    );
  });
});
