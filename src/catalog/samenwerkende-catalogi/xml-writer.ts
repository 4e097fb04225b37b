// A minimal XML writer: element names are code constants, every text and attribute value goes through
// the escapers, so no caller ever concatenates an unescaped value into the document.

// Characters XML 1.0 does not allow at all (C0 controls except tab/LF/CR, lone surrogates,
// U+FFFE/U+FFFF): escaping cannot save them, so they are dropped.
// eslint-disable-next-line no-control-regex -- naming the control characters is the point here
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXmlText(value: string): string {
  // `>` too, so a `]]>` in the text can never end anything.
  return value.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeXmlAttr(value: string): string {
  // Tab, LF and CR as character references: a parser would otherwise normalise them to spaces.
  return escapeXmlText(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

export interface XmlElement {
  name: string;
  attrs?: Record<string, string>;
  /** text content or child elements; none is an empty element */
  content?: string | XmlElement[];
}

export function el(name: string, attrs: Record<string, string> | undefined, content?: string | XmlElement[]): XmlElement {
  return { name, attrs, content };
}

/** Serialises with two-space indentation; text content stays on the element's line, untouched. */
export function writeXml(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${write(root, 0)}\n`;
}

function write(node: XmlElement, depth: number): string {
  const indent = '  '.repeat(depth);
  const attrs = Object.entries(node.attrs ?? {})
    .map(([name, value]) => ` ${name}="${escapeXmlAttr(value)}"`)
    .join('');
  const open = `${indent}<${node.name}${attrs}`;
  const content = node.content;
  if (content === undefined || content === '' || (Array.isArray(content) && content.length === 0)) return `${open}/>`;
  if (typeof content === 'string') return `${open}>${escapeXmlText(content)}</${node.name}>`;
  return `${open}>\n${content.map((child) => write(child, depth + 1)).join('\n')}\n${indent}</${node.name}>`;
}
