import { randomUUID } from 'node:crypto';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApiKey,
  DEFAULT_SETTINGS,
  Doc,
  ErrorBody,
  HttpAnswer,
  IndexState,
  RecordedRequest,
  RequestMatch,
  SearchAnswer,
  Settings,
  TaskMatch,
  TaskView,
  answerSearch,
  applySettings,
  error,
} from './contract-state';
import { ContractTaskQueue } from './contract-tasks';
import { MatchedOperation, MeilisearchContract } from './openapi-contract';

/**
 * An in-process HTTP server that speaks Meilisearch's API as its OpenAPI description (v1.53) and
 * documentation define it, for testing the adapter without a Meilisearch:
 * - every request is checked against the description (path, method, parameters, body, with unknown
 *   fields rejected as the server does); a request that does not conform is answered 400 and kept in
 *   `violations`, so a test fails even when the adapter swallows the error;
 * - every response it gives is checked against the description too (a bug here lands in `violations`);
 * - it keeps the state it needs to answer validly: indexes, their settings and the documents it was
 *   sent, tasks (processed in order, cancelation first), API keys;
 * - it does not search. A search answers no hits unless a test gives it a canned answer (which must
 *   validate as well): tests check our requests and our handling of answers, not relevance.
 * Faults are switched on per test: failed tasks, tasks that never finish, error statuses, slow
 * answers, requests held until released.
 */

export class MeilisearchContractServer {
  readonly contract = new MeilisearchContract();
  readonly requests: RecordedRequest[] = [];
  /** requests or responses that broke the description, and requests the server refused as invalid */
  readonly violations: string[] = [];
  readonly indexes = new Map<string, IndexState>();
  private readonly taskQueue = new ContractTaskQueue();
  readonly tasks: TaskView[] = this.taskQueue.tasks;
  /** what GET /version reports */
  version = '1.53.0';
  /** the master key; null runs the server without authentication (development mode) */
  masterKey: string | null;
  readonly keys: ApiKey[] = [];
  /** canned answer for searches (the server itself does not rank) */
  searchAnswer: ((body: Record<string, unknown>) => SearchAnswer) | null = null;

  private server!: Server;
  private erroring: { match: RequestMatch; status: number; error: ErrorBody }[] = [];
  private slow: { match: RequestMatch; ms: number }[] = [];
  private gates: { match: RequestMatch; open: Promise<void>; release: () => void; reached: () => void }[] = [];

  private constructor(masterKey: string | null) {
    this.masterKey = masterKey;
  }

  static async start(options: { masterKey?: string | null; version?: string } = {}): Promise<MeilisearchContractServer> {
    const s = new MeilisearchContractServer(options.masterKey === undefined ? 'contract-master-key-0123456789' : options.masterKey);
    if (options.version) s.version = options.version;
    s.server = createServer((req, res) => {
      // A bug in this server must fail the test, not hang the request.
      s.handle(req, res).catch((e: Error) => {
        s.violations.push(`contract server crashed: ${e.stack ?? e.message}`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end();
      });
    });
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
    s.warmUp();
    return s;
  }

  /**
   * Compiles the largest validators (settings, search) before the adapter's first request: compiling
   * takes seconds on a busy machine, which is this server's time, not the adapter's timeouts.
   */
  private warmUp(): void {
    const check = (method: string, pathname: string, body: unknown) =>
      this.contract.checkRequest({ method, pathname, query: new URLSearchParams(), contentType: 'application/json', body });
    const settings = check('PATCH', '/indexes/warm/settings', {});
    check('POST', '/indexes/warm/search', { q: '' });
    check('POST', '/indexes/warm/documents', []);
    if (settings.matched) this.contract.checkResponse({ ...settings.matched, method: 'GET' , operation: this.contract.match('GET', '/indexes/warm/settings')!.operation }, 200, DEFAULT_SETTINGS());
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.heal();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** An API key with these actions on these indexes (as Meilisearch's key management would create). */
  addKey(actions: string[], indexes: string[] = ['*'], name: string | null = null): string {
    const now = new Date().toISOString();
    const key = randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, '');
    this.keys.push({ uid: randomUUID(), key, name, description: null, actions, indexes, expiresAt: null, createdAt: now, updatedAt: now });
    return key;
  }

  // ---- faults -------------------------------------------------------------------------------

  /** Matching tasks end `failed` with this error code. */
  failTasks(match: TaskMatch, code: string, message = `simulated ${code}`): void {
    this.taskQueue.failTasks(match, code, message);
  }

  /** Matching tasks stay `processing` (and, as in Meilisearch, hold up the tasks behind them). */
  holdTasks(match: TaskMatch): void {
    this.taskQueue.holdTasks(match);
  }

  releaseTasks(): void {
    this.taskQueue.releaseTasks();
  }

  /** Matching requests are answered with this status and an error body. */
  answerWith(match: RequestMatch, status: number, code = 'internal', message = `simulated ${status}`): void {
    this.erroring.push({ match, status, error: error(code, message, status >= 500 ? 'internal' : 'invalid_request') });
  }

  /** Matching requests are answered only after `ms`. */
  delay(match: RequestMatch, ms: number): void {
    this.slow.push({ match, ms });
  }

  /** Matching requests wait until `release()`; `reached` resolves when the first one arrives. */
  hold(match: RequestMatch): { reached: Promise<void>; release: () => void } {
    let release!: () => void;
    let reached!: () => void;
    const open = new Promise<void>((resolve) => (release = resolve));
    const arrived = new Promise<void>((resolve) => (reached = resolve));
    this.gates.push({ match, open, release, reached });
    return { reached: arrived, release };
  }

  /** Every fault off; held requests and tasks go on. */
  heal(): void {
    this.erroring = [];
    this.slow = [];
    for (const gate of this.gates) gate.release();
    this.gates = [];
    this.taskQueue.heal();
  }

  // ---- state helpers for tests ---------------------------------------------------------------

  documents(uid: string): Map<string, Doc> {
    return this.indexes.get(uid)?.documents ?? new Map();
  }

  /** An index as if created earlier (by another process or an operator). */
  seedIndex(uid: string, settings: Settings = {}, documents: Doc[] = []): IndexState {
    const index = this.createIndex(uid, 'id');
    index.settings = applySettings(index.settings, settings);
    for (const d of documents) index.documents.set(String(d.id), d);
    return index;
  }

  requestsTo(operation: string): RecordedRequest[] {
    return this.requests.filter((r) => r.operation === operation);
  }

  /** Resolves when no task is waiting (held tasks excepted). */
  idle(): Promise<void> {
    return this.taskQueue.idle();
  }

  // ---- HTTP ---------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const raw = await readBody(req);
    let body: unknown = undefined;
    const problems: string[] = [];
    if (raw.length) {
      try {
        body = JSON.parse(raw);
      } catch {
        problems.push(`${req.method} ${url.pathname}: body is not JSON`);
      }
    }
    const method = req.method ?? 'GET';
    const check = this.contract.checkRequest({
      method,
      pathname: url.pathname,
      query: url.searchParams,
      contentType: req.headers['content-type'],
      body,
    });
    problems.push(...check.problems);
    const matched = check.matched;
    const recorded: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      operation: matched ? `${method} ${matched.template}` : null,
      indexUid: matched?.pathParams.index_uid ?? null,
    };
    this.requests.push(recorded);

    for (const gate of this.gates.filter((g) => g.match(recorded))) {
      gate.reached();
      await gate.open;
    }
    const delay = this.slow.filter((s) => s.match(recorded)).reduce((sum, s) => sum + s.ms, 0);
    if (delay) await new Promise((r) => setTimeout(r, delay));
    // (req.destroyed is true once its body has been read; the socket says whether the client gave up.)
    if (res.destroyed || !res.socket || res.socket.destroyed) return;

    let answer: HttpAnswer;
    const fault = this.erroring.find((e) => e.match(recorded));
    if (problems.length) {
      this.violations.push(...problems);
      answer = new HttpAnswer(400, error('bad_request', problems.join('; ')));
    } else if (fault) {
      answer = new HttpAnswer(fault.status, fault.error);
    } else {
      answer = this.authorize(req.headers.authorization, matched!) ?? this.route(matched!, url.searchParams, body);
    }
    if (matched) {
      const wrong = this.contract.checkResponse(matched, answer.status, answer.body);
      if (wrong.length) this.violations.push(...wrong.map((w) => `server answered outside the description: ${w}`));
    }
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  }

  private authorize(header: string | undefined, matched: MatchedOperation): HttpAnswer | null {
    const security = matched.operation.security ?? [];
    if (this.masterKey === null || security.length === 0) return null;
    const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
    if (!token)
      return new HttpAnswer(
        401,
        error('missing_authorization_header', 'The Authorization header is missing. It must use the bearer authorization method.', 'auth'),
      );
    if (token === this.masterKey) return null;
    const key = this.keys.find((k) => k.key === token);
    const allowed = security.flatMap((s) => s.Bearer ?? []);
    const index = matched.pathParams.index_uid;
    const permitted =
      key &&
      key.actions.some((a) => allowed.includes(a)) &&
      (!index || key.indexes.some((p) => p === '*' || p === index || (p.endsWith('*') && index.startsWith(p.slice(0, -1)))));
    if (!permitted) return new HttpAnswer(403, error('invalid_api_key', 'The provided API key is invalid.', 'auth'));
    return null;
  }

  private route(m: MatchedOperation, query: URLSearchParams, body: unknown): HttpAnswer {
    const uid = m.pathParams.index_uid;
    const index = uid ? this.indexes.get(uid) : undefined;
    const notFound = () => new HttpAnswer(404, error('index_not_found', `Index \`${uid}\` not found.`));
    switch (`${m.method} ${m.template}`) {
      case 'GET /health':
        return new HttpAnswer(200, { status: 'available' });
      case 'GET /version':
        return new HttpAnswer(200, { commitSha: '0000000000000000000000000000000000000000', commitDate: '2026-01-01', pkgVersion: this.version });
      case 'GET /keys': {
        const offset = Number(query.get('offset') ?? 0);
        const limit = Number(query.get('limit') ?? 20);
        return new HttpAnswer(200, { results: this.keys.slice(offset, offset + limit), offset, limit, total: this.keys.length });
      }
      case 'GET /tasks/{task_id}': {
        const task = this.tasks.find((t) => t.uid === Number(m.pathParams.task_id));
        return task ? new HttpAnswer(200, task) : new HttpAnswer(404, error('task_not_found', `Task \`${m.pathParams.task_id}\` not found.`));
      }
      case 'POST /tasks/cancel': {
        const uids = (query.get('uids') ?? '').split(',').filter(Boolean).map(Number);
        if (!uids.length) return new HttpAnswer(400, error('missing_task_filters', 'Query parameters to filter the tasks are missing.'));
        return this.taskQueue.enqueue(null, 'taskCancelation', { matchedTasks: uids.length, canceledTasks: null }, (task) => {
          for (const target of this.tasks.filter((t) => uids.includes(t.uid) && ['enqueued', 'processing'].includes(t.status))) {
            Object.assign(target, { status: 'canceled', canceledBy: task.uid, finishedAt: new Date().toISOString() });
            this.taskQueue.drop(target);
          }
        });
      }
      case 'GET /indexes/{index_uid}':
        return index
          ? new HttpAnswer(200, { uid, createdAt: index.createdAt, updatedAt: index.updatedAt, primaryKey: index.primaryKey })
          : notFound();
      case 'GET /indexes/{index_uid}/settings':
        return index ? new HttpAnswer(200, index.settings) : notFound();
      case 'GET /indexes/{index_uid}/stats':
        if (!index) return notFound();
        return new HttpAnswer(200, {
          numberOfDocuments: index.documents.size,
          indexSize: 0,
          usedIndexSize: 0,
          rawDocumentDbSize: 0,
          avgDocumentSize: 0,
          isIndexing: this.taskQueue.isIndexing(uid),
          fieldDistribution: {},
        });
      case 'POST /indexes': {
        const { uid: newUid, primaryKey } = body as { uid: string; primaryKey?: string | null };
        return this.taskQueue.enqueue(newUid, 'indexCreation', { primaryKey: primaryKey ?? null }, () => {
          if (this.indexes.has(newUid)) throw error('index_already_exists', `Index \`${newUid}\` already exists.`);
          this.createIndex(newUid, primaryKey ?? null);
        });
      }
      case 'DELETE /indexes/{index_uid}':
        return this.taskQueue.enqueue(uid, 'indexDeletion', { deletedDocuments: index?.documents.size ?? 0 }, () => {
          if (!this.indexes.delete(uid)) throw error('index_not_found', `Index \`${uid}\` not found.`);
        });
      case 'PATCH /indexes/{index_uid}/settings':
        return this.taskQueue.enqueue(uid, 'settingsUpdate', body as Record<string, unknown>, () => {
          const target = this.indexes.get(uid) ?? this.createIndex(uid, null);
          target.settings = applySettings(target.settings, body as Settings);
          target.updatedAt = new Date().toISOString();
        });
      case 'POST /indexes/{index_uid}/documents': {
        const documents = body as Doc[];
        if (!Array.isArray(documents)) return new HttpAnswer(400, error('malformed_payload', 'The payload must be an array of documents.'));
        return this.taskQueue.enqueue(uid, 'documentAdditionOrUpdate', { receivedDocuments: documents.length, indexedDocuments: null }, (task) => {
          const target = this.indexes.get(uid) ?? this.createIndex(uid, null);
          const key = target.primaryKey ?? query.get('primaryKey') ?? 'id';
          for (const d of documents) {
            const id = d[key];
            if (id === undefined) throw error('missing_document_id', `Document doesn't have a \`${key}\` attribute.`);
            if (!(typeof id === 'number' || (typeof id === 'string' && /^[A-Za-z0-9_-]{1,511}$/.test(id))))
              throw error('invalid_document_id', `Document identifier \`${JSON.stringify(id)}\` is invalid.`);
          }
          target.primaryKey = key;
          for (const d of documents) target.documents.set(String(d[key]), d);
          target.updatedAt = new Date().toISOString();
          task.details = { receivedDocuments: documents.length, indexedDocuments: documents.length };
        });
      }
      case 'POST /indexes/{index_uid}/documents/delete-batch': {
        const ids = body as (string | number)[];
        return this.taskQueue.enqueue(uid, 'documentDeletion', { providedIds: ids.length, deletedDocuments: null }, (task) => {
          const target = this.indexes.get(uid);
          if (!target) throw error('index_not_found', `Index \`${uid}\` not found.`);
          let deleted = 0;
          for (const id of ids) if (target.documents.delete(String(id))) deleted++;
          task.details = { providedIds: ids.length, deletedDocuments: deleted };
        });
      }
      case 'POST /swap-indexes': {
        const swaps = body as { indexes: [string, string]; rename?: boolean }[];
        return this.taskQueue.enqueue(null, 'indexSwap', { swaps }, () => {
          for (const { indexes: [a, b], rename } of swaps) {
            const first = this.indexes.get(a);
            const second = this.indexes.get(b);
            if (!first) throw error('index_not_found', `Index \`${a}\` not found.`);
            if (rename) {
              if (second) throw error('index_already_exists', `Index \`${b}\` already exists.`);
              this.indexes.delete(a);
              this.indexes.set(b, { ...first, uid: b });
            } else {
              if (!second) throw error('index_not_found', `Index \`${b}\` not found.`);
              this.indexes.set(a, { ...second, uid: a });
              this.indexes.set(b, { ...first, uid: b });
            }
          }
        });
      }
      case 'POST /indexes/{index_uid}/search':
        return index ? answerSearch(index, body as Record<string, unknown>, this.searchAnswer) : notFound();
      default:
        return new HttpAnswer(501, error('internal', `${m.method} ${m.template} is valid but this test server does not implement it`, 'internal'));
    }
  }

  /**
   * Checks what Meilisearch checks against the index (filterable, searchable, embedders) and
   * answers the canned hits, or none. It never ranks.
   */
  private createIndex(uid: string, primaryKey: string | null): IndexState {
    const now = new Date().toISOString();
    const index: IndexState = { uid, primaryKey, createdAt: now, updatedAt: now, settings: DEFAULT_SETTINGS(), documents: new Map() };
    this.indexes.set(uid, index);
    return index;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
