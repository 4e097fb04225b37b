import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

interface Fixture {
  externalId: string;
  kind: 'product' | 'faq' | 'instruction';
  title: string;
  summary: string;
  department: string;
  sections?: Record<string, string>;
  body?: string;
  question?: string;
  answer?: string;
  audience?: string;
  themes?: string[];
  synonyms?: string[];
  status?: string;
}

const WIJKEN = [
  'Centrum',
  'Noord',
  'Oost',
  'Zuid',
  'West',
  'De Hoven',
  'Molenwijk',
  'Vaartse Rijn',
  'Oud-Lindeveen',
  'Bosrand',
  'Havenkwartier',
  'Kerkbuurt',
];

/** Deterministic pseudo-random numbers (mulberry32), so every run seeds the same corpus. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function loadFixtures(root: string): Fixture[] {
  const dir = join(root, 'content-fixtures/articles');
  return readdirSync(dir)
    .flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fixture[])
    .filter((f) => !f.status || f.status === 'published');
}

export interface SyntheticArticle {
  kind: 'product' | 'faq' | 'instruction';
  title: string;
  summary: string;
  department: string;
  audience: 'public' | 'internal';
  markdown: string;
  question: string | null;
  themes: string[];
  synonyms: string[];
}

/**
 * Realistic Dutch articles at any scale: each is a fixture article (its title and summary, a
 * neighbourhood or variant), with its paragraphs mixed with paragraphs from two other fixtures, so
 * the vocabulary and word frequencies stay those of real municipal content.
 */
export function syntheticArticles(fixtures: Fixture[], count: number, seed = 42): SyntheticArticle[] {
  const rnd = random(seed);
  const paragraphs = fixtures.map((f) =>
    [...Object.values(f.sections ?? {}), f.body ?? '', f.answer ?? '']
      .join('\n\n')
      .split(/\n\s*\n/)
      .filter((p) => p.trim().length > 20),
  );
  const out: SyntheticArticle[] = [];
  for (let i = 0; i < count; i++) {
    const t = i % fixtures.length;
    const f = fixtures[t];
    const others = [Math.floor(rnd() * fixtures.length), Math.floor(rnd() * fixtures.length)];
    const own = paragraphs[t];
    const mixed = [...own, ...others.flatMap((o) => paragraphs[o].slice(0, 2))].sort(() => rnd() - 0.5).slice(0, 8);
    const variant = i < fixtures.length ? '' : ` (${WIJKEN[Math.floor(rnd() * WIJKEN.length)]} ${1 + Math.floor(i / fixtures.length)})`;
    out.push({
      kind: f.kind,
      title: `${f.title}${variant}`,
      summary: f.summary,
      department: f.department,
      audience: f.kind === 'instruction' ? 'internal' : ((f.audience as 'public' | 'internal') ?? 'public'),
      markdown: mixed.join('\n\n'),
      question: f.kind === 'faq' ? (f.question ?? f.title) : null,
      themes: f.themes ?? [],
      synonyms: f.synonyms ?? [],
    });
  }
  return out;
}
