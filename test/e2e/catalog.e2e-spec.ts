import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type request from 'supertest';
import { SearchIndexingTrigger } from '../../src/search/jobs/search-indexing.trigger';
import { TestApp, createTestApp } from '../setup/test-app';
import { api } from '../support/builders';

const PASPOORT_UPL = { uplName: 'paspoort', uplUri: 'http://standaarden.overheid.nl/owms/terms/paspoort' };
const BASE = 'http://localhost:3000';

describe('public catalogue (e2e)', () => {
  let t: TestApp;
  let a: ReturnType<typeof api>;
  const ids: Record<string, string> = {};
  const settle = () => t.app.get(SearchIndexingTrigger).settle();
  const get = (path: string) => t.http.get(path).set('X-Kennisbank-User', 'website@lindeveen.nl');

  beforeAll(async () => {
    t = await createTestApp();
    a = api(t.http);
    await a.department('burgerzaken', { contactEmail: 'burgerzaken@lindeveen.nl' });
    await a.department('belastingen');
    await a.department('kcc');
    ids.idkaart = (
      await a.publishedProduct({
        title: 'Identiteitskaart',
        summary: 'Een ID-kaart voor reizen in Europa.',
        themes: ['Reizen', 'Burgerzaken'],
        targetGroups: ['burger'],
      })
    ).id;
    ids.paspoort = (
      await a.publishedProduct({
        title: 'Paspoort aanvragen',
        summary: 'U vraagt een paspoort aan bij de balie.',
        themes: ['Reizen'],
        lifeEvents: ['Op reis gaan'],
        targetGroups: ['burger'],
        synonyms: ['reisdocument'],
        kccNotes: 'Intern: spoedaanvraag alleen na overleg.',
        relatedIds: [ids.idkaart],
        sections: {
          inleiding: 'Een **paspoort** is een reisdocument.',
          kosten: 'Het paspoort kost € 84,85.',
          aanvraag: 'Maak een afspraak via [de website](https://www.lindeveen.nl/afspraak).',
        },
        ...PASPOORT_UPL,
      })
    ).id;
    ids.hondenbelasting = (
      await a.publishedProduct({
        title: 'Hondenbelasting',
        department: 'belastingen',
        summary: 'Belasting voor wie een hond heeft.',
        themes: ['Belastingen'],
        targetGroups: ['burger', 'ondernemer'],
      })
    ).id;
    ids.faq = (
      await a.publish(
        (
          await t.http.post('/api/articles').send({
            kind: 'faq',
            title: 'Hoe lang is een paspoort geldig?',
            department: 'burgerzaken',
            question: 'Hoe lang is een paspoort geldig?',
            summary: 'Tien jaar.',
            answer: 'Tien jaar voor volwassenen.',
            themes: ['Reizen'],
          })
        ).body.id,
      )
    ).id;
    ids.internalFaq = (
      await a.publish(
        (
          await t.http.post('/api/articles').send({
            kind: 'faq',
            title: 'Interne vraag',
            audience: 'internal',
            department: 'kcc',
            question: 'Wat doe ik bij storing?',
            summary: 'Servicedesk.',
            answer: 'Bel de servicedesk.',
          })
        ).body.id,
      )
    ).id;
    ids.instruction = (
      await a.publish(
        (
          await t.http
            .post('/api/articles')
            .send({ kind: 'instruction', title: 'Agressieve beller', department: 'kcc', summary: 'Zo handelt u.', body: 'Blijf rustig.' })
        ).body.id,
      )
    ).id;
    ids.draft = (await a.product({ title: 'Rijbewijs concept', summary: 'Nog niet af.', themes: ['Reizen'] })).id;
    await settle();
  });
  afterAll(async () => t.close());

  describe('products', () => {
    it('lists only live public products, in title order, with total and a stable shape', async () => {
      const res = await get('/api/catalog/products');
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(3);
      expect(res.body.items.map((i: { title: string }) => i.title)).toEqual(['Hondenbelasting', 'Identiteitskaart', 'Paspoort aanvragen']);
      const paspoort = res.body.items[2];
      expect(paspoort).toEqual({
        id: ids.paspoort,
        kind: 'product',
        slug: 'paspoort-aanvragen',
        title: 'Paspoort aanvragen',
        summary: 'U vraagt een paspoort aan bij de balie.',
        themes: [{ slug: 'reizen', name: 'Reizen' }],
        lifeEvents: [{ slug: 'op-reis-gaan', name: 'Op reis gaan' }],
        targetGroups: ['burger'],
        department: { slug: 'burgerzaken', name: 'Burgerzaken', email: 'burgerzaken@lindeveen.nl' },
        upl: { name: 'paspoort', uri: PASPOORT_UPL.uplUri },
        updatedAt: expect.any(String),
        href: `${BASE}/api/catalog/products/paspoort-aanvragen`,
        websiteUrl: 'https://www.lindeveen.nl/producten/paspoort-aanvragen',
      });
      expect(res.body.next).toBeNull();
    });

    it('pages with a cursor and a next link until the end, every item once', async () => {
      const seen: string[] = [];
      let url: string | null = '/api/catalog/products?limit=1';
      while (url) {
        const res = await get(url.replace(BASE, ''));
        expect(res.status).toBe(200);
        expect(res.body.total).toBe(3);
        expect(res.body.limit).toBe(1);
        seen.push(...res.body.items.map((i: { slug: string }) => i.slug));
        url = res.body.next;
      }
      expect(seen).toEqual(['hondenbelasting', 'identiteitskaart', 'paspoort-aanvragen']);
    });

    it('caps the page size', async () => {
      const res = await get('/api/catalog/products?limit=100000');
      expect(res.status).toBe(200);
      expect(res.body.limit).toBe(100);
    });

    it('filters by theme, life event, target group and department', async () => {
      const titles = async (query: string) =>
        (await get(`/api/catalog/products?${query}`)).body.items.map((i: { title: string }) => i.title);
      expect(await titles('theme=reizen')).toEqual(['Identiteitskaart', 'Paspoort aanvragen']);
      expect(await titles('lifeEvent=op-reis-gaan')).toEqual(['Paspoort aanvragen']);
      expect(await titles('targetGroup=ondernemer')).toEqual(['Hondenbelasting']);
      expect(await titles('department=belastingen')).toEqual(['Hondenbelasting']);
      expect(await titles('theme=reizen&department=belastingen')).toEqual([]);
      expect(await titles('theme=bestaat-niet')).toEqual([]);
    });

    it('searches with q, ranked by the search engine, public items only', async () => {
      const res = await get('/api/catalog/products?q=reisdocument');
      expect(res.status).toBe(200);
      expect(res.body.items[0].slug).toBe('paspoort-aanvragen');
      expect(res.body.total).toBe(res.body.items.length);
      expect((await get('/api/catalog/products?q=agressieve%20beller')).body).toMatchObject({ total: 0, items: [] });
      expect((await get('/api/catalog/products?q=concept')).body.items).toEqual([]);
      expect((await get('/api/catalog/faqs?q=storing')).body.items).toEqual([]);
    });

    it('answers bad input with 400, the code and the field', async () => {
      const cases: [string, string, string][] = [
        ['/api/catalog/products?color=red', 'color', 'UNKNOWN_FIELD'],
        ['/api/catalog/products?cursor=bm9wZQ', 'cursor', 'INVALID_CURSOR'],
        ['/api/catalog/products?limit=0', 'limit', ''],
        ['/api/catalog/products?limit=abc', 'limit', ''],
        ['/api/catalog/products?targetGroup=kinderen', 'targetGroup', ''],
        ['/api/catalog/products?theme=%3Cscript%3E', 'theme', ''],
        ['/api/catalog/changes?since=garbage', 'since', 'INVALID_CURSOR'],
        // Issue 14 item 10: 19 digits, but past bigint (a 500 from the database).
        ['/api/catalog/changes?since=WyI5OTk5OTk5OTk5OTk5OTk5OTk5IiwiMSJd', 'since', 'INVALID_CURSOR'],
        ['/api/catalog/changes?since=WyIxIiwiOTIyMzM3MjAzNjg1NDc3NTgwOCJd', 'since', 'INVALID_CURSOR'],
      ];
      for (const [path, field, code] of cases) {
        const res = await get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        const problem = res.body.errors.find((e: { field: string }) => e.field === field);
        expect({ path, problem: Boolean(problem) }).toEqual({ path, problem: true });
        if (code) expect(problem.code).toBe(code);
        expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
      }
      // A title cursor is not accepted for a ranked list and vice versa.
      const titleCursor = (await get('/api/catalog/products?limit=1')).body.next.split('cursor=')[1];
      expect((await get(`/api/catalog/products?q=paspoort&cursor=${titleCursor}`)).status).toBe(400);
    });

    it('shows a product with rendered HTML and Markdown per section, related public items and no KCC notes', async () => {
      const res = await get('/api/catalog/products/paspoort-aanvragen');
      expect(res.status).toBe(200);
      expect(res.body.sections.map((s: { key: string }) => s.key)).toEqual(['inleiding', 'aanvraag', 'kosten']);
      expect(res.body.sections[0]).toEqual({
        key: 'inleiding',
        title: 'Wat is het?',
        html: '<p>Een <strong>paspoort</strong> is een reisdocument.</p>',
        markdown: 'Een **paspoort** is een reisdocument.',
      });
      expect(res.body.sections[1].html).toContain('rel="noopener noreferrer"');
      expect(res.body.related).toEqual([
        { kind: 'product', slug: 'identiteitskaart', title: 'Identiteitskaart', href: `${BASE}/api/catalog/products/identiteitskaart` },
      ]);
      expect(JSON.stringify(res.body)).not.toContain('spoedaanvraag');
      expect(res.body).not.toHaveProperty('kccNotes');
      expect(res.body).not.toHaveProperty('owner');
    });

    it('gives schema.org JSON-LD when asked for it', async () => {
      const res = await get('/api/catalog/products/paspoort-aanvragen').set('Accept', 'application/ld+json');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/ld+json; charset=utf-8');
      const body = JSON.parse(res.text);
      expect(body).toMatchObject({
        '@context': 'https://schema.org',
        '@type': 'GovernmentService',
        name: 'Paspoort aanvragen',
        url: 'https://www.lindeveen.nl/producten/paspoort-aanvragen',
      });
      expect(res.headers.vary).toMatch(/Accept/);
      const json = await get('/api/catalog/products/paspoort-aanvragen');
      expect(json.headers.etag).not.toBe(res.headers.etag);
    });

    it('answers 404 for unknown slugs, drafts, internal articles and the wrong kind', async () => {
      for (const path of [
        '/api/catalog/products/bestaat-niet',
        '/api/catalog/products/rijbewijs-concept',
        '/api/catalog/products/agressieve-beller',
        '/api/catalog/faqs/interne-vraag',
        '/api/catalog/products/hoe-lang-is-een-paspoort-geldig',
      ]) {
        const res = await get(path);
        expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 404, code: 'CATALOG_ITEM_NOT_FOUND' });
      }
    });
  });

  describe('FAQs, themes and life events', () => {
    it('lists public FAQs only and shows one', async () => {
      const list = await get('/api/catalog/faqs');
      expect(list.body.items.map((i: { question: string }) => i.question)).toEqual(['Hoe lang is een paspoort geldig?']);
      const faq = await get('/api/catalog/faqs/hoe-lang-is-een-paspoort-geldig');
      expect(faq.status).toBe(200);
      expect(faq.body).toMatchObject({
        kind: 'faq',
        question: 'Hoe lang is een paspoort geldig?',
        summary: 'Tien jaar.',
        answer: { html: '<p>Tien jaar voor volwassenen.</p>', markdown: 'Tien jaar voor volwassenen.' },
        explanation: null,
      });
    });

    it('counts themes and life events over public products and FAQs', async () => {
      const themes = await get('/api/catalog/themes');
      expect(themes.body.items).toEqual([
        { slug: 'belastingen', name: 'Belastingen', products: 1, faqs: 0 },
        { slug: 'burgerzaken', name: 'Burgerzaken', products: 1, faqs: 0 },
        { slug: 'reizen', name: 'Reizen', products: 2, faqs: 1 },
      ]);
      const lifeEvents = await get('/api/catalog/life-events');
      expect(lifeEvents.body.items).toEqual([{ slug: 'op-reis-gaan', name: 'Op reis gaan', products: 1, faqs: 0 }]);
    });
  });

  describe('HTTP caching', () => {
    it('gives a strong ETag, Last-Modified and Cache-Control, and 304 on revalidation', async () => {
      const first = await get('/api/catalog/products/identiteitskaart');
      expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
      expect(first.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=3600');
      expect(new Date(first.headers['last-modified']).getTime()).not.toBeNaN();

      const byEtag = await get('/api/catalog/products/identiteitskaart').set('If-None-Match', first.headers.etag);
      expect(byEtag.status).toBe(304);
      expect(byEtag.text ?? '').toBe('');
      expect(byEtag.headers.etag).toBe(first.headers.etag);
      const weak = await get('/api/catalog/products/identiteitskaart').set('If-None-Match', `W/${first.headers.etag}`);
      expect(weak.status).toBe(304);
      const byDate = await get('/api/catalog/products/identiteitskaart').set('If-Modified-Since', first.headers['last-modified']);
      expect(byDate.status).toBe(304);
      const older = await get('/api/catalog/products/identiteitskaart').set(
        'If-Modified-Since',
        new Date(Date.parse(first.headers['last-modified']) - 60_000).toUTCString(),
      );
      expect(older.status).toBe(200);
      const other = await get('/api/catalog/products/identiteitskaart').set('If-None-Match', '"something-else"');
      expect(other.status).toBe(200);
    });

    it("answers Node's own fetch with 304, although it sends Cache-Control and Pragma no-cache", async () => {
      // Issue 14 item 6: fetch adds both headers to every request with If-None-Match, and Express then
      // answered 200 with the full body, so a website backend in Node never got a 304.
      const server = t.app.getHttpServer() as Server;
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/catalog/products/identiteitskaart`;
        const headers = { 'X-Kennisbank-User': 'website@lindeveen.nl' };
        const first = await fetch(url, { headers });
        expect(first.status).toBe(200);
        await first.arrayBuffer();
        const etag = first.headers.get('etag')!;
        for (const cache of ['no-cache', 'no-store', 'default'] as const) {
          const again = await fetch(url, { headers: { ...headers, 'If-None-Match': etag }, cache });
          expect({ cache, status: again.status, body: await again.text() }).toEqual({ cache, status: 304, body: '' });
          expect(again.headers.get('etag')).toBe(etag);
        }
        const listed = await fetch(url, { headers: { ...headers, 'If-None-Match': `"x", W/${etag}` } });
        expect(listed.status).toBe(304);
        const any = await fetch(url.replace(/\/identiteitskaart$/, ''), { headers: { ...headers, 'If-None-Match': '*' } });
        expect(any.status).toBe(304); // `*`: any current representation
        const other = await fetch(url, { headers: { ...headers, 'If-None-Match': '"something-else"', 'Cache-Control': 'no-cache' } });
        expect(other.status).toBe(200);
        expect((await other.json()).slug).toBe('identiteitskaart');
      } finally {
        await new Promise<void>((r) => server.close(() => r()));
      }
    });

    it("changes a list's ETag exactly when something in it changes", async () => {
      const etag = async (path: string) => (await get(path)).headers.etag;
      const products = await etag('/api/catalog/products');
      const faqs = await etag('/api/catalog/faqs');
      const again = await etag('/api/catalog/products');
      expect(again).toBe(products);

      // An internal instruction changes: no public list changes.
      const instruction = (await t.http.get(`/api/articles/${ids.instruction}`)).body;
      a.expectStatus(await a.patch(ids.instruction, instruction.etag, { summary: 'Anders.' }), 200);
      await a.publish(ids.instruction);
      expect(await etag('/api/catalog/products')).toBe(products);
      expect(await etag('/api/catalog/faqs')).toBe(faqs);

      // A draft change to a published product: the live text, and so the list, stays the same.
      const hond = (await t.http.get(`/api/articles/${ids.hondenbelasting}`)).body;
      a.expectStatus(await a.patch(ids.hondenbelasting, hond.etag, { summary: 'Concept van een nieuwe tekst.' }), 200);
      expect(await etag('/api/catalog/products')).toBe(products);

      // Approved: the list shows it, so its ETag changes; the FAQ list does not.
      await a.publish(ids.hondenbelasting);
      const changed = await etag('/api/catalog/products');
      expect(changed).not.toBe(products);
      expect(await etag('/api/catalog/faqs')).toBe(faqs);
      const stale = await get('/api/catalog/products').set('If-None-Match', products);
      expect(stale.status).toBe(200);
      expect(stale.body.items[0].summary).toBe('Concept van een nieuwe tekst.');
    });
  });
});

describe('public catalogue for browsers: CORS and rate limits (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      CORS_ALLOWED_ORIGINS: 'https://www.lindeveen.nl',
      RATE_LIMIT_ANONYMOUS: '3',
      RATE_LIMIT_WINDOW_SECONDS: '60',
      AUTH_JWT_SECRET: 'catalog-test-secret-0123456789abcdefghij',
    });
  });
  afterAll(async () => t.close());

  it('lets the website read the catalogue cross-origin, with the caching headers exposed, and nobody else', async () => {
    const site = await t.http.get('/api/catalog/themes').set('Origin', 'https://www.lindeveen.nl');
    expect(site.status).toBe(200);
    expect(site.headers['access-control-allow-origin']).toBe('https://www.lindeveen.nl');
    expect(site.headers['access-control-expose-headers']).toMatch(/ETag/);
    expect(site.headers.vary).toMatch(/Origin/);
    const preflight = await t.http
      .options('/api/catalog/products')
      .set('Origin', 'https://www.lindeveen.nl')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'If-None-Match');
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/If-None-Match/i);
    const other = await t.http.get('/api/catalog/themes').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers 429 with Retry-After when one client asks too much, and serves again after the window', async () => {
    const statuses: number[] = [];
    let limited: request.Response | undefined;
    for (let i = 0; i < 5; i++) {
      const res = await t.http.get('/api/catalog/products');
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(limited!.body.code).toBe('RATE_LIMITED');
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.set(new Date(t.clock.now().getTime() + 61_000));
    expect((await t.http.get('/api/catalog/products')).status).toBe(200);
  });
});
