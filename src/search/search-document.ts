import type { ArticleKind, Audience, TargetGroup } from '../articles/article-content';

/**
 * What both engines index for one live article. Display fields keep the editor's text; `terms` hold
 * the Dutch analysis (keys of words, compound parts) per field, which is what engines match on.
 */
export interface SearchDocument {
  id: string;
  version: number;
  slug: string;
  kind: ArticleKind;
  audience: Audience;
  department: { id: string; slug: string; name: string };
  themes: string[];
  lifeEvents: string[];
  targetGroups: TargetGroup[];
  title: string;
  summary: string;
  /** the article's search words plus its UPL name */
  synonyms: string[];
  /** question variants (how callers ask it); matched like the synonyms for now, never shown to citizens */
  alternativeQuestions: string[];
  /** public text: the question and every public part (never the KCC notes) */
  bodyText: string;
  /** KCC notes: matched only in staff searches */
  kccText: string;
  reviewDueAt: string | null;
  publishedAt: string;
  terms: { title: string; synonyms: string; summary: string; body: string; kcc: string };
}
