import { scopesAllow } from './api-key-scopes';

describe('scopesAllow', () => {
  it('opens a whole area with its name', () => {
    expect(scopesAllow(['search'], ['search'], 'GET')).toBe(true);
    expect(scopesAllow(['search'], ['search'], 'PUT')).toBe(true);
  });

  it('opens only reads with <area>:read', () => {
    expect(scopesAllow(['articles:read'], ['articles'], 'GET')).toBe(true);
    expect(scopesAllow(['articles:read'], ['articles'], 'HEAD')).toBe(true);
    expect(scopesAllow(['articles:read'], ['articles'], 'PATCH')).toBe(false);
    expect(scopesAllow(['articles:read'], ['articles'], 'POST')).toBe(false);
  });

  it('opens nothing outside the listed areas, and no route without an area', () => {
    expect(scopesAllow(['search'], ['import'], 'POST')).toBe(false);
    expect(scopesAllow(['search', 'import'], ['import'], 'POST')).toBe(true);
    expect(scopesAllow(['search'], [], 'GET')).toBe(false);
    expect(scopesAllow([], ['search'], 'GET')).toBe(false);
  });
});
