import { mintLocalToken } from '../../src/auth/local-token';
import { UsersService } from '../../src/users/users.service';
import { TestApp, createTestApp } from '../setup/test-app';

const SECRET = 'first-sight-secret-0123456789abcdefghij';

describe('users created on first sight (e2e)', () => {
  let t: TestApp;
  let users: UsersService;
  const rowsOf = (subject: string) =>
    t.dataSource.query(`SELECT id, email, name, subject FROM users WHERE subject = $1 OR email LIKE $1 || '%'`, [subject]);

  beforeAll(async () => {
    t = await createTestApp({ AUTH_JWT_SECRET: SECRET, DATABASE_POOL_SIZE: '20' });
    users = t.app.get(UsersService);
  });
  afterAll(async () => t.close());

  it('answers 20 concurrent first requests from one new identity with 200, and creates one user', async () => {
    // A werkplek opening at shift start: several requests at once, with a token nobody has seen yet.
    const token = await mintLocalToken(SECRET, {
      sub: 'kcc-new-1',
      roles: ['agent'],
      email: 'Nieuw.Agent@lindeveen.nl',
      name: 'Nieuwe Agent',
    });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => t.http.get('/api/departments').set('Authorization', `Bearer ${token}`)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array<number>(20).fill(200));
    expect(await rowsOf('kcc-new-1')).toEqual([
      { id: expect.any(String), email: 'nieuw.agent@lindeveen.nl', name: 'Nieuwe Agent', subject: 'kcc-new-1' },
    ]);
  });

  it('gives 20 concurrent first sightings of one subject the same user', async () => {
    const claims = { subject: 'kcc-new-2', email: 'tweede@lindeveen.nl', name: 'Tweede' };
    const seen = await Promise.all(Array.from({ length: 20 }, () => users.upsertFromClaims(claims)));
    expect(new Set(seen.map((u) => u.id)).size).toBe(1);
    expect(seen[0]).toMatchObject({ email: 'tweede@lindeveen.nl', name: 'Tweede', subject: 'kcc-new-2' });
  });

  it('adopts the user an import created by e-mail address, also when 20 first requests race for it', async () => {
    const imported = await users.ensureByEmail('eigenaar@lindeveen.nl', 'Eigenaar uit import');
    const seen = await Promise.all(
      Array.from({ length: 20 }, () => users.upsertFromClaims({ subject: 'kcc-owner', email: 'Eigenaar@lindeveen.nl', name: 'Eigenaar' })),
    );
    expect(new Set(seen.map((u) => u.id))).toEqual(new Set([imported.id]));
    expect(await rowsOf('kcc-owner')).toEqual([
      { id: imported.id, email: 'eigenaar@lindeveen.nl', name: 'Eigenaar', subject: 'kcc-owner' },
    ]);
  });

  it('keeps an address that belongs to another subject, giving the newcomer an undeliverable one', async () => {
    const first = await users.upsertFromClaims({ subject: 'kcc-a', email: 'gedeeld@lindeveen.nl', name: 'A' });
    const second = await users.upsertFromClaims({ subject: 'kcc-b', email: 'gedeeld@lindeveen.nl', name: 'B' });
    expect(second.id).not.toBe(first.id);
    expect(second.email).toBe('kcc-b@users.invalid');
    expect((await users.upsertFromClaims({ subject: 'kcc-a', email: 'gedeeld@lindeveen.nl', name: 'A' })).id).toBe(first.id);
  });

  it('follows a changed e-mail address and name of a known subject, and users without an address', async () => {
    const before = await users.upsertFromClaims({ subject: 'kcc-c', email: 'oud@lindeveen.nl', name: 'C' });
    const after = await users.upsertFromClaims({ subject: 'kcc-c', email: 'nieuw@lindeveen.nl', name: 'C. de Vries' });
    expect(after).toMatchObject({ id: before.id, email: 'nieuw@lindeveen.nl', name: 'C. de Vries' });
    const nameless = await users.upsertFromClaims({ subject: 'Service Account/1', email: null, name: '' });
    expect(nameless.email).toBe('service_account_1@users.invalid');
  });
});
