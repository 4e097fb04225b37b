import { wordDiff } from './word-diff';

describe('wordDiff', () => {
  it('replaces whole words, keeping amounts in one piece', () => {
    expect(wordDiff('Een paspoort kost € 84,70 per stuk.', 'Een paspoort kost € 88,10 per stuk, ook online.')).toEqual([
      { op: 'equal', text: 'Een paspoort kost € ' },
      { op: 'delete', text: '84,70' },
      { op: 'insert', text: '88,10' },
      { op: 'equal', text: ' per ' },
      { op: 'delete', text: 'stuk.' },
      { op: 'insert', text: 'stuk, ook online.' },
    ]);
  });

  it('keeps line breaks and reads back to either text', () => {
    const before = 'Regel een.\n\nRegel twee.';
    const after = 'Regel een.\n\nRegel drie.\nNieuw.';
    const parts = wordDiff(before, after);
    expect(
      parts
        .filter((p) => p.op !== 'insert')
        .map((p) => p.text)
        .join(''),
    ).toBe(before);
    expect(
      parts
        .filter((p) => p.op !== 'delete')
        .map((p) => p.text)
        .join(''),
    ).toBe(after);
  });

  it('is one equal part for equal texts and one insert from nothing', () => {
    expect(wordDiff('Gelijk', 'Gelijk')).toEqual([{ op: 'equal', text: 'Gelijk' }]);
    expect(wordDiff('', 'Nieuw')).toEqual([{ op: 'insert', text: 'Nieuw' }]);
  });
});
