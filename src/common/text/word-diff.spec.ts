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
    // one side of the diff: every part but those only the other side has
    const side = (without: 'insert' | 'delete') =>
      parts
        .filter((p) => p.op !== without)
        .map((p) => p.text)
        .join('');
    expect(side('insert')).toBe(before);
    expect(side('delete')).toBe(after);
  });

  it('is one equal part for equal texts and one insert from nothing', () => {
    expect(wordDiff('Gelijk', 'Gelijk')).toEqual([{ op: 'equal', text: 'Gelijk' }]);
    expect(wordDiff('', 'Nieuw')).toEqual([{ op: 'insert', text: 'Nieuw' }]);
  });
});

describe('wordDiff on large or unrelated texts', () => {
  // Issue 16 item 4: an unbounded diff of two long unrelated texts held the event loop for seconds.
  const words = (seed: number, length: number): string => {
    let x = seed;
    let out = '';
    while (out.length < length) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      out += `w${x.toString(36)} `;
    }
    return out.slice(0, length);
  };

  it('answers two unrelated 100,000-character sections in under 200 ms, as one replacement', () => {
    const before = words(1, 100_000);
    const after = words(2, 100_000);
    const started = process.hrtime.bigint();
    const parts = wordDiff(before, after);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(200);
    expect(parts).toEqual([
      { op: 'delete', text: before },
      { op: 'insert', text: after },
    ]);
  });

  it('gives up on too many edits within a text of ordinary size too', () => {
    const before = words(3, 30_000);
    const after = words(4, 30_000);
    const started = process.hrtime.bigint();
    expect(wordDiff(before, after)).toEqual([
      { op: 'delete', text: before },
      { op: 'insert', text: after },
    ]);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(200);
  });

  it('still diffs word by word when a long text has a small edit', () => {
    const text = words(5, 20_000);
    const parts = wordDiff(text, `${text} nieuw`);
    expect(parts.map((p) => p.op)).toEqual(['equal', 'insert']);
  });
});
