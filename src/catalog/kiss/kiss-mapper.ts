import type { ArticleKind, SectionKey, TargetGroup } from '../../articles/article-content';
import type { LiveArticle } from '../../articles/published-articles.service';
import { dutchDate, escapeHtml, kccNotesPart, publicPart, uniqueWords } from '../catalog-format';

// Mapping to the objecttypes KISS (the KCC agent workspace) reads, in test/support/kiss-schemas/.
//
// Rich text or plain text: the schemas only say "tekst"/"beschrijving", but KISS renders every
// section of a kennisartikel (and a VAC's antwoord and toelichting) as HTML: it unescapes and sanitises
// the value and puts it in v-html. So those fields get the sanitised HTML rendered at approval
// (`version.rendered.parts[].html`). Titles, vraag and trefwoorden are shown as text: plain text.

/** "UPL-naam nog niet beschikbaar": the UPL's own entry for a product without a uniform name yet. */
export const UPL_NOT_AVAILABLE = {
  name: 'UPL-naam nog niet beschikbaar',
  uri: 'http://standaarden.overheid.nl/owms/terms/UPL-naam_nog_niet_beschikbaar',
} as const;

/** OWMS gives a living organisation no end date, but the schema requires one: "open end". */
export const OWMS_OPEN_END_DATE = '9999-12-31T23:59:59Z';

/** Section key → field of a kennisartikel translation, in the order of KISS's tabs. */
export const KISS_SECTION_FIELDS = {
  inleiding: 'tekst',
  aanvraag: 'procedureBeschrijving',
  voorwaarden: 'vereisten',
  bewijs: 'bewijs',
  kosten: 'kostenEnBetaalmethoden',
  termijn: 'uitersteTermijn',
  bezwaar: 'bezwaarEnBeroep',
  bijzonderheden: 'notice',
  geenReactie: 'wtdBijGeenReactie',
  contact: 'contact',
} as const satisfies Record<SectionKey, string>;

type KissSectionField = (typeof KISS_SECTION_FIELDS)[SectionKey];

export interface KissTrefwoord {
  trefwoord: string;
}

export type KissKennisartikelVertaling = {
  taal: 'nl' | 'en';
  titel?: string;
  deskMemo?: string;
  trefwoorden?: KissTrefwoord[];
  /** ISO date-time of the live version */
  datumWijziging: string;
} & Partial<Record<KissSectionField, string>>;

/** "SDG Kennisartikel" objecttype (test/support/kiss-schemas/kennisartikel-schema.json). */
export interface KissKennisartikel {
  url: string;
  uuid: string;
  upnUri: string;
  /** not in the schema (which allows extra properties); the SDG API has it and KISS's search shows it */
  upnLabel: string;
  publicatieDatum: string | null;
  productAanwezig: boolean | null;
  productValtOnder: null;
  verantwoordelijkeOrganisatie: { url: string; owmsIdentifier: string; owmsPrefLabel?: string; owmsEndDate: string };
  locaties: null;
  doelgroep: 'eu-burger' | 'eu-bedrijf';
  afdelingen?: { afdelingId?: string; afdelingnaam: string }[];
  vertalingen: KissKennisartikelVertaling[];
  beschikbareTalen: string[];
}

/** "VAC" objecttype (test/support/kiss-schemas/vac-schema.json). */
export interface KissVac {
  vraag: string;
  antwoord: string;
  status: 'actief' | 'non-actief' | 'te-verwijderen';
  doelgroep: 'eu-burger' | 'eu-bedrijf' | 'eu-burger-bedrijf';
  afdelingen?: { afdelingId?: string; afdelingNaam: string }[];
  toelichting?: string;
  trefwoorden?: KissTrefwoord[];
  gerelateerdeVACs?: { VAC: string }[];
  gerelateerdeProducten?: { product: string }[];
}

/** The municipality as the responsible organisation (AppConfig.municipality plus optional OWMS data). */
export interface KissOrganisation {
  name: string;
  owmsUri: string;
  /** URL of the organisation object in the serving API; defaults to the OWMS URI */
  url?: string;
  owmsEndDate?: string;
}

export interface KissKennisartikelOptions {
  /** KCC notes as `deskMemo`: only for KISS instances that only KCC staff can read */
  includeDeskMemo: boolean;
  /** URL of this object in the serving API (required by the schema) */
  objectUrl: string;
  organisation: KissOrganisation;
}

/** A related live article, resolved by the caller (the mapper stays pure and knows no URLs). */
export interface KissRelated {
  kind: ArticleKind;
  url: string;
}

export interface KissVacOptions {
  /** KCC notes appended to `toelichting` (which KISS shows as "Interne toelichting"); default off */
  includeKccNotes?: boolean;
  related?: KissRelated[];
}

/** A published product as a KISS "SDG Kennisartikel" (Dutch only). */
export function toKissKennisartikel(live: LiveArticle, options: KissKennisartikelOptions): KissKennisartikel {
  const { article, version } = live;
  if (article.kind !== 'product') throw new Error(`toKissKennisartikel: article ${article.id} is a ${article.kind}, not a product`);
  const content = version.content;

  const vertaling: KissKennisartikelVertaling = {
    taal: 'nl',
    titel: content.title.trim(),
    datumWijziging: version.createdAt.toISOString(),
  };
  for (const [key, field] of Object.entries(KISS_SECTION_FIELDS) as [SectionKey, KissSectionField][]) {
    const html = publicPart(version, `sections.${key}`)?.html;
    if (html) vertaling[field] = html;
  }
  // The summary (what an agent reads out first) has no field of its own: it opens the Inleiding tab.
  const summary = content.summary.trim();
  if (summary) vertaling.tekst = `<p>${escapeHtml(summary)}</p>${vertaling.tekst ? `\n${vertaling.tekst}` : ''}`;
  if (options.includeDeskMemo) {
    const notes = kccNotesPart(version)?.html;
    if (notes) vertaling.deskMemo = notes;
  }
  vertaling.trefwoorden = trefwoorden(content.synonyms);

  const organisation = options.organisation;
  const hasUpl = Boolean(content.uplUri?.trim() && content.uplName?.trim());
  const result: KissKennisartikel = {
    url: options.objectUrl,
    uuid: article.id,
    upnUri: hasUpl ? content.uplUri!.trim() : UPL_NOT_AVAILABLE.uri,
    upnLabel: hasUpl ? content.uplName!.trim() : UPL_NOT_AVAILABLE.name,
    publicatieDatum: dutchDate(version.createdAt),
    productAanwezig: true,
    productValtOnder: null,
    verantwoordelijkeOrganisatie: {
      url: organisation.url ?? organisation.owmsUri,
      owmsIdentifier: organisation.owmsUri,
      owmsPrefLabel: organisation.name,
      owmsEndDate: organisation.owmsEndDate ?? OWMS_OPEN_END_DATE,
    },
    locaties: null,
    doelgroep: productDoelgroep(content.targetGroups),
    vertalingen: [vertaling],
    beschikbareTalen: ['nl'],
  };
  const afdeling = article.department;
  if (afdeling?.name) result.afdelingen = [{ afdelingId: afdeling.id, afdelingnaam: afdeling.name }];
  return result;
}

/** A published FAQ as a KISS "VAC". */
export function toKissVac(live: LiveArticle, options: KissVacOptions = {}): KissVac {
  const { article, version } = live;
  if (article.kind !== 'faq') throw new Error(`toKissVac: article ${article.id} is a ${article.kind}, not a faq`);
  const content = version.content;

  const summary = content.summary.trim();
  const vac: KissVac = {
    vraag: (content.question?.trim() || content.title).trim(),
    antwoord: publicPart(version, 'answer')?.html ?? (summary ? `<p>${escapeHtml(summary)}</p>` : ''),
    // Only live articles reach this mapper; archived ones simply drop out of the export.
    status: 'actief',
    doelgroep: vacDoelgroep(content.targetGroups),
    trefwoorden: trefwoorden(content.synonyms),
  };
  const toelichting = [publicPart(version, 'explanation')?.html];
  if (options.includeKccNotes) toelichting.push(kccNotesPart(version)?.html);
  const joined = toelichting.filter((html): html is string => Boolean(html)).join('\n');
  if (joined) vac.toelichting = joined;

  const afdeling = article.department;
  if (afdeling?.name) vac.afdelingen = [{ afdelingId: afdeling.id, afdelingNaam: afdeling.name }];

  const related = options.related ?? [];
  const vacs = related.filter((r) => r.kind === 'faq').map((r) => ({ VAC: r.url }));
  const products = related.filter((r) => r.kind === 'product').map((r) => ({ product: r.url }));
  if (vacs.length) vac.gerelateerdeVACs = vacs;
  if (products.length) vac.gerelateerdeProducten = products;
  return vac;
}

/** The kennisartikel schema has no "both": a product for citizens and businesses is filed under citizens. */
function productDoelgroep(groups: readonly TargetGroup[]): KissKennisartikel['doelgroep'] {
  return groups.includes('ondernemer') && !groups.includes('burger') ? 'eu-bedrijf' : 'eu-burger';
}

/** A VAC without a target group answers anyone: burger and bedrijf. */
function vacDoelgroep(groups: readonly TargetGroup[]): KissVac['doelgroep'] {
  const burger = groups.includes('burger');
  const bedrijf = groups.includes('ondernemer');
  if (burger && !bedrijf) return 'eu-burger';
  if (bedrijf && !burger) return 'eu-bedrijf';
  return 'eu-burger-bedrijf';
}

function trefwoorden(synonyms: readonly string[]): KissTrefwoord[] {
  return uniqueWords(synonyms).map((trefwoord) => ({ trefwoord }));
}

// --- Objects API envelope -------------------------------------------------------------------------

export interface ObjectsApiObject<T> {
  url: string;
  uuid: string;
  type: string;
  record: {
    index: number;
    typeVersion: number;
    data: T;
    geometry: null;
    startAt: string;
    endAt: null;
    registrationAt: string;
    correctionFor: null;
    correctedBy: null;
  };
}

export interface ObjectsApiRecordOptions {
  /** URL of this object in the serving API */
  url: string;
  uuid: string;
  /** URL of the objecttype in the Objecttypes API */
  typeUrl: string;
  /** objecttype version the data conforms to; default 1 */
  typeVersion?: number;
  /** material start: when this record became valid (the live version's approval) */
  startAt: Date;
  /** formal registration; defaults to startAt */
  registrationAt?: Date;
  /** record number of this object; default 1 */
  index?: number;
}

export interface ObjectsApiPage<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** `data` wrapped like an object of the Objects API (one current record, no geometry, no end). */
export function toObjectsApiRecord<T>(data: T, options: ObjectsApiRecordOptions): ObjectsApiObject<T> {
  return {
    url: options.url,
    uuid: options.uuid,
    type: options.typeUrl,
    record: {
      index: options.index ?? 1,
      typeVersion: options.typeVersion ?? 1,
      data,
      geometry: null,
      startAt: dutchDate(options.startAt),
      endAt: null,
      registrationAt: dutchDate(options.registrationAt ?? options.startAt),
      correctionFor: null,
      correctedBy: null,
    },
  };
}

/** A page of results in the Objects API's (DRF) pagination shape. */
export function toObjectsApiPage<T>(
  results: T[],
  page: { count: number; next: string | null; previous: string | null },
): ObjectsApiPage<T> {
  return { count: page.count, next: page.next, previous: page.previous, results };
}
