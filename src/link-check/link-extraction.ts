import type { ArticleContent, ArticleKind } from '../articles/article-content';
import { SECTION_KEYS } from '../articles/article-content';

/** One external link in one part of an article. */
export interface LinkOccurrence {
  /** absolute http(s) URL without fragment: what is checked, once per run */
  url: string;
  /** `sections.kosten`, `answer`, `explanation`, `body` or `kccNotes` */
  part: string;
}

/** The Markdown parts of an article, keyed as the renderer keys them. */
export function markdownParts(kind: ArticleKind, content: ArticleContent): { part: string; markdown: string }[] {
  const parts: { part: string; markdown: string | null | undefined }[] =
    kind === 'product'
      ? SECTION_KEYS.map((key) => ({ part: `sections.${key}`, markdown: content.sections[key] }))
      : kind === 'faq'
        ? [
            { part: 'answer', markdown: content.answer },
            { part: 'explanation', markdown: content.explanation },
          ]
        : [{ part: 'body', markdown: content.body }];
  parts.push({ part: 'kccNotes', markdown: content.kccNotes });
  return parts.filter((p): p is { part: string; markdown: string } => !!p.markdown?.trim());
}

/** An absolute http(s) URL without its fragment (the server never sees it), or null for anything else. */
export function externalUrl(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null; // relative links point into the kennisbank itself
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  return url.toString();
}

/** The external links of an article, once per part and URL, given a function that lists a Markdown text's links. */
export function externalLinks(kind: ArticleKind, content: ArticleContent, linksIn: (markdown: string) => string[]): LinkOccurrence[] {
  const seen = new Set<string>();
  const found: LinkOccurrence[] = [];
  for (const { part, markdown } of markdownParts(kind, content)) {
    for (const href of linksIn(markdown)) {
      const url = externalUrl(href);
      if (!url || seen.has(`${part} ${url}`)) continue;
      seen.add(`${part} ${url}`);
      found.push({ url, part });
    }
  }
  return found;
}
