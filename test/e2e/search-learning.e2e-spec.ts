import { randomUUID } from 'node:crypto';
import { SearchLogService } from '../../src/analytics/search-log.service';
import { SearchIndexingTrigger } from '../../src/search/jobs/search-indexing.trigger';
import { SearchLearningJob } from '../../src/search-learning/jobs/search-learning-jobs';
import { SearchLearningProcessor } from '../../src/search-learning/jobs/search-learning.processor';
import { LearningSuggestionsRepository } from '../../src/search-learning/learning-suggestions.repository';
import { TestApp, createTestApp } from '../setup/test-app';
import { SignedIn, TEST_JWT_SECRET, expectStatus, publishArticle, signIn } from '../support/actors';

type Suggestion = {
  id: string;
  kind: 'question' | 'synonym';
  article: { id: string } | null;
  question: string | null;
  terms: string[] | null;
  searchers: number;
  days: number;
  status: string;
  appliedVersion: number | null;
  examples: { failed: string; found: string }[];
};

const MINUTE = 60_000;
const DAY = 86_400_000;
const MONTH_START = Date.parse('2026-11-01T00:00:00Z');

/**
 * The learning loop over a simulated month of search logs: agents who find nothing, try other words
 * within two minutes and open an article teach the kennisbank, but only through a coordinator.
 */
describe('search learning (e2e)', () => {
  let t: TestApp;
  let coordinator: SignedIn, agent: SignedIn, editor: SignedIn;
  let paspoort: { id: string }, rijbewijs: { id: string }, kwijtschelding: { id: string }, verhuizing: { id: string };
  let log: SearchLogService;
  const settle = () => t.app.get(SearchIndexingTrigger).settle();

  /** One agent's search at a moment of the month, optionally opening a hit: through the real search log. */
  const logged = async (actorId: string, at: number, query: string, open?: { id: string }) => {
    t.clock.set(new Date(at));
    const id = log.record({ actorId, query, engine: 'postgres', fallback: false, resultCount: open ? 3 : 0, tookMs: 5, filters: {} });
    if (open) {
      t.clock.set(new Date(at + 10_000));
      await log.recordClick(id, open.id, 1);
    }
  };
  /** No click, then (within two minutes, unless `gapMs` says otherwise) other words and a click. */
  const reformulate = async (actorId: string, at: number, failed: string, found: string, open: { id: string }, gapMs = 40_000) => {
    await logged(actorId, at, failed);
    await logged(actorId, at + gapMs, found, open);
  };

  const top3 = async (q: string): Promise<string[]> =>
    (await expectStatus(agent.get(`/api/search?q=${encodeURIComponent(q)}`), 200)).body.hits.slice(0, 3).map((h: { id: string }) => h.id);
  const recallAt3 = async (cases: [string, { id: string }][]) => {
    let found = 0;
    for (const [q, article] of cases) if ((await top3(q)).includes(article.id)) found++;
    return found / cases.length;
  };
  const suggestions = async (query = ''): Promise<Suggestion[]> =>
    (await expectStatus(coordinator.get(`/api/search-learning/suggestions${query}`), 200)).body.items;
  const refresh = async () => (await expectStatus(coordinator.post('/api/search-learning/suggestions/refresh'), 200)).body;
  const article = async (a: { id: string }) => (await expectStatus(coordinator.get(`/api/articles/${a.id}`), 200)).body;
  const synonymGroups = async (): Promise<string[][]> => (await expectStatus(agent.get('/api/search/synonyms'), 200)).body.groups;

  // The first (failed) queries of the reformulations agents make, and the article they opened next.
  const P1 = 'beroofd op vakantie wat nu';
  const P2 = 'roze pasje aanvragen';
  const P3 = 'aanslag te hoog geen geld';
  const EAGER = 'blauwe envelop';
  let reformulated: [string, { id: string }][];

  beforeAll(async () => {
    t = await createTestApp({ AUTH_JWT_SECRET: TEST_JWT_SECRET }, new Date(MONTH_START - DAY));
    log = t.app.get(SearchLogService);
    const admin = await signIn(t.http, 'admin', ['admin']);
    coordinator = await signIn(t.http, 'kim', ['coordinator']);
    agent = await signIn(t.http, 'aad', ['agent']);
    editor = await signIn(t.http, 'anna', ['editor'], ['burgerzaken']);
    await expectStatus(admin.post('/api/departments').send({ slug: 'burgerzaken', name: 'Burgerzaken' }), 201);
    const publish = (body: Record<string, unknown>) => publishArticle(editor, coordinator, { department: 'burgerzaken', ...body });
    paspoort = await publish({
      kind: 'faq',
      title: 'Paspoort kwijt in het buitenland',
      summary: 'Doe aangifte bij de politie ter plaatse en vraag een noodpaspoort aan.',
      question: 'Wat moet ik doen als mijn paspoort in het buitenland kwijt is?',
      answer: 'Doe aangifte bij de lokale politie. De ambassade of het consulaat geeft een noodpaspoort af.',
    });
    rijbewijs = await publish({
      kind: 'product',
      title: 'Rijbewijs aanvragen',
      summary: 'U vraagt een nieuw rijbewijs aan bij de gemeente.',
      sections: { inleiding: 'Een rijbewijs is tien jaar geldig. Maak een afspraak en neem een pasfoto mee.' },
    });
    kwijtschelding = await publish({
      kind: 'faq',
      title: 'Kwijtschelding gemeentelijke belastingen',
      summary: 'Met een laag inkomen hoeft u de gemeentelijke belastingen soms niet te betalen.',
      question: 'Kan ik kwijtschelding krijgen van de gemeentelijke belastingen?',
      answer: 'Vraag kwijtschelding aan met het formulier. Wij kijken naar uw inkomen en vermogen.',
    });
    verhuizing = await publish({
      kind: 'product',
      title: 'Verhuizing doorgeven',
      summary: 'Geef uw verhuizing binnen vijf dagen door.',
      sections: { inleiding: 'U geeft een verhuizing online door met DigiD.' },
    });
    // look-alikes, so a query that only shares "aanvragen" does not land on the driving licence by luck
    for (const title of ['Parkeervergunning aanvragen', 'Uittreksel aanvragen', 'Gehandicaptenparkeerkaart aanvragen', 'VOG aanvragen'])
      await publish({
        kind: 'product',
        title,
        summary: `${title} bij de gemeente.`,
        sections: { inleiding: `${title}: maak een afspraak.` },
      });
    await settle();
    reformulated = [
      [P1, paspoort],
      [P2, rijbewijs],
      [P3, kwijtschelding],
    ];

    // The month: 30 days, a handful of agents (each a user id; the log knows them by a daily pseudonym).
    const agents = Array.from({ length: 12 }, () => randomUUID());
    const eager = randomUUID();
    for (let day = 0; day < 30; day++) {
      const morning = MONTH_START + day * DAY + 8 * 3_600_000;
      const a = (i: number) => agents[(day + i) % agents.length];
      let at = morning;
      const next = () => (at += 7 * MINUTE);
      // learning material: several agents a week reformulate the same way
      if (day % 3 === 0) {
        await reformulate(a(0), next(), P1, 'paspoort kwijt buitenland', paspoort);
        await reformulate(a(1), next(), 'Beroofd op vakantie, wat nu?', 'paspoort buitenland', paspoort);
      }
      if (day % 4 === 1) {
        await reformulate(a(2), next(), P2, 'rijbewijs aanvragen', rijbewijs);
        await reformulate(a(3), next(), P2, 'rijbewijs aanvragen', rijbewijs);
      }
      if (day % 5 === 2) {
        await reformulate(a(4), next(), P3, 'kwijtschelding', kwijtschelding);
        await reformulate(a(5), next(), P3, 'kwijtschelding belastingen', kwijtschelding);
      }
      // one agent's habit, every day: never enough on its own
      await reformulate(eager, next(), EAGER, 'kwijtschelding', kwijtschelding);
      // personal data in the failed or the successful search: dropped, however common
      await reformulate(a(6), next(), 'paspoort kwijt 0612345678', 'paspoort kwijt buitenland', paspoort);
      await reformulate(a(7), next(), 'verhuizing j.devries@example.nl', 'verhuizing doorgeven', verhuizing);
      await reformulate(a(8), next(), 'kwijtschelding bsn 123456782', 'kwijtschelding', kwijtschelding);
      // noise: straight hits, a second try too late, giving up, searching on without a click
      await logged(a(9), next(), 'verhuizing doorgeven', verhuizing);
      await logged(a(10), next(), 'paspoort kwijt buitenland', paspoort);
      await reformulate(a(11), next(), 'op vakantie alles kwijt', 'paspoort kwijt buitenland', paspoort, 5 * MINUTE);
      await logged(a(9), next(), 'wachttijd balie');
      await logged(a(9), at + MINUTE, 'hoe lang wachten balie');
    }
    await log.flush();
    t.clock.set(new Date(MONTH_START + 30 * DAY + 6 * 3_600_000));
  }, 180_000);
  afterAll(async () => t.close());

  describe('before a coordinator decides', () => {
    it('suggests what several agents taught it, and changes nothing', async () => {
      const before = await recallAt3(reformulated);
      const groupsBefore = await synonymGroups();
      const versionsBefore = await Promise.all([paspoort, rijbewijs, kwijtschelding].map(async (a) => (await article(a)).latestVersion));

      const run = await refresh();
      expect(run).toMatchObject({ created: 4, questions: 3, synonyms: 1 });
      expect(run.withPersonalData).toBe(90);
      const open = await suggestions();
      expect(open.map((s) => [s.kind, s.article?.id ?? null, s.question ?? [...s.terms!].sort().join(' ↔ ')]).sort()).toEqual(
        [
          ['question', paspoort.id, P1],
          ['question', rijbewijs.id, P2],
          ['question', kwijtschelding.id, P3],
          ['synonym', null, 'rijbewijs ↔ roze pasje'],
        ].sort(),
      );
      const first = open.find((s) => s.question === P1)!;
      // days 0, 3, ... 27: two agents each time, a new pseudonym every day
      expect(first).toMatchObject({ searchers: 20, days: 10, status: 'open', appliedVersion: null });
      // nothing with personal data, nothing from the one eager agent, nothing from a try after five minutes
      const text = open
        .flatMap((s) => [s.question ?? '', ...(s.terms ?? []), ...s.examples.flatMap((e) => [e.failed, e.found])])
        .join(' | ');
      expect(text).not.toMatch(/\d{4}|@|\[|blauwe|alles kwijt/);

      // nothing applied: same versions, same synonyms, same answers
      expect(await Promise.all([paspoort, rijbewijs, kwijtschelding].map(async (a) => (await article(a)).latestVersion))).toEqual(
        versionsBefore,
      );
      expect(await synonymGroups()).toEqual(groupsBefore);
      for (const a of [paspoort, rijbewijs, kwijtschelding]) expect((await article(a)).alternativeQuestions).toEqual([]);
      expect(await recallAt3(reformulated)).toBe(before);
      expect(before).toBe(0);

      // the job again (the worker's way): the same suggestions, none new
      const again = (await t.app
        .get(SearchLearningProcessor)
        .process({ name: SearchLearningJob.Aggregate, data: { trigger: 'schedule' } } as never)) as {
        created: number;
      };
      expect(again.created).toBe(0);
      expect(await suggestions()).toHaveLength(4);
    });
  });

  describe('deciding', () => {
    it('applies accepted suggestions at once, never rejected ones, and recall@3 on the reformulated queries rises', async () => {
      const open = await suggestions();
      const before = await recallAt3(reformulated);
      const byQuestion = (q: string) => open.find((s) => s.question === q)!;
      const pair = (a: string) => open.find((s) => s.terms?.includes(a))!;

      const accepted = (await expectStatus(coordinator.post(`/api/search-learning/suggestions/${byQuestion(P1).id}/accept`), 200)).body;
      expect(accepted).toMatchObject({ status: 'accepted', appliedVersion: 2, decidedBy: { email: 'kim@lindeveen.nl' } });
      await expectStatus(coordinator.post(`/api/search-learning/suggestions/${byQuestion(P3).id}/accept`), 200);
      await expectStatus(coordinator.post(`/api/search-learning/suggestions/${pair('roze pasje').id}/accept`), 200);
      // the variant for the driving licence is left to the synonym
      const rejected = (
        await expectStatus(
          coordinator.post(`/api/search-learning/suggestions/${byQuestion(P2).id}/reject`).send({ reason: 'Het synoniem dekt dit al' }),
          200,
        )
      ).body;
      expect(rejected).toMatchObject({ status: 'rejected', rejectReason: 'Het synoniem dekt dit al', appliedVersion: null });
      await settle();

      // a new live version through the normal write path, in the history like every change
      const pasp = await article(paspoort);
      expect(pasp).toMatchObject({ status: 'published', publishedVersion: 2, alternativeQuestions: [P1] });
      const version = (await expectStatus(coordinator.get(`/api/articles/${paspoort.id}/versions/2`), 200)).body;
      expect(version.content.alternativeQuestions).toEqual([P1]);
      const history = (await expectStatus(coordinator.get(`/api/articles/${paspoort.id}/history`), 200)).body;
      expect(history.at(-1)).toMatchObject({ action: 'add_question_variant', version: 2, actor: { email: 'kim@lindeveen.nl' } });
      expect((await article(kwijtschelding)).alternativeQuestions).toEqual([P3]);
      // rejected: never applied
      expect(await article(rijbewijs)).toMatchObject({ latestVersion: 1, alternativeQuestions: [] });
      const groups = await synonymGroups();
      expect(groups).toContainEqual(expect.arrayContaining(['roze pasje', 'rijbewijs']));

      const after = await recallAt3(reformulated);
      expect(after).toBe(1);
      expect(after).toBeGreaterThan(before);
      // the synonym works for other searches too
      expect(await top3('roze pasje')).toContain(rijbewijs.id);

      // decisions are final and remembered: the job reopens nothing
      await refresh();
      expect(await suggestions()).toEqual([]);
      expect((await suggestions('?status=rejected')).map((s) => s.id).sort()).toEqual([byQuestion(P2).id]);
      expect(await suggestions('?status=accepted&kind=synonym')).toHaveLength(1);

      // audited like other admin actions
      const audit = (await expectStatus(coordinator.get(`/api/audit?entityType=learning_suggestions&entityId=${byQuestion(P1).id}`), 200))
        .body;
      expect(audit.items[0]).toMatchObject({ action: 'update', actor: { email: 'kim@lindeveen.nl' } });
    });
  });

  describe('the API', () => {
    let n = 0;
    /** An open suggestion, as the job writes it (through its repository). */
    const openSuggestion = async (candidate: { articleId: string; question: string } | { terms: [string, string] }): Promise<string> => {
      const key =
        'question' in candidate ? `question:${candidate.articleId}:${candidate.question}` : `synonym:${candidate.terms.join('|')}`;
      const at = t.clock.now();
      const evidence = { searchers: 3, days: 2, reformulations: 3, firstSeenAt: at, lastSeenAt: at, examples: [] };
      await t.dataSource.transaction((manager) =>
        t.app.get(LearningSuggestionsRepository).upsert(manager, [{ key, ...evidence, ...candidate }], at),
      );
      const [row] = await t.dataSource.query('SELECT id FROM learning_suggestions WHERE key = $1', [key]);
      return row.id;
    };
    const accept = (who: SignedIn, id: string) => who.post(`/api/search-learning/suggestions/${id}/accept`);
    const reject = (who: SignedIn, id: string, body: object = {}) => who.post(`/api/search-learning/suggestions/${id}/reject`).send(body);

    it('is for coordinators only: 401 without a token, 403 for agents and editors, and nothing changes', async () => {
      const id = await openSuggestion({ terms: [`term${++n}`, 'rijbewijs'] });
      expect((await t.http.get('/api/search-learning/suggestions')).status).toBe(401);
      for (const who of [agent, editor]) {
        for (const res of [
          await who.get('/api/search-learning/suggestions'),
          await who.get(`/api/search-learning/suggestions/${id}`),
          await who.post('/api/search-learning/suggestions/refresh'),
          await accept(who, id),
          await reject(who, id),
        ])
          expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: expect.any(String) });
      }
      expect((await expectStatus(coordinator.get(`/api/search-learning/suggestions/${id}`), 200)).body.status).toBe('open');
    });

    it('answers 404 for a suggestion that does not exist', async () => {
      const missing = randomUUID();
      for (const res of [
        await coordinator.get(`/api/search-learning/suggestions/${missing}`),
        await accept(coordinator, missing),
        await reject(coordinator, missing),
      ])
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'LEARNING_SUGGESTION_NOT_FOUND' });
    });

    it('answers 400 for bad input, naming the field', async () => {
      const id = await openSuggestion({ terms: [`term${++n}`, 'rijbewijs'] });
      const cases: [Promise<{ status: number; body: { errors?: { field: string }[] } }>, string][] = [
        [coordinator.get('/api/search-learning/suggestions/niet-een-id'), 'id'],
        [accept(coordinator, 'niet-een-id'), 'id'],
        [coordinator.get('/api/search-learning/suggestions?status=misschien'), 'status'],
        [coordinator.get('/api/search-learning/suggestions?kind=woord'), 'kind'],
        [coordinator.get('/api/search-learning/suggestions?limit=0'), 'limit'],
        [reject(coordinator, id, { reason: 42 }), 'reason'],
        [reject(coordinator, id, { reason: 'x'.repeat(1001) }), 'reason'],
        [reject(coordinator, id, { apply: true }), 'apply'],
      ];
      for (const [res, field] of cases) {
        const r = await res;
        expect({ status: r.status, fields: [...new Set(r.body.errors?.map((e) => e.field))] }).toEqual({ status: 400, fields: [field] });
      }
      expect((await expectStatus(coordinator.get(`/api/search-learning/suggestions/${id}`), 200)).body.status).toBe('open');
    });

    it('answers 409 to a second decision, also when two coordinators accept at once, and applies only once', async () => {
      const id = await openSuggestion({ articleId: verhuizing.id, question: 'ik ga naar een ander huis' });
      const [first, second] = await Promise.all([accept(coordinator, id), accept(coordinator, id)]);
      expect([first.status, second.status].sort()).toEqual([200, 409]);
      expect([first, second].find((r) => r.status === 409)!.body).toMatchObject({
        code: 'LEARNING_SUGGESTION_DECIDED',
        status: 'accepted',
      });
      expect(await article(verhuizing)).toMatchObject({ latestVersion: 2, alternativeQuestions: ['ik ga naar een ander huis'] });
      expect((await reject(coordinator, id)).status).toBe(409);
      expect((await accept(coordinator, id)).status).toBe(409);

      const rejected = await openSuggestion({ terms: [`term${++n}`, 'paspoort'] });
      await expectStatus(reject(coordinator, rejected, { reason: 'Geen synoniem' }), 200);
      expect((await accept(coordinator, rejected)).body).toMatchObject({ code: 'LEARNING_SUGGESTION_DECIDED', status: 'rejected' });
      expect((await synonymGroups()).flat()).not.toContain(`term${n}`);
    });

    it('adds a variant to the live version and to a pending revision, which keeps its status', async () => {
      const live = await article(kwijtschelding);
      await expectStatus(
        editor
          .patch(`/api/articles/${kwijtschelding.id}`)
          .set('If-Match', live.etag)
          .send({ summary: 'Nieuwe samenvatting in bewerking.' }),
        200,
      );
      const id = await openSuggestion({ articleId: kwijtschelding.id, question: 'kan ik uitstel krijgen' });
      const body = (await expectStatus(accept(coordinator, id), 200)).body;
      const after = await article(kwijtschelding);
      expect(after).toMatchObject({ status: 'draft', summary: 'Nieuwe samenvatting in bewerking.', publishedVersion: body.appliedVersion });
      expect(after.alternativeQuestions).toEqual([P3, 'kan ik uitstel krijgen']);
      const version = (await expectStatus(coordinator.get(`/api/articles/${kwijtschelding.id}/versions/${body.appliedVersion}`), 200)).body;
      expect(version.content).toMatchObject({ summary: live.summary, alternativeQuestions: [P3, 'kan ik uitstel krijgen'] });
    });

    it('answers 409 when the article is no longer live, and leaves the suggestion open', async () => {
      const gone = await publishArticle(editor, coordinator, {
        kind: 'product',
        department: 'burgerzaken',
        title: 'Oud product',
        summary: 'Bestaat niet meer.',
        sections: { inleiding: 'Weg.' },
      });
      const id = await openSuggestion({ articleId: gone.id, question: 'oud ding' });
      await expectStatus(coordinator.post(`/api/articles/${gone.id}/archive`), 200);
      expect((await accept(coordinator, id)).body).toMatchObject({ code: 'LEARNING_SUGGESTION_ARTICLE_NOT_LIVE' });
      expect((await accept(coordinator, id)).status).toBe(409);
      expect((await expectStatus(coordinator.get(`/api/search-learning/suggestions/${id}`), 200)).body.status).toBe('open');
    });
  });
});
