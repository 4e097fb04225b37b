import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NOT_AUDITED_TABLES } from '../../src/audit/audited-tables';
import { mintLocalToken } from '../../src/auth/local-token';
import { APP_CONFIG } from '../../src/config/app-config';
import { TestApp, createTestApp } from '../setup/test-app';
import { RawRequest, RawResponse, send } from '../support/raw-http';
import { JobRunners } from '../../src/common/queue/job-runner';

/**
 * Thousands of malformed requests, generated from a seeded PRNG (FUZZ_SEED reproduces a run), against
 * every route of the OpenAPI document, as an admin and anonymously. Every answer must come in time,
 * never be a 5xx, carry an error `code` when it is an error, and a batch of rejected requests (and
 * reads) must leave the database exactly as it was.
 */
const SECRET = 'test-secret-0123456789-abcdefghijklmnop';
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 6000);
const BATCH = 25;
const TIMEOUT_MS = 15_000;

/** Small, fast, seedable (mulberry32). */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)], chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const UUID = '6f1c2a4e-1111-4222-8333-944455556666';

/** Strings that break things: sizes, unicode edge cases, control characters, injections, bad dates, ids and cursors. */
const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  'x'.repeat(10_000),
  'é'.repeat(3_000),
  '\u0000',
  'abc\u0000def',
  '\ud800',
  'x\udfffy',
  '\u202eevil\u202c',
  '\u200b\u200c\u200d\ufeff',
  'مرحبا بالعالم',
  '👩‍👩‍👧‍👦🇳🇱'.repeat(50),
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  '\r\nX-Injected: 1',
  '\t\u000b\u001f\u007f',
  "' OR '1'='1' --",
  '"; DROP TABLE articles; --',
  "1'; SELECT pg_sleep(30); --",
  '\\',
  '%',
  '%zz',
  '%E0%A4%A',
  '{"$gt": ""}',
  '{"$where": "sleep(10000)"}',
  '$ne',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[klik](javascript:alert(1))',
  '![x](http://evil.example/x.png)',
  '${7*7}{{7*7}}<%= 7*7 %>',
  '../../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1.5',
  '1e309',
  '9'.repeat(400),
  '-0',
  'true',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  'prototype',
  '2026-02-30',
  '0000-01-01T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '2026-11-23T25:61:61Z',
  'gisteren',
  UUID,
  '00000000-0000-0000-0000-000000000000',
  UUID.toUpperCase(),
  `${UUID}x`,
  b64('not a cursor'),
  b64(['2026-02-30T00:00:00.000Z', UUID]),
  b64(['0000-01-01T00:00:00.000Z', UUID]),
  b64(['+275760-09-13T00:00:00.000Z', UUID]),
  b64(['2026-11-23T09:00:00.000Z', `${UUID}\u0000`]),
  b64([Number.POSITIVE_INFINITY]), // what the literal 1e400 is
  b64(['99999999999999999999']),
  b64(['-1']),
  b64({ __proto__: 1 }),
  // Past the database's integer ranges, where validation once stopped at the digit count (issue 14 item 10).
  '2147483648',
  '1000001',
  '9223372036854775807',
  '9223372036854775808',
  b64(['9999999999999999999', '1']),
  b64(['1', '9223372036854775808']),
  b64('\u0000'),
  'bsn 123456782 paspoort',
  "paspoort & | ! ( ) :* <-> <2> ''",
  'fiets:* & !auto | (rijbewijs',
  '"niet afgesloten',
  '-paspoort -',
  'OR AND NOT',
  'ü',
  '*',
  '?',
  '#',
  '&',
  '=',
  ';',
  ',',
  'a,b',
  'paspoort',
  'burgerzaken',
  'draft',
  'csv',
  'search',
];

/** JSON values of every type, for bodies. */
function nastyValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 9 : 12)) {
    case 0:
    case 1:
    case 2:
      return rng.pick(NASTY_STRINGS);
    case 3:
      return rng.pick([0, -1, 1.5, -0, 1e308, -1e308, 2 ** 31, 2 ** 53 + 2, Number.MIN_VALUE, 42, 3650, 3651]);
    case 4:
      return rng.pick([true, false]);
    case 5:
      return null;
    case 6:
      return [];
    case 7:
      return {};
    case 8:
      return Array.from({ length: rng.pick([1, 2, 3, 51, 1000]) }, () => rng.pick(NASTY_STRINGS.slice(0, 20)));
    case 9:
      return Array.from({ length: 1 + rng.int(3) }, () => nastyValue(rng, depth + 1));
    case 10:
      return Object.fromEntries(Array.from({ length: 1 + rng.int(3) }, () => [rng.pick(FIELDS), nastyValue(rng, depth + 1)]));
    default:
      return nested(rng.pick([5, 50, 300]), rng.chance(0.5));
  }
}

function nested(depth: number, asArray: boolean): unknown {
  let value: unknown = 'bodem';
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { sections: value };
  return value;
}

/** Field names the DTOs know (and a few they don't). */
const FIELDS = [
  'kind',
  'title',
  'department',
  'summary',
  'sections',
  'inleiding',
  'kosten',
  'question',
  'answer',
  'body',
  'kccNotes',
  'audience',
  'themes',
  'lifeEvents',
  'targetGroups',
  'synonyms',
  'uplName',
  'uplUri',
  'relatedIds',
  'changeNote',
  'slug',
  'externalId',
  'owner',
  'reviewIntervalDays',
  'reviewDueAt',
  'reviewDueInDays',
  'status',
  'related',
  'reason',
  'note',
  'groups',
  'articleId',
  'position',
  'name',
  'contactEmail',
  'coordinators',
  'allowSelfApproval',
  'role',
  'scopes',
  'departments',
  'expiresAt',
  '__proto__',
  'constructor',
  '$where',
];

/** Well-formed bodies per route, so mutations reach the checks behind validation. */
const GOOD_BODIES: Record<string, () => unknown> = {
  'POST /api/articles': () => ({ kind: 'product', title: 'Fuzz', department: 'burgerzaken', summary: 'S.', sections: { inleiding: 'I.' } }),
  'PATCH /api/articles/{id}': () => ({ summary: 'Nieuw.' }),
  'POST /api/departments': () => ({ slug: 'fuzz', name: 'Fuzz' }),
  'PATCH /api/departments/{ref}': () => ({ contactEmail: 'fuzz@lindeveen.nl' }),
  'PUT /api/search/synonyms': () => ({ groups: [['paspoort', 'reisdocument']] }),
  'POST /api/search/{queryId}/click': () => ({ articleId: UUID, position: 1 }),
  'POST /api/import': () => [{ externalId: 'fuzz-1', kind: 'faq', title: 'V', question: 'W?', answer: 'D.', department: 'burgerzaken' }],
  'POST /api/api-keys': () => ({ name: 'Fuzz', role: 'agent', scopes: ['search'] }),
  'POST /api/articles/{id}/reject': () => ({ reason: 'Klopt niet' }),
};

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json, text/plain',
  'application/vnd.api+json',
  'application/json; charset=nonsense',
  'APPLICATION/JSON',
];

const RAW_BODIES: readonly Buffer[] = [
  Buffer.from('{'),
  Buffer.from('{"kind":}'),
  Buffer.from("{'kind':'faq'}"),
  Buffer.from('NaN'),
  Buffer.from('{"a":1}garbage'),
  Buffer.from('\ufeff{"title":"bom"}'),
  Buffer.from('"string"'),
  Buffer.from('42'),
  Buffer.from('null'),
  Buffer.from('true'),
  Buffer.from('[]'),
  Buffer.from('{"title":"a","title":{"nested":true}}'),
  Buffer.from('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}'),
  Buffer.from('{"title":"\\u0000"}'),
  Buffer.from('{"title":"\\ud800"}'),
  Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]), // invalid UTF-8 in a string
  Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]), // UTF-16 with BOM
  Buffer.from(`${'['.repeat(100_000)}${']'.repeat(100_000)}`),
  Buffer.from(`${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`),
  Buffer.from(`{"groups":${'['.repeat(5_000)}${']'.repeat(5_000)}}`),
  Buffer.from(`{"title":"${'x'.repeat(1_000_000)}"}`),
];

/** Path segments as raw bytes: percent-encoded nasty strings, invalid UTF-8, raw high bytes, traversal. */
function segment(rng: Rng, valid: readonly string[]): Buffer {
  switch (rng.int(6)) {
    case 0:
    case 1:
      return Buffer.from(rng.pick(valid));
    case 2: {
      const value = rng.pick(NASTY_STRINGS);
      return Buffer.from(encodeLoosely(value));
    }
    case 3:
      return Buffer.from(
        rng.pick(['%C3%28', '%ED%A0%80', '%FF%FE', '%00', '%E0%A4%A', '%', '%%', '%2e%2e', '..', '.', '%2F', 'a%2Fb', '%20', '%u0041']),
      );
    case 4:
      return Buffer.from(rng.pick([[0xc3, 0x28], [0xff], [0xe2, 0x80, 0xae], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98, 0x80], [0x80, 0x81]]));
    default:
      return Buffer.from(encodeLoosely(`${rng.pick(valid)}${rng.pick(NASTY_STRINGS.slice(0, 30))}`));
  }
}

/** encodeURIComponent, except that lone surrogates (which it refuses) become the bytes of a surrogate: invalid UTF-8. */
function encodeLoosely(value: string): string {
  return Array.from(value)
    .map((ch) => {
      const code = ch.charCodeAt(0);
      if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff)
        return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
      return encodeURIComponent(ch);
    })
    .join('');
}

/** Query values lean on the nasty strings (bad dates, cursors, numbers), since the query is where those matter. */
function queryValue(rng: Rng): Buffer {
  if (rng.chance(0.5)) return Buffer.from(encodeLoosely(rng.pick(NASTY_STRINGS)));
  return segment(rng, ['1', '20', 'paspoort', 'burgerzaken', '2026-11-01T00:00:00Z', 'csv', 'draft', 'overdue', 'product']);
}

interface Route {
  method: string;
  template: string;
  query: string[];
}

describe('fuzzing every route (e2e)', () => {
  let t: TestApp;
  let port: number;
  let admin: string;
  let routes: Route[];
  let tables: string[];
  const valid: Record<string, string[]> = {};

  beforeAll(async () => {
    t = await createTestApp({ AUTH_JWT_SECRET: SECRET });
    admin = `Bearer ${await mintLocalToken(SECRET, { sub: 'fuzz-admin', roles: ['admin'], email: 'fuzz@lindeveen.nl' })}`;
    const as = <T>(res: { status: number; body: T }, status: number): T => {
      if (res.status !== status) throw new Error(`setup: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    as(
      await t.http
        .post('/api/departments')
        .set('Authorization', admin)
        .send({ slug: 'burgerzaken', name: 'Burgerzaken', allowSelfApproval: true }),
      201,
    );
    const draft = as(
      await t.http
        .post('/api/articles')
        .set('Authorization', admin)
        .send(GOOD_BODIES['POST /api/articles']() as object),
      201,
    ) as { id: string; slug: string };
    const live = as(
      await t.http
        .post('/api/articles')
        .set('Authorization', admin)
        .send({ ...(GOOD_BODIES['POST /api/articles']() as object), title: 'Live' }),
      201,
    ) as { id: string; slug: string };
    as(await t.http.post(`/api/articles/${live.id}/submit`).set('Authorization', admin), 200);
    as(await t.http.post(`/api/articles/${live.id}/approve`).set('Authorization', admin), 200);
    const search = as(await t.http.get('/api/search?q=live').set('Authorization', admin), 200) as { queryId: string };
    const key = as(
      await t.http
        .post('/api/api-keys')
        .set('Authorization', admin)
        .send({ name: 'Fuzz', role: 'agent', scopes: ['search'] }),
      201,
    ) as { id: string };
    valid.id = [draft.id, live.id, draft.slug, live.slug, key.id];
    valid.ref = ['burgerzaken', 'burgerzaken'];
    valid.n = ['1', '2'];
    valid.queryId = [search.queryId];
    valid.default = ['x'];

    const spec = as(await t.http.get('/api/openapi.json'), 200) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    routes = Object.entries(spec.paths).flatMap(([template, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        template,
        query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      })),
    );
    tables = (
      await t.dataSource.query<{ tablename: string }[]>(
        `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
      )
    )
      .map((r) => r.tablename)
      // Indexes, outboxes and the search log change in the background after earlier successful
      // requests; the audit log and the event trail are checked (a rejected write must not leave one).
      .filter((name) => !NOT_AUDITED_TABLES.includes(name) || name === 'audit_log' || name === 'article_events');
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  }, 60_000);
  afterAll(async () => t.close());

  const checksum = async (): Promise<string> => {
    // Jobs an earlier accepted request started in this process (a link check run, say) finish first:
    // their writes are not the rejected batch's.
    await Promise.all(
      t.app
        .get(JobRunners)
        .all()
        .map((runner) => runner.settle()),
    );
    const parts = tables.map(
      (name) => `SELECT '${name}' AS t, md5(coalesce(string_agg(md5(x::text), '' ORDER BY md5(x::text)), '')) AS h FROM "${name}" x`,
    );
    const rows: { t: string; h: string }[] = await t.dataSource.query(parts.join(' UNION ALL '));
    return rows.map((r) => `${r.t}:${r.h}`).join(',');
  };

  function generate(rng: Rng, route: Route, anonymous: boolean): RawRequest {
    const key = `${route.method} ${route.template}`;
    const path = Buffer.concat(
      route.template.split(/(\{[^}]+\})/).map((part) => {
        const param = /^\{(.+)\}$/.exec(part)?.[1];
        return param ? segment(rng, valid[param] ?? valid.default) : Buffer.from(part);
      }),
    );
    const pairs: Buffer[] = [];
    const keys = [...route.query, 'sort', '__proto__', 'q[$gt]', 'limit[]', 'constructor[prototype]'];
    for (let i = rng.int(4); i > 0; i--) {
      const name = rng.chance(0.8) && route.query.length ? rng.pick(route.query) : rng.pick(keys);
      if (rng.chance(0.05)) pairs.push(Buffer.from(name));
      else pairs.push(Buffer.concat([Buffer.from(`${encodeURIComponent(name)}=`), queryValue(rng)]));
    }
    const target = pairs.length
      ? Buffer.concat([path, Buffer.from('?'), ...pairs.flatMap((p, i) => (i ? [Buffer.from('&'), p] : [p]))])
      : path;

    const headers: [string, string | Buffer][] = [];
    if (!anonymous) headers.push(['Authorization', admin]);
    if (rng.chance(0.1)) headers.push(['If-Match', rng.pick(['"1"', '*', '"stale"', 'W/"1"', '', '"', 'x'.repeat(5000), `"${'\u00ff'}"`])]);
    if (rng.chance(0.05)) headers.push(['X-Request-Id', rng.pick(['', 'short', 'x'.repeat(500), '../../x', 'ok-request-id-0001'])]);
    if (rng.chance(0.03)) headers.push(['X-Api-Key', rng.pick(['', 'kb_', 'kb_' + 'A'.repeat(43), "' OR 1=1 --"])]);

    let method = route.method;
    if (rng.chance(0.02)) method = rng.pick(['OPTIONS', 'TRACE', 'PROPFIND', 'PATCH', 'DELETE']);
    let body: Buffer | undefined;
    if (['POST', 'PUT', 'PATCH'].includes(method) || rng.chance(0.05)) {
      const roll = rng.next();
      let type = 'application/json';
      if (roll < 0.35) {
        const good = GOOD_BODIES[key]?.() ?? {};
        const mutated = Array.isArray(good) ? good.map((item) => mutate(rng, item)) : mutate(rng, good);
        body = Buffer.from(JSON.stringify(rng.chance(0.1) ? [mutated] : mutated));
      } else if (roll < 0.6) {
        body = Buffer.from(JSON.stringify(nastyValue(rng)));
      } else if (roll < 0.85) {
        body = rng.pick(RAW_BODIES);
      } else {
        body = Buffer.from(JSON.stringify(GOOD_BODIES[key]?.() ?? {}));
        type = rng.pick(CONTENT_TYPES);
      }
      if (!rng.chance(0.03)) headers.push(['Content-Type', type]);
    }
    return { method, target, headers, body };
  }

  function mutate(rng: Rng, good: unknown): unknown {
    const copy = { ...(good as Record<string, unknown>) };
    for (let i = 1 + rng.int(3); i > 0; i--) {
      const field = rng.chance(0.6) && Object.keys(copy).length ? rng.pick(Object.keys(copy)) : rng.pick(FIELDS);
      if (rng.chance(0.15)) delete copy[field];
      else copy[field] = nastyValue(rng);
    }
    return copy;
  }

  const describeRequest = (request: RawRequest) =>
    `${request.method} ${JSON.stringify(request.target.toString('latin1').slice(0, 200))} ${request.headers.map(([k]) => k).join(',')} body=${JSON.stringify(request.body?.toString('latin1').slice(0, 200) ?? null)}`;

  it(`answers ${REQUESTS} malformed requests without a 5xx, a hang, an error without code or a change to the database (seed ${SEED})`, async () => {
    const rng = prng(SEED);
    const problems: string[] = [];
    const perRoute = new Map<string, number>();
    let sent = 0;
    let verifiedBatches = 0;
    let batches = 0;
    let anonymousSent = 0;
    const statuses = new Map<number, number>();

    while (sent < REQUESTS) {
      const before = await checksum();
      let allRejected = true; // no write in the batch succeeded
      for (let i = 0; i < BATCH && sent < REQUESTS; i++, sent++) {
        // Every route in turn, so none is left out; who is asking alternates per round.
        const route = routes[sent % routes.length];
        const anonymous = Math.floor(sent / routes.length) % 2 === 1;
        const request = generate(rng, route, anonymous);
        const res: RawResponse = await send(port, request, TIMEOUT_MS);
        perRoute.set(`${route.method} ${route.template}`, (perRoute.get(`${route.method} ${route.template}`) ?? 0) + 1);
        if (anonymous) anonymousSent++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const where = `#${sent} ${describeRequest(request)}`;
        if (res.timedOut) problems.push(`no answer within ${TIMEOUT_MS} ms: ${where}`);
        else if (res.status >= 500 || res.status < 100)
          problems.push(`${res.status}: ${where} → ${res.body.toString('utf8').slice(0, 300)}`);
        else if (res.status >= 400 && request.method !== 'HEAD') {
          let code: unknown;
          try {
            code = (JSON.parse(res.body.toString('utf8')) as { code?: unknown }).code;
          } catch {
            code = undefined;
          }
          if (typeof code !== 'string')
            problems.push(`${res.status} without an error code: ${where} → ${res.body.toString('utf8').slice(0, 200)}`);
        }
        // Reads may succeed (they must not write); a write that succeeded may change the database.
        if (res.status < 400 && request.method !== 'GET') allRejected = false;
      }
      batches++;
      if (allRejected) {
        verifiedBatches++;
        const after = await checksum();
        if (after !== before) {
          const changed = after.split(',').filter((part) => !before.split(',').includes(part));
          problems.push(`batch ${batches} (requests ${sent - BATCH}..${sent - 1}) was rejected but changed ${changed.join(', ')}`);
        }
      }
      if (problems.length > 30) break;
    }

    expect(problems).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(5_000);
    expect(anonymousSent).toBeGreaterThanOrEqual(sent * 0.4);
    expect([...perRoute.keys()].sort()).toEqual(routes.map((r) => `${r.method} ${r.template}`).sort());
    expect(Math.min(...perRoute.values())).toBeGreaterThanOrEqual(Math.floor(REQUESTS / routes.length));
    // Most batches must be checkable, or the database check proves little.
    expect(verifiedBatches / batches).toBeGreaterThan(0.6);
    // And the requests must mostly be refused by validation, not pass.
    expect([...statuses.entries()].filter(([s]) => s < 400).reduce((n, [, c]) => n + c, 0)).toBeLessThan(sent * 0.25);
  }, 600_000);

  it('answers long paths and queries, up to the body limit, quickly and without a 5xx', async () => {
    // Issue 16 item 2: every URL is scrubbed for the log; a long one used to hold the event loop for
    // hundreds of milliseconds. Beyond 8 KiB the API answers 414, beyond Node's 16 KiB header limit 431.
    const limit = t.app.get<{ http: { bodyLimit: number } }>(APP_CONFIG).http.bodyLimit;
    const sizes = [1_000, 8_000, 8_193, 16_000, 64_000, limit];
    const filler = ['a', 'a.', 'a@', '1', 'NL12 ', '1234 AB ', '%E0%A4%A', 'é'];
    const problems: string[] = [];
    const times: number[] = [];
    const gets = routes.filter((r) => r.method === 'GET');
    for (const size of sizes) {
      // The largest sizes cost megabytes per request: a few routes and fillers are enough there.
      const big = size > 64_000;
      for (const route of big ? gets.slice(0, 3) : gets) {
        const base = route.template.replace(/\{[^}]+\}/g, 'x');
        for (const unit of big ? filler.slice(0, 3) : filler) {
          const encoded = encodeLoosely(unit);
          const run = encoded.repeat(Math.ceil(size / encoded.length)).slice(0, size);
          for (const target of [`${base}/${run}`, `${base}?${route.query[0] ?? 'q'}=${run}`]) {
            const started = process.hrtime.bigint();
            const res = await send(port, { method: 'GET', target: Buffer.from(target), headers: [['Authorization', admin]] }, TIMEOUT_MS);
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            times.push(ms);
            const where = `${route.template} ${target.length} × ${JSON.stringify(unit)}`;
            if (res.timedOut || res.status >= 500 || res.status < 100) problems.push(`${res.status}: ${where}`);
            else if (target.length > 8192 && ![414, 431].includes(res.status)) problems.push(`${res.status} (not 414/431): ${where}`);
            // Megabytes take their time to send (Node stops reading at 16 KiB and closes): no bound there.
            if (ms > 1_000 && !big) problems.push(`${Math.round(ms)} ms: ${where}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    // Medians hold up on a busy machine; with the defect a 16 KB URL alone took 200+ ms.
    expect([...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]).toBeLessThan(50);
  }, 300_000);
});
