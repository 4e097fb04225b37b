import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Who a write is done for, as the audit log records it. */
export interface ActingParty {
  /** users.id of the person (or of the API key's service account) */
  userId: string | null;
  /** the identity provider's subject claim (null in open development mode) */
  subject: string | null;
  apiKeyId: string | null;
}

/**
 * What every log line and audit row needs to know about the work in progress, without passing it
 * through every call: the request id and, once authenticated, the acting party. Work outside a
 * request (worker jobs, CLI commands) runs under an `origin` such as `worker` or `cli:import`.
 */
export interface RequestContext {
  requestId: string | null;
  actor: ActingParty | null;
  origin: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },

  current(): RequestContext | undefined {
    return storage.getStore();
  },

  /** Records who is acting for the rest of the request (the auth guard calls this). */
  setActor(actor: ActingParty): void {
    const context = storage.getStore();
    if (context) context.actor = actor;
  },
};

/**
 * Opens the context for one HTTP request. Mounted after the body parser: the parser resumes the
 * request from socket events, which would run outside a context opened before it.
 */
export function bindRequestContext(req: IncomingMessage, _res: ServerResponse, next: () => void): void {
  storage.run({ requestId: typeof req.id === 'string' ? req.id : null, actor: null, origin: 'http' }, next);
}
