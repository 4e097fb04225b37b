import { ArticleContent, SECTION_TITLES, emptyContent } from '../article-content';
import { MarkdownRenderer } from './markdown-renderer';
import { XSS_VECTORS, assertInert, parseTags } from '../../../test/support/xss-corpus';

function content(kind: 'product' | 'faq' | 'instruction', patch: Partial<ArticleContent>): ArticleContent {
  return { ...emptyContent(kind), ...patch };
}

describe(MarkdownRenderer.name, () => {
  const renderer = new MarkdownRenderer();

  describe('XSS', () => {
    it('has a corpus of at least 40 distinct vectors', () => {
      expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(40);
      expect(new Set(XSS_VECTORS).size).toBe(XSS_VECTORS.length);
    });

    it.each([
      '<script>alert(1)</script>',
      '<SCRIPT>alert(1)</SCRIPT>',
      '< script>alert(1)</script>',
      '<iframe src="https://a.nl"></iframe>',
      '<svg><g/></svg>',
      '<math></math>',
      '<style>p{}</style>',
      '<meta http-equiv="refresh" content="0">',
      '<base href="https://evil.example/">',
      '<details open>',
      '<img src=x onerror=alert(1)>',
      '<p title="a" onclick="alert(1)">x</p>',
      '<img src="https://a.nl/x.png" ONLOAD = "alert(1)">',
      '<a href="javascript:alert(1)">x</a>',
      '<a href="JaVaScRiPt:alert(1)">x</a>',
      '<a href="&#106;avascript:x">x</a>',
      '<a href="&#x6a;avascript:x">x</a>',
      '<a href="java&#x09;script:x">x</a>',
      '<a href="java&Tab;script&colon;x">x</a>',
      '<a href=" javascript:x">x</a>',
      "<a href='vbscript:x'>x</a>",
      '<a href=data:text/html,x>x</a>',
      '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
      '<a href="//evil.example">x</a>',
      '<p style="color:red">x</p>',
      '<td style="background:url(javascript:x)">x</td>',
      '<th style="text-align:left;color:red">x</th>',
    ])('assertInert rejects the known-bad %s', (bad) => {
      expect(() => assertInert(bad)).toThrow();
    });

    it.each([
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
      '<p>&lt;img src=x onerror=alert(1)&gt;</p>',
      '<p><a href="https://a.nl" title="t&quot; onclick=&quot;x" rel="noopener noreferrer">x</a></p>',
      '<p><a href="java%09script:alert(1)">x</a></p>',
      '<table><tr><th style="text-align:center">a</th><td style="text-align:right">b</td></tr></table>',
      '<p><img src="https://a.nl/x.png" alt="x" /></p>',
    ])('assertInert accepts the harmless %s', (good) => {
      expect(() => assertInert(good)).not.toThrow();
    });

    it.each(XSS_VECTORS)('renders %j inert', (vector) => {
      const html = renderer.toHtml(vector);
      assertInert(html);
      // the same vector in a section, the way articles are actually rendered
      const rendered = renderer.renderContent('product', content('product', { sections: { inleiding: vector } }));
      for (const part of rendered.parts) assertInert(part.html);
    });

    it.each(XSS_VECTORS)('keeps %j inert inside other Markdown', (vector) => {
      assertInert(renderer.toHtml(`# Kop\n\nTekst ervoor ${vector} en erna.\n\n- ${vector}\n\n> ${vector}\n`));
    });

    it('shows pasted HTML as text instead of dropping it silently', () => {
      expect(renderer.toHtml('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
      expect(renderer.toHtml('<img src=x onerror=alert(1)>')).toContain('&lt;img src=x onerror=alert(1)&gt;');
    });

    it('drops the href of a link with a forbidden scheme that markdown-it lets through', () => {
      expect(renderer.toHtml('[x](//evil.example)')).toBe('<p><a rel="noopener noreferrer">x</a></p>');
      expect(renderer.toHtml('![x](data:image/png;base64,iVBORw0KGgo=)')).toBe('<p><img alt="x" /></p>');
    });

    it('escapes quotes in titles instead of letting them close the attribute', () => {
      const html = renderer.toHtml('[x](https://a.nl \'title" onclick="alert(1)\')');
      expect(html).toContain('title="title&quot; onclick=&quot;alert(1)"');
      const [anchor] = parseTags(html).filter((t) => t.name === 'a');
      expect(anchor.attributes.map((a) => a.name)).toEqual(['href', 'title', 'rel']);
    });
  });

  describe('links', () => {
    it('keeps a normal link and adds rel="noopener noreferrer"', () => {
      expect(renderer.toHtml('[Rijksoverheid](https://www.rijksoverheid.nl)')).toBe(
        '<p><a href="https://www.rijksoverheid.nl" rel="noopener noreferrer">Rijksoverheid</a></p>',
      );
    });

    it('adds rel to every link, autolinks included, and no target', () => {
      const html = renderer.toHtml('[a](https://a.nl) <https://b.nl>');
      expect(html.match(/rel="noopener noreferrer"/g)).toHaveLength(2);
      expect(html).not.toMatch(/target=/);
    });

    it('keeps mailto: and tel: links', () => {
      const html = renderer.toHtml('[Mail ons](mailto:info@gemeente.nl) of [bel 14 020](tel:+3114020)');
      expect(html).toContain('<a href="mailto:info@gemeente.nl" rel="noopener noreferrer">Mail ons</a>');
      expect(html).toContain('<a href="tel:+3114020" rel="noopener noreferrer">bel 14 020</a>');
    });

    it('linkifies a bare URL and a bare e-mail address', () => {
      const html = renderer.toHtml('Kijk op https://www.gemeente.nl/afval of mail info@gemeente.nl.');
      expect(html).toContain('<a href="https://www.gemeente.nl/afval" rel="noopener noreferrer">https://www.gemeente.nl/afval</a>');
      expect(html).toContain('<a href="mailto:info@gemeente.nl" rel="noopener noreferrer">info@gemeente.nl</a>');
    });

    it('keeps relative links and https images', () => {
      expect(renderer.toHtml('[paspoort](/producten/paspoort)')).toContain('href="/producten/paspoort"');
      expect(renderer.toHtml('![Logo](https://www.gemeente.nl/logo.png "Gemeente")')).toBe(
        '<p><img src="https://www.gemeente.nl/logo.png" alt="Logo" title="Gemeente" /></p>',
      );
    });
  });

  describe('structure', () => {
    it('keeps headings, lists, emphasis and code', () => {
      const html = renderer.toHtml(
        [
          '# Paspoort',
          '## Aanvragen',
          '- een',
          '- twee',
          '',
          '3. drie',
          '4. vier',
          '',
          '**vet**, *schuin*, ~~weg~~ en `code`',
          '',
          '```js',
          'const a = 1 < 2;',
          '```',
          '',
          '> citaat',
          '',
          '---',
        ].join('\n'),
      );
      expect(html).toContain('<h1>Paspoort</h1>');
      expect(html).toContain('<h2>Aanvragen</h2>');
      expect(html).toContain('<ul>\n<li>een</li>\n<li>twee</li>\n</ul>');
      expect(html).toContain('<ol start="3">\n<li>drie</li>\n<li>vier</li>\n</ol>');
      expect(html).toContain('<strong>vet</strong>');
      expect(html).toContain('<em>schuin</em>');
      expect(html).toContain('<s>weg</s>');
      expect(html).toContain('<code>code</code>');
      expect(html).toContain('<pre><code>const a = 1 &lt; 2;\n</code></pre>');
      expect(html).toContain('<blockquote>\n<p>citaat</p>\n</blockquote>');
      expect(html).toContain('<hr />');
      assertInert(html);
    });

    it('keeps tables with their column alignment', () => {
      const html = renderer.toHtml('| Wat | Kosten | Termijn |\n|:---|---:|:---:|\n| Paspoort | € 84,70 | 5 dagen |');
      expect(html).toContain('<th style="text-align:left">Wat</th>');
      expect(html).toContain('<th style="text-align:right">Kosten</th>');
      expect(html).toContain('<th style="text-align:center">Termijn</th>');
      expect(html).toContain('<td style="text-align:right">€ 84,70</td>');
      expect(html).toMatch(/^<table>\n<thead>[\s\S]*<\/thead>\n<tbody>[\s\S]*<\/tbody>\n<\/table>$/);
      assertInert(html);
    });

    it('shows raw HTML as escaped text, not as a tag', () => {
      expect(renderer.toHtml('<b>x</b>')).toBe('<p>&lt;b&gt;x&lt;/b&gt;</p>');
      expect(renderer.toHtml('Dit is <u>belangrijk</u>.')).toBe('<p>Dit is &lt;u&gt;belangrijk&lt;/u&gt;.</p>');
    });
  });

  describe('toText', () => {
    const markdown = [
      '# Paspoort aanvragen',
      '',
      'U vraagt een **paspoort** aan bij de [gemeente](https://www.gemeente.nl).',
      "Neem ~~geen~~ *twee* foto's mee.",
      '',
      'Dit is de tweede alinea met `code`.',
      '',
      '- pasfoto',
      '- identiteitsbewijs',
      '',
      '1. Maak een afspraak',
      '2. Kom langs',
      '3. Haal het paspoort op',
      '',
      '![Logo van de gemeente](https://www.gemeente.nl/logo.png)',
    ].join('\n');

    it('produces readable plain text', () => {
      expect(renderer.toText(markdown)).toBe(
        [
          'Paspoort aanvragen',
          '',
          "U vraagt een paspoort aan bij de gemeente. Neem geen twee foto's mee.",
          '',
          'Dit is de tweede alinea met code.',
          '',
          '- pasfoto',
          '- identiteitsbewijs',
          '',
          '1. Maak een afspraak',
          '2. Kom langs',
          '3. Haal het paspoort op',
          '',
          'Logo van de gemeente',
        ].join('\n'),
      );
    });

    it('leaves no Markdown syntax or HTML tags, and keeps link text', () => {
      const text = renderer.toText(markdown);
      expect(text).not.toContain('**');
      expect(text).not.toContain('~~');
      expect(text).not.toContain('`');
      expect(text).not.toContain('[');
      expect(text).not.toContain('](');
      expect(text).not.toContain('#');
      expect(text).not.toMatch(/<[a-z/][^>]*>/i);
      expect(text).not.toContain('https://');
      expect(text).toContain('gemeente');
    });

    it('numbers ordered lists from their start and indents nested lists', () => {
      expect(renderer.toText('4. vier\n5. vijf')).toBe('4. vier\n5. vijf');
      expect(renderer.toText('- a\n  - b\n  - c\n- d')).toBe('- a\n  - b\n  - c\n- d');
      expect(renderer.toText('- los\n\n- lijst')).toBe('- los\n- lijst');
    });

    it('renders tables as tab-separated rows and keeps code verbatim', () => {
      expect(renderer.toText('| a | b |\n|---|---|\n| 1 | 2 |')).toBe('a\tb\n1\t2');
      expect(renderer.toText('```\nconst x = "**niet vet**";\n```')).toBe('const x = "**niet vet**";');
    });

    it('separates blocks after headings, lists and quotes by exactly one blank line', () => {
      expect(renderer.toText('# Kop\nalinea\n\n> citaat\n\n- a\n- b\n\nslot\n\n---\n\nna de lijn')).toBe(
        'Kop\n\nalinea\n\ncitaat\n\n- a\n- b\n\nslot\n\nna de lijn',
      );
    });

    it('separates a paragraph after a table by a blank line', () => {
      expect(renderer.toText('| a | b |\n|---|---|\n| 1 | 2 |\n\nNa de tabel.')).toBe('a\tb\n1\t2\n\nNa de tabel.');
    });

    it('separates a paragraph after a code block by a blank line', () => {
      expect(renderer.toText('```\ncode\n```\n\nNa de code.')).toBe('code\n\nNa de code.');
    });

    it('decodes entities and collapses soft line breaks', () => {
      expect(renderer.toText('Kosten &amp; termijn\nop één regel')).toBe('Kosten & termijn op één regel');
    });
  });

  describe('renderContent', () => {
    it('renders product sections in section order, skipping empty ones, with the KCC notes internal', () => {
      const rendered = renderer.renderContent(
        'product',
        content('product', {
          title: 'Paspoort',
          summary: 'Een paspoort aanvragen.',
          // deliberately out of order, with an empty and a whitespace-only section
          sections: {
            kosten: 'Het kost **€ 84,70**.',
            inleiding: 'Een paspoort is een reisdocument.',
            termijn: '',
            bezwaar: '  \n ',
            contact: 'Bel 14 020.',
          },
          kccNotes: 'Let op: *niet* bij het loket.',
        }),
      );
      expect(rendered.parts.map((p) => [p.key, p.title, p.internal])).toEqual([
        ['sections.inleiding', SECTION_TITLES.inleiding, false],
        ['sections.kosten', SECTION_TITLES.kosten, false],
        ['sections.contact', SECTION_TITLES.contact, false],
        ['kccNotes', 'KCC', true],
      ]);
      expect(rendered.parts.map((p) => p.title)).toEqual(['Wat is het?', 'Wat kost het?', 'Contact', 'KCC']);
      expect(rendered.parts[1]).toMatchObject({ html: '<p>Het kost <strong>€ 84,70</strong>.</p>', text: 'Het kost € 84,70.' });
      expect(rendered.parts[3]).toMatchObject({ html: '<p>Let op: <em>niet</em> bij het loket.</p>', text: 'Let op: niet bij het loket.' });
    });

    it('skips empty KCC notes', () => {
      const rendered = renderer.renderContent('product', content('product', { sections: { inleiding: 'x' }, kccNotes: '   ' }));
      expect(rendered.parts.map((p) => p.key)).toEqual(['sections.inleiding']);
    });

    it('titles a faq answer with the question', () => {
      const rendered = renderer.renderContent(
        'faq',
        content('faq', {
          title: 'Verhuizing',
          question: 'Hoe geef ik een verhuizing door?',
          answer: 'Via **Mijn Gemeente**.',
          explanation: 'Binnen vijf dagen na de verhuizing.',
          kccNotes: 'Controleer het BSN.',
        }),
      );
      expect(rendered.parts.map((p) => [p.key, p.title, p.internal])).toEqual([
        ['answer', 'Hoe geef ik een verhuizing door?', false],
        ['explanation', 'Toelichting', false],
        ['kccNotes', 'KCC', true],
      ]);
      expect(rendered.parts[0].html).toBe('<p>Via <strong>Mijn Gemeente</strong>.</p>');
    });

    it('renders an instruction body titled with the article title', () => {
      const rendered = renderer.renderContent('instruction', content('instruction', { title: 'Werkinstructie', body: 'Stap **1**' }));
      expect(rendered.parts).toEqual([
        { key: 'body', title: 'Werkinstructie', html: '<p>Stap <strong>1</strong></p>', text: 'Stap 1', internal: false },
      ]);
    });
  });

  describe('publicText', () => {
    it('includes summary and question but never the KCC notes', () => {
      const faq = content('faq', {
        summary: 'Verhuizing doorgeven.',
        question: 'Hoe geef ik een verhuizing door?',
        answer: 'Via **Mijn Gemeente**.',
        kccNotes: 'GEHEIM: controleer het BSN.',
      });
      const text = renderer.publicText(faq, renderer.renderContent('faq', faq));
      expect(text).toBe('Verhuizing doorgeven.\n\nHoe geef ik een verhuizing door?\n\nVia Mijn Gemeente.');
      expect(text).not.toContain('GEHEIM');
      expect(text).not.toContain('BSN');
    });

    it('covers every public product section and skips empty summary', () => {
      const product = content('product', {
        sections: { inleiding: 'Een *reisdocument*.', kosten: '€ 84,70' },
        kccNotes: 'Intern: alleen op afspraak.',
      });
      const text = renderer.publicText(product, renderer.renderContent('product', product));
      expect(text).toBe('Een reisdocument.\n\n€ 84,70');
      expect(text).not.toContain('Intern');
    });
  });

  describe('links', () => {
    it('finds inline, reference, auto- and linkified links in order, also in lists and tables', () => {
      const markdown = [
        'Zie [de website](https://www.lindeveen.nl/paspoort "Paspoort") en <https://www.rijksoverheid.nl/>.',
        '',
        '- Bel [ons](tel:14071) of mail [ons](mailto:info@lindeveen.nl)',
        '- Lees [de regels][regels] of www.rvo.nl',
        '',
        '| site | link |',
        '| --- | --- |',
        '| DUO | [duo](https://duo.nl/a b) |',
        '',
        '[regels]: https://wetten.overheid.nl/BWBR0005252',
      ].join('\n');
      expect(renderer.links(markdown)).toEqual([
        'https://www.lindeveen.nl/paspoort',
        'https://www.rijksoverheid.nl/',
        'tel:14071',
        'mailto:info@lindeveen.nl',
        'https://wetten.overheid.nl/BWBR0005252',
        'https://duo.nl/a',
      ]);
    });

    it('finds what the page shows as a link: not code, but a URL in escaped raw HTML is linkified text', () => {
      expect(renderer.links('`https://a.nl` en <a href="https://b.nl">b</a> en www.c.nl\n\n    https://d.nl')).toEqual(['https://b.nl']);
    });
  });
});
