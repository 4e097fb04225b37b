import type TestAgent from 'supertest/lib/agent';
import { mintLocalToken } from '../../src/auth/local-token';
import type { Role } from '../../src/common/request-context/actor';

/** AUTH_JWT_SECRET for apps whose tests sign in with local tokens. */
export const TEST_JWT_SECRET = 'test-secret-0123456789-abcdefghijklmnop';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Requests as one signed-in person: `as.get(path)`, `as.post(path).send(body)`, ... */
export type SignedIn = Record<Method, (path: string) => ReturnType<TestAgent['get']>> & { email: string };

export async function signIn(http: TestAgent, sub: string, roles: Role[], departments: string[] = [], name = sub): Promise<SignedIn> {
  const email = `${sub}@lindeveen.nl`;
  const token = await mintLocalToken(TEST_JWT_SECRET, { sub, roles, departments, email, name });
  const call = (method: Method) => (path: string) => http[method](path).set('Authorization', `Bearer ${token}`);
  return { get: call('get'), post: call('post'), put: call('put'), patch: call('patch'), delete: call('delete'), email };
}

/** The response, or an error that shows what came back instead of `status`. */
export async function expectStatus<T extends { status: number; body: any }>(res: Promise<T> | T, status: number): Promise<T> {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
}

/** Creates an article as `author`, submits it, and has `approver` approve it; answers the published article. */
export async function publishArticle(
  author: SignedIn,
  approver: SignedIn,
  body: Record<string, unknown>,
): Promise<{ id: string; etag: string }> {
  const created = (await expectStatus(author.post('/api/articles').send(body), 201)).body;
  await expectStatus(author.post(`/api/articles/${created.id}/submit`), 200);
  return (await expectStatus(approver.post(`/api/articles/${created.id}/approve`), 200)).body;
}
