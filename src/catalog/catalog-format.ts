import type { ArticleVersion } from '../articles/article-version.entity';
import type { RenderedPart } from '../articles/markdown/markdown-renderer';

// Catalogue dates are calendar dates of a Dutch municipality: a version approved at 00:30 on
// 2 January in Amsterdam is dated 2 January, not 1 January (UTC).
const AMSTERDAM_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `YYYY-MM-DD` of `date` in Europe/Amsterdam. */
export function dutchDate(date: Date): string {
  return AMSTERDAM_DATE.format(date);
}

/** The product page on the municipality's website: `{slug}` in the configured template replaced. */
export function productPageUrl(template: string, slug: string): string {
  return template.replace('{slug}', encodeURIComponent(slug));
}

/** A public rendered part of the live version (`sections.kosten`, `answer`, ...); KCC notes only when asked. */
export function publicPart(version: ArticleVersion, key: string): RenderedPart | undefined {
  const part = version.rendered?.parts?.find((p) => p.key === key);
  return part && !part.internal ? part : undefined;
}

/** The internal KCC-notes part of the live version, if any. */
export function kccNotesPart(version: ArticleVersion): RenderedPart | undefined {
  return version.rendered?.parts?.find((p) => p.key === 'kccNotes' && p.internal);
}

/** Text → HTML text content (for plain fields such as the summary that go into an HTML field). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Trimmed, non-empty, case-insensitively unique words in their first spelling. */
export function uniqueWords(words: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of words) {
    const word = raw.trim();
    const key = word.toLocaleLowerCase('nl');
    if (!word || seen.has(key)) continue;
    seen.add(key);
    out.push(word);
  }
  return out;
}
