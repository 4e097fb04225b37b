// @ts-check
import { signOut, token } from './session.js';

/** @template {string} P @typedef {import('./types.js').ResponseFor<P>} ResponseFor */
/** @template T @typedef {import('./types.js').ApiResponse<T>} ApiResponse */

/** An error body: `message`, and per field at fault its `field` and `message`. */
/** @typedef {{ message?: string, code?: string, errors?: Array<{ field: string, message: string }> } | null} ErrorBody */

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {ErrorBody} body
   */
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/**
 * Calls the API as the signed-in user. Returns { status, body, etag }, the body typed by the path
 * (types.js, ResponseFor); throws ApiError on 4xx/5xx.
 * @template {string} P
 * @param {P} path
 * @param {{ method?: string, body?: unknown, ifMatch?: string | null, signal?: AbortSignal }} [options]
 * @returns {Promise<ApiResponse<ResponseFor<P>>>}
 */
export async function api(path, { method = 'GET', body, ifMatch, signal } = {}) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  const t = token();
  if (t) headers.Authorization = `Bearer ${t}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch) headers['If-Match'] = ifMatch;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (res.status === 401) {
    signOut();
    if (!location.hash.startsWith('#/inloggen')) location.hash = `#/inloggen?terug=${encodeURIComponent(location.hash)}`;
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return { status: res.status, body: data, etag: res.headers.get('ETag') };
}

/**
 * A readable Dutch message for an API error, with the fields at fault.
 * @param {unknown} error
 */
export function describeError(error) {
  if (!(error instanceof ApiError)) return 'Er ging iets mis met de verbinding. Probeer het opnieuw.';
  const fields = (error.body?.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ');
  const base =
    /** @type {Record<number, string>} */ ({
      400: 'De invoer is niet geldig',
      403: 'U hebt hiervoor geen rechten',
      404: 'Niet gevonden',
      409: 'Dit kan nu niet',
      412: 'Iemand anders heeft dit intussen gewijzigd',
      429: 'Te veel verzoeken; wacht even',
    })[error.status] ?? 'Er ging iets mis';
  return `${base}${error.body?.message ? ` (${error.body.message})` : ''}${fields ? `: ${fields}` : ''}`;
}
