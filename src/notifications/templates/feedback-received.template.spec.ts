import { feedbackReceived, FeedbackReceivedInput } from './feedback-received.template';

const BASE_URL = 'https://kennisbank.gemeente.nl';
const URL = `${BASE_URL}/werkplek/artikelen/art-9`;

const input = (overrides: Partial<FeedbackReceivedInput> = {}): FeedbackReceivedInput => ({
  recipientName: 'Anna',
  article: { id: 'art-9', title: 'Parkeervergunning bewoners', department: 'Vergunningen' },
  feedback: { kind: 'incorrect', comment: 'De kosten zijn per 1 januari verhoogd.\nZie raadsbesluit.', section: 'Wat kost het?' },
  baseUrl: BASE_URL,
  ...overrides,
});

describe('feedbackReceived', () => {
  it('reports the kind in Dutch, the section and the comment, with both links', () => {
    const n = feedbackReceived(input());
    expect(n.kind).toBe('feedback_received');
    expect(n.subject).toBe('Terugmelding: Parkeervergunning bewoners (onjuist)');
    expect(n.text).toContain('Een KCC-medewerker meldt dat het kennisartikel “Parkeervergunning bewoners” van Vergunningen onjuist is.');
    expect(n.text).toContain('Soort terugmelding: onjuist');
    expect(n.text).toContain('Onderdeel: Wat kost het?');
    expect(n.text).toContain('> De kosten zijn per 1 januari verhoogd.\n> Zie raadsbesluit.');
    expect(n.text).toContain(`Artikel openen: ${URL}\n`);
    expect(n.text).toContain(`Inhoud gecontroleerd: ${URL}?actie=inhoud-gecontroleerd\n`);
    expect(n.html).toContain('De kosten zijn per 1 januari verhoogd.\nZie raadsbesluit.</blockquote>');
    expect(n.html).toContain(`href="${URL}"`);
    expect(n.html).toContain(`href="${URL}?actie=inhoud-gecontroleerd"`);
    expect(n.data).toEqual({
      articleId: 'art-9',
      department: 'Vergunningen',
      feedback: { kind: 'incorrect', label: 'onjuist', section: 'Wat kost het?' },
      links: { article: URL, markReviewed: `${URL}?actie=inhoud-gecontroleerd` },
    });
  });

  it.each([
    ['incorrect', 'onjuist'],
    ['incomplete', 'onvolledig'],
    ['unclear', 'onduidelijk'],
    ['outdated', 'verouderd'],
    ['cannot-find', 'niet te vinden'],
  ] as const)('labels %s as "%s"', (kind, label) => {
    const n = feedbackReceived(input({ feedback: { kind, comment: 'x' } }));
    expect(n.subject).toBe(`Terugmelding: Parkeervergunning bewoners (${label})`);
    expect(n.text).toContain(`van Vergunningen ${label} is.`);
    expect(n.text).not.toContain('Onderdeel');
  });

  it('suggests search words when agents could not find the article', () => {
    expect(feedbackReceived(input({ feedback: { kind: 'cannot-find', comment: 'Gezocht op "invalidenkaart"' } })).text).toContain(
      'synoniemen',
    );
  });

  it('keeps the comment out of the machine-readable data', () => {
    expect(JSON.stringify(feedbackReceived(input()).data)).not.toContain('raadsbesluit');
  });

  it('escapes the title and the comment in the HTML', () => {
    const evil = '<script>alert(1)</script> & "x"';
    const n = feedbackReceived(
      input({ article: { id: 'a', title: evil, department: 'Vergunningen' }, feedback: { kind: 'unclear', comment: evil } }),
    );
    expect(n.html).not.toContain('<script>');
    expect(n.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expect(n.text).toContain(`> ${evil}`);
  });

  it('says there is no comment when there is none', () => {
    expect(feedbackReceived(input({ feedback: { kind: 'unclear', comment: '  ' } })).text).toContain('> (geen toelichting)');
  });
});
