import { Injectable } from '@nestjs/common';
import MarkdownIt from 'markdown-it';

import sanitizeHtml from 'sanitize-html';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];
import { ArticleContent, ArticleKind, SECTION_KEYS, SECTION_TITLES, TEXT_FIELD_TITLES } from '../article-content';

export interface RenderedPart {
  /** `sections.kosten`, `answer`, `explanation`, `body` or `kccNotes` */
  key: string;
  title: string;
  html: string;
  text: string;
  /** true for KCC notes: never shown outside the KCC */
  internal: boolean;
}

export interface RenderedContent {
  parts: RenderedPart[];
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'em',
    's',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'img',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
  },
  allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['https', 'http'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } }),
  },
};

/**
 * The one Markdown pipeline: markdown-it with raw HTML off, then an allow-list sanitiser as a second
 * line of defence (links, attributes, schemes), plus a plain-text rendering for search and for the
 * agent's "kopieer antwoord".
 */
@Injectable()
export class MarkdownRenderer {
  private readonly md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

  toHtml(markdown: string): string {
    return this.htmlOf(this.md.parse(markdown, {}));
  }

  toText(markdown: string): string {
    return textOf(this.md.parse(markdown, {}));
  }

  private htmlOf(tokens: Token[]): string {
    return sanitizeHtml(this.md.renderer.render(tokens, this.md.options, {}), SANITIZE).trim();
  }

  /**
   * Link targets in a Markdown text, in order, from markdown-it's tokens: inline and reference
   * links, autolinks and linkified bare URLs (as markdown-it normalises them; no regex over HTML).
   */
  links(markdown: string): string[] {
    const hrefs: string[] = [];
    const walk = (tokens: Token[]) => {
      for (const token of tokens) {
        const href = token.type === 'link_open' ? token.attrGet('href') : null;
        if (href) hrefs.push(String(href));
        if (token.children) walk(token.children);
      }
    };
    walk(this.md.parse(markdown, {}));
    return hrefs;
  }

  renderContent(kind: ArticleKind, content: ArticleContent): RenderedContent {
    const parts: RenderedPart[] = [];
    const add = (key: string, title: string, markdown: string | null | undefined, internal = false) => {
      if (!markdown?.trim()) return;
      // One parse for both renderings (a bulk import renders every part of every article).
      const tokens = this.md.parse(markdown, {});
      parts.push({ key, title, html: this.htmlOf(tokens), text: textOf(tokens), internal });
    };
    if (kind === 'product') {
      for (const key of SECTION_KEYS) add(`sections.${key}`, SECTION_TITLES[key], content.sections[key]);
    } else if (kind === 'faq') {
      add('answer', content.question ?? '', content.answer);
      add('explanation', TEXT_FIELD_TITLES.explanation, content.explanation);
    } else {
      add('body', content.title, content.body);
    }
    add('kccNotes', 'KCC', content.kccNotes, true);
    return { parts };
  }

  /** Plain text of everything public: summary and every non-internal part. */
  publicText(content: ArticleContent, rendered: RenderedContent): string {
    const texts = [content.summary, content.question ?? '', ...rendered.parts.filter((p) => !p.internal).map((p) => p.text)];
    return texts.filter((t) => t.trim()).join('\n\n');
  }
}

function textOf(tokens: Token[]): string {
  return tokensToText(tokens)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function tokensToText(tokens: Token[]): string {
  let out = '';
  const listStack: { ordered: boolean; n: number }[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'inline':
        out += inlineText(token.children ?? []);
        break;
      case 'fence':
      case 'code_block':
        out += token.content.replace(/\n*$/, '\n\n');
        break;
      case 'table_close':
        out += '\n';
        break;
      case 'bullet_list_open':
        listStack.push({ ordered: false, n: 0 });
        break;
      case 'ordered_list_open':
        listStack.push({ ordered: true, n: Number(token.attrGet('start') ?? 1) - 1 });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listStack.pop();
        if (listStack.length === 0) out += '\n';
        break;
      case 'list_item_open': {
        const list = listStack[listStack.length - 1];
        const indent = '  '.repeat(Math.max(0, listStack.length - 1));
        if (list) out += list.ordered ? `${indent}${++list.n}. ` : `${indent}- `;
        break;
      }
      case 'paragraph_close':
        out += listStack.length ? '\n' : '\n\n';
        break;
      case 'heading_close':
      case 'blockquote_close':
        out += '\n\n';
        break;
      case 'th_close':
      case 'td_close':
        out += '\t';
        break;
      case 'tr_close':
        out = out.replace(/\t$/, '') + '\n';
        break;
      case 'hr':
        out += '\n';
        break;
      default:
        break;
    }
  }
  return out;
}

function inlineText(children: Token[]): string {
  let out = '';
  for (const child of children) {
    if (child.type === 'text' || child.type === 'code_inline') out += child.content;
    else if (child.type === 'softbreak') out += ' ';
    else if (child.type === 'hardbreak') out += '\n';
    else if (child.type === 'image') out += child.content;
  }
  return out;
}
