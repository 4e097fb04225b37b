import { DutchAnalyzer } from '../dutch/dutch-analyzer';
import { HitText, WeightedGroup, answerEvidence, confidenceOf } from './confidence';
import { planQuery } from './query-plan';
import { SynonymIndex } from './synonym-index';

describe('answer evidence and confidence', () => {
  const analyzer = new DutchAnalyzer();
  const synonyms = new SynonymIndex([], analyzer);
  /** Groups of a query, weighted as the engine would: by idf from these document frequencies. */
  const groups = (q: string, df: Record<string, number>, corrections: Record<string, string[]> = {}): WeightedGroup[] =>
    planQuery(q, analyzer, synonyms).groups.map((g) => ({
      ...g,
      weight: Math.log(1 + (1000 - (df[g.words[0]] ?? 0) + 0.5) / ((df[g.words[0]] ?? 0) + 0.5)),
      corrections: (corrections[g.words[0]] ?? []).map((w) => analyzer.key(w)),
    }));
  const passport: HitText = {
    title: 'Paspoort aanvragen',
    synonyms: ['reisdocument'],
    summary: 'Vraag een paspoort aan bij de gemeente.',
    bodyText: 'U maakt een afspraak. Neem een pasfoto mee. De kosten staan op de website. Bij verlies of diefstal doet u eerst aangifte.',
  };

  it('is complete when the title names every word', () => {
    const evidence = answerEvidence(groups('paspoort aanvragen ', { paspoort: 10, aanvragen: 300 }), passport, analyzer);
    expect(evidence).toBeCloseTo(1);
    expect(confidenceOf(true, evidence)).toBe('high');
  });

  it('is low when the rare word of the question appears nowhere in the hit', () => {
    const evidence = answerEvidence(groups('visum aanvragen ', { visum: 0, aanvragen: 300 }), passport, analyzer);
    expect(evidence).toBeLessThan(0.3);
    expect(confidenceOf(true, evidence)).toBe('low');
  });

  it('counts words found only in the body for less than in the title', () => {
    const inTitle = answerEvidence(groups('paspoort ', { paspoort: 10 }), passport, analyzer);
    const inBody = answerEvidence(groups('pasfoto ', { pasfoto: 10 }), passport, analyzer);
    expect(inBody).toBeGreaterThan(0);
    expect(inBody).toBeLessThan(inTitle);
  });

  it('counts a typo the engine corrected, and the unfinished last word as a prefix', () => {
    expect(answerEvidence(groups('paspot ', { paspot: 0 }, { paspot: ['paspoort'] }), passport, analyzer)).toBeCloseTo(1);
    expect(answerEvidence(groups('paspoort aanvr', { paspoort: 10, aanvr: 300 }), passport, analyzer)).toBeCloseTo(1);
  });

  it('says none without hits or without any evidence', () => {
    expect(confidenceOf(false, 1)).toBe('none');
    expect(confidenceOf(true, 0)).toBe('none');
    expect(answerEvidence([], passport, analyzer)).toBe(0);
  });
});
