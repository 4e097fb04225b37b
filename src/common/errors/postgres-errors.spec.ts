import { isDatabaseUnavailable, isUniqueViolation } from './postgres-errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['connection refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['connection reset', withCode('ECONNRESET')],
    ['an unresolvable host', withCode('ENOTFOUND')],
    ['admin shutdown (restart)', withCode('57P01', 'terminating connection due to administrator command')],
    ['a server starting up', withCode('57P03', 'the database system is starting up')],
    ['too many connections', withCode('53300')],
    ['a connection exception class error', withCode('08006')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    ['a wrapped driver error (TypeORM)', Object.assign(new Error('QueryFailedError'), { driverError: withCode('57P01') })],
    [
      'an AggregateError of refused addresses',
      Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], ''), {}),
    ],
  ])('recognises %s', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['a syntax error', withCode('42601')],
    ['a statement timeout', withCode('57014')],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['nothing', undefined],
    ['a string', 'ECONNREFUSED'],
  ])('does not mistake %s for an outage', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('isUniqueViolation', () => {
  it('matches the code and, when given, the constraint', () => {
    const error = Object.assign(withCode('23505'), { constraint: 'uq_articles_slug' });
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(error, 'uq_articles_slug')).toBe(true);
    expect(isUniqueViolation(error, 'other')).toBe(false);
    expect(isUniqueViolation({ driverError: { code: '23505' } })).toBe(true);
  });
});
