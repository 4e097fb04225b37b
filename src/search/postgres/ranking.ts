/**
 * Ranking in the PostgreSQL engine, in one place: how much a query group counts (its weight, from
 * document frequency) and where it matched (its level), and how ts_rank refines the order of the top
 * few. The candidate index scores coverage with these; PostgreSQL refines the order of the best few.
 */

/** How much a group counts, by where it matched: title or synonyms, anywhere else, a compound's head. */
export const LEVELS = { title: 1, summary: 0.8, body: 0.6, loose: 0.3 };
/** Field weights for ts_rank in {D, C, B, A} order: body, summary, synonyms, title. */
const RANK_WEIGHTS = '{0.1, 0.2, 0.4, 1.0}';
/**
 * Share of ts_rank (density, length) added to the coverage score of the top candidates, scaled by the
 * query's total weight so that it means the same for a two-word and a ten-word query: a body dense in
 * the query's words can overturn a title match of one group, not the coverage of several.
 */
const RANK_SHARE = 0.5;
/** Candidates re-ranked with ts_rank; deeper pages keep the coverage order. */
export const RERANK_DEPTH = 30;

/** BM25 idf; before statistics exist (n = 0) every group weighs the same. */
export function idf(df: number, n: number): number {
  if (n <= 0) return 1;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** A group's weight from the document frequency of its commonest alternative (synonyms widen, they do not dilute). */
export function groupWeight(alternativeDf: number[], n: number): number {
  return idf(Math.max(0, ...alternativeDf), n);
}

/**
 * A group's points at one level, in 1/10,000ths: `(level × weight)` rounded to four decimals, exactly
 * as PostgreSQL adds them up as numeric (the candidate index sums integers, so ties stay ties).
 */
export function levelPoints(level: number, weight: number): number {
  return Math.round(Number((level * weight).toFixed(4)) * 10_000);
}

/** Points back to the numeric text PostgreSQL adds ts_rank to. */
export function pointsText(points: number): string {
  const sign = points < 0 ? '-' : '';
  const abs = Math.abs(points);
  return `${sign}${Math.floor(abs / 10_000)}.${String(abs % 10_000).padStart(4, '0')}`;
}

/**
 * Question framing carries intent: "wat kost" wants an amount, "hoe lang" a period, "mag ik" a yes
 * or no with its conditions. The opener is not a topic (the query plan drops it), but a document whose
 * text answers that kind of question earns a bonus among the top candidates. Answer words are given
 * as index keys (analysed: stemmed, doubles folded). The checklist test comes before obligation:
 * "wat moet ik regelen" is a list, "moet ik" a rule.
 */
const INTENTS: { name: string; asks: RegExp; answers: string[] }[] = [
  {
    name: 'cost',
    asks: /\b(wat kost|wat kosten|hoeveel kost|hoe duur|kosten|prijs|tarief)\b/,
    answers: ['kost', 'tarief', 'tariev', 'euro', 'prijs', 'gratis', 'betal', 'leges'],
  },
  {
    name: 'duration',
    asks: /\b(hoe lang|hoelang|hoe snel|binnen hoeveel|wanneer)\b/,
    answers: ['durt', 'dur', 'dag', 'wek', 'mand', 'werkdag', 'termijn'],
  },
  {
    name: 'checklist',
    asks: /\b(wat moet ik (regelen|doen|meenemen|meebrengen)|wat heb ik nodig|welke (papieren|documenten|stappen))\b/,
    answers: ['menem', 'regel', 'stap', 'document', 'papier', 'nodig'],
  },
  {
    name: 'permission',
    asks: /\b(mag ik|mag je|mag de|mag het|mag een|mag mijn|mogen|toegestaan)\b/,
    answers: ['mag', 'mog', 'toegestan', 'verbod', 'toestem'],
  },
  { name: 'obligation', asks: /\b(moet ik|moet je|moeten|verplicht)\b/, answers: ['verplicht', 'moet', 'vereist', 'nodig'] },
];
/** The intent bonus: about a third of a mid-frequency group at body level, so it reorders near-ties only. */
const INTENT_BOOST = 0.4;

/** tsquery text for the words that answer the query's kind of question, or null for none. */
export function answerKindTsquery(normalizedQuery: string): string | null {
  const intent = INTENTS.find((i) => i.asks.test(normalizedQuery));
  return intent ? intent.answers.join(' | ') : null;
}

/**
 * The refined score of the best RERANK_DEPTH candidates, as SQL over bound parameters: `coverage`
 * (numeric), `share` (RANK_SHARE × the query's total weight, numeric), `anyQuery` and `answerKind`
 * (tsquery text, the latter null for none). A body dense in the query's words can overturn a title
 * match of one group, not the coverage of several.
 */
export function refineScoreSql(p: { coverage: string; vector: string; share: string; anyQuery: string; answerKind: string }): string {
  return `${p.coverage} + ${p.share} * ts_rank('${RANK_WEIGHTS}', ${p.vector}, to_tsquery('simple', ${p.anyQuery}), 1)
    + coalesce(${INTENT_BOOST} * (${p.vector} @@ to_tsquery('simple', ${p.answerKind}))::int, 0)`;
}

/** RANK_SHARE × the query's total weight, as the numeric text the refined score multiplies ts_rank by. */
export function rankShare(queryWeight: number): string {
  return (RANK_SHARE * queryWeight).toFixed(4);
}
