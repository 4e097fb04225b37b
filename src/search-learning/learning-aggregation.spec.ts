import type { Reformulation } from '../analytics/reformulations.service';
import { DutchAnalyzer } from '../search/dutch/dutch-analyzer';
import { aggregateReformulations, carriesPersonalData, swappedTerms, variantOf } from './learning-aggregation';

const analyzer = new DutchAnalyzer();
const at = (day: number, minute = 0) => new Date(Date.UTC(2026, 10, day, 9, minute));
const r = (searcher: string, day: number, failedQuery: string, successQuery: string, articleId = 'a1'): Reformulation => ({
  searcher,
  failedQuery,
  failedAt: at(day),
  successQuery,
  articleId,
});

describe('learning aggregation', () => {
  describe('carriesPersonalData', () => {
    it('flags what the scrubber finds and the placeholders it left in the log', () => {
      expect(carriesPersonalData('bsn 123456782 verhuizen')).toBe(true);
      expect(carriesPersonalData('j.jansen@example.nl wachtwoord')).toBe(true);
      expect(carriesPersonalData('verhuizen [bsn]')).toBe(true);
      expect(carriesPersonalData('reisdocument gestolen op vakantie')).toBe(false);
    });
  });

  describe('swappedTerms', () => {
    it('finds the word the agent swapped', () => {
      expect(swappedTerms('id kwijt buitenland', 'paspoort kwijt buitenland', analyzer)?.terms.map((w) => w.map((x) => x.text))).toEqual([
        ['id'],
        ['paspoort'],
      ]);
    });
    it('ignores typo fixes, narrowing and numbers', () => {
      expect(swappedTerms('paspoprt kwijt', 'paspoort kwijt', analyzer)).toBeNull();
      expect(swappedTerms('paspoort', 'paspoort kwijt', analyzer)).toBeNull();
      expect(swappedTerms('formulier 12 kwijt', 'aanvraag kwijt', analyzer)).toBeNull();
    });
  });

  describe('variantOf', () => {
    it('keeps a failed query that says something the successful one does not', () => {
      expect(variantOf('reisdocument gestolen op vakantie', 'paspoort vermist buitenland', analyzer)).toBe(
        'reisdocument gestolen op vakantie',
      );
    });
    it('drops a failed query that only narrows the successful one', () => {
      expect(variantOf('paspoort', 'paspoort kwijt', analyzer)).toBeNull();
    });
  });

  describe('aggregateReformulations', () => {
    const thresholds = { minSearchers: 3, minDays: 2 };
    const pattern = (searcher: string, day: number) => r(searcher, day, 'reisdocument gestolen op vakantie', 'paspoort vermist buitenland');

    it('suggests what several agents on several days did', () => {
      const out = aggregateReformulations([pattern('s1', 1), pattern('s2', 1), pattern('s3', 2)], thresholds, analyzer);
      expect(out.questions).toEqual([
        expect.objectContaining({ articleId: 'a1', question: 'reisdocument gestolen op vakantie', searchers: 3, days: 2 }),
      ]);
    });

    it('never lets one agent push a suggestion, however often', () => {
      // one pseudonym per day: one agent on many days, never two on the same day
      const habit = Array.from({ length: 10 }, (_, i) => pattern(`s${i}`, i + 1));
      expect(aggregateReformulations(habit, thresholds, analyzer).questions).toEqual([]);
    });

    it('drops reformulations with personal data and counts them', () => {
      const out = aggregateReformulations(
        [1, 2, 3].map((i) => r(`s${i}`, i === 3 ? 2 : 1, 'paspoort 123456782 kwijt', 'paspoort vermist buitenland')),
        thresholds,
        analyzer,
      );
      expect(out).toEqual({ questions: [], synonyms: [], withPersonalData: 3 });
    });

    it('turns a swapped word into a synonym pair, whichever way round it was typed', () => {
      const out = aggregateReformulations(
        [r('s1', 1, 'id kwijt', 'paspoort kwijt'), r('s2', 1, 'id kwijt', 'paspoort kwijt', 'a2'), r('s3', 2, 'paspoort weg', 'id weg')],
        thresholds,
        analyzer,
      );
      expect(out.synonyms).toEqual([expect.objectContaining({ searchers: 3, days: 2 })]);
      expect([...out.synonyms[0].terms].sort()).toEqual(['id', 'paspoort']);
    });
  });
});
