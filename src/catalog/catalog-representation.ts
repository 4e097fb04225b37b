import { SECTION_KEYS, SECTION_TITLES, type ArticleKind, type SectionKey, type TargetGroup } from '../articles/article-content';
import type { LiveArticle } from '../articles/published-articles.service';
import { slugify } from '../common/http/slug';
import { productPageUrl, publicPart } from './catalog-format';

// What the municipal website receives. Built from public rendered parts and public content fields
// only: never `kccNotes`, owners, reviewers or review dates. Everything is explicit (no spreading of
// content objects) so a new internal field cannot leak by accident.

export interface CatalogTerm {
  slug: string;
  name: string;
}

export interface CatalogText {
  html: string;
  markdown: string;
}

export interface CatalogSection extends CatalogText {
  key: SectionKey;
  title: string;
}

export interface CatalogLink {
  kind: ArticleKind;
  slug: string;
  title: string;
  /** this API's URL of the item */
  href: string;
}

export interface CatalogDepartment {
  slug: string;
  name: string;
  email: string | null;
}

interface CatalogItemBase {
  id: string;
  slug: string;
  title: string;
  summary: string;
  themes: CatalogTerm[];
  lifeEvents: CatalogTerm[];
  targetGroups: TargetGroup[];
  department: CatalogDepartment | null;
  /** approval of the live version */
  updatedAt: string;
  href: string;
}

export interface CatalogProductSummary extends CatalogItemBase {
  kind: 'product';
  upl: { name: string; uri: string } | null;
  /** the product page on the municipality's website */
  websiteUrl: string;
}

export interface CatalogProduct extends CatalogProductSummary {
  sections: CatalogSection[];
  related: CatalogLink[];
}

export interface CatalogFaqSummary extends CatalogItemBase {
  kind: 'faq';
  question: string;
}

export interface CatalogFaq extends CatalogFaqSummary {
  answer: CatalogText | null;
  explanation: CatalogText | null;
  related: CatalogLink[];
}

export interface CatalogLinks {
  /** this API's public base URL, without a trailing slash */
  apiBaseUrl: string;
  /** product page template with `{slug}` */
  productUrl: string;
}

export function catalogHref(links: CatalogLinks, kind: ArticleKind, slug: string): string {
  return `${links.apiBaseUrl}/api/catalog/${kind === 'faq' ? 'faqs' : 'products'}/${encodeURIComponent(slug)}`;
}

export function toCatalogTerms(names: readonly string[]): CatalogTerm[] {
  const seen = new Set<string>();
  const terms: CatalogTerm[] = [];
  for (const raw of names) {
    const name = raw.trim();
    const slug = slugify(name);
    if (!slug || seen.has(slug)) continue;
    seen.add(slug);
    terms.push({ slug, name });
  }
  return terms;
}

function base(live: LiveArticle, links: CatalogLinks): CatalogItemBase {
  const { article, version } = live;
  const content = version.content;
  const department = article.department;
  return {
    id: article.id,
    slug: article.slug,
    title: content.title.trim(),
    summary: content.summary.trim(),
    themes: toCatalogTerms(content.themes),
    lifeEvents: toCatalogTerms(content.lifeEvents),
    targetGroups: [...content.targetGroups],
    department: department ? { slug: department.slug, name: department.name, email: department.contactEmail || null } : null,
    updatedAt: version.createdAt.toISOString(),
    href: catalogHref(links, article.kind, article.slug),
  };
}

export function toCatalogProductSummary(live: LiveArticle, links: CatalogLinks): CatalogProductSummary {
  const content = live.version.content;
  const uplName = content.uplName?.trim();
  const uplUri = content.uplUri?.trim();
  return {
    ...base(live, links),
    kind: 'product',
    upl: uplName && uplUri ? { name: uplName, uri: uplUri } : null,
    websiteUrl: productPageUrl(links.productUrl, live.article.slug),
  };
}

/** `related`: the live public articles the product links to, already resolved by the caller. */
export function toCatalogProduct(live: LiveArticle, related: LiveArticle[], links: CatalogLinks): CatalogProduct {
  const { version } = live;
  const sections: CatalogSection[] = [];
  for (const key of SECTION_KEYS) {
    const part = publicPart(version, `sections.${key}`);
    const markdown = version.content.sections[key]?.trim();
    if (part && markdown) sections.push({ key, title: SECTION_TITLES[key], html: part.html, markdown });
  }
  return { ...toCatalogProductSummary(live, links), sections, related: related.map((r) => toCatalogLink(r, links)) };
}

export function toCatalogFaqSummary(live: LiveArticle, links: CatalogLinks): CatalogFaqSummary {
  const content = live.version.content;
  return { ...base(live, links), kind: 'faq', question: (content.question?.trim() || content.title).trim() };
}

export function toCatalogFaq(live: LiveArticle, related: LiveArticle[], links: CatalogLinks): CatalogFaq {
  const { version } = live;
  const text = (key: 'answer' | 'explanation'): CatalogText | null => {
    const part = publicPart(version, key);
    const markdown = version.content[key]?.trim();
    return part && markdown ? { html: part.html, markdown } : null;
  };
  return {
    ...toCatalogFaqSummary(live, links),
    answer: text('answer'),
    explanation: text('explanation'),
    related: related.map((r) => toCatalogLink(r, links)),
  };
}

function toCatalogLink(live: LiveArticle, links: CatalogLinks): CatalogLink {
  return {
    kind: live.article.kind,
    slug: live.article.slug,
    title: live.version.content.title.trim(),
    href: catalogHref(links, live.article.kind, live.article.slug),
  };
}

/** Whether a live article belongs in the public catalogue at all. */
export function isCatalogItem(live: LiveArticle): boolean {
  return (live.article.kind === 'product' || live.article.kind === 'faq') && live.version.content.audience === 'public';
}
