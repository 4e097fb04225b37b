import { SECTION_KEYS, type TargetGroup } from '../../articles/article-content';
import type { RenderedPart } from '../../articles/markdown/markdown-renderer';
import type { LiveArticle } from '../../articles/published-articles.service';
import { dutchDate, escapeHtml, productPageUrl, publicPart } from '../catalog-format';
import { el, writeXml, type XmlElement } from './xml-writer';

// Samenwerkende Catalogi 4.0: the XML through which a municipality publishes its product catalogue
// (harvested daily by overheid.nl). A product that cannot make a complete record is left out and
// reported, never emitted half-valid. KCC notes never get in: only public rendered parts are read.

export const SC_NAMESPACES = {
  'xmlns:overheidproduct': 'http://standaarden.overheid.nl/product/terms/',
  'xmlns:dcterms': 'http://purl.org/dc/terms/',
  'xmlns:overheid': 'http://standaarden.overheid.nl/owms/terms/',
  'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
  'xsi:schemaLocation': 'http://standaarden.overheid.nl/product/terms/ http://standaarden.overheid.nl/sc/4.0/xsd/sc.xsd',
} as const;

export interface ScMunicipality {
  name: string;
  owmsUri: string;
  /** product page URL with a `{slug}` placeholder */
  productUrl: string;
}

export type OnlineAanvragen = 'ja' | 'nee' | 'digid';

export type ScExclusionCode =
  'duplicate' | 'not_product' | 'internal' | 'no_title' | 'no_summary' | 'no_upl' | 'invalid_upl_uri' | 'no_target_group';

export interface ScExclusion {
  id: string;
  slug: string;
  title: string;
  /** Dutch / English, for the editor's report */
  reasons: string[];
  codes: ScExclusionCode[];
}

export interface ScXmlResult {
  xml: string;
  excluded: ScExclusion[];
}

const REASONS: Record<ScExclusionCode, string> = {
  duplicate: 'Product staat twee keer in de lijst / product listed twice',
  not_product: 'Geen product of dienst (alleen producten horen in de catalogus) / not a product: only products belong in the catalogue',
  internal: 'Alleen voor intern gebruik (doelgroep intern) / internal audience: never published outside the KCC',
  no_title: 'Geen titel (dcterms:title is verplicht) / no title (dcterms:title is mandatory)',
  no_summary: 'Geen samenvatting (dcterms:abstract is verplicht) / no summary (dcterms:abstract is mandatory)',
  no_upl: 'Geen uniforme productnaam (UPL-naam en -URI) / no UPL name and URI (uniformeProductnaam is mandatory)',
  invalid_upl_uri: 'UPL-URI is geen geldige http(s)-URI / UPL URI is not a valid http(s) URI',
  no_target_group: 'Geen doelgroep burger of ondernemer (dcterms:audience is verplicht) / no target group (dcterms:audience is mandatory)',
};

const AUDIENCE: Record<TargetGroup, string> = { burger: 'particulier', ondernemer: 'ondernemer' };

/** The catalogue as SC 4.0 XML, plus the products left out and why. */
export function buildScXml(products: LiveArticle[], municipality: ScMunicipality, options: { now: Date }): ScXmlResult {
  const excluded: ScExclusion[] = [];
  const records: XmlElement[] = [];
  const seen = new Set<string>();
  for (const live of products) {
    const codes = seen.has(live.article.id) ? (['duplicate'] as ScExclusionCode[]) : scExclusionCodes(live);
    seen.add(live.article.id);
    if (codes.length) {
      excluded.push({
        id: live.article.id,
        slug: live.article.slug,
        title: live.version.content.title,
        reasons: codes.map((c) => REASONS[c]),
        codes,
      });
      continue;
    }
    records.push(scProduct(live, municipality, options.now));
  }
  return { xml: writeXml(el('overheidproduct:scproducten', { ...SC_NAMESPACES }, records)), excluded };
}

/** Why `live` cannot be a complete SC record; empty when it can. */
export function scExclusionCodes(live: LiveArticle): ScExclusionCode[] {
  const content = live.version.content;
  const codes: ScExclusionCode[] = [];
  if (live.article.kind !== 'product') codes.push('not_product');
  if (content.audience !== 'public') codes.push('internal');
  if (!content.title.trim()) codes.push('no_title');
  if (!content.summary.trim()) codes.push('no_summary');
  if (!content.uplName?.trim() || !content.uplUri?.trim()) codes.push('no_upl');
  else if (!isHttpUri(content.uplUri.trim())) codes.push('invalid_upl_uri');
  if (!content.targetGroups.some((g) => Object.hasOwn(AUDIENCE, g))) codes.push('no_target_group');
  return codes;
}

function scProduct(live: LiveArticle, municipality: ScMunicipality, now: Date): XmlElement {
  const { article, version } = live;
  const content = version.content;
  // Never a date after "now": a clock ahead on the approving machine must not date a product in the future.
  const modified = dutchDate(version.createdAt.getTime() > now.getTime() ? now : version.createdAt);
  const gemeente = { scheme: 'overheid:Gemeente', resourceIdentifier: municipality.owmsUri };
  const audiences = [...new Set(content.targetGroups.filter((g) => Object.hasOwn(AUDIENCE, g)).map((g) => AUDIENCE[g]))];
  const online = decideOnlineAanvragen(publicPart(version, 'sections.aanvraag'));

  const scmeta: XmlElement[] = [
    el('overheidproduct:productID', undefined, article.id),
    el('overheidproduct:onlineAanvragen', undefined, online.value),
  ];
  if (online.url) scmeta.push(el('overheidproduct:aanvraagURL', { resourceIdentifier: online.url }));
  scmeta.push(
    el(
      'overheidproduct:uniformeProductnaam',
      { scheme: 'overheid:UniformeProductnaam', resourceIdentifier: content.uplUri!.trim() },
      content.uplName!.trim(),
    ),
  );

  return el('overheidproduct:scproduct', { 'owms-version': '4.0' }, [
    el('overheidproduct:meta', undefined, [
      el('overheidproduct:owmskern', undefined, [
        el('dcterms:identifier', undefined, productPageUrl(municipality.productUrl, article.slug)),
        el('dcterms:title', undefined, content.title.trim()),
        el('dcterms:language', undefined, 'nl'),
        el('dcterms:type', { scheme: 'overheid:Informatietype' }, 'productbeschrijving'),
        el('dcterms:modified', undefined, modified),
        el('dcterms:spatial', gemeente, municipality.name),
        el('overheid:authority', gemeente, municipality.name),
      ]),
      el('overheidproduct:owmsmantel', undefined, [
        ...audiences.map((a) => el('dcterms:audience', { scheme: 'overheid:Doelgroep' }, a)),
        el('dcterms:abstract', undefined, content.summary.trim()),
      ]),
      el('overheidproduct:scmeta', undefined, scmeta),
    ]),
    el('overheidproduct:body', undefined, scBodyHtml(live)),
  ]);
}

/**
 * The public sections as one HTML fragment, each under its tab title (the summary when there are no
 * sections). Written escaped into `overheidproduct:body`; the sanitiser's output is XHTML-compatible
 * (quoted attributes, `<br />`), so a harvester may also parse it as XHTML.
 */
export function scBodyHtml(live: LiveArticle): string {
  const blocks: string[] = [];
  for (const key of SECTION_KEYS) {
    const part = publicPart(live.version, `sections.${key}`);
    if (part?.html) blocks.push(`<h2>${escapeHtml(part.title)}</h2>\n${part.html}`);
  }
  if (blocks.length === 0 && live.version.content.summary.trim()) blocks.push(`<p>${escapeHtml(live.version.content.summary.trim())}</p>`);
  return blocks.join('\n');
}

const DIGID = /\bdigi-?d\b/i;
// "geen DigiD nodig" and "zonder DigiD" say online works without DigiD; "Heeft u geen DigiD?" does not.
const NO_DIGID_NEEDED = /\b(geen\s+digi-?d\s+nodig|zonder\s+digi-?d)\b/gi;
const ONLINE_WORDS = [
  /\bonline\b/gi,
  /\bvia\s+(de|onze)\s+(website|site)\b/gi,
  /\bop\s+(de|onze)\s+(website|site)\b/gi,
  /\bvia\s+internet\b/gi,
  /\bdigita(al|le)\s+(aanvragen|aanvraag|formulier|loket)\b/gi,
  /\b(web|e-)formulier\b/gi,
];
const NEGATED = /\b(niet|geen)\s+(\S+\s+)?$/i;

/**
 * onlineAanvragen from the "Hoe aanvragen?" section (our content model has no field for it):
 * - `digid` when the text mentions DigiD (other than "geen DigiD nodig" / "zonder DigiD");
 * - `ja` when it says the application is done online ("online", "via de website", "webformulier",
 *   ...; not when negated: "niet online");
 * - `nee` otherwise.
 * Both `ja` and `digid` need an aanvraagURL, the first https link in the section (links to digid.nl
 * explain how to get a DigiD, they are not the application): without one the answer is `nee`.
 */
export function decideOnlineAanvragen(aanvraag: RenderedPart | undefined): { value: OnlineAanvragen; url: string | null } {
  if (!aanvraag) return { value: 'nee', url: null };
  const url = firstHttpsLink(aanvraag.html);
  if (!url) return { value: 'nee', url: null };
  const text = aanvraag.text;
  if (DIGID.test(text.replace(NO_DIGID_NEEDED, ' '))) return { value: 'digid', url };
  const saysOnline = ONLINE_WORDS.some((pattern) =>
    [...text.matchAll(pattern)].some((m) => !NEGATED.test(text.slice(Math.max(0, m.index - 24), m.index))),
  );
  return saysOnline ? { value: 'ja', url } : { value: 'nee', url: null };
}

/** First https `href` in sanitised HTML (attributes double-quoted, entity-encoded), digid.nl excepted. */
export function firstHttpsLink(html: string): string | null {
  for (const match of html.matchAll(/<a\s[^>]*?href="([^"]*)"/gi)) {
    const href = decodeAttr(match[1]).trim();
    if (!/^https:\/\//i.test(href) || !isHttpUri(href)) continue;
    const host = new URL(href).hostname.toLowerCase();
    if (host === 'digid.nl' || host.endsWith('.digid.nl')) continue;
    return href;
  }
  return null;
}

function decodeAttr(value: string): string {
  return value
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function isHttpUri(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
