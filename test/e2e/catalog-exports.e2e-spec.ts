import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import kennisartikelSchema from '../support/kiss-schemas/kennisartikel-schema.json';
import vacSchema from '../support/kiss-schemas/vac-schema.json';
import { SearchIndexingTrigger } from '../../src/search/jobs/search-indexing.trigger';
import { TestApp, createTestApp } from '../setup/test-app';
import { api } from '../support/builders';

// A string that only internal, draft and KCC-only text carries; no public output may ever contain it.
const MARKER = 'Lekmarker7q3z';
const OWMS = 'http://standaarden.overheid.nl/owms/terms/Lindeveen_(gemeente)';
const UPL = { uplName: 'paspoort', uplUri: 'http://standaarden.overheid.nl/owms/terms/paspoort' };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['overheidproduct:scproduct', 'dcterms:audience'].includes(name),
});

describe('catalogue exports: leak test, Samenwerkende Catalogi, KISS (e2e)', () => {
  let t: TestApp;
  let a: ReturnType<typeof api>;
  const ids: Record<string, string> = {};
  const get = (path: string, accept?: string) => {
    const req = t.http.get(path);
    return accept ? req.set('Accept', accept) : req;
  };
  const marked = (extra: Record<string, unknown> = {}) => ({
    title: `Geheim ${MARKER}`,
    summary: `Samenvatting ${MARKER}`,
    themes: [`Thema ${MARKER}`],
    lifeEvents: [`Gebeurtenis ${MARKER}`],
    synonyms: [MARKER.toLowerCase()],
    kccNotes: `Notitie ${MARKER}`,
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestApp();
    a = api(t.http);
    await a.department('burgerzaken', { contactEmail: 'burgerzaken@lindeveen.nl' });
    await a.department('kcc');
    const create = async (body: Record<string, unknown>) =>
      a.expectStatus(await t.http.post('/api/articles').send({ department: 'burgerzaken', ...body }), 201).body.id as string;

    // Public and complete: in every export.
    ids.paspoort = (
      await a.publishedProduct({
        title: 'Paspoort',
        summary: 'Een reisdocument.',
        targetGroups: ['burger'],
        themes: ['Reizen'],
        kccNotes: `Alleen voor het KCC: ${MARKER}`,
        synonyms: ['reisdocument'],
        sections: {
          inleiding: 'Een paspoort.',
          aanvraag: 'Vraag het online aan via [Mijn Lindeveen](https://mijn.lindeveen.nl/paspoort).',
        },
        ...UPL,
      })
    ).id;
    // Public but without UPL: left out of the SC export and reported.
    ids.zonderUpl = (await a.publishedProduct({ title: 'Stadspas', summary: 'Korting voor minima.', targetGroups: ['burger'] })).id;
    ids.faq = (
      await a.publish(
        await create({
          kind: 'faq',
          title: 'Hoe lang geldig?',
          summary: 'Tien jaar.',
          question: 'Hoe lang is een paspoort geldig?',
          answer: 'Tien jaar.',
          synonyms: ['geldigheid'],
          relatedIds: [ids.paspoort],
          kccNotes: `Intern ${MARKER}`,
        }),
      )
    ).id;

    // Everything below carries the marker and must stay inside.
    ids.internalProduct = (
      await a.publish(
        await create({
          kind: 'product',
          audience: 'internal',
          ...marked(),
          sections: { inleiding: `Tekst ${MARKER}` },
          targetGroups: ['burger'],
          ...UPL,
        }),
      )
    ).id;
    ids.internalFaq = (
      await a.publish(
        await create({ kind: 'faq', audience: 'internal', ...marked(), question: `Vraag ${MARKER}?`, answer: `Antwoord ${MARKER}` }),
      )
    ).id;
    ids.instruction = (
      await a.publish(await create({ kind: 'instruction', department: 'kcc', ...marked(), body: `Werkinstructie ${MARKER}` }))
    ).id;
    ids.draft = await create({ kind: 'product', ...marked({ kccNotes: null }), sections: { inleiding: `Concept ${MARKER}` } });
    // A published product with a pending revision full of the marker: the live text stays clean.
    const pending = (await a.publishedProduct({ title: 'Rijbewijs', summary: 'Een rijbewijs.', targetGroups: ['burger'], relatedIds: [] }))
      .id;
    const current = (await t.http.get(`/api/articles/${pending}`)).body;
    a.expectStatus(
      await a.patch(pending, current.etag, {
        ...marked({ kccNotes: null }),
        relatedIds: [ids.internalProduct, ids.paspoort],
        sections: { inleiding: `Nieuw ${MARKER}` },
      }),
      200,
    );
    a.expectStatus(await t.http.post(`/api/articles/${pending}/submit`), 200);
    ids.pending = pending;
    // A public product related to an internal one: the relation must not show.
    ids.related = (
      await a.publishedProduct({
        title: 'Verhuizing',
        summary: 'Verhuizing doorgeven.',
        targetGroups: ['burger'],
        relatedIds: [ids.internalProduct, ids.paspoort],
      })
    ).id;
    await t.app.get(SearchIndexingTrigger).settle();
  });
  afterAll(async () => t.close());

  it('never lets the marker out: lists, details, JSON-LD, terms, search, change feed, SC XML', async () => {
    const bodies: [string, string][] = [];
    const fetch = async (path: string, accept?: string) => {
      const res = await get(path, accept);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      bodies.push([path, res.text]);
      return res;
    };
    for (const kind of ['products', 'faqs']) {
      const list = await fetch(`/api/catalog/${kind}?limit=100`);
      expect(list.body.items.length).toBeGreaterThan(0);
      for (const item of list.body.items as { slug: string }[]) {
        await fetch(`/api/catalog/${kind}/${item.slug}`);
        if (kind === 'products') await fetch(`/api/catalog/products/${item.slug}`, 'application/ld+json');
      }
      for (const q of [MARKER, MARKER.toLowerCase(), 'geheim', 'rijbewijs', 'paspoort'])
        await fetch(`/api/catalog/${kind}?q=${encodeURIComponent(q)}`);
      await fetch(`/api/catalog/${kind}?theme=${encodeURIComponent(`thema-${MARKER.toLowerCase()}`)}`);
    }
    await fetch('/api/catalog/themes');
    await fetch('/api/catalog/life-events');
    await fetch('/api/catalog/samenwerkende-catalogi.xml');
    for (let since = '', more = true; more;) {
      const feed = await fetch(`/api/catalog/changes?limit=2${since ? `&since=${since}` : ''}`);
      since = feed.body.since;
      more = feed.body.hasMore;
    }
    for (const [path, text] of bodies)
      expect({ path, leaked: text.toLowerCase().includes(MARKER.toLowerCase()) }).toEqual({ path, leaked: false });

    // The drafts and internal articles are not even there by slug.
    for (const id of [ids.internalProduct, ids.draft]) {
      const slug = (await t.http.get(`/api/articles/${id}`)).body.slug;
      const res = await get(`/api/catalog/products/${slug}`);
      expect(res.status).toBe(404);
      expect(res.text.toLowerCase()).not.toContain(MARKER.toLowerCase());
    }
    const related = await get('/api/catalog/products/verhuizing');
    expect(related.body.related.map((r: { slug: string }) => r.slug)).toEqual(['paspoort']);
  });

  describe('Samenwerkende Catalogi 4.0', () => {
    it('is well-formed, and every record carries the required fields', async () => {
      const res = await get('/api/catalog/samenwerkende-catalogi.xml');
      expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
      expect(res.headers.etag).toBeDefined();
      expect(XMLValidator.validate(res.text)).toBe(true);
      const records = parser.parse(res.text)['overheidproduct:scproducten']['overheidproduct:scproduct'];
      expect(
        records.map(
          (r: { [k: string]: { 'overheidproduct:owmskern': { 'dcterms:title': string } } }) =>
            r['overheidproduct:meta']['overheidproduct:owmskern']['dcterms:title'],
        ),
      ).toEqual(['Paspoort']);
      for (const record of records) {
        const meta = record['overheidproduct:meta'];
        const kern = meta['overheidproduct:owmskern'];
        expect(kern['dcterms:identifier']).toBe('https://www.lindeveen.nl/producten/paspoort');
        expect(kern['dcterms:title']).toBe('Paspoort');
        expect(kern['dcterms:language']).toBe('nl');
        expect(kern['dcterms:type']).toEqual({ '#text': 'productbeschrijving', '@_scheme': 'overheid:Informatietype' });
        expect(kern['dcterms:modified']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(kern['dcterms:spatial']).toEqual({ '#text': 'Lindeveen', '@_scheme': 'overheid:Gemeente', '@_resourceIdentifier': OWMS });
        expect(kern['overheid:authority']).toEqual({ '#text': 'Lindeveen', '@_scheme': 'overheid:Gemeente', '@_resourceIdentifier': OWMS });
        const mantel = meta['overheidproduct:owmsmantel'];
        expect(mantel['dcterms:audience']).toEqual([{ '#text': 'particulier', '@_scheme': 'overheid:Doelgroep' }]);
        expect(mantel['dcterms:abstract']).toBe('Een reisdocument.');
        const sc = meta['overheidproduct:scmeta'];
        expect(sc['overheidproduct:productID']).toBe(ids.paspoort);
        expect(sc['overheidproduct:onlineAanvragen']).toBe('ja');
        expect(sc['overheidproduct:aanvraagURL']).toEqual({ '@_resourceIdentifier': 'https://mijn.lindeveen.nl/paspoort' });
        expect(sc['overheidproduct:uniformeProductnaam']).toEqual({
          '#text': 'paspoort',
          '@_scheme': 'overheid:UniformeProductnaam',
          '@_resourceIdentifier': UPL.uplUri,
        });
        expect(record['overheidproduct:body']).toContain('Een paspoort.');
      }
    });

    it('reports the products it left out to the coordinator, with reasons', async () => {
      const res = await get('/api/catalog/samenwerkende-catalogi/report');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ generatedAt: '2026-11-23T09:00:00.000Z', included: 1 });
      const byTitle = Object.fromEntries(res.body.excluded.map((e: { title: string; codes: string[] }) => [e.title, e.codes]));
      expect(byTitle.Stadspas).toEqual(['no_upl']);
      expect(byTitle.Verhuizing).toEqual(['no_upl']);
      expect(byTitle[`Geheim ${MARKER}`]).toEqual(['internal']);
    });
  });

  describe('KISS', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validKennisartikel = ajv.compile(kennisartikelSchema);
    const validVac = ajv.compile(vacSchema);

    it('lists kennisartikelen as Objects API records that validate against the shipped schema', async () => {
      const res = await get('/api/kiss/kennisartikelen');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ count: 5, next: null, previous: null });
      for (const record of res.body.results) {
        expect(record).toMatchObject({
          uuid: expect.any(String),
          type: expect.any(String),
          record: { data: expect.any(Object), startAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
        });
        const valid = validKennisartikel(record.record.data);
        expect({ uuid: record.uuid, errors: validKennisartikel.errors ?? null, valid }).toEqual({
          uuid: record.uuid,
          errors: null,
          valid: true,
        });
      }
      const paspoort = res.body.results.find((r: { uuid: string }) => r.uuid === ids.paspoort).record.data;
      expect(paspoort.upnUri).toBe(UPL.uplUri);
      expect(paspoort.vertalingen[0].deskMemo).toContain(MARKER); // staff only: KCC notes are the desk memo
      expect(paspoort.vertalingen[0].procedureBeschrijving).toContain('https://mijn.lindeveen.nl/paspoort');
      expect(paspoort.vertalingen[0].trefwoorden).toEqual([{ trefwoord: 'reisdocument' }]);
      expect(paspoort.afdelingen).toEqual([{ afdelingId: expect.any(String), afdelingnaam: 'Burgerzaken' }]);
      const one = await get(`/api/kiss/kennisartikelen/${ids.paspoort}`);
      expect(one.status).toBe(200);
      expect(one.body.record.data).toEqual(paspoort);
    });

    it('lists VACs that validate, internal ones included, with related items as object URLs', async () => {
      const res = await get('/api/kiss/vacs');
      expect(res.body.count).toBe(2);
      for (const record of res.body.results) {
        const valid = validVac(record.record.data);
        expect({ uuid: record.uuid, errors: validVac.errors ?? null, valid }).toEqual({ uuid: record.uuid, errors: null, valid: true });
      }
      const faq = res.body.results.find((r: { uuid: string }) => r.uuid === ids.faq).record.data;
      expect(faq.gerelateerdeProducten).toEqual([{ product: `http://localhost:3000/api/kiss/kennisartikelen/${ids.paspoort}` }]);
    });

    it('pages with page/pageSize and filters with data_attr', async () => {
      const first = await get('/api/kiss/kennisartikelen?pageSize=2');
      expect(first.body.results).toHaveLength(2);
      expect(first.body.next).toBe('http://localhost:3000/api/kiss/kennisartikelen?page=2&pageSize=2');
      const third = await get('/api/kiss/kennisartikelen?pageSize=2&page=3');
      expect(third.body.results).toHaveLength(1);
      expect(third.body.previous).toBe('http://localhost:3000/api/kiss/kennisartikelen?page=2&pageSize=2');
      const all = [
        ...first.body.results,
        ...(await get('/api/kiss/kennisartikelen?pageSize=2&page=2')).body.results,
        ...third.body.results,
      ].map((r: { uuid: string }) => r.uuid);
      expect(new Set(all).size).toBe(5);

      const byUpl = await get(`/api/kiss/kennisartikelen?data_attr=${encodeURIComponent(`upnUri__exact__${UPL.uplUri}`)}`);
      expect(byUpl.body.results.map((r: { uuid: string }) => r.uuid).sort()).toEqual([ids.paspoort, ids.internalProduct].sort());
      const byWord = await get('/api/kiss/vacs?data_attr=trefwoord__exact__Geldigheid');
      expect(byWord.body.results.map((r: { uuid: string }) => r.uuid)).toEqual([ids.faq]);
    });

    it('answers bad input with 400/404', async () => {
      const bad = await get('/api/kiss/vacs?data_attr=upnUri__exact__x');
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0]).toMatchObject({ field: 'data_attr', code: 'UNSUPPORTED_DATA_ATTR' });
      expect((await get('/api/kiss/kennisartikelen?data_attr=upnUri__icontains__x')).status).toBe(400);
      expect((await get('/api/kiss/kennisartikelen?page=0')).status).toBe(400);
      // Issue 14 item 10: a page past what the database can offset was a 500.
      for (const path of [
        '/api/kiss/kennisartikelen?page=9223372036854775807',
        '/api/kiss/vacs?page=99999999999999999999&pageSize=2',
        '/api/kiss/vacs?page=1000001',
      ]) {
        const res = await get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.body.errors[0]).toMatchObject({ field: 'page' });
      }
      expect((await get('/api/kiss/vacs?page=1000000')).body).toMatchObject({ results: [] });
      expect((await get('/api/kiss/kennisartikelen/not-a-uuid')).status).toBe(404);
      expect((await get(`/api/kiss/kennisartikelen/${ids.faq}`)).status).toBe(404);
      expect((await get(`/api/kiss/vacs/${ids.draft}`)).status).toBe(404);
    });
  });
});
