import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RelevanceCase {
  q: string;
  expect: string[];
  category: string;
}

export const RELEVANCE_CASES: RelevanceCase[] = JSON.parse(readFileSync(join(__dirname, 'queries.json'), 'utf8'));

export interface RelevanceScore {
  cases: number;
  recallAt3: number;
  mrr: number;
  byCategory: Record<string, { cases: number; recallAt3: number; mrr: number }>;
  misses: { q: string; expect: string[]; got: string[] }[];
  /** unanswerable queries that still returned something (informational) */
  noAnswerWithHits: number;
}

/** recall@3 (any expected article in the top 3) and MRR over answerable cases. */
export async function scoreRelevance(cases: RelevanceCase[], search: (q: string) => Promise<string[]>): Promise<RelevanceScore> {
  const byCategory: RelevanceScore['byCategory'] = {};
  const misses: RelevanceScore['misses'] = [];
  let found = 0;
  let reciprocal = 0;
  let answerable = 0;
  let noAnswerWithHits = 0;
  for (const c of cases) {
    const got = await search(c.q);
    if (c.expect.length === 0) {
      if (got.length) noAnswerWithHits++;
      continue;
    }
    answerable++;
    const rank = got.findIndex((id) => c.expect.includes(id));
    const hit = rank >= 0 && rank < 3;
    const rr = rank >= 0 ? 1 / (rank + 1) : 0;
    found += hit ? 1 : 0;
    reciprocal += rr;
    const cat = (byCategory[c.category] ??= { cases: 0, recallAt3: 0, mrr: 0 });
    cat.cases++;
    cat.recallAt3 += hit ? 1 : 0;
    cat.mrr += rr;
    if (!hit) misses.push({ q: c.q, expect: c.expect, got: got.slice(0, 3) });
  }
  for (const cat of Object.values(byCategory)) {
    cat.recallAt3 = round(cat.recallAt3 / cat.cases);
    cat.mrr = round(cat.mrr / cat.cases);
  }
  return {
    cases: answerable,
    recallAt3: round(found / answerable),
    mrr: round(reciprocal / answerable),
    byCategory,
    misses,
    noAnswerWithHits,
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export interface ConfidenceShares {
  /** answerable queries that came back high or medium */
  answerableSure: number;
  /** no-answer queries that came back low or none */
  noAnswerUnsure: number;
  line: string;
}

/** The two confidence figures the acceptance asks for (targets: ≥ 0.90 and ≥ 0.80 on the national set). */
export function confidenceShares(results: { answerable: boolean; confidence: unknown }[]): ConfidenceShares {
  const answerable = results.filter((r) => r.answerable);
  const noAnswer = results.filter((r) => !r.answerable);
  const share = (rows: typeof results, values: string[]) =>
    rows.length ? round(rows.filter((r) => values.includes(String(r.confidence))).length / rows.length) : 0;
  const answerableSure = share(answerable, ['high', 'medium']);
  const noAnswerUnsure = share(noAnswer, ['low', 'none']);
  return {
    answerableSure,
    noAnswerUnsure,
    line: `confidence: answerable high/medium ${answerableSure} (n=${answerable.length}), no-answer low/none ${noAnswerUnsure} (n=${noAnswer.length})`,
  };
}
