import { mintLocalToken } from '../../src/auth/local-token';
import { capturedLogger } from '../support/captured-logger';
import { TestApp, createTestApp } from '../setup/test-app';

const SECRET = 'test-secret-0123456789-abcdefghijklmnop';

describe('structured logs (e2e)', () => {
  let t: TestApp;
  const lines: string[] = [];
  let token: string;

  beforeAll(async () => {
    t = await createTestApp({ AUTH_JWT_SECRET: SECRET }, undefined, { logger: capturedLogger('debug', lines) });
    token = await mintLocalToken(SECRET, { sub: 'agent-1', roles: ['agent'], email: 'fatima@lindeveen.nl' });
  });
  afterAll(async () => t.close());

  const linesOf = (requestId: string) =>
    lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.requestId === requestId);

  it('writes one JSON object per line with level, time and message', () => {
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines)
      expect(JSON.parse(line)).toEqual(expect.objectContaining({ level: expect.any(String), time: expect.any(String) }));
  });

  it('logs a search with its request id, but neither the token nor what the agent typed', async () => {
    const res = await t.http
      .get('/api/search?q=bsn%20123456782%20paspoort&limit=5')
      .set('Authorization', `Bearer ${token}`)
      .set('X-Request-Id', 'req-log-test-0001')
      .set('Cookie', 'session=geheim-koekje');
    expect(res.status).toBe(200);
    const mine = linesOf('req-log-test-0001');
    expect(mine).toContainEqual(
      expect.objectContaining({ method: 'GET', url: '/api/search?q=[redacted]&limit=5', statusCode: 200, level: 'info' }),
    );
    const all = lines.join('\n');
    expect(all).not.toContain(token);
    expect(all).not.toContain(token.split('.')[2]);
    expect(all).not.toContain('123456782');
    expect(all).not.toContain('geheim-koekje');
  });

  it('puts the request id on the lines Nest and the error filter write during a request', async () => {
    const res = await t.http.get('/api/departments/123456782').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(404);
    const requestId = res.headers['x-request-id'];
    const mine = linesOf(requestId);
    // the filter's warning and the access line
    expect(mine).toContainEqual(
      expect.objectContaining({ context: 'HttpError', level: 'warn', msg: 'GET /api/departments/[bsn] 404 DEPARTMENT_NOT_FOUND' }),
    );
    expect(mine).toContainEqual(expect.objectContaining({ url: '/api/departments/[bsn]', statusCode: 404, level: 'warn' }));
    expect(lines.join('\n')).not.toContain('123456782');
  });

  it('logs a call with a bad API key without the key', async () => {
    const res = await t.http.get('/api/departments').set('X-Api-Key', 'kb_not-a-real-key');
    expect(res.status).toBe(401);
    expect(linesOf(res.headers['x-request-id'])).toContainEqual(expect.objectContaining({ statusCode: 401, level: 'warn' }));
    expect(lines.join('\n')).not.toContain('kb_not-a-real-key');
  });

  it('logs a failed sign-in without the token it was given', async () => {
    const forged = `${token.slice(0, -4)}AAAA`;
    const res = await t.http.get('/api/search?q=x').set('Authorization', `Bearer ${forged}`);
    expect(res.status).toBe(401);
    expect(linesOf(res.headers['x-request-id'])).toContainEqual(expect.objectContaining({ statusCode: 401 }));
    expect(lines.join('\n')).not.toContain(forged.split('.')[1]);
  });
});
