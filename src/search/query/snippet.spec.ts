import { DutchAnalyzer } from '../dutch/dutch-analyzer';
import { planQuery } from './query-plan';
import { buildSnippet } from './snippet';
import { SynonymIndex } from './synonym-index';

describe('buildSnippet', () => {
  const analyzer = new DutchAnalyzer();
  const synonyms = new SynonymIndex([['ID-kaart', 'identiteitskaart']], analyzer);
  const plan = (q: string) => planQuery(q, analyzer, synonyms);

  it('marks inflected and compound forms with the same analysis as matching', () => {
    const html = buildSnippet(
      'Zet uw restafvalcontainers op tijd buiten. Kapotte containers melden.',
      plan('container restafval '),
      analyzer,
    );
    expect(html).toBe('Zet uw <mark>restafvalcontainers</mark> op tijd buiten. Kapotte <mark>containers</mark> melden.');
  });

  it('picks the passage with the most distinct query words and elides the rest', () => {
    const filler = Array.from({ length: 40 }, (_, i) => `woord${i}`).join(' ');
    const html = buildSnippet(`${filler} het paspoort kost veel. ${filler}`, plan('paspoort kosten '), analyzer);
    expect(html).toMatch(/^… .*<mark>paspoort<\/mark> <mark>kost<\/mark> veel\. .* …$/);
  });

  it('escapes HTML in the text', () => {
    expect(buildSnippet('<b>paspoort</b> & meer', plan('paspoort '), analyzer)).toBe('<mark>&lt;b&gt;paspoort&lt;/b&gt;</mark> &amp; meer');
  });

  it('marks synonyms and prefixes', () => {
    expect(buildSnippet('Vraag een identiteitskaart aan.', plan('id-kaart '), analyzer)).toContain('<mark>identiteitskaart</mark>');
    expect(buildSnippet('Het paspoort is geldig.', plan('paspo'), analyzer)).toContain('<mark>paspoort</mark>');
  });
});
