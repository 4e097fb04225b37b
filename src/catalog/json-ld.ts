import type { TargetGroup } from '../articles/article-content';
import type { LiveArticle } from '../articles/published-articles.service';

// schema.org GovernmentService for a product page, so search engines can show the municipality's
// services. Only public data: title, summary, UPL, target groups, themes. Never KCC notes or sections.

export interface JsonLdMunicipality {
  name: string;
  owmsUri: string;
}

export interface GovernmentServiceJsonLd {
  '@context': 'https://schema.org';
  '@type': 'GovernmentService';
  '@id': string;
  name: string;
  description?: string;
  url: string;
  serviceType?: string;
  identifier?: { '@type': 'PropertyValue'; propertyID: 'UPL'; value: string; name: string };
  provider: { '@type': 'GovernmentOrganization'; name: string; sameAs: string };
  areaServed: { '@type': 'AdministrativeArea'; name: string; sameAs: string };
  audience?: { '@type': 'Audience'; audienceType: string }[];
  category?: string[];
  dateModified: string;
}

// The Doelgroep values of the Dutch government's own vocabulary (the ones Samenwerkende Catalogi uses).
const AUDIENCE_TYPE: Record<TargetGroup, string> = { burger: 'particulier', ondernemer: 'ondernemer' };

/**
 * JSON-LD for the product page at `productUrl`; null for anything that is not a public product (a page
 * for it should not exist). `serviceOutput` is left out: what a service yields (a document, a permit,
 * money) is not in our content model, and a guess would be wrong for half the catalogue.
 */
export function toGovernmentServiceJsonLd(
  live: LiveArticle,
  municipality: JsonLdMunicipality,
  productUrl: string,
): GovernmentServiceJsonLd | null {
  const { article, version } = live;
  const content = version.content;
  if (article.kind !== 'product' || content.audience !== 'public') return null;

  const jsonLd: GovernmentServiceJsonLd = {
    '@context': 'https://schema.org',
    '@type': 'GovernmentService',
    '@id': `${productUrl}#dienst`,
    name: content.title.trim(),
    url: productUrl,
    provider: { '@type': 'GovernmentOrganization', name: municipality.name, sameAs: municipality.owmsUri },
    areaServed: { '@type': 'AdministrativeArea', name: municipality.name, sameAs: municipality.owmsUri },
    dateModified: version.createdAt.toISOString(),
  };
  const summary = content.summary.trim();
  if (summary) jsonLd.description = summary;
  const uplName = content.uplName?.trim();
  const uplUri = content.uplUri?.trim();
  if (uplName) jsonLd.serviceType = uplName;
  if (uplName && uplUri) jsonLd.identifier = { '@type': 'PropertyValue', propertyID: 'UPL', value: uplUri, name: uplName };
  const audiences = [...new Set(content.targetGroups.map((g) => AUDIENCE_TYPE[g]).filter(Boolean))];
  if (audiences.length) jsonLd.audience = audiences.map((audienceType) => ({ '@type': 'Audience', audienceType }));
  const themes = [...new Set(content.themes.map((t) => t.trim()).filter(Boolean))];
  if (themes.length) jsonLd.category = themes;
  return jsonLd;
}

/** For a `<script type="application/ld+json">`: `<` escaped so no value can close the script element. */
export function serializeJsonLd(jsonLd: object): string {
  return JSON.stringify(jsonLd)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
