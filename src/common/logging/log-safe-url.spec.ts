import { logSafeMessage, logSafeUrl } from './log-safe-url';

describe('logSafeUrl', () => {
  it('keeps ids and ordinary parameters readable', () => {
    expect(logSafeUrl('/api/articles/6f1c2a4e-1111-4222-8333-944455556666/versions/2?limit=20')).toBe(
      '/api/articles/6f1c2a4e-1111-4222-8333-944455556666/versions/2?limit=20',
    );
  });

  it('never logs what an agent typed', () => {
    expect(logSafeUrl('/api/search?q=jan%20de%20vries%20123456782&limit=5')).toBe('/api/search?q=[redacted]&limit=5');
    expect(logSafeUrl('/api/search/suggest?q=pasp')).toBe('/api/search/suggest?q=[redacted]');
  });

  it('scrubs personal data from other parameters and from paths', () => {
    expect(logSafeUrl('/api/articles?owner=jan%40example.nl&department=burgerzaken')).toBe(
      '/api/articles?owner=[e-mail]&department=burgerzaken',
    );
    expect(logSafeUrl('/api/articles/123456782')).toBe('/api/articles/[bsn]');
    expect(logSafeUrl('/api/departments/0612345678')).toBe('/api/departments/[telefoon]');
  });

  it('drops credentials passed in the query', () => {
    expect(logSafeUrl('/api/x?access_token=eyJhbGciOi.abc.def&apiKey=kb_secret')).toBe('/api/x?access_token=[redacted]&apiKey=[redacted]');
  });

  it('survives malformed encodings and caps the length', () => {
    expect(logSafeUrl('/api/%E0%A4%A?x=%ZZ')).toBe('/api/%E0%A4%A?x=%ZZ');
    expect(logSafeUrl(`/api/x?y=${'a'.repeat(5000)}`).length).toBeLessThanOrEqual(1001);
  });

  it('cuts before it scrubs, and drops the part that straddles the cut', () => {
    // Half a BSN is too short to be recognised as one: it must not reach the log.
    const path = `/api/articles/${'x'.repeat(980)}/123456782`;
    expect(logSafeUrl(path)).toBe(`/api/articles/${'x'.repeat(980)}/…`);
    const query = `/api/x?a=1&owner=${'y'.repeat(975)}123456782&b=2`;
    expect(logSafeUrl(query)).toBe('/api/x?a=1&owner=…');
    expect(logSafeUrl(`/api/${'a'.repeat(100_000)}`)).toBe('/api/…');
  });
});

describe('logSafeMessage', () => {
  it('scrubs input quoted in database errors', () => {
    expect(logSafeMessage('invalid input syntax for type uuid: "123456782"')).toBe('invalid input syntax for type uuid: "[bsn]"');
  });

  it('cuts long messages before scrubbing, without the word that straddles the cut', () => {
    const message = `value too long: ${'x '.repeat(490)}123456782 and more`;
    expect(logSafeMessage(message)).toBe(`value too long: ${'x '.repeat(490).trimEnd()}…`);
  });
});
