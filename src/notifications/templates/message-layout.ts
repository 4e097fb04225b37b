// Templates describe a message as blocks; this file renders the blocks twice, as plain text and as
// inline-styled HTML. The two versions therefore carry the same content, and user content (titles,
// comments, national texts) is escaped in exactly one place.

export type Inline = string | { strong: string };

export interface MessageLink {
  label: string;
  url: string;
}

export interface DiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface MessageItem {
  title: string;
  url: string;
  details: string;
  links: MessageLink[];
}

export type Block =
  | { type: 'paragraph'; content: Inline[] }
  | { type: 'heading'; text: string }
  | { type: 'facts'; rows: { label: string; value: string; url?: string }[] }
  | { type: 'actions'; links: MessageLink[] }
  | { type: 'items'; items: MessageItem[] }
  | { type: 'quote'; text: string }
  | { type: 'diff'; parts: DiffPart[] };

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

const FOOTER = 'Dit bericht is automatisch verstuurd door de kennisbank van het KCC.';

export const paragraph = (...content: Inline[]): Block => ({ type: 'paragraph', content });

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Only web links become clickable; anything else (a URN, a typo) is shown as text. */
function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

export function renderMessage(subject: string, blocks: Block[]): RenderedMessage {
  return { subject, text: renderText(blocks), html: renderHtml(subject, blocks) };
}

function renderText(blocks: Block[]): string {
  const out = blocks.map((block): string => {
    switch (block.type) {
      case 'paragraph':
        return block.content.map((i) => (typeof i === 'string' ? i : i.strong)).join('');
      case 'heading':
        return `${block.text}\n${'-'.repeat(block.text.length)}`;
      case 'facts':
        return block.rows.map((r) => `${r.label}: ${r.value}`).join('\n');
      case 'actions':
        return block.links.map((l) => `${l.label}: ${l.url}`).join('\n');
      case 'items':
        return block.items
          .map((item) =>
            [
              `- ${item.title}`,
              `  ${item.details}`,
              `  Artikel openen: ${item.url}`,
              ...item.links.map((l) => `  ${l.label}: ${l.url}`),
            ].join('\n'),
          )
          .join('\n\n');
      case 'quote':
        return block.text
          .split(/\r?\n/)
          .map((line) => `> ${line}`.trimEnd())
          .join('\n');
      case 'diff':
        return [
          'Nieuwe tekst staat tussen [+ en +], verwijderde tekst tussen [- en -].',
          '',
          block.parts.map((p) => (p.op === 'insert' ? `[+${p.text}+]` : p.op === 'delete' ? `[-${p.text}-]` : p.text)).join(''),
        ].join('\n');
    }
  });
  // '-- ' is the signature delimiter: mail clients show what follows as a signature
  return `${out.join('\n\n')}\n\n-- \n${FOOTER}\n`;
}

const STYLE = {
  body: 'margin:0;padding:0;background:#f3f3f3;',
  card: 'max-width:640px;margin:0 auto;padding:24px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;',
  p: 'margin:0 0 16px;',
  h2: 'margin:24px 0 8px;font-size:17px;',
  label: 'padding:2px 16px 2px 0;color:#555555;vertical-align:top;',
  value: 'padding:2px 0;vertical-align:top;',
  primary:
    'display:inline-block;margin:0 8px 8px 0;padding:10px 16px;border-radius:4px;background:#154273;color:#ffffff;text-decoration:none;font-weight:bold;',
  secondary:
    'display:inline-block;margin:0 8px 8px 0;padding:9px 15px;border-radius:4px;border:1px solid #154273;color:#154273;text-decoration:none;',
  link: 'color:#154273;',
  details: 'color:#555555;',
  quote: 'margin:0 0 16px;padding:8px 12px;border-left:4px solid #cccccc;background:#f7f7f7;white-space:pre-wrap;',
  diff: 'margin:0 0 16px;padding:12px;border:1px solid #dddddd;background:#fafafa;white-space:pre-wrap;font-size:14px;',
  ins: 'background:#d7f5dd;color:#0b5d1e;text-decoration:underline;',
  del: 'background:#fbdcdc;color:#8a1414;text-decoration:line-through;',
  footer: 'margin:24px 0 0;padding-top:12px;border-top:1px solid #dddddd;font-size:12px;color:#777777;',
};

const link = (l: MessageLink, style = STYLE.link): string => `<a href="${escapeHtml(l.url)}" style="${style}">${escapeHtml(l.label)}</a>`;

function renderHtml(subject: string, blocks: Block[]): string {
  const body = blocks.map((block): string => {
    switch (block.type) {
      case 'paragraph':
        return `<p style="${STYLE.p}">${block.content.map((i) => (typeof i === 'string' ? escapeHtml(i) : `<strong>${escapeHtml(i.strong)}</strong>`)).join('')}</p>`;
      case 'heading':
        return `<h2 style="${STYLE.h2}">${escapeHtml(block.text)}</h2>`;
      case 'facts':
        return `<table role="presentation" style="margin:0 0 16px;border-collapse:collapse;">${block.rows
          .map((r) => {
            const value = r.url && isWebUrl(r.url) ? link({ label: r.value, url: r.url }) : escapeHtml(r.value);
            return `<tr><td style="${STYLE.label}">${escapeHtml(r.label)}</td><td style="${STYLE.value}">${value}</td></tr>`;
          })
          .join('')}</table>`;
      case 'actions':
        return `<p style="${STYLE.p}">${block.links.map((l, i) => link(l, i === 0 ? STYLE.primary : STYLE.secondary)).join(' ')}</p>`;
      case 'items':
        return `<ul style="margin:0 0 16px;padding-left:20px;">${block.items
          .map(
            (item) =>
              `<li style="margin:0 0 12px;">${link({ label: item.title, url: item.url })}<br>` +
              `<span style="${STYLE.details}">${escapeHtml(item.details)}</span>` +
              item.links.map((l) => `<br>${link(l)}`).join('') +
              '</li>',
          )
          .join('')}</ul>`;
      case 'quote':
        return `<blockquote style="${STYLE.quote}">${escapeHtml(block.text)}</blockquote>`;
      case 'diff':
        return (
          `<p style="${STYLE.p}">Nieuwe tekst is <ins style="${STYLE.ins}">groen onderstreept</ins>, verwijderde tekst <del style="${STYLE.del}">rood doorgestreept</del>.</p>` +
          `<div style="${STYLE.diff}">${block.parts
            .map((p) =>
              p.op === 'insert'
                ? `<ins style="${STYLE.ins}">${escapeHtml(p.text)}</ins>`
                : p.op === 'delete'
                  ? `<del style="${STYLE.del}">${escapeHtml(p.text)}</del>`
                  : escapeHtml(p.text),
            )
            .join('')}</div>`
        );
    }
  });
  return [
    '<!DOCTYPE html>',
    '<html lang="nl">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    `<body style="${STYLE.body}"><div style="${STYLE.card}">`,
    ...body,
    `<p style="${STYLE.footer}">${escapeHtml(FOOTER)}</p>`,
    '</div></body>',
    '</html>',
    '',
  ].join('\n');
}
