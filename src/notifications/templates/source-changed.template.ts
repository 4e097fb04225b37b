import { NotificationContent } from '../notification';
import { ArticleRef } from './article-ref';
import { articleActions, articleLinks, greeting, oneLine } from './format';
import { Block, DiffPart, paragraph, renderMessage } from './message-layout';

export interface SourceChangedInput {
  recipientName?: string;
  article: ArticleRef;
  /** the national text (landelijke content) the article builds on */
  source: { uri: string; title: string; version: string | number };
  diff: DiffPart[];
  baseUrl: string;
}

/** Unchanged text kept around each change; long unchanged stretches are shortened with an ellipsis. */
const CONTEXT_CHARS = 80;
/** Beyond this much diff text the rest is left to the source, so a rewrite does not flood a mailbox. */
const MAX_DIFF_CHARS = 6_000;

// Cut at a word boundary when there is one in the second half of the window.
function headOf(text: string, n: number): string {
  const cut = text.slice(0, n);
  const space = cut.lastIndexOf(' ');
  return space > n / 2 ? cut.slice(0, space) : cut;
}

function tailOf(text: string, n: number): string {
  const cut = text.slice(-n);
  const space = cut.indexOf(' ');
  return space >= 0 && space < n / 2 ? cut.slice(space + 1) : cut;
}

/** Merges neighbours with the same op, drops empty parts, shortens unchanged text, caps the size. */
export function condenseDiff(diff: DiffPart[]): { parts: DiffPart[]; truncated: boolean } {
  const merged: DiffPart[] = [];
  for (const part of diff) {
    if (part.text === '') continue;
    const last = merged[merged.length - 1];
    if (last && last.op === part.op) last.text += part.text;
    else merged.push({ op: part.op, text: part.text });
  }
  const shortened = merged.map((part, i): DiffPart => {
    if (part.op !== 'equal') return part;
    const first = i === 0;
    const last = i === merged.length - 1;
    if (first && last) return part; // nothing changed: nothing to shorten around
    if (part.text.length <= (first || last ? CONTEXT_CHARS : 2 * CONTEXT_CHARS + 10)) return part;
    if (first) return { op: 'equal', text: `… ${tailOf(part.text, CONTEXT_CHARS)}` };
    if (last) return { op: 'equal', text: `${headOf(part.text, CONTEXT_CHARS)} …` };
    return { op: 'equal', text: `${headOf(part.text, CONTEXT_CHARS)} … ${tailOf(part.text, CONTEXT_CHARS)}` };
  });
  const parts: DiffPart[] = [];
  let size = 0;
  for (const part of shortened) {
    if (size + part.text.length > MAX_DIFF_CHARS) {
      parts.push({ ...part, text: `${headOf(part.text, MAX_DIFF_CHARS - size)} …` });
      return { parts, truncated: true };
    }
    parts.push(part);
    size += part.text.length;
  }
  return { parts, truncated: false };
}

/** The national text an article builds on has changed: show what changed and ask for a check. */
export function sourceChanged(input: SourceChangedInput): NotificationContent {
  const { article, source } = input;
  const title = oneLine(article.title);
  const sourceTitle = oneLine(source.title);
  const links = articleLinks(input.baseUrl, article.id);
  const { parts, truncated } = condenseDiff(input.diff);
  const changed = parts.some((p) => p.op !== 'equal');

  const blocks: Block[] = [
    paragraph(greeting(input.recipientName)),
    paragraph(
      'De landelijke tekst “',
      { strong: sourceTitle },
      `” is gewijzigd (versie ${source.version}). Het kennisartikel “`,
      { strong: title },
      `” van ${article.department} bouwt op deze tekst voort. Controleer of het artikel moet worden aangepast.`,
    ),
    {
      type: 'facts',
      rows: [
        { label: 'Landelijke tekst', value: sourceTitle },
        { label: 'Versie', value: String(source.version) },
        { label: 'Bron', value: source.uri, url: source.uri },
        { label: 'Artikel', value: title },
        ...(article.owner ? [{ label: 'Eigenaar', value: article.owner }] : []),
      ],
    },
  ];
  if (changed) {
    blocks.push({ type: 'heading', text: 'Wijzigingen in de landelijke tekst' }, { type: 'diff', parts });
    if (truncated) blocks.push(paragraph('De wijzigingen zijn te lang voor dit bericht; de rest staat bij de bron.'));
  } else {
    blocks.push(paragraph('De tekst zelf is niet veranderd; alleen de versie of de gegevens eromheen.'));
  }
  blocks.push(
    paragraph(
      'Is het artikel nog juist? Met “Inhoud gecontroleerd” leg je dat met één klik vast. Moet er iets veranderen? Open dan het artikel.',
    ),
    articleActions(links),
  );

  return {
    kind: 'source_changed',
    ...renderMessage(`Landelijke content gewijzigd: ${title}`, blocks),
    data: {
      articleId: article.id,
      department: article.department,
      source: { uri: source.uri, title: source.title, version: source.version },
      changes: {
        inserted: input.diff.filter((p) => p.op === 'insert' && p.text !== '').length,
        deleted: input.diff.filter((p) => p.op === 'delete' && p.text !== '').length,
      },
      links,
    },
  };
}
