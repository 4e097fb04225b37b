import { ReviewedArticleRef } from './article-ref';
import { weeklyDigest } from './weekly-digest.template';

const BASE_URL = 'https://kennisbank.gemeente.nl';
const now = new Date('2026-11-23T07:00:00Z');

const item = (id: string, title: string, due: string, extra: Partial<ReviewedArticleRef> = {}): ReviewedArticleRef => ({
  id,
  title,
  department: 'Burgerzaken',
  reviewDueAt: new Date(due),
  lastReviewedAt: null,
  ...extra,
});

const groups = {
  overdue: [
    item('a2', 'Rijbewijs verlengen', '2026-11-16T09:00:00Z'),
    item('a1', 'Paspoort aanvragen', '2026-11-02T09:00:00Z', { owner: 'Anna de Vries' }),
    item('a3', 'Verhuizing doorgeven', '2026-11-22T09:00:00Z'),
  ],
  due: [],
  upcoming: [item('a4', 'ID-kaart aanvragen', '2026-11-30T09:00:00Z'), item('a5', 'Uittreksel BRP', '2026-12-07T09:00:00Z')],
};

describe('weeklyDigest', () => {
  it('counts per urgency in the subject, leaving out empty groups', () => {
    const n = weeklyDigest({ groups, baseUrl: BASE_URL, now });
    expect(n.kind).toBe('weekly_digest');
    expect(n.subject).toBe('Weekoverzicht kennisbank: 3 artikelen verlopen, 2 binnenkort');
    expect(
      weeklyDigest({ groups: { overdue: [], due: [groups.upcoming[0]], upcoming: groups.upcoming }, baseUrl: BASE_URL, now }).subject,
    ).toBe('Weekoverzicht kennisbank: 1 artikel nu te controleren, 2 binnenkort');
  });

  it('lists the groups most urgent first, each article by due date, with Dutch dates and day counts', () => {
    const { text } = weeklyDigest({ recipientName: 'Anna', groups, baseUrl: BASE_URL, now });
    expect(text).toContain('Beste Anna,');
    expect(text).toContain('(stand van 23 november 2026)');
    expect(text.indexOf('Verlopen (3)')).toBeLessThan(text.indexOf('Binnenkort (2)'));
    expect(text).not.toContain('Nu controleren');
    const order = ['Paspoort aanvragen', 'Rijbewijs verlengen', 'Verhuizing doorgeven', 'ID-kaart aanvragen', 'Uittreksel BRP'].map((t) =>
      text.indexOf(`- ${t}`),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(text).toContain('Burgerzaken, controledatum 2 november 2026 (21 dagen geleden), eigenaar: Anna de Vries');
    expect(text).toContain('Burgerzaken, controledatum 22 november 2026 (gisteren)');
    expect(text).toContain('Burgerzaken, controledatum 30 november 2026 (over 7 dagen)');
  });

  it('links every article and its one-click check, in text and HTML', () => {
    const n = weeklyDigest({ groups, baseUrl: BASE_URL, now });
    for (const id of ['a1', 'a2', 'a3', 'a4', 'a5']) {
      const url = `${BASE_URL}/werkplek/artikelen/${id}`;
      expect(n.text).toContain(`Artikel openen: ${url}\n`);
      expect(n.text).toContain(`Inhoud gecontroleerd: ${url}?actie=inhoud-gecontroleerd\n`);
      expect(n.html).toContain(`href="${url}"`);
      expect(n.html).toContain(`href="${url}?actie=inhoud-gecontroleerd"`);
    }
    expect(n.html).toContain('Verlopen (3)</h2>');
  });

  it('gives webhooks the counts and the articles per group', () => {
    const { data } = weeklyDigest({ groups, baseUrl: BASE_URL, now });
    expect(data.counts).toEqual({ overdue: 3, due: 0, upcoming: 2 });
    expect(data.articles).toHaveLength(5);
    expect((data.articles as unknown[])[0]).toEqual({
      id: 'a1',
      title: 'Paspoort aanvragen',
      department: 'Burgerzaken',
      group: 'overdue',
      reviewDueAt: '2026-11-02T09:00:00.000Z',
      links: { article: `${BASE_URL}/werkplek/artikelen/a1`, markReviewed: `${BASE_URL}/werkplek/artikelen/a1?actie=inhoud-gecontroleerd` },
    });
  });

  it('escapes titles in the HTML', () => {
    const title = '<script>alert(1)</script> & "x"';
    const n = weeklyDigest({
      groups: { overdue: [item('x', title, '2026-11-02T09:00:00Z')], due: [], upcoming: [] },
      baseUrl: BASE_URL,
      now,
    });
    expect(n.html).not.toContain('<script>');
    expect(n.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expect(n.text).toContain(`- ${title}`);
  });

  it('says so when there is nothing to check', () => {
    const n = weeklyDigest({ groups: { overdue: [], due: [], upcoming: [] }, baseUrl: BASE_URL, now });
    expect(n.subject).toBe('Weekoverzicht kennisbank: geen artikelen te controleren');
    expect(n.text).toContain('geen kennisartikelen die je moet controleren');
  });
});
