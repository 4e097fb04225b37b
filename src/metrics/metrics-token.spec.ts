import { metricsTokenAccepted } from './metrics-token';

describe('metricsTokenAccepted', () => {
  const token = 'scrape-token-0123456789';

  it('is open when no token is configured', () => {
    expect(metricsTokenAccepted('', undefined)).toBe(true);
    expect(metricsTokenAccepted('', 'Bearer anything')).toBe(true);
  });

  it('accepts the configured token as a bearer token only', () => {
    expect(metricsTokenAccepted(token, `Bearer ${token}`)).toBe(true);
    expect(metricsTokenAccepted(token, `bearer ${token}`)).toBe(true);
    expect(metricsTokenAccepted(token, token)).toBe(false);
    expect(metricsTokenAccepted(token, `Basic ${token}`)).toBe(false);
  });

  it.each([undefined, '', 'Bearer ', 'Bearer scrape-token', `Bearer ${token}x`, `Bearer ${token} extra`])('refuses %p', (header) => {
    expect(metricsTokenAccepted(token, header)).toBe(false);
  });
});
