import { emptyContent } from '../articles/article-content';
import { MarkdownRenderer } from '../articles/markdown/markdown-renderer';
import { externalLinks, externalUrl } from './link-extraction';

describe('externalLinks', () => {
  const renderer = new MarkdownRenderer();
  const links = (markdown: string) => renderer.links(markdown);

  it('lists http(s) links per product section and in the KCC notes, once per part', () => {
    const content = {
      ...emptyContent('product'),
      summary: 'Zie https://niet-markdown.nl',
      sections: {
        aanvraag: 'Via [het formulier](https://www.lindeveen.nl/formulier#stap-2) of [hier](https://www.lindeveen.nl/formulier).',
        kosten: 'Zie [tarieven](https://www.lindeveen.nl/tarieven), [bel](tel:14071), [intern](/artikelen/x) of [mail](mailto:a@b.nl).',
      },
      kccNotes: 'Achtergrond: <https://intranet.lindeveen.nl/paspoort>',
    };
    expect(externalLinks('product', content, links)).toEqual([
      { url: 'https://www.lindeveen.nl/formulier', part: 'sections.aanvraag' },
      { url: 'https://www.lindeveen.nl/tarieven', part: 'sections.kosten' },
      { url: 'https://intranet.lindeveen.nl/paspoort', part: 'kccNotes' },
    ]);
  });

  it('reads the answer and explanation of a FAQ and the body of an instruction', () => {
    const faq = { ...emptyContent('faq'), answer: 'Bij [DUO](https://duo.nl).', explanation: '[UWV](http://uwv.nl/)' };
    expect(externalLinks('faq', faq, links).map((l) => l.part)).toEqual(['answer', 'explanation']);
    const instruction = { ...emptyContent('instruction'), body: '1. Open [het systeem](https://zaaksysteem.lindeveen.nl)' };
    expect(externalLinks('instruction', instruction, links)).toEqual([{ url: 'https://zaaksysteem.lindeveen.nl/', part: 'body' }]);
  });
});

describe('externalUrl', () => {
  it.each([
    ['https://www.lindeveen.nl/a#b', 'https://www.lindeveen.nl/a'],
    ['HTTP://WWW.Lindeveen.NL', 'http://www.lindeveen.nl/'],
    ['ftp://files.nl/x', null],
    ['javascript:alert(1)', null],
    ['/relatief', null],
  ])('%s → %s', (href, url) => {
    expect(externalUrl(href)).toBe(url);
  });
});
