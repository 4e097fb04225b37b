import { SECTION_KEYS, SectionKey, Sections } from '../article-content';

const fold = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[?!:.]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Headings editors and the national content use, folded (lower case, no accents, no trailing ?). */
const HEADINGS: Record<string, SectionKey> = {};
const add = (key: SectionKey, ...headings: string[]) => headings.forEach((h) => (HEADINGS[fold(h)] = key));
add('inleiding', 'Wat is het', 'Wat is het?', 'Inleiding', 'Omschrijving', 'Beschrijving', 'Wat is dit');
add(
  'aanvraag',
  'Hoe aanvragen',
  'Aanvragen',
  'Aanvraag',
  'Hoe vraag ik het aan',
  'Hoe vraagt u het aan',
  'Hoe werkt het',
  'Procedure',
  'Hoe regelen',
  'Melden',
  'Hoe melden',
);
add('voorwaarden', 'Voorwaarden', 'Wie kan het aanvragen', 'Wanneer komt u in aanmerking', 'Vereisten');
add(
  'bewijs',
  'Wat moet u meenemen',
  'Wat moet ik meenemen',
  'Meenemen',
  'Benodigdheden',
  'Bewijs',
  'Wat heeft u nodig',
  'Wat heb ik nodig',
  'Benodigde documenten',
);
add('kosten', 'Wat kost het', 'Kosten', 'Tarieven', 'Tarief', 'Prijs', 'Kosten en betaalmethoden');
add('termijn', 'Termijn', 'Doorlooptijd', 'Hoe lang duurt het', 'Levertijd', 'Uiterste termijn', 'Termijnen');
add('bezwaar', 'Bezwaar en beroep', 'Bezwaar', 'Bezwaar maken', 'Beroep');
add('bijzonderheden', 'Bijzonderheden', 'Let op', 'Meer informatie', 'Extra informatie', 'Goed om te weten');
add('geenReactie', 'Wat als de gemeente niet op tijd reageert', 'Geen reactie', 'Wat als de gemeente te laat is', 'Niet op tijd');
add('contact', 'Contact', 'Contactgegevens', 'Meer weten', 'Vragen');

export function sectionForHeading(heading: string): SectionKey | null {
  return HEADINGS[fold(heading)] ?? null;
}

/**
 * Splits Markdown on its `##` headings into product sections. Text before the first heading is the
 * introduction; a heading we do not recognise keeps its content (under a `###` of its own) in
 * `bijzonderheden`, so nothing an editor wrote is dropped. Headings inside code fences are ignored.
 */
export function bodyToSections(markdown: string): { sections: Sections; unmapped: string[] } {
  const buckets = new Map<SectionKey, string[]>();
  const unmapped: string[] = [];
  let current: SectionKey = 'inleiding';
  let inFence = false;
  const push = (key: SectionKey, line: string) => {
    if (!buckets.has(key)) buckets.set(key, []);
    buckets.get(key)!.push(line);
  };
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s{0,3}(```|~~~)/.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^\s{0,3}##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      const key = sectionForHeading(heading[1]);
      if (key) {
        current = key;
      } else {
        unmapped.push(heading[1]);
        current = 'bijzonderheden';
        push(current, `### ${heading[1]}`);
      }
      continue;
    }
    push(current, line);
  }
  const sections: Sections = {};
  for (const key of SECTION_KEYS) {
    const text = buckets.get(key)?.join('\n').trim();
    if (text) sections[key] = text;
  }
  return { sections, unmapped };
}
