import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ArticleContent } from '../../articles/article-content';
import type { RenderedPart } from '../../articles/markdown/markdown-renderer';
import { MarkdownRenderer } from '../../articles/markdown/markdown-renderer';
import type { LiveArticle } from '../../articles/published-articles.service';
import { fullProduct, liveArticle, TEST_MUNICIPALITY } from '../../../test/support/live-article';
import { buildScXml, decideOnlineAanvragen, firstHttpsLink, SC_NAMESPACES } from './sc-xml';

const MARKER = 'KCC-NOTES-MARKER-b41d9e';
const NOW = new Date('2025-06-01T12:00:00Z');

type Node = any;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  // Our values are trimmed; trimming drops the indentation between elements.
  trimValues: true,
  isArray: (name) => ['overheidproduct:scproduct', 'dcterms:audience'].includes(name),
});

function parse(xml: string): Node[] {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser.parse(xml);
  return doc['overheidproduct:scproducten']['overheidproduct:scproduct'] ?? [];
}

/** A product that makes a valid record, with a KCC-notes marker and one aanvraag text. */
function product(content: Partial<ArticleContent>, slug?: string): LiveArticle {
  return fullProduct({ kccNotes: `Intern: ${MARKER}`, ...content }, { slug });
}

const renderer = new MarkdownRenderer();
function aanvraagPart(markdown: string): RenderedPart {
  return renderer.renderContent('product', { ...fullProduct().version.content, sections: { aanvraag: markdown } }).parts[0];
}

describe('buildScXml', () => {
  const paspoort = product(
    {
      title: 'Paspoort aanvragen',
      targetGroups: ['burger'],
      sections: {
        inleiding: 'Een paspoort is een reisdocument.',
        aanvraag: 'Maak online een afspraak via [de afsprakenpagina](https://www.lindeveen.nl/afspraak?product=paspoort&stap=1).',
        kosten: 'Het kost **€ 84,85**.',
      },
    },
    'paspoort-aanvragen',
  );
  const parkeren = product(
    {
      title: 'Parkeervergunning bewoners',
      summary: 'Met een parkeervergunning parkeert u in uw eigen wijk.',
      targetGroups: ['burger', 'ondernemer', 'burger'],
      uplName: 'parkeervergunning',
      uplUri: 'http://standaarden.overheid.nl/owms/terms/parkeervergunning',
      sections: { aanvraag: 'Log in met DigiD op [Mijn Lindeveen](https://mijn.lindeveen.nl/parkeren). Geen DigiD? Kom naar de balie.' },
    },
    'parkeervergunning',
  );
  const bijstand = product(
    {
      title: 'Bijstand & "uitkering" <aanvragen>',
      summary: 'Heeft u te weinig inkomen? Dan kunt u bijstand aanvragen. Kosten: < € 0 & gratis.',
      targetGroups: ['burger'],
      uplName: 'bijstand',
      uplUri: 'http://standaarden.overheid.nl/owms/terms/bijstand',
      sections: {
        aanvraag: 'Bel 14 0123 voor een afspraak. Zie ook [informatie](https://www.lindeveen.nl/werk).',
        contact: 'Werk en Inkomen, Marktplein 1.',
      },
    },
    'bijstand',
  );
  const grofvuil = product(
    {
      title: 'Grofvuil laten ophalen',
      summary: 'Grofvuil laat u ophalen.',
      targetGroups: ['ondernemer'],
      uplName: 'afvalinzameling grofvuil',
      uplUri: 'http://standaarden.overheid.nl/owms/terms/afvalinzameling_grofvuil',
      sections: {},
    },
    'grofvuil',
  );

  const internal = product({ title: 'Interne werkwijze paspoort', audience: 'internal' }, 'intern');
  const noUpl = product({ title: 'Boom kappen', uplName: null, uplUri: null }, 'boom-kappen');
  const noSummary = product({ title: 'Hondenbelasting', summary: '   ' }, 'hondenbelasting');
  const noTargetGroup = product({ title: 'Evenementenvergunning', targetGroups: [] }, 'evenement');
  const faq = liveArticle({
    kind: 'faq',
    content: { title: 'Vraag', answer: 'Antwoord', summary: 'x', targetGroups: ['burger'], kccNotes: MARKER },
  });
  const badUpl = product({ title: 'Fout', uplUri: 'paspoort' }, 'fout');

  const valid = [paspoort, parkeren, bijstand, grofvuil];
  const invalid = [internal, noUpl, noSummary, noTargetGroup, faq, badUpl];
  const result = buildScXml(
    [paspoort, internal, parkeren, noUpl, bijstand, noSummary, noTargetGroup, faq, grofvuil, badUpl, paspoort],
    TEST_MUNICIPALITY,
    {
      now: NOW,
    },
  );
  const records = parse(result.xml);

  it('writes a well-formed document with the SC 4.0 root and namespaces', () => {
    expect(result.xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<overheidproduct:scproducten ')).toBe(true);
    const root = parser.parse(result.xml)['overheidproduct:scproducten'];
    expect(root['@_xmlns:overheidproduct']).toBe('http://standaarden.overheid.nl/product/terms/');
    expect(root['@_xmlns:dcterms']).toBe('http://purl.org/dc/terms/');
    expect(root['@_xmlns:overheid']).toBe('http://standaarden.overheid.nl/owms/terms/');
    expect(root['@_xmlns:xsi']).toBe('http://www.w3.org/2001/XMLSchema-instance');
    expect(root['@_xsi:schemaLocation']).toBe(
      'http://standaarden.overheid.nl/product/terms/ http://standaarden.overheid.nl/sc/4.0/xsd/sc.xsd',
    );
    expect(Object.keys(SC_NAMESPACES)).toHaveLength(5);
  });

  it('emits exactly one record per valid product, in input order', () => {
    expect(records.map((r) => r['overheidproduct:meta']['overheidproduct:scmeta']['overheidproduct:productID'])).toEqual(
      valid.map((p) => p.article.id),
    );
  });

  describe.each(valid.map((live) => [live.version.content.title, live] as const))('record for "%s"', (_, live) => {
    const content = live.version.content;
    const record = () =>
      records.find((r) => r['overheidproduct:meta']['overheidproduct:scmeta']['overheidproduct:productID'] === live.article.id);

    it('is an SC 4.0 product', () => {
      expect(record()['@_owms-version']).toBe('4.0');
      expect(Object.keys(record())).toEqual(['overheidproduct:meta', 'overheidproduct:body', '@_owms-version']);
      expect(Object.keys(record()['overheidproduct:meta'])).toEqual([
        'overheidproduct:owmskern',
        'overheidproduct:owmsmantel',
        'overheidproduct:scmeta',
      ]);
    });

    it('has every owmskern field', () => {
      const kern = record()['overheidproduct:meta']['overheidproduct:owmskern'];
      expect(Object.keys(kern)).toEqual([
        'dcterms:identifier',
        'dcterms:title',
        'dcterms:language',
        'dcterms:type',
        'dcterms:modified',
        'dcterms:spatial',
        'overheid:authority',
      ]);
      expect(kern['dcterms:identifier']).toBe(`https://www.lindeveen.nl/producten/${live.article.slug}`);
      expect(kern['dcterms:title']).toBe(content.title);
      expect(kern['dcterms:language']).toBe('nl');
      expect(kern['dcterms:type']).toEqual({ '#text': 'productbeschrijving', '@_scheme': 'overheid:Informatietype' });
      expect(kern['dcterms:modified']).toBe('2025-03-14');
      const gemeente = { '#text': 'Lindeveen', '@_scheme': 'overheid:Gemeente', '@_resourceIdentifier': TEST_MUNICIPALITY.owmsUri };
      expect(kern['dcterms:spatial']).toEqual(gemeente);
      expect(kern['overheid:authority']).toEqual(gemeente);
    });

    it('has owmsmantel with one audience per target group and the summary as abstract', () => {
      const mantel = record()['overheidproduct:meta']['overheidproduct:owmsmantel'];
      const expected = [...new Set(content.targetGroups)].map((g) => ({
        '#text': g === 'burger' ? 'particulier' : 'ondernemer',
        '@_scheme': 'overheid:Doelgroep',
      }));
      expect(mantel['dcterms:audience']).toEqual(expected);
      expect(mantel['dcterms:abstract']).toBe(content.summary.trim());
    });

    it('has scmeta with productID, onlineAanvragen, aanvraagURL when online, and the UPL', () => {
      const scmeta = record()['overheidproduct:meta']['overheidproduct:scmeta'];
      expect(scmeta['overheidproduct:productID']).toBe(live.article.id);
      expect(['ja', 'nee', 'digid']).toContain(scmeta['overheidproduct:onlineAanvragen']);
      if (scmeta['overheidproduct:onlineAanvragen'] === 'nee') {
        expect(scmeta['overheidproduct:aanvraagURL']).toBeUndefined();
        expect(Object.keys(scmeta)).toEqual([
          'overheidproduct:productID',
          'overheidproduct:onlineAanvragen',
          'overheidproduct:uniformeProductnaam',
        ]);
      } else {
        expect(scmeta['overheidproduct:aanvraagURL']['@_resourceIdentifier']).toMatch(/^https:\/\//);
        expect(Object.keys(scmeta)).toEqual([
          'overheidproduct:productID',
          'overheidproduct:onlineAanvragen',
          'overheidproduct:aanvraagURL',
          'overheidproduct:uniformeProductnaam',
        ]);
      }
      expect(scmeta['overheidproduct:uniformeProductnaam']).toEqual({
        '#text': content.uplName,
        '@_scheme': 'overheid:UniformeProductnaam',
        '@_resourceIdentifier': content.uplUri,
      });
    });

    it('has a body with the public sections as HTML text, never the KCC notes', () => {
      const body: string = record()['overheidproduct:body'];
      expect(typeof body).toBe('string');
      for (const part of live.version.rendered.parts.filter((p) => !p.internal))
        expect(body).toContain(`<h2>${part.title}</h2>\n${part.html}`);
      expect(body).not.toContain(MARKER);
    });
  });

  it('decides onlineAanvragen and aanvraagURL per product', () => {
    const scmeta = (live: LiveArticle) =>
      records.find((r) => r['overheidproduct:meta']['overheidproduct:scmeta']['overheidproduct:productID'] === live.article.id)[
        'overheidproduct:meta'
      ]['overheidproduct:scmeta'];
    expect(scmeta(paspoort)['overheidproduct:onlineAanvragen']).toBe('ja');
    expect(scmeta(paspoort)['overheidproduct:aanvraagURL']['@_resourceIdentifier']).toBe(
      'https://www.lindeveen.nl/afspraak?product=paspoort&stap=1',
    );
    expect(result.xml).toContain('resourceIdentifier="https://www.lindeveen.nl/afspraak?product=paspoort&amp;stap=1"');
    expect(scmeta(parkeren)['overheidproduct:onlineAanvragen']).toBe('digid');
    expect(scmeta(parkeren)['overheidproduct:aanvraagURL']['@_resourceIdentifier']).toBe('https://mijn.lindeveen.nl/parkeren');
    expect(scmeta(bijstand)['overheidproduct:onlineAanvragen']).toBe('nee');
    expect(scmeta(grofvuil)['overheidproduct:onlineAanvragen']).toBe('nee');
  });

  it('uses the summary as body when a product has no public sections', () => {
    const record = records.find(
      (r) => r['overheidproduct:meta']['overheidproduct:scmeta']['overheidproduct:productID'] === grofvuil.article.id,
    );
    expect(record['overheidproduct:body']).toBe('<p>Grofvuil laat u ophalen.</p>');
  });

  it('excludes products that cannot make a valid record, with reasons', () => {
    const byId = new Map(result.excluded.map((e) => [e.id, e]));
    expect(result.excluded.map((e) => e.id)).toEqual(
      [internal, noUpl, noSummary, noTargetGroup, faq, badUpl, paspoort].map((l) => l.article.id),
    );
    expect(byId.get(internal.article.id)).toMatchObject({ slug: 'intern', title: 'Interne werkwijze paspoort', codes: ['internal'] });
    expect(byId.get(noUpl.article.id)!.codes).toEqual(['no_upl']);
    expect(byId.get(noSummary.article.id)!.codes).toEqual(['no_summary']);
    expect(byId.get(noTargetGroup.article.id)!.codes).toEqual(['no_target_group']);
    expect(byId.get(faq.article.id)!.codes).toEqual(['not_product', 'no_upl']);
    expect(byId.get(badUpl.article.id)!.codes).toEqual(['invalid_upl_uri']);
    expect(result.excluded[result.excluded.length - 1].codes).toEqual(['duplicate']);
    for (const e of result.excluded) {
      expect(e.reasons).toHaveLength(e.codes.length);
      for (const reason of e.reasons) expect(reason).toMatch(/^\S.+ \/ \S.+$/); // Dutch / English
    }
    expect(byId.get(noUpl.article.id)!.reasons[0]).toContain('Geen uniforme productnaam');
    expect(byId.get(noSummary.article.id)!.reasons[0]).toContain('no summary');
    for (const live of invalid) expect(result.xml).not.toContain(live.article.id);
  });

  it('never writes KCC notes, although every product has them', () => {
    for (const live of [...valid, ...invalid]) expect(live.version.content.kccNotes).toContain(MARKER);
    expect(result.xml).not.toContain(MARKER);
    expect(result.xml).not.toContain('WORKING-COPY-ONLY');
  });

  it('escapes special characters in titles and text', () => {
    expect(result.xml).toContain('<dcterms:title>Bijstand &amp; "uitkering" &lt;aanvragen&gt;</dcterms:title>');
    expect(result.xml).toContain('Kosten: &lt; € 0 &amp; gratis.</dcterms:abstract>');
    expect(result.xml).not.toContain('<aanvragen>');
    const record = records.find(
      (r) => r['overheidproduct:meta']['overheidproduct:scmeta']['overheidproduct:productID'] === bijstand.article.id,
    );
    expect(record['overheidproduct:meta']['overheidproduct:owmskern']['dcterms:title']).toBe('Bijstand & "uitkering" <aanvragen>');
    // The body's HTML is escaped as text: its own entities double up in the XML and parse back once.
    expect(result.xml).toContain('&lt;h2&gt;Hoe aanvragen?&lt;/h2&gt;');
    expect(result.xml).toContain('&amp;amp;stap=1');
  });

  it('escapes quotes and ampersands in attributes and drops characters XML cannot hold', () => {
    const quoted = product(
      {
        title: 'Controle\u0001teken',
        sections: { aanvraag: 'Vraag online aan: [formulier](https://www.lindeveen.nl/f?naam=\'x\'&y="z").' },
      },
      'quoted',
    );
    const { xml } = buildScXml([quoted], { ...TEST_MUNICIPALITY, name: 'Lindeveen "Oost" & \'West\'' }, { now: NOW });
    const [record] = parse(xml);
    expect(xml).toContain('<dcterms:title>Controleteken</dcterms:title>');
    expect(xml).toContain('resourceIdentifier="https://www.lindeveen.nl/f?naam=&apos;x&apos;&amp;y=%22z%22"');
    expect(record['overheidproduct:meta']['overheidproduct:owmskern']['dcterms:spatial']['#text']).toBe('Lindeveen "Oost" & \'West\'');
  });

  it('never dates a product after now', () => {
    const future = fullProduct({}, { approvedAt: new Date('2025-06-03T08:00:00Z') });
    const [record] = parse(buildScXml([future], TEST_MUNICIPALITY, { now: NOW }).xml);
    expect(record['overheidproduct:meta']['overheidproduct:owmskern']['dcterms:modified']).toBe('2025-06-01');
  });

  it('writes an empty catalogue as a valid, empty root', () => {
    const { xml, excluded } = buildScXml([], TEST_MUNICIPALITY, { now: NOW });
    expect(parse(xml)).toEqual([]);
    expect(excluded).toEqual([]);
  });
});

describe('decideOnlineAanvragen', () => {
  it.each([
    ['Vraag online aan via [het e-loket](https://www.lindeveen.nl/eloket).', 'ja', 'https://www.lindeveen.nl/eloket'],
    ['Vul het webformulier in: https://www.lindeveen.nl/melding', 'ja', 'https://www.lindeveen.nl/melding'],
    ['Aanvragen gaat via de website: [aanvragen](https://www.lindeveen.nl/a).', 'ja', 'https://www.lindeveen.nl/a'],
    ['Log in met DigiD op [Mijn Lindeveen](https://mijn.lindeveen.nl).', 'digid', 'https://mijn.lindeveen.nl'],
    [
      'Heeft u nog geen DigiD? Vraag die aan op [digid.nl](https://www.digid.nl). Daarna [online aanvragen](https://www.lindeveen.nl/x).',
      'digid',
      'https://www.lindeveen.nl/x',
    ],
    ['U heeft geen DigiD nodig: vraag online aan via [dit formulier](https://www.lindeveen.nl/f).', 'ja', 'https://www.lindeveen.nl/f'],
    ['Aanvragen kan niet online. Zie [de balie](https://www.lindeveen.nl/balie).', 'nee', null],
    ['Vraag online aan met DigiD.', 'nee', null], // no https link: no aanvraagURL, so no online application
    ['Vraag online aan via [het loket](http://www.lindeveen.nl/loket).', 'nee', null], // http only
    ['Kom naar de balie. Meer informatie: [website](https://www.lindeveen.nl/info).', 'nee', null],
    ['Vraag [online](https://www.digid.nl/aanvragen) een DigiD aan.', 'nee', null], // only a digid.nl link
  ])('%s → %s', (markdown, value, url) => {
    expect(decideOnlineAanvragen(aanvraagPart(markdown))).toEqual({ value, url });
  });

  it('is nee without an aanvraag section', () => {
    expect(decideOnlineAanvragen(undefined)).toEqual({ value: 'nee', url: null });
  });

  it('reads hrefs entity-decoded', () => {
    expect(firstHttpsLink('<p><a href="mailto:a@b.nl">m</a> <a title="t" href="https://a.nl/?x=1&amp;y=2">x</a></p>')).toBe(
      'https://a.nl/?x=1&y=2',
    );
  });
});
