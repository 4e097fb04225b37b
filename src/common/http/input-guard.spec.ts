import { findUnsafeInput } from './input-guard';

describe('findUnsafeInput', () => {
  it('accepts ordinary Dutch text, emoji and RTL', () => {
    expect(findUnsafeInput({ title: 'Één paspoort 👩‍👩‍👧', sections: { kosten: '€ 84,85' }, rtl: 'مرحبا', tags: ['a', 'b'] }, '')).toBeNull();
  });

  it.each([
    [{ title: 'a\u0000b' }, 'title', 'NUL_CHARACTER'],
    [{ sections: { kosten: '\ud800' } }, 'sections.kosten', 'INVALID_UNICODE'],
    [{ themes: ['ok', 'x\udfffy'] }, 'themes.1', 'INVALID_UNICODE'],
    [{ 'a\u0000': 1 }, 'a\u0000', 'NUL_CHARACTER'],
    [['\u0000'], '0', 'NUL_CHARACTER'],
    [JSON.parse('[{"externalId":{"constructor":{"kind":[{}]}}}]'), '0.externalId.constructor', 'FORBIDDEN_KEY'],
    [JSON.parse('{"__proto__":{"isAdmin":true}}'), '__proto__', 'FORBIDDEN_KEY'],
  ])('refuses %j at %s', (value, field, code) => {
    expect(findUnsafeInput(value, '')).toEqual(expect.objectContaining({ field, code }));
  });

  it('refuses nesting deeper than the limit, without recursing', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findUnsafeInput(deep, 'body', 32)).toEqual(expect.objectContaining({ code: 'TOO_DEEP' }));
    let fine: unknown = 'x';
    for (let i = 0; i < 32; i++) fine = { a: fine };
    expect(findUnsafeInput(fine, '', 32)).toBeNull();
  });

  it('names path and query fields', () => {
    expect(findUnsafeInput(['', 'api', 'articles', '\u0000'], 'path')).toEqual(expect.objectContaining({ field: 'path.3' }));
    expect(findUnsafeInput({ q: 'a\u0000' }, 'query')).toEqual(expect.objectContaining({ field: 'query.q' }));
  });
});
