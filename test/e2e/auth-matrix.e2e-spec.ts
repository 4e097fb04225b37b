import { randomUUID } from 'node:crypto';
import type { Role } from '../../src/common/request-context/actor';
import { ReviewRemindersRepository } from '../../src/stewardship/review-reminders.repository';
import { mintLocalToken } from '../../src/auth/local-token';
import { LinkCheckProcessor } from '../../src/link-check/jobs/link-check.processor';
import { LinkCheckService } from '../../src/link-check/link-check.service';
import { LearningSuggestionsRepository } from '../../src/search-learning/learning-suggestions.repository';
import { TestApp, createTestApp } from '../setup/test-app';
import { OIDC_AUDIENCE, OIDC_ISSUER, TestIdentityProvider } from '../support/identity-provider';

const SECRET = 'test-secret-0123456789-abcdefghijklmnop';
type Who = 'anonymous' | 'agent' | 'editorOwn' | 'editorOther' | 'coordinator' | 'admin';
const EVERYONE: Who[] = ['anonymous', 'agent', 'editorOwn', 'editorOther', 'coordinator', 'admin'];
const RANK: Record<Role, number> = { agent: 1, editor: 2, coordinator: 3, admin: 4 };
const WHO_RANK: Record<Exclude<Who, 'anonymous'>, number> = { agent: 1, editorOwn: 2, editorOther: 2, coordinator: 3, admin: 4 };

/**
 * How a route is guarded: the least role, plus the resource rule the service applies.
 * `department`: editors of the article's department only; `approve`: a coordinator who did not write
 * the change; `owner`: the article's owner (not one of the matrix's users) or a coordinator.
 */
interface Case {
  route: string;
  rule: 'public' | Role;
  scope?: 'department' | 'approve' | 'owner';
  ok: number;
  make: () => Promise<{ path: string; body?: unknown; headers?: Record<string, string> }>;
}

describe('authorisation matrix (e2e)', () => {
  let t: TestApp;
  const idp = new TestIdentityProvider();
  const tokens = {} as Record<Exclude<Who, 'anonymous'> | 'creator', string>;
  let n = 0;

  const as = (who: Who | 'creator', method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    let req = t.http[method.toLowerCase() as 'get'](path);
    if (who !== 'anonymous') req = req.set('Authorization', `Bearer ${tokens[who]}`);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return body === undefined ? req : req.send(body as object);
  };
  const ok = async (res: { status: number; body: unknown }, status: number) => {
    if (res.status !== status) throw new Error(`setup: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; etag: string; queryId: string };
  };
  const draft = async () =>
    ok(
      await as('creator', 'POST', '/api/articles', {
        kind: 'product',
        title: `Artikel ${++n}`,
        department: 'burgerzaken',
        summary: 'Samenvatting.',
        sections: { inleiding: 'Tekst.' },
      }),
      201,
    );
  const inReview = async () => {
    const a = await draft();
    await ok(await as('creator', 'POST', `/api/articles/${a.id}/submit`), 200);
    return a;
  };
  const published = async () => {
    const a = await inReview();
    return ok(await as('coordinator', 'POST', `/api/articles/${a.id}/approve`), 200);
  };
  const feedback = async () =>
    ok(await as('agent', 'POST', `/api/articles/${(await published()).id}/feedback`, { kind: 'unclear', comment: 'Onduidelijk.' }), 201);
  const NATIONAL_URI = 'https://content.example.nl/matrix';
  let nationalFeed: Promise<unknown> | undefined;
  // one national text with two versions, fed once
  const nationalItem = () =>
    (nationalFeed ??= (async () => {
      for (const version of ['1', '2']) {
        await ok(
          await as('coordinator', 'POST', '/api/national-content', [
            { uri: NATIONAL_URI, title: 'Matrix', body: `Tekst ${version}.`, version, changedAt: `2026-0${version}-01T00:00:00Z` },
          ]),
          200,
        );
      }
    })());
  /** a published article built on version 1 of the national text, so its source has changed */
  const linked = async () => {
    await nationalItem();
    const a = await published();
    await ok(await as('creator', 'PUT', `/api/articles/${a.id}/national-source`, { sourceUri: NATIONAL_URI, sourceVersion: '1' }), 200);
    return a;
  };
  /** a new content gap: two agents searching in vain, then the job; optionally assigned to burgerzaken */
  const gap = async (assigned = false) => {
    const q = `onvindbaar${String.fromCharCode(97 + (++n % 26))}${n}`;
    for (const who of ['agent', 'coordinator'] as const) await ok(await as(who, 'GET', `/api/search?q=${q}`), 200);
    await ok(await as('coordinator', 'POST', '/api/content-gaps/refresh'), 200);
    const list = (await as('coordinator', 'GET', '/api/content-gaps?limit=200')).body as { items: { id: string; query: string }[] };
    const found = list.items.find((g) => g.query === q)!;
    if (assigned) await ok(await as('coordinator', 'POST', `/api/content-gaps/${found.id}/assign`, { department: 'burgerzaken' }), 200);
    return found;
  };
  /** an open synonym suggestion, as the learning job writes it */
  const learned = async () => {
    const key = `synonym:matrix${++n}|rijbewijs`;
    const at = t.clock.now();
    const candidate = {
      key,
      terms: [`matrix${n}`, 'rijbewijs'],
      searchers: 3,
      days: 2,
      reformulations: 3,
      firstSeenAt: at,
      lastSeenAt: at,
      examples: [],
    };
    await t.dataSource.transaction((m) => t.app.get(LearningSuggestionsRepository).upsert(m, [candidate as never], at));
    const [row] = await t.dataSource.query('SELECT id FROM learning_suggestions WHERE key = $1', [key]);
    return row as { id: string };
  };
  let linkRun: unknown;
  /** no link check running, and one completed to report on */
  const linkCheckDone = async () => {
    await t.app.get(LinkCheckProcessor).settle();
    const service = t.app.get(LinkCheckService);
    linkRun ??= await service.execute((await service.start('matrix')).id);
  };
  const fresh = async (which: () => Promise<{ id: string }>) =>
    (await t.http.get(`/api/articles/${(await which()).id}`).set('Authorization', `Bearer ${tokens.coordinator}`)).body as {
      id: string;
      etag: string;
      slug: string;
    };
  const publishedFaq = async () => {
    const faq = await ok(
      await as('creator', 'POST', '/api/articles', {
        kind: 'faq',
        title: `Vraag ${++n}`,
        department: 'burgerzaken',
        summary: 'Kort.',
        question: 'Wat?',
        answer: 'Dit.',
      }),
      201,
    );
    await ok(await as('creator', 'POST', `/api/articles/${faq.id}/submit`), 200);
    return ok(await as('coordinator', 'POST', `/api/articles/${faq.id}/approve`), 200);
  };
  /** An undeliverable reminder (recorded through the real repository), for the retry route. */
  const deadLetter = async () => {
    const repo = t.app.get(ReviewRemindersRepository);
    const now = new Date();
    return t.dataSource.transaction(async (manager) => {
      const [reminder] = await repo.record(
        manager,
        [{ articleId: randomUUID(), cycle: now, stage: 'due', departmentId: randomUUID(), ownerId: null }],
        now,
      );
      await repo.insertDeliveries(
        manager,
        [
          {
            reminderId: reminder.id,
            digestWeek: null,
            userId: null,
            recipient: 'weg@lindeveen.nl',
            recipientName: '',
            role: 'owner',
            status: 'dead',
            outcome: 'permanent',
          },
        ],
        now,
      );
      const [delivery] = await manager.query(`SELECT id FROM stewardship_deliveries WHERE reminder_id = $1`, [reminder.id]);
      return delivery.id as string;
    });
  };

  const CASES: Case[] = [
    { route: 'GET /health', rule: 'public', ok: 200, make: async () => ({ path: '/health' }) },
    { route: 'GET /health/live', rule: 'public', ok: 200, make: async () => ({ path: '/health/live' }) },
    { route: 'GET /health/ready', rule: 'public', ok: 200, make: async () => ({ path: '/health/ready' }) },
    // Public by role: Prometheus holds no staff token; METRICS_TOKEN guards it instead (metrics.e2e-spec).
    { route: 'GET /metrics', rule: 'public', ok: 200, make: async () => ({ path: '/metrics' }) },
    { route: 'GET /api/departments', rule: 'agent', ok: 200, make: async () => ({ path: '/api/departments' }) },
    { route: 'GET /api/departments/{ref}', rule: 'agent', ok: 200, make: async () => ({ path: '/api/departments/burgerzaken' }) },
    {
      route: 'POST /api/departments',
      rule: 'admin',
      ok: 201,
      make: async () => ({ path: '/api/departments', body: { slug: `afdeling-${++n}`, name: `Afdeling ${n}` } }),
    },
    {
      route: 'PATCH /api/departments/{ref}',
      rule: 'admin',
      ok: 200,
      make: async () => ({ path: '/api/departments/belastingen', body: { contactEmail: 'belastingen@lindeveen.nl' } }),
    },
    { route: 'GET /api/upl', rule: 'agent', ok: 200, make: async () => ({ path: '/api/upl?q=paspoort' }) },
    { route: 'GET /api/articles', rule: 'editor', ok: 200, make: async () => ({ path: '/api/articles' }) },
    { route: 'GET /api/articles/fields', rule: 'editor', ok: 200, make: async () => ({ path: '/api/articles/fields' }) },
    {
      route: 'POST /api/articles',
      rule: 'editor',
      scope: 'department',
      ok: 201,
      make: async () => ({ path: '/api/articles', body: { kind: 'faq', title: `Vraag ${++n}`, department: 'burgerzaken' } }),
    },
    { route: 'GET /api/articles/{id}', rule: 'editor', ok: 200, make: async () => ({ path: `/api/articles/${(await draft()).id}` }) },
    {
      route: 'GET /api/articles/{id}/history',
      rule: 'editor',
      ok: 200,
      make: async () => ({ path: `/api/articles/${(await draft()).id}/history` }),
    },
    {
      route: 'PATCH /api/articles/{id}',
      rule: 'editor',
      scope: 'department',
      ok: 200,
      make: async () => {
        const a = await fresh(draft);
        return { path: `/api/articles/${a.id}`, body: { summary: 'Nieuw.' }, headers: { 'If-Match': a.etag } };
      },
    },
    {
      route: 'POST /api/articles/{id}/submit',
      rule: 'editor',
      scope: 'department',
      ok: 200,
      make: async () => ({ path: `/api/articles/${(await draft()).id}/submit` }),
    },
    {
      route: 'POST /api/articles/{id}/approve',
      rule: 'editor',
      scope: 'approve',
      ok: 200,
      make: async () => ({ path: `/api/articles/${(await inReview()).id}/approve` }),
    },
    {
      route: 'POST /api/articles/{id}/reject',
      rule: 'editor',
      scope: 'approve',
      ok: 200,
      make: async () => ({ path: `/api/articles/${(await inReview()).id}/reject`, body: { reason: 'Klopt niet' } }),
    },
    {
      route: 'POST /api/articles/{id}/archive',
      rule: 'editor',
      scope: 'department',
      ok: 200,
      make: async () => ({ path: `/api/articles/${(await published()).id}/archive` }),
    },
    {
      route: 'POST /api/articles/{id}/confirm-review',
      rule: 'editor',
      scope: 'owner',
      ok: 200,
      make: async () => ({ path: `/api/articles/${(await published()).id}/confirm-review` }),
    },
    {
      route: 'GET /api/articles/{id}/published',
      rule: 'agent',
      ok: 200,
      make: async () => ({ path: `/api/articles/${(await published()).id}/published` }),
    },
    {
      route: 'GET /api/articles/{id}/versions',
      rule: 'editor',
      ok: 200,
      make: async () => ({ path: `/api/articles/${(await published()).id}/versions` }),
    },
    {
      route: 'GET /api/articles/{id}/versions/{n}',
      rule: 'editor',
      ok: 200,
      make: async () => ({ path: `/api/articles/${(await published()).id}/versions/1` }),
    },
    {
      route: 'GET /api/articles/{id}/diff',
      rule: 'editor',
      ok: 200,
      make: async () => ({ path: `/api/articles/${(await published()).id}/diff?from=1&to=draft` }),
    },
    {
      route: 'POST /api/articles/{id}/versions/{n}/restore',
      rule: 'editor',
      scope: 'department',
      ok: 200,
      make: async () => {
        const a = await fresh(published);
        return { path: `/api/articles/${a.id}/versions/1/restore`, headers: { 'If-Match': a.etag } };
      },
    },
    {
      route: 'POST /api/import',
      rule: 'coordinator',
      ok: 200,
      make: async () => ({
        path: '/api/import',
        body: [{ externalId: `imp-${++n}`, kind: 'faq', title: 'Vraag', question: 'Wat?', answer: 'Dit.', department: 'burgerzaken' }],
      }),
    },
    { route: 'GET /api/search', rule: 'agent', ok: 200, make: async () => ({ path: '/api/search?q=paspoort' }) },
    { route: 'GET /api/search/suggest', rule: 'agent', ok: 200, make: async () => ({ path: '/api/search/suggest?q=pasp' }) },
    {
      route: 'POST /api/search/{queryId}/click',
      rule: 'agent',
      ok: 204,
      make: async () => {
        const search = await ok(await as('agent', 'GET', '/api/search?q=artikel'), 200);
        return { path: `/api/search/${search.queryId}/click`, body: { articleId: (await draft()).id, position: 1 } };
      },
    },
    { route: 'GET /api/search/synonyms', rule: 'agent', ok: 200, make: async () => ({ path: '/api/search/synonyms' }) },
    {
      route: 'PUT /api/search/synonyms',
      rule: 'coordinator',
      ok: 200,
      make: async () => ({ path: '/api/search/synonyms', body: { groups: [['paspoort', 'reisdocument']] } }),
    },
    { route: 'GET /api/analytics/search', rule: 'coordinator', ok: 200, make: async () => ({ path: '/api/analytics/search' }) },
    { route: 'GET /api/auth/config', rule: 'public', ok: 200, make: async () => ({ path: '/api/auth/config' }) },
    {
      route: 'POST /api/auth/dev-login',
      rule: 'public',
      ok: 200,
      make: async () => ({ path: '/api/auth/dev-login', body: { role: 'agent', name: 'Matrix' } }),
    },
    {
      route: 'POST /api/articles/preview',
      rule: 'editor',
      ok: 200,
      make: async () => ({ path: '/api/articles/preview', body: { kind: 'product', sections: { inleiding: '**Vet**' } } }),
    },
    { route: 'GET /api/catalog/products', rule: 'public', ok: 200, make: async () => ({ path: '/api/catalog/products' }) },
    {
      route: 'GET /api/catalog/products/{slug}',
      rule: 'public',
      ok: 200,
      make: async () => ({ path: `/api/catalog/products/${(await fresh(published)).slug}` }),
    },
    { route: 'GET /api/catalog/faqs', rule: 'public', ok: 200, make: async () => ({ path: '/api/catalog/faqs' }) },
    {
      route: 'GET /api/catalog/faqs/{slug}',
      rule: 'public',
      ok: 200,
      make: async () => ({ path: `/api/catalog/faqs/${(await fresh(publishedFaq)).slug}` }),
    },
    { route: 'GET /api/catalog/themes', rule: 'public', ok: 200, make: async () => ({ path: '/api/catalog/themes' }) },
    { route: 'GET /api/catalog/life-events', rule: 'public', ok: 200, make: async () => ({ path: '/api/catalog/life-events' }) },
    { route: 'GET /api/catalog/changes', rule: 'public', ok: 200, make: async () => ({ path: '/api/catalog/changes' }) },
    {
      route: 'GET /api/catalog/samenwerkende-catalogi.xml',
      rule: 'public',
      ok: 200,
      make: async () => ({ path: '/api/catalog/samenwerkende-catalogi.xml' }),
    },
    {
      route: 'GET /api/catalog/samenwerkende-catalogi/report',
      rule: 'coordinator',
      ok: 200,
      make: async () => ({ path: '/api/catalog/samenwerkende-catalogi/report' }),
    },
    { route: 'GET /api/kiss/kennisartikelen', rule: 'agent', ok: 200, make: async () => ({ path: '/api/kiss/kennisartikelen' }) },
    {
      route: 'GET /api/kiss/kennisartikelen/{uuid}',
      rule: 'agent',
      ok: 200,
      make: async () => ({ path: `/api/kiss/kennisartikelen/${(await published()).id}` }),
    },
    { route: 'GET /api/kiss/vacs', rule: 'agent', ok: 200, make: async () => ({ path: '/api/kiss/vacs' }) },
    {
      route: 'GET /api/kiss/vacs/{uuid}',
      rule: 'agent',
      ok: 200,
      make: async () => ({ path: `/api/kiss/vacs/${(await publishedFaq()).id}` }),
    },
    { route: 'GET /api/audit', rule: 'coordinator', ok: 200, make: async () => ({ path: '/api/audit?entityType=articles&limit=5' }) },
    {
      route: 'POST /api/api-keys',
      rule: 'admin',
      ok: 201,
      make: async () => ({ path: '/api/api-keys', body: { name: `Koppeling ${++n}`, role: 'agent', scopes: ['search'] } }),
    },
    { route: 'GET /api/api-keys', rule: 'admin', ok: 200, make: async () => ({ path: '/api/api-keys' }) },
    {
      route: 'DELETE /api/api-keys/{id}',
      rule: 'admin',
      ok: 204,
      make: async () => ({
        path: `/api/api-keys/${(await ok(await as('admin', 'POST', '/api/api-keys', { name: `Weg ${++n}`, role: 'agent', scopes: ['search'] }), 201)).id}`,
      }),
    },
    {
      route: 'POST /api/articles/{id}/feedback',
      rule: 'agent',
      ok: 201,
      make: async () => ({
        path: `/api/articles/${(await published()).id}/feedback`,
        body: { kind: 'incorrect', section: 'inleiding', comment: 'Klopt niet.' },
      }),
    },
    {
      route: 'GET /api/feedback',
      rule: 'editor',
      scope: 'department',
      ok: 200,
      make: async () => ({ path: '/api/feedback?department=burgerzaken' }),
    },
    { route: 'GET /api/feedback/mine', rule: 'agent', ok: 200, make: async () => ({ path: '/api/feedback/mine' }) },
    {
      route: 'GET /api/feedback/summary',
      rule: 'editor',
      scope: 'department',
      ok: 200,
      make: async () => ({ path: '/api/feedback/summary?department=burgerzaken' }),
    },
    // reported by the matrix's agent, so the agent may read it; the department's editors too
    {
      route: 'GET /api/feedback/{id}',
      rule: 'agent',
      scope: 'department',
      ok: 200,
      make: async () => ({ path: `/api/feedback/${(await feedback()).id}` }),
    },
    {
      route: 'POST /api/feedback/{id}/start',
      rule: 'editor',
      scope: 'department',
      ok: 200,
      make: async () => ({ path: `/api/feedback/${(await feedback()).id}/start` }),
    },
    {
      route: 'POST /api/feedback/{id}/resolve',
      rule: 'editor',
      scope: 'department',
      ok: 200,
      make: async () => ({ path: `/api/feedback/${(await feedback()).id}/resolve`, body: { reply: 'Aangepast.' } }),
    },
    {
      route: 'POST /api/national-content',
      rule: 'coordinator',
      ok: 200,
      make: async () => ({
        path: '/api/national-content',
        body: [
          { uri: `https://content.example.nl/item-${++n}`, title: 'Item', body: 'Tekst.', version: '1', changedAt: '2026-11-01T00:00:00Z' },
        ],
      }),
    },
    { route: 'GET /api/national-content', rule: 'editor', ok: 200, make: async () => ({ path: '/api/national-content?q=matrix' }) },
    {
      route: 'GET /api/national-content/changes',
      rule: 'editor',
      scope: 'department',
      ok: 200,
      make: async () => ({ path: '/api/national-content/changes?department=burgerzaken' }),
    },
    {
      route: 'GET /api/articles/{id}/national-source',
      rule: 'agent',
      ok: 200,
      make: async () => ({ path: `/api/articles/${(await linked()).id}/national-source` }),
    },
    {
      route: 'PUT /api/articles/{id}/national-source',
      rule: 'editor',
      scope: 'department',
      ok: 200,
      make: async () => {
        await nationalItem();
        return { path: `/api/articles/${(await published()).id}/national-source`, body: { sourceUri: NATIONAL_URI } };
      },
    },
    {
      route: 'DELETE /api/articles/{id}/national-source',
      rule: 'editor',
      scope: 'department',
      ok: 204,
      make: async () => ({ path: `/api/articles/${(await linked()).id}/national-source` }),
    },
    {
      route: 'POST /api/articles/{id}/national-source/confirm',
      rule: 'editor',
      scope: 'department',
      ok: 200,
      make: async () => ({ path: `/api/articles/${(await linked()).id}/national-source/confirm` }),
    },
    { route: 'GET /api/content-gaps', rule: 'coordinator', ok: 200, make: async () => ({ path: '/api/content-gaps' }) },
    { route: 'POST /api/content-gaps/refresh', rule: 'coordinator', ok: 200, make: async () => ({ path: '/api/content-gaps/refresh' }) },
    {
      route: 'GET /api/content-gaps/{id}',
      rule: 'editor',
      scope: 'department',
      ok: 200,
      make: async () => ({ path: `/api/content-gaps/${(await gap(true)).id}` }),
    },
    {
      route: 'POST /api/content-gaps/{id}/assign',
      rule: 'coordinator',
      ok: 200,
      make: async () => ({ path: `/api/content-gaps/${(await gap()).id}/assign`, body: { department: 'belastingen' } }),
    },
    {
      route: 'POST /api/content-gaps/{id}/resolve',
      rule: 'editor',
      scope: 'department',
      ok: 200,
      make: async () => ({ path: `/api/content-gaps/${(await gap(true)).id}/resolve`, body: { articleId: (await published()).id } }),
    },
    {
      route: 'POST /api/content-gaps/{id}/dismiss',
      rule: 'coordinator',
      ok: 200,
      make: async () => ({ path: `/api/content-gaps/${(await gap()).id}/dismiss`, body: { reason: 'Typefout' } }),
    },
    {
      route: 'GET /api/search-learning/suggestions',
      rule: 'coordinator',
      ok: 200,
      make: async () => ({ path: '/api/search-learning/suggestions' }),
    },
    {
      route: 'POST /api/search-learning/suggestions/refresh',
      rule: 'coordinator',
      ok: 200,
      make: async () => ({ path: '/api/search-learning/suggestions/refresh' }),
    },
    {
      route: 'GET /api/search-learning/suggestions/{id}',
      rule: 'coordinator',
      ok: 200,
      make: async () => ({ path: `/api/search-learning/suggestions/${(await learned()).id}` }),
    },
    {
      route: 'POST /api/search-learning/suggestions/{id}/accept',
      rule: 'coordinator',
      ok: 200,
      make: async () => ({ path: `/api/search-learning/suggestions/${(await learned()).id}/accept` }),
    },
    {
      route: 'POST /api/search-learning/suggestions/{id}/reject',
      rule: 'coordinator',
      ok: 200,
      make: async () => ({ path: `/api/search-learning/suggestions/${(await learned()).id}/reject`, body: { reason: 'Geen synoniem' } }),
    },
    {
      route: 'POST /api/link-check/run',
      rule: 'coordinator',
      ok: 202,
      make: async () => {
        await linkCheckDone();
        return { path: '/api/link-check/run' };
      },
    },
    {
      route: 'GET /api/link-check/report',
      rule: 'coordinator',
      ok: 200,
      make: async () => {
        await linkCheckDone();
        return { path: '/api/link-check/report?department=burgerzaken' };
      },
    },
    {
      route: 'GET /api/link-check/articles/{id}',
      rule: 'editor',
      scope: 'department',
      ok: 200,
      make: async () => {
        await linkCheckDone();
        return { path: `/api/link-check/articles/${(await published()).id}` };
      },
    },
    {
      route: 'POST /api/feedback/{id}/reject',
      rule: 'editor',
      scope: 'department',
      ok: 200,
      make: async () => ({ path: `/api/feedback/${(await feedback()).id}/reject`, body: { reply: 'Klopt wel.' } }),
    },
    { route: 'GET /api/stewardship/overview', rule: 'coordinator', ok: 200, make: async () => ({ path: '/api/stewardship/overview' }) },
    {
      route: 'GET /api/stewardship/trend',
      rule: 'coordinator',
      ok: 200,
      make: async () => ({ path: '/api/stewardship/trend?department=burgerzaken' }),
    },
    { route: 'GET /api/stewardship/tasks', rule: 'editor', ok: 200, make: async () => ({ path: '/api/stewardship/tasks' }) },
    { route: 'GET /api/stewardship/preferences', rule: 'editor', ok: 200, make: async () => ({ path: '/api/stewardship/preferences' }) },
    {
      route: 'PUT /api/stewardship/preferences',
      rule: 'editor',
      ok: 200,
      make: async () => ({ path: '/api/stewardship/preferences', body: { reminderMail: 'digest' } }),
    },
    {
      route: 'GET /api/stewardship/dead-letters',
      rule: 'coordinator',
      ok: 200,
      make: async () => ({ path: '/api/stewardship/dead-letters' }),
    },
    {
      route: 'POST /api/stewardship/dead-letters/{id}/retry',
      rule: 'coordinator',
      ok: 202,
      make: async () => ({ path: `/api/stewardship/dead-letters/${await deadLetter()}/retry` }),
    },
    {
      route: 'POST /api/stewardship/level-review-dates',
      rule: 'coordinator',
      ok: 200,
      make: async () => ({ path: '/api/stewardship/level-review-dates', body: { dryRun: true } }),
    },
  ];

  const expected = (c: Case, who: Who): number => {
    if (c.rule === 'public') return c.ok;
    if (who === 'anonymous') return 401;
    if (WHO_RANK[who] < RANK[c.rule]) return 403;
    const editor = who === 'editorOwn' || who === 'editorOther';
    if (c.scope === 'department' && who === 'editorOther') return 403;
    if ((c.scope === 'approve' || c.scope === 'owner') && editor) return 403;
    return c.ok;
  };

  /**
   * Machine clients: API keys act with their role (never admin) within their scopes (API areas =
   * OpenAPI tags, `<area>:read` for GET only); revoked and expired keys are not trusted anywhere.
   */
  type KeyKind = 'coordinatorKey' | 'editorOwnKey' | 'readOnlyKey' | 'outOfScopeKey' | 'revokedKey' | 'expiredKey';
  const KEY_KINDS: KeyKind[] = ['coordinatorKey', 'editorOwnKey', 'readOnlyKey', 'outOfScopeKey', 'revokedKey', 'expiredKey'];
  const keys = {} as Record<Exclude<KeyKind, 'outOfScopeKey'>, string>;
  /** per area, a coordinator key with every scope but that area */
  const withoutArea = new Map<string, string>();
  const areasOf = new Map<string, string[]>();

  const expectedForKey = (c: Case, kind: KeyKind): number => {
    if (kind === 'revokedKey' || kind === 'expiredKey') return 401;
    if (c.rule === 'public') return c.ok;
    const method = c.route.split(' ')[0];
    if (kind === 'readOnlyKey' && method !== 'GET') return 403;
    if (kind === 'outOfScopeKey') return 403;
    return expected(c, kind === 'editorOwnKey' ? 'editorOwn' : 'coordinator');
  };

  beforeAll(async () => {
    const jwksUrl = await idp.start();
    t = await createTestApp({
      AUTH_JWT_SECRET: SECRET,
      AUTH_ISSUER: OIDC_ISSUER,
      AUTH_AUDIENCE: OIDC_AUDIENCE,
      AUTH_JWKS_URL: jwksUrl,
      AUTH_JWKS_COOLDOWN_SECONDS: '0',
      // The matrix signs most actors with local tokens next to the identity provider's.
      AUTH_ACCEPT_LOCAL_TOKENS: 'true',
    });
    const mint = (sub: string, roles: Role[], departments: string[] = []) =>
      mintLocalToken(SECRET, { sub, roles, departments, email: `${sub}@lindeveen.nl`, name: sub });
    tokens.agent = await mint('agent', ['agent']);
    tokens.editorOwn = await mint('editor-own', ['editor'], ['burgerzaken']);
    tokens.editorOther = await mint('editor-other', ['editor'], ['belastingen']);
    tokens.coordinator = await mint('coordinator', ['coordinator']);
    tokens.admin = await mint('admin', ['admin']);
    tokens.creator = await mint('creator', ['editor'], ['burgerzaken']);
    for (const slug of ['burgerzaken', 'belastingen']) await ok(await as('admin', 'POST', '/api/departments', { slug, name: slug }), 201);

    const spec = (await t.http.get('/api/openapi.json')).body as { paths: Record<string, Record<string, { tags?: string[] }>> };
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(methods)) areasOf.set(`${method.toUpperCase()} ${path}`, operation.tags ?? []);
    }
    const areas = [...new Set([...areasOf.values()].flat())];
    const key = async (body: Record<string, unknown>) =>
      (await ok(await as('admin', 'POST', '/api/api-keys', { name: `Sleutel ${++n}`, ...body }), 201)) as unknown as {
        secret: string;
        id: string;
      };
    keys.coordinatorKey = (await key({ role: 'coordinator', scopes: areas })).secret;
    keys.editorOwnKey = (await key({ role: 'editor', departments: ['burgerzaken'], scopes: areas })).secret;
    keys.readOnlyKey = (await key({ role: 'coordinator', scopes: areas.map((a) => `${a}:read`) })).secret;
    for (const area of areas) withoutArea.set(area, (await key({ role: 'coordinator', scopes: areas.filter((a) => a !== area) })).secret);
    const revoked = await key({ role: 'coordinator', scopes: areas });
    await ok(await as('admin', 'DELETE', `/api/api-keys/${revoked.id}`), 204);
    keys.revokedKey = revoked.secret;
    keys.expiredKey = (
      await key({ role: 'coordinator', scopes: areas, expiresAt: new Date(t.clock.now().getTime() + 60_000).toISOString() })
    ).secret;
    t.clock.set(new Date(t.clock.now().getTime() + 120_000));
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await idp.stop();
  });

  it('covers every route of the API', async () => {
    const spec = (await t.http.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(spec.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.sort()).toEqual(
      CASES.map((c) => c.route)
        .filter((r) => r !== 'GET /health')
        .concat(routes.includes('GET /health') ? ['GET /health'] : [])
        .sort(),
    );
  });

  describe.each(CASES)('$route', (c) => {
    it.each(EVERYONE)('%s', async (who) => {
      const { path, body, headers } = await c.make();
      const method = c.route.split(' ')[0];
      const res = await as(who, method, path, body, headers);
      expect({ who, status: res.status, code: res.body?.code }).toMatchObject({ who, status: expected(c, who) });
    });

    it.each(KEY_KINDS)('%s', async (kind) => {
      const { path, body, headers } = await c.make();
      const method = c.route.split(' ')[0];
      const area = areasOf.get(c.route)?.[0] ?? '';
      // A route without an area is out of every key's scope.
      const secret = kind === 'outOfScopeKey' ? (withoutArea.get(area) ?? keys.coordinatorKey) : keys[kind];
      // Both ways of presenting a key, alternately.
      const credential: Record<string, string> =
        kind === 'coordinatorKey' || kind === 'revokedKey' ? { Authorization: `ApiKey ${secret}` } : { 'X-Api-Key': secret };
      const res = await as('anonymous', method, path, body, { ...headers, ...credential });
      expect({ kind, status: res.status, code: res.body?.code }).toMatchObject({ kind, status: expectedForKey(c, kind) });
      if (res.status === 401) expect(res.body.code).toBe('INVALID_API_KEY');
      if (res.status === 403 && (kind === 'readOnlyKey' || kind === 'outOfScopeKey') && c.rule !== 'admin')
        expect(res.body.requiredScope).toBe(area || null);
    });
  });

  it("shows an editor only their own departments' items in lists asked for without a department", async () => {
    // Issue 16 item 6: without ?department=, these lists gave every department's items, the source
    // changes with the addresses they were routed to.
    await feedback();
    await linked();
    type Body = any;
    const lists: [string, (body: Body) => string[]][] = [
      ['/api/feedback/summary', (b) => [...b.departments.map((d: Body) => d.slug), ...b.articles.map((a: Body) => a.departmentId)]],
      ['/api/national-content/changes', (b) => b.map((c: Body) => c.department.slug)],
      ['/api/feedback', (b) => b.items.map((f: Body) => f.department?.slug ?? f.departmentId)],
    ];
    const burgerzaken = ((await as('admin', 'GET', '/api/departments/burgerzaken')).body as { id: string }).id;
    for (const [path, departmentsIn] of lists) {
      const seen = async (who: Who) => {
        const res = await as(who, 'GET', path);
        expect({ path, who, status: res.status }).toEqual({ path, who, status: 200 });
        return new Set(departmentsIn(res.body));
      };
      const hasBurgerzaken = (set: Set<string>) => set.has('burgerzaken') || set.has(burgerzaken);
      expect({ path, other: hasBurgerzaken(await seen('editorOther')) }).toEqual({ path, other: false });
      expect({ path, own: hasBurgerzaken(await seen('editorOwn')) }).toEqual({ path, own: true });
      expect({ path, coordinator: hasBurgerzaken(await seen('coordinator')) }).toEqual({ path, coordinator: true });
    }
  });

  it('lets the owner confirm the review of their own article', async () => {
    const a = await published();
    expect((await as('creator', 'POST', `/api/articles/${a.id}/confirm-review`)).status).toBe(200);
  });

  it('lets nobody approve their own change, unless the department allows it', async () => {
    const a = await inReview();
    const selfApproval = await as('creator', 'POST', `/api/articles/${a.id}/approve`);
    expect(selfApproval.status).toBe(403);
    expect(selfApproval.body.reason).toBe('SELF_APPROVAL');
    await ok(await as('admin', 'PATCH', '/api/departments/burgerzaken', { allowSelfApproval: true }), 200);
    expect((await as('creator', 'POST', `/api/articles/${a.id}/approve`)).status).toBe(200);
    await ok(await as('admin', 'PATCH', '/api/departments/burgerzaken', { allowSelfApproval: false }), 200);
  });

  it('does not let an editor move an article into another department', async () => {
    const a = await fresh(draft);
    const res = await as('editorOwn', 'PATCH', `/api/articles/${a.id}`, { department: 'belastingen' }, { 'If-Match': a.etag });
    expect(res.status).toBe(403);
  });

  describe('tokens', () => {
    const search = (authorization?: string) => {
      const req = t.http.get('/api/search?q=paspoort');
      return authorization ? req.set('Authorization', authorization) : req;
    };

    it('answers 401 with a Bearer challenge without a token', async () => {
      const res = await search();
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
      expect(res.headers['www-authenticate']).toBe('Bearer realm="kennisbank"');
      expect((await search('Basic YWxpY2U6c2VjcmV0')).status).toBe(401);
    });

    it('accepts identity-provider tokens (roles in roles or realm_access) and creates the user on first sight', async () => {
      const token = await idp.token({ sub: 'kc-123', email: 'Fatima@Lindeveen.nl', name: 'Fatima', roles: ['agent'] });
      expect((await search(`Bearer ${token}`)).status).toBe(200);
      const [user] = await t.dataSource.query(`SELECT email, name FROM users WHERE subject = 'kc-123'`);
      expect(user).toEqual({ email: 'fatima@lindeveen.nl', name: 'Fatima' });
      const keycloak = await idp.token({
        sub: 'kc-456',
        email: 'joost@lindeveen.nl',
        realm_access: { roles: ['agent', 'offline_access'] },
      });
      expect((await search(`Bearer ${keycloak}`)).status).toBe(200);
    });

    it('follows key rotation and refuses keys it does not publish', async () => {
      const kid = await idp.rotate('key-2');
      expect((await search(`Bearer ${await idp.token({ sub: 'kc-789', roles: ['agent'] }, { kid })}`)).status).toBe(200);
      const stranger = await idp.unpublishedKey('key-unknown');
      const res = await search(`Bearer ${await idp.token({ sub: 'kc-789', roles: ['agent'] }, { key: stranger })}`);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_TOKEN');
    });

    it.each([
      ['an expired token', async () => mintLocalToken(SECRET, { sub: 'x', roles: ['agent'] }, -3600)],
      ['another secret', async () => mintLocalToken('another-secret-0123456789-abcdefghijkl', { sub: 'x', roles: ['agent'] })],
      [
        'a tampered payload',
        async () => {
          const [header, payload, signature] = (await mintLocalToken(SECRET, { sub: 'x', roles: ['agent'] })).split('.');
          const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
          return [header, Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url'), signature].join('.');
        },
      ],
      ['the wrong audience', async () => idp.token({ sub: 'x', roles: ['agent'] }, { audience: 'other-api' })],
      ['the wrong issuer', async () => idp.token({ sub: 'x', roles: ['agent'] }, { issuer: 'https://evil.example' })],
      ['an expired provider token', async () => idp.token({ sub: 'x', roles: ['agent'] }, { expiresIn: -3600 })],
      [
        'alg none',
        async () =>
          `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', roles: ['admin'], exp: 9999999999 })).toString('base64url')}.`,
      ],
      ['garbage', async () => 'not.a.token'],
    ])('refuses %s with 401', async (_label, make) => {
      const res = await search(`Bearer ${await make()}`);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_TOKEN');
      expect(res.headers['www-authenticate']).toContain('invalid_token');
    });

    it('answers 403, not 401, for a valid token without the role', async () => {
      const noRoles = await mintLocalToken(SECRET, { sub: 'nobody', roles: [] });
      const res = await search(`Bearer ${noRoles}`);
      expect(res.status).toBe(403);
      expect(res.body.requiredRole).toBe('agent');
    });
  });
});
