import { createHash } from 'node:crypto';

export const ARTICLE_KINDS = ['product', 'faq', 'instruction'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];

export const AUDIENCES = ['public', 'internal'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const TARGET_GROUPS = ['burger', 'ondernemer'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/** Product sections, in the order and with the keys of the tabs KISS shows, so export stays lossless. */
export const SECTION_KEYS = [
  'inleiding',
  'aanvraag',
  'voorwaarden',
  'bewijs',
  'kosten',
  'termijn',
  'bezwaar',
  'bijzonderheden',
  'geenReactie',
  'contact',
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];
export type Sections = Partial<Record<SectionKey, string>>;

export const SECTION_TITLES: Record<SectionKey, string> = {
  inleiding: 'Wat is het?',
  aanvraag: 'Hoe aanvragen?',
  voorwaarden: 'Voorwaarden',
  bewijs: 'Wat moet u meenemen?',
  kosten: 'Wat kost het?',
  termijn: 'Termijn',
  bezwaar: 'Bezwaar en beroep',
  bijzonderheden: 'Bijzonderheden',
  geenReactie: 'Wat als de gemeente niet op tijd reageert?',
  contact: 'Contact',
};

/**
 * Everything an editor changes through review: what a version snapshots. Owner, department and
 * review dates are stewardship data and change without a new version.
 */
export interface ArticleContent {
  title: string;
  summary: string;
  audience: Audience;
  /** product only */
  sections: Sections;
  /** faq only */
  question: string | null;
  answer: string | null;
  explanation: string | null;
  /** instruction only */
  body: string | null;
  /** internal notes for KCC staff; never leave the KCC */
  kccNotes: string | null;
  themes: string[];
  lifeEvents: string[];
  targetGroups: TargetGroup[];
  synonyms: string[];
  /**
   * Other ways callers and agents ask this (question variants): matched by search, shown to editors,
   * never published. Snapshots written before the field existed read as an empty list.
   */
  alternativeQuestions: string[];
  uplName: string | null;
  uplUri: string | null;
  relatedIds: string[];
}

export function emptyContent(kind: ArticleKind): ArticleContent {
  return {
    title: '',
    summary: '',
    audience: kind === 'instruction' ? 'internal' : 'public',
    sections: {},
    question: null,
    answer: null,
    explanation: null,
    body: null,
    kccNotes: null,
    themes: [],
    lifeEvents: [],
    targetGroups: [],
    synonyms: [],
    alternativeQuestions: [],
    uplName: null,
    uplUri: null,
    relatedIds: [],
  };
}

/**
 * The content fields, in the order of {@link ArticleContent}: the runtime list that goes with the
 * interface. Taken from {@link emptyContent}, whose return literal the compiler holds to exactly the
 * interface's keys, so neither can gain or lose a field without the other.
 */
export const CONTENT_FIELDS = Object.keys(emptyContent('product')) as ReadonlyArray<keyof ArticleContent>;
export type ContentField = (typeof CONTENT_FIELDS)[number];

/** Dutch names of the text fields, wherever one is named to people (diff, feedback form, editor). */
export const TEXT_FIELD_TITLES = {
  title: 'Titel',
  summary: 'Samenvatting',
  question: 'Vraag',
  answer: 'Antwoord',
  explanation: 'Toelichting',
  body: 'Tekst',
  kccNotes: 'KCC-notities',
} as const satisfies Partial<Record<ContentField, string>>;

/** Only the content fields of a larger object (a JSONB snapshot may carry keys no longer in use). */
export function pickContent(source: ArticleContent): ArticleContent {
  return Object.fromEntries(CONTENT_FIELDS.map((field) => [field, source[field]])) as unknown as ArticleContent;
}

/** Bounds of the question variants (alternativeQuestions) of one article. */
export const ALTERNATIVE_QUESTIONS_MAX = 30;
export const ALTERNATIVE_QUESTION_MAX_LENGTH = 300;

/**
 * Stable hash of a content snapshot: key order and section order never change it. An empty list of
 * question variants hashes as if the field were absent, so every hash stored before the field
 * existed still matches its snapshot (an unchanged save stays unchanged).
 */
export function contentHash(content: ArticleContent): string {
  const { alternativeQuestions, ...rest } = content;
  const hashed = alternativeQuestions?.length ? content : rest;
  return createHash('sha256').update(canonicalJson(hashed)).digest('hex');
}

/**
 * A snapshot as stored (JSONB) with the fields added since it was written, at their empty value.
 * Used by the entities' column transformer, so every reader sees the current shape.
 */
export function withContentDefaults(content: ArticleContent): ArticleContent {
  if (!content || typeof content !== 'object' || Array.isArray(content.alternativeQuestions)) return content;
  return { ...content, alternativeQuestions: [] };
}

/** Column transformer for `content` columns: see {@link withContentDefaults}. */
export const CONTENT_COLUMN_TRANSFORMER = {
  from: (value: ArticleContent | null): ArticleContent | null => (value ? withContentDefaults(value) : value),
  to: (value: ArticleContent | null): ArticleContent | null => value,
};

/** The same question, whatever its case, spacing or closing punctuation: how variants are de-duplicated. */
export function questionKey(question: string): string {
  return question
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s?!.]+$/u, '')
    .trim();
}

/** Folds whitespace, drops empties and duplicates (same {@link questionKey}), keeps the editor's order. */
export function cleanQuestions(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of values) {
    const value = raw.replace(/\s+/g, ' ').trim();
    const key = questionKey(value);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}

export function canonicalJson(value: unknown): string {
  // Plain loops: a bulk import hashes every item, and the entries/filter/map version allocated several arrays per object.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return out + ']';
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    let out = '{';
    for (const key of Object.keys(record).sort()) {
      const v = record[key];
      if (v === undefined) continue;
      out += (out.length > 1 ? ',' : '') + JSON.stringify(key) + ':' + canonicalJson(v);
    }
    return out + '}';
  }
  return JSON.stringify(value ?? null);
}

/** The content fields only some kinds use. */
export const KIND_SPECIFIC_FIELDS = ['sections', 'question', 'answer', 'explanation', 'body'] as const satisfies readonly ContentField[];
export type KindSpecificField = (typeof KIND_SPECIFIC_FIELDS)[number];

/** Which content fields make sense per kind; others must stay empty. */
export const KIND_FIELDS: Record<ArticleKind, ReadonlyArray<KindSpecificField>> = {
  product: ['sections'],
  faq: ['question', 'answer', 'explanation'],
  instruction: ['body'],
};
