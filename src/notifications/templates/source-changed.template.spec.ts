import { condenseDiff, sourceChanged, SourceChangedInput } from './source-changed.template';

const BASE_URL = 'https://kennisbank.gemeente.nl';

const input = (overrides: Partial<SourceChangedInput> = {}): SourceChangedInput => ({
  recipientName: 'Anna',
  article: { id: 'art-7', title: 'Paspoort aanvragen', department: 'Burgerzaken' },
  source: { uri: 'https://content.example.nl/paspoort', title: 'Paspoort', version: '2027-01' },
  diff: [
    { op: 'equal', text: 'Een paspoort kost ' },
    { op: 'delete', text: '€ 84,70' },
    { op: 'insert', text: '€ 88,10' },
    { op: 'equal', text: ' voor volwassenen.' },
  ],
  baseUrl: BASE_URL,
  ...overrides,
});

describe('sourceChanged', () => {
  it('shows the changes of the national text with ins/del in HTML and [+ +]/[- -] in text', () => {
    const n = sourceChanged(input());
    expect(n.kind).toBe('source_changed');
    expect(n.subject).toBe('Landelijke content gewijzigd: Paspoort aanvragen');
    expect(n.text).toContain('Een paspoort kost [-€ 84,70-][+€ 88,10+] voor volwassenen.');
    expect(n.html).toMatch(/Een paspoort kost <del style="[^"]*">€ 84,70<\/del><ins style="[^"]*">€ 88,10<\/ins> voor volwassenen\./);
    for (const body of [n.text, n.html]) {
      expect(body).toContain('Beste Anna,');
      expect(body).toContain('(versie 2027-01)');
      expect(body).toContain('Burgerzaken bouwt op deze tekst voort');
    }
  });

  it('links the article, the one-click check and a web source', () => {
    const n = sourceChanged(input());
    const url = `${BASE_URL}/werkplek/artikelen/art-7`;
    expect(n.text).toContain(`Artikel openen: ${url}\n`);
    expect(n.text).toContain(`Inhoud gecontroleerd: ${url}?actie=inhoud-gecontroleerd\n`);
    expect(n.text).toContain('Bron: https://content.example.nl/paspoort');
    expect(n.html).toContain(`href="${url}"`);
    expect(n.html).toContain(`href="${url}?actie=inhoud-gecontroleerd"`);
    expect(n.html).toContain('href="https://content.example.nl/paspoort"');
    expect(n.data).toEqual({
      articleId: 'art-7',
      department: 'Burgerzaken',
      source: { uri: 'https://content.example.nl/paspoort', title: 'Paspoort', version: '2027-01' },
      changes: { inserted: 1, deleted: 1 },
      links: { article: url, markReviewed: `${url}?actie=inhoud-gecontroleerd` },
    });
  });

  it('does not link a source that is no web address', () => {
    const n = sourceChanged(input({ source: { uri: 'urn:antwoord:paspoort', title: 'Paspoort', version: 3 } }));
    expect(n.html).not.toContain('href="urn:');
    expect(n.text).toContain('Bron: urn:antwoord:paspoort');
  });

  it('escapes titles and the national text in the HTML', () => {
    const evil = '<script>alert(1)</script> & "x"';
    const n = sourceChanged(input({ article: { id: 'a', title: evil, department: 'Burgerzaken' }, diff: [{ op: 'insert', text: evil }] }));
    expect(n.html).not.toContain('<script>');
    expect(n.html).toContain(
      '<ins style="background:#d7f5dd;color:#0b5d1e;text-decoration:underline;">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</ins>',
    );
    expect(n.text).toContain(`[+${evil}+]`);
  });

  it('says so when only the version changed', () => {
    const n = sourceChanged(input({ diff: [{ op: 'equal', text: 'Ongewijzigd.' }] }));
    expect(n.text).toContain('De tekst zelf is niet veranderd');
    expect(n.text).not.toContain('Wijzigingen in de landelijke tekst');
  });

  describe('condenseDiff', () => {
    const long = (word: string) => Array.from({ length: 60 }, (_, i) => `${word}${i}`).join(' ');

    it('merges neighbours, drops empty parts and shortens long unchanged text around the changes', () => {
      const { parts, truncated } = condenseDiff([
        { op: 'equal', text: long('a') },
        { op: 'insert', text: 'nieuw' },
        { op: 'insert', text: '' },
        { op: 'insert', text: ' ook' },
        { op: 'equal', text: long('b') },
        { op: 'delete', text: 'weg' },
        { op: 'equal', text: long('c') },
      ]);
      expect(truncated).toBe(false);
      expect(parts.map((p) => p.op)).toEqual(['equal', 'insert', 'equal', 'delete', 'equal']);
      expect(parts[1].text).toBe('nieuw ook');
      expect(parts[0].text).toMatch(/^… .* a59$/);
      expect(parts[0].text.length).toBeLessThanOrEqual(82);
      expect(parts[2].text).toMatch(/^b0 b1 .* … .* b59$/);
      expect(parts[4].text).toMatch(/^c0 c1 .* …$/);
    });

    it('keeps short unchanged text whole', () => {
      const diff = [
        { op: 'equal' as const, text: 'kort ' },
        { op: 'insert' as const, text: 'nieuw' },
        { op: 'equal' as const, text: ' einde' },
      ];
      expect(condenseDiff(diff).parts).toEqual(diff);
    });

    it('caps a very large change and says so', () => {
      const { parts, truncated } = condenseDiff([{ op: 'insert', text: 'x '.repeat(10_000) }]);
      expect(truncated).toBe(true);
      expect(parts[0].text.length).toBeLessThan(6_100);
      expect(sourceChanged(input({ diff: [{ op: 'insert', text: 'x '.repeat(10_000) }] })).text).toContain('te lang voor dit bericht');
    });
  });
});
