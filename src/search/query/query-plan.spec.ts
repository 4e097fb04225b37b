import { DutchAnalyzer } from '../dutch/dutch-analyzer';
import { planQuery, rememberedPlan } from './query-plan';
import { SynonymIndex } from './synonym-index';

describe('planQuery', () => {
  const analyzer = new DutchAnalyzer();
  const synonyms = new SynonymIndex(
    [
      ['rijbewijs', 'driving licence'],
      ['afvalpas', 'milieupas'],
    ],
    analyzer,
  );
  const plan = (q: string) => planQuery(q, analyzer, synonyms);
  const k = (w: string) => analyzer.key(w);

  it('drops question openers and stop words, keeping what identifies the product', () => {
    expect(plan('ik wil graag weten hoe ik een paspoort kan aanvragen ').groups.map((g) => g.words)).toEqual([['paspoort'], ['aanvragen']]);
  });

  it('keeps stop words when nothing else is left', () => {
    expect(plan('wie ').groups.map((g) => g.words)).toEqual([['wie']]);
  });

  it('expands a phrase synonym into one group', () => {
    const [group] = plan('driving licence ').groups;
    expect(group.words).toEqual(['driving', 'licence']);
    expect(group.alternatives).toEqual(expect.arrayContaining([[k('rijbewijs')], [k('driving'), k('licence')]]));
  });

  it('offers the parts of a compound and its head as partial credit', () => {
    const [group] = plan('parkeervergunning ').groups;
    expect(group.alternatives).toEqual([[k('parkeervergunning')], [k('parkeer'), k('vergunning')]]);
    expect(group.looseKeys).toEqual([k('vergunning')]);
  });

  it('joins neighbours written apart', () => {
    const groups = plan('afval pas ').groups;
    expect(groups[0].alternatives).toEqual(expect.arrayContaining([[k('afvalpas')]]));
    expect(groups[1].alternatives).toEqual(expect.arrayContaining([[k('afvalpas')]]));
  });

  it('treats the unfinished last word as a prefix, but not after a space', () => {
    expect(plan('grofv').groups[0].prefix).toBe('grofv');
    expect(plan('grofv ').groups[0].prefix).toBeNull();
    expect(plan('paspoo').groups[0].prefix).toBe('paspo');
  });

  it('caps very long input', () => {
    expect(plan(Array.from({ length: 40 }, (_, i) => `woord${i}`).join(' ')).groups).toHaveLength(12);
  });

  it('remembers a plan per query text and synonym index, frozen, and plans anew with other synonyms', () => {
    const first = rememberedPlan('rijbewijs verlengen ', analyzer, synonyms);
    expect(first).toEqual(plan('rijbewijs verlengen '));
    expect(rememberedPlan('rijbewijs verlengen ', analyzer, synonyms)).toBe(first);
    expect(Object.isFrozen(first.groups[0].alternatives)).toBe(true);
    const other = rememberedPlan('rijbewijs verlengen ', analyzer, new SynonymIndex([['rijbewijs', 'rijvaardigheidsbewijs']], analyzer));
    expect(other.groups[0].alternatives).toEqual(expect.arrayContaining([[k('rijvaardigheidsbewijs')]]));
    expect(other.groups[0].alternatives).not.toEqual(expect.arrayContaining([[k('driving'), k('licence')]]));
  });
});
