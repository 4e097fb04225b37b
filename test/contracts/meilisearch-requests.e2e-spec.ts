import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DutchAnalyzer } from '../../src/search/dutch/dutch-analyzer';
import { MeilisearchTaskError } from '../../src/search/meilisearch/meilisearch-documents';
import { MEILI_QUERY_WORDS } from '../../src/search/meilisearch/meilisearch-query';
import {
  MIN_MEILISEARCH_VERSION,
  MeilisearchEngine,
  MeilisearchOptions,
  MeilisearchVersionError,
} from '../../src/search/meilisearch/meilisearch.engine';
import { planQuery } from '../../src/search/query/query-plan';
import { SynonymIndex } from '../../src/search/query/synonym-index';
import { MeilisearchContractServer } from './meilisearch/contract-server';
import { makeDocument } from './search-engine.contract';

/**
 * Every request the Meilisearch adapter sends, checked against Meilisearch's own OpenAPI description
 * (v1.53, vendored in ./meilisearch) by an in-process server, and the defects of issue 12 that show
 * at the adapter. No Meilisearch needed: this runs in CI.
 */
const analyzer = new DutchAnalyzer();
let server: MeilisearchContractServer;
let uid: string;
const engines: MeilisearchEngine[] = [];

function engine(options: Partial<MeilisearchOptions> = {}): MeilisearchEngine {
  const e = new MeilisearchEngine(
    {
      url: server.url,
      apiKey: server.masterKey!,
      index: uid,
      searchTimeoutMs: 5_000,
      writeTimeoutMs: 5_000,
      taskTimeoutMs: 5_000,
      ...options,
    },
    analyzer,
  );
  engines.push(e);
  return e;
}

const plan = (q: string, synonyms: string[][] = []) => planQuery(q, analyzer, new SynonymIndex(synonyms, analyzer));
/** Eleven words of an agent's long question; each test adds the twelfth. */
const LONG_QUERY = [
  'paspoort',
  'verlopen',
  'buitenland',
  'ambassade',
  'spoed',
  'kosten',
  'pasfoto',
  'vingerafdruk',
  'afspraak',
  'balie',
  'kinderen',
];
/** The words of the `q` the first search request sent. */
const sentQueryWords = () => (server.requestsTo('POST /indexes/{index_uid}/search')[0].body as { q: string }).q.split(' ');
const settingsPatches = () => server.requestsTo('PATCH /indexes/{index_uid}/settings').filter((r) => r.indexUid === uid);

beforeEach(async () => {
  server = await MeilisearchContractServer.start();
  // Its own index uid per run: never the production name.
  uid = `kb_test_${randomBytes(4).toString('hex')}`;
});

afterEach(async () => {
  // Each test leaves its index deleted, and every request and answer conformed.
  server.heal();
  if (server.indexes.has(uid)) await engines[0]?.dropIndex();
  engines.length = 0;
  expect([...server.indexes.keys()].filter((k) => k.startsWith(uid))).toEqual([]);
  expect(server.violations).toEqual([]);
  await server.close();
});

describe('Meilisearch requests conform to the OpenAPI description (v1.53)', () => {
  it('the description is the vendored v1.53', () => {
    expect(server.contract.version).toBe('1.53.0');
  });

  it('start-up, documents add and delete, search with filters and facets, suggest, reindex, readiness', async () => {
    const e = engine();
    await e.ensureIndex();
    const docs = [makeDocument({ title: 'Paspoort aanvragen', themes: ['Reizen'] }), makeDocument({ title: 'Hondenbelasting' })];
    await e.upsert(docs);
    await e.remove([docs[1].id]);
    expect([...server.documents(uid).keys()]).toEqual([docs[0].id]);
    server.searchAnswer = () => ({
      hits: [{ id: docs[0].id, slug: 'paspoort-aanvragen', title: 'Paspoort aanvragen' }],
      facetDistribution: { kind: { product: 1 } },
    });
    const result = await e.search({
      plan: plan('paspoort aanvragen'),
      filters: {
        kind: 'product',
        department: 'burgerzaken',
        theme: 'Reizen',
        lifeEvent: 'Verhuizen',
        targetGroup: 'Inwoners',
        audience: 'public',
      },
      scope: 'public',
      limit: 10,
      offset: 0,
    });
    expect(result.hits.map((h) => h.id)).toEqual([docs[0].id]);
    expect(result.facets.kind).toEqual({ product: 1 });
    await e.suggest(plan('paspo'), 'public', 5);
    await e.applySynonyms([['idkaart', 'identiteitskaart']]);
    async function* pages() {
      yield [makeDocument({ title: 'Rijbewijs' })];
    }
    expect(await e.replaceAll(pages())).toBe(1);
    expect(await e.readiness()).toMatchObject({ healthy: true });
    const operations = new Set(server.requests.map((r) => r.operation));
    for (const op of [
      'GET /version',
      'GET /health',
      'GET /indexes/{index_uid}',
      'POST /indexes',
      'PATCH /indexes/{index_uid}/settings',
      'GET /indexes/{index_uid}/settings',
      'POST /indexes/{index_uid}/documents',
      'POST /indexes/{index_uid}/documents/delete-batch',
      'POST /indexes/{index_uid}/search',
      'POST /swap-indexes',
      'DELETE /indexes/{index_uid}',
      'GET /tasks/{task_id}',
    ]) {
      expect(operations).toContain(op);
    }
    expect(server.requests.every((r) => r.operation !== null)).toBe(true);
  });

  it('keys: start-up can tell a master or admin key (may list keys) from a scoped one', async () => {
    expect(await engine().keyTooPowerful()).toBe(true);
    const scoped = server.addKey(
      ['search', 'documents.add', 'documents.delete', 'settings.get', 'settings.update', 'tasks.get', 'version'],
      [uid],
    );
    expect(await engine({ apiKey: scoped }).keyTooPowerful()).toBe(false);
    expect(server.requestsTo('GET /keys')).toHaveLength(2);
  });

  it('hybrid search (optional): the embedder setting and `hybrid` in the search request', async () => {
    const e = engine({
      embedder: { source: 'ollama', url: 'http://ollama:11434/api/embed', model: 'nomic-embed-text', semanticRatio: 0.3 },
    });
    await e.ensureIndex();
    expect(settingsPatches()[0].body).toMatchObject({ embedders: { kennisbank: { source: 'ollama', model: 'nomic-embed-text' } } });
    await e.search({ plan: plan('paspoort kwijt'), filters: {}, scope: 'staff', limit: 5, offset: 0 });
    expect(server.requestsTo('POST /indexes/{index_uid}/search')[0].body).toMatchObject({
      hybrid: { embedder: 'kennisbank', semanticRatio: 0.3 },
    });
    expect(await e.readiness()).toMatchObject({ healthy: true });
    const rest = engine({
      embedder: {
        source: 'rest',
        url: 'https://embed.example/v1',
        request: { input: '{{text}}' },
        response: { embedding: '{{embedding}}' },
        dimensions: 384,
        semanticRatio: 0.5,
      },
    });
    await rest.ensureIndex();
    await rest.search({ plan: plan('paspoort kwijt'), filters: {}, scope: 'public', limit: 5, offset: 0 });
  });

  it('without an embedder no hybrid and no embedders setting is sent', async () => {
    const e = engine();
    await e.ensureIndex();
    await e.search({ plan: plan('paspoort'), filters: {}, scope: 'staff', limit: 5, offset: 0 });
    expect(settingsPatches()[0].body).not.toHaveProperty('embedders');
    expect(server.requestsTo('POST /indexes/{index_uid}/search')[0].body).not.toHaveProperty('hybrid');
  });
});

describe('defects of issue 12, at the adapter', () => {
  it('(1) docker-compose pins a Meilisearch at least the minimum, and no newer than the description checked here', () => {
    const compose = readFileSync(join(__dirname, '../../docker-compose.yml'), 'utf8');
    const tag = /image:\s*getmeili\/meilisearch:v(\d+\.\d+(?:\.\d+)?)/.exec(compose)?.[1];
    expect(tag).toBeDefined();
    const n = (v: string) => v.split('.').map(Number);
    const [major, minor] = n(tag!);
    const [minMajor, minMinor] = n(MIN_MEILISEARCH_VERSION);
    expect(major * 1000 + minor).toBeGreaterThanOrEqual(minMajor * 1000 + minMinor);
    expect(major * 1000 + minor).toBeLessThanOrEqual(1 * 1000 + 53);
  });

  it('(1) refuses a server older than the minimum with a clear message, before touching any index', async () => {
    server.version = '1.12.0';
    await expect(engine().ensureIndex()).rejects.toThrow(MeilisearchVersionError);
    await expect(engine().ensureIndex()).rejects.toThrow(/Meilisearch 1\.12\.0 .* older than 1\.18\.0/);
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(await engine().readiness()).toMatchObject({ healthy: false, details: { error: expect.stringMatching(/older than/) } });
  });

  it('(1) the reindex swap (with `rename`) is accepted by the current API', async () => {
    const e = engine();
    async function* pages() {
      yield [makeDocument({ title: 'Paspoort' })];
    }
    await e.replaceAll(pages());
    expect(server.requestsTo('POST /swap-indexes')[0].body).toEqual([
      { indexes: [uid, expect.stringMatching(new RegExp(`^${uid}_`))], rename: false },
    ]);
    expect(server.tasks.filter((t) => t.status !== 'succeeded')).toEqual([]);
    expect(server.documents(uid).size).toBe(1);
  });

  it('(2) a failed task is an error, with Meilisearch’s error code, for every kind of write', async () => {
    const e = engine();
    await e.ensureIndex();
    server.failTasks((t) => t.type === 'documentAdditionOrUpdate', 'invalid_document_fields');
    await expect(e.upsert([makeDocument({ title: 'Paspoort' })])).rejects.toMatchObject({ code: 'invalid_document_fields' });
    server.failTasks((t) => t.type === 'documentDeletion', 'internal');
    await expect(e.remove(['a'])).rejects.toBeInstanceOf(MeilisearchTaskError);
    server.failTasks((t) => t.type === 'settingsUpdate', 'invalid_settings_synonyms');
    await expect(e.applySynonyms([['a', 'b']])).rejects.toMatchObject({ code: 'invalid_settings_synonyms' });
  });

  it('(2) a task that never finishes is an error once the task timeout passes', async () => {
    const e = engine({ taskTimeoutMs: 300 });
    await e.ensureIndex();
    server.holdTasks((t) => t.type === 'documentAdditionOrUpdate');
    await expect(e.upsert([makeDocument({ title: 'Paspoort' })])).rejects.toMatchObject({ code: 'task_timeout' });
  });

  it('(2) a reindex whose swap fails leaves the live index and does not report success', async () => {
    const e = engine();
    await e.ensureIndex();
    const live = makeDocument({ title: 'Paspoort' });
    await e.upsert([live]);
    server.failTasks((t) => t.type === 'indexSwap', 'invalid_swap_indexes');
    async function* pages() {
      yield [makeDocument({ title: 'Rijbewijs' })];
    }
    await expect(e.replaceAll(pages())).rejects.toMatchObject({ code: 'invalid_swap_indexes' });
    expect([...server.documents(uid).keys()]).toEqual([live.id]);
  });

  it('(3) start-up sends the settings once, complete, with the synonyms: never an empty synonyms setting', async () => {
    server.seedIndex(uid, { synonyms: { idkaart: ['identiteitskaart'], identiteitskaart: ['idkaart'] } });
    const e = engine({ synonyms: async () => [['idkaart', 'identiteitskaart']] });
    await e.ensureIndex();
    const patches = settingsPatches();
    expect(patches).toHaveLength(1);
    expect(patches[0].body).toMatchObject({
      synonyms: { idkaart: ['identiteitskaart'], identiteitskaart: ['idkaart'] },
      searchableAttributes: expect.any(Array),
      filterableAttributes: expect.any(Array),
    });
    expect(server.indexes.get(uid)!.settings.synonyms).toEqual({ idkaart: ['identiteitskaart'], identiteitskaart: ['idkaart'] });
  });

  it('(4) long queries keep the agent’s own words first, within Meilisearch’s 10 words; synonyms stay out of `q`', async () => {
    const e = engine();
    await e.ensureIndex();
    const words = [...LONG_QUERY, 'rijbewijs'];
    const p = plan(words.join(' ') + ' ', [['paspoort', 'reisdocument', 'reispas']]);
    await e.search({ plan: p, filters: {}, scope: 'staff', limit: 5, offset: 0 });
    const q = sentQueryWords();
    expect(q.length).toBeLessThanOrEqual(MEILI_QUERY_WORDS);
    expect(q).toEqual(words.slice(0, MEILI_QUERY_WORDS).map((w) => analyzer.key(w)));
    expect(q).not.toContain(analyzer.key('reisdocument'));
  });

  it('(4) the word being typed goes last, where Meilisearch prefixes, and stays within the limit', async () => {
    const e = engine();
    await e.ensureIndex();
    const words = [...LONG_QUERY, 'rijbew'];
    await e.search({ plan: plan(words.join(' ')), filters: {}, scope: 'staff', limit: 5, offset: 0 });
    const q = sentQueryWords();
    expect(q.length).toBeLessThanOrEqual(MEILI_QUERY_WORDS);
    expect(q[0]).toBe(analyzer.key('paspoort'));
    expect(q[q.length - 1]).toBe('rijbew');
  });

  it('(6) searches and writes have their own timeouts', async () => {
    const e = engine({ searchTimeoutMs: 150, writeTimeoutMs: 3_000 });
    await e.ensureIndex();
    server.delay((r) => r.operation === 'POST /indexes/{index_uid}/documents' || r.operation === 'POST /indexes/{index_uid}/search', 400);
    await e.upsert([makeDocument({ title: 'Paspoort' })]);
    expect(server.documents(uid).size).toBe(1);
    const error = await e.search({ plan: plan('paspoort'), filters: {}, scope: 'staff', limit: 5, offset: 0 }).catch((x: Error) => x);
    expect(String((error as Error & { cause?: Error }).cause?.message)).toMatch(/timed out after 150ms/);
  });

  it('(7) readiness: a wrong key, a missing index or settings not ours are not ready', async () => {
    const e = engine();
    expect(await e.readiness()).toMatchObject({ healthy: false, details: { indexStatus: 'missing' } });
    await e.ensureIndex();
    expect(await e.readiness()).toMatchObject({ healthy: true, details: { settings: 'match', indexStatus: 'present' } });
    const wrongKey = engine({ apiKey: 'not-the-key' });
    expect(await wrongKey.readiness()).toMatchObject({ healthy: false, details: { code: 'invalid_api_key' } });
    server.indexes.get(uid)!.settings.filterableAttributes = ['kind'];
    expect(await e.readiness()).toMatchObject({ healthy: false, details: { settings: { differ: ['filterableAttributes'] } } });
    // A search-only key can still report readiness (it reads the index and its settings through the key).
    await e.ensureIndex();
    const limited = engine({ apiKey: server.addKey(['search', 'indexes.get', 'settings.get', 'version'], [uid]) });
    expect(await limited.readiness()).toMatchObject({ healthy: true });
  });
});
