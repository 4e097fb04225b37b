import { randomUUID } from 'node:crypto';
import type { ArticleContent } from '../../src/articles/article-content';
import { emptyContent } from '../../src/articles/article-content';
import { MarkdownRenderer } from '../../src/articles/markdown/markdown-renderer';
import type { LiveArticle } from '../../src/articles/published-articles.service';
import { DutchAnalyzer } from '../../src/search/dutch/dutch-analyzer';
import { planQuery } from '../../src/search/query/query-plan';
import { buildSnippet } from '../../src/search/query/snippet';
import { SynonymIndex } from '../../src/search/query/synonym-index';
import { buildSearchDocument } from '../../src/search/search-document.builder';
import type { SearchDocument } from '../../src/search/search-document';
import type { EngineQuery, SearchEngine, SearchFilters } from '../../src/search/search-engine';

export interface ContractHarness {
  engine: SearchEngine;
  /** empties the index */
  reset(): Promise<void>;
  /** engines that keep statistics (PostgreSQL idf) refresh them; others no-op */
  afterWrite(): Promise<void>;
}

const analyzer = new DutchAnalyzer();
const renderer = new MarkdownRenderer();
const SYNONYMS = [
  ['ID-kaart', 'identiteitskaart'],
  ['afvalpas', 'milieupas'],
];
const synonymIndex = new SynonymIndex(SYNONYMS, analyzer);

type DocSpec = Partial<ArticleContent> & {
  title: string;
  kind?: 'product' | 'faq' | 'instruction';
  department?: string;
  text?: string;
  reviewDueAt?: string | null;
};

/** A document through the real builder, from a minimal article. */
export function makeDocument(spec: DocSpec): SearchDocument {
  const kind = spec.kind ?? 'product';
  const { text, department, reviewDueAt, ...fields } = spec;
  const content: ArticleContent = {
    ...emptyContent(kind),
    summary: `Samenvatting over ${spec.title}`,
    ...(kind === 'product'
      ? { sections: { inleiding: text ?? '' } }
      : kind === 'faq'
        ? { question: spec.title, answer: text ?? '' }
        : { body: text ?? '' }),
    ...fields,
  };
  const id = randomUUID();
  const live = {
    article: {
      id,
      slug: spec.title.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      kind,
      reviewDueAt: reviewDueAt ? new Date(reviewDueAt) : null,
      department: { id: randomUUID(), slug: department ?? 'burgerzaken', name: department ?? 'Burgerzaken' },
    },
    version: { number: 1, content, rendered: renderer.renderContent(kind, content), createdAt: new Date('2026-11-01T00:00:00Z') },
  } as unknown as LiveArticle;
  return buildSearchDocument(live, analyzer);
}

const CORPUS = {
  paspoort: makeDocument({
    title: 'Paspoort aanvragen',
    text: 'Een paspoort vraagt u aan bij de balie. Neem een pasfoto mee.',
    themes: ['Reizen'],
    lifeEvents: ['reizen'],
    targetGroups: ['burger'],
    synonyms: ['reisdocument'],
  }),
  idkaart: makeDocument({
    title: 'Identiteitskaart',
    text: 'Met een identiteitskaart reist u binnen Europa.',
    themes: ['Reizen'],
    targetGroups: ['burger'],
  }),
  parkeren: makeDocument({
    title: 'Parkeervergunning bewoners',
    department: 'parkeren',
    text: 'Bewoners parkeren met een vergunning in hun wijk.',
    themes: ['Parkeren'],
    targetGroups: ['burger', 'ondernemer'],
  }),
  container: makeDocument({
    title: 'Container kapot',
    department: 'afval',
    text: 'Is uw container voor restafval kapot? Meld het, wij vervangen hem.',
    themes: ['Afval'],
  }),
  afvalpas: makeDocument({ title: 'Afvalpas', department: 'afval', text: 'Met de pas kunt u naar de milieustraat.', themes: ['Afval'] }),
  woz: makeDocument({
    title: 'Bezwaar WOZ-waarde',
    kind: 'faq',
    department: 'belastingen',
    text: 'Bent u het niet eens met de WOZ-beschikking? Maak binnen zes weken bezwaar.',
    themes: ['Belastingen'],
    targetGroups: ['burger', 'ondernemer'],
  }),
  intern: makeDocument({
    title: 'Werkinstructie agressieve beller',
    kind: 'instruction',
    department: 'kcc',
    text: 'Blijf rustig en benoem het gedrag.',
    themes: ['KCC'],
  }),
  geheim: makeDocument({
    title: 'Rijbewijs vernieuwen',
    text: 'Vraag uw rijbewijs aan bij de gemeente.',
    kccNotes: 'Codewoord zebrapad voor de backoffice.',
    themes: ['Reizen'],
  }),
  bodyOnly: makeDocument({
    title: 'Verhuizing doorgeven',
    text: 'Ook voor uw paspoort hoeft u niets te doen als u verhuist.',
    themes: ['Verhuizen'],
  }),
};

export function describeSearchEngineContract(name: string, setup: () => Promise<ContractHarness>, teardown: () => Promise<void>): void {
  describe(`SearchEngine contract: ${name}`, () => {
    let h: ContractHarness;
    const q = (text: string, filters: SearchFilters = {}, extra: Partial<EngineQuery> = {}): EngineQuery => ({
      plan: planQuery(text, analyzer, synonymIndex),
      filters,
      scope: 'staff',
      limit: 10,
      offset: 0,
      ...extra,
    });
    const titles = async (query: EngineQuery) => (await h.engine.search(query)).hits.map((hit) => hit.document.title);

    beforeAll(async () => {
      h = await setup();
      await h.reset();
      await h.engine.applySynonyms(synonymIndex.analysedGroups());
      await h.engine.upsert(Object.values(CORPUS));
      await h.afterWrite();
    }, 60_000);
    afterAll(async () => teardown());

    describe('matching', () => {
      it('finds a document by a word of its title, title matches first', async () => {
        const found = await titles(q('paspoort '));
        expect(found[0]).toBe('Paspoort aanvragen');
        expect(found).toContain('Verhuizing doorgeven');
      });

      it('finds inflected forms', async () => {
        expect((await titles(q('paspoorten ')))[0]).toBe('Paspoort aanvragen');
      });

      it('tolerates typos', async () => {
        expect((await titles(q('pasport ')))[0]).toBe('Paspoort aanvragen');
        expect(await titles(q('identitijtskaart '))).toContain('Identiteitskaart');
      });

      it('matches the word being typed as a prefix', async () => {
        expect((await titles(q('paspo')))[0]).toBe('Paspoort aanvragen');
        expect((await titles(q('parkeerverg')))[0]).toBe('Parkeervergunning bewoners');
      });

      it('matches compounds written apart and apart words written as compounds', async () => {
        expect((await titles(q('vergunning om te parkeren ')))[0]).toBe('Parkeervergunning bewoners');
        expect((await titles(q('restafvalcontainer ')))[0]).toBe('Container kapot');
      });

      it('expands synonyms', async () => {
        expect((await titles(q('ID-kaart ')))[0]).toBe('Identiteitskaart');
        expect((await titles(q('milieupas ')))[0]).toBe('Afvalpas');
      });

      it('does not require every word of a long question', async () => {
        expect((await titles(q('ik wil graag weten hoe ik bezwaar kan maken tegen de woz van mijn huis ')))[0]).toBe('Bezwaar WOZ-waarde');
      });

      it('finds nothing for words no document has', async () => {
        expect((await h.engine.search(q('xylofoonles '))).hits).toEqual([]);
      });
    });

    describe('filters and facets', () => {
      it('filters exactly by kind, department, theme, life event, target group and audience', async () => {
        expect(await titles(q('paspoort ', { kind: 'faq' }))).toEqual([]);
        expect(await titles(q('bezwaar ', { kind: 'faq' }))).toEqual(['Bezwaar WOZ-waarde']);
        expect(await titles(q('container ', { department: 'burgerzaken' }))).toEqual([]);
        expect(await titles(q('paspoort ', { theme: 'Verhuizen' }))).toEqual(['Verhuizing doorgeven']);
        expect(await titles(q('paspoort ', { lifeEvent: 'reizen' }))).toEqual(['Paspoort aanvragen']);
        expect(await titles(q('parkeren ', { targetGroup: 'ondernemer' }))).toEqual(['Parkeervergunning bewoners']);
        expect(await titles(q('beller ', { audience: 'public' }))).toEqual([]);
      });

      it('counts facets over the whole match set, not the page', async () => {
        const result = await h.engine.search(q('paspoort ', {}, { limit: 1 }));
        expect(result.hits).toHaveLength(1);
        expect(result.total).toBe(2);
        expect(result.facets.kind).toEqual({ product: 2 });
        expect(result.facets.themes).toEqual({ Reizen: 1, Verhuizen: 1 });
        expect(result.facets.department).toEqual({ burgerzaken: 2 });
      });

      it('pages with limit and offset', async () => {
        const all = await titles(q('paspoort '));
        expect(await titles(q('paspoort ', {}, { limit: 1, offset: 1 }))).toEqual(all.slice(1, 2));
      });
    });

    describe('audience rules', () => {
      it('shows internal documents and matches KCC notes for staff only', async () => {
        expect(await titles(q('agressieve beller '))).toContain('Werkinstructie agressieve beller');
        expect(await titles(q('agressieve beller ', {}, { scope: 'public' }))).toEqual([]);
        expect(await titles(q('zebrapad '))).toEqual(['Rijbewijs vernieuwen']);
        expect(await titles(q('zebrapad ', {}, { scope: 'public' }))).toEqual([]);
      });
    });

    describe('highlighting', () => {
      it('returns the public body text, in which the matching words can be marked', async () => {
        const plan = planQuery('pasfoto ', analyzer, synonymIndex);
        const [hit] = (await h.engine.search(q('pasfoto '))).hits;
        expect(buildSnippet(hit.document.bodyText, plan, analyzer)).toContain('<mark>pasfoto</mark>');
        const [secret] = (await h.engine.search(q('rijbewijs vernieuwen '))).hits;
        expect(secret.document.bodyText).not.toContain('zebrapad');
      });
    });

    describe('suggestions', () => {
      it('suggests titles and search words by prefix, tolerating typos', async () => {
        const plan = (text: string) => planQuery(text, analyzer, synonymIndex);
        expect((await h.engine.suggest(plan('paspo'), 'staff', 5)).map((s) => s.title)).toContain('Paspoort aanvragen');
        expect((await h.engine.suggest(plan('reisdoc'), 'staff', 5)).map((s) => s.title)).toContain('Paspoort aanvragen');
        expect((await h.engine.suggest(plan('werkinstr'), 'public', 5)).map((s) => s.title)).toEqual([]);
      });
    });

    describe('removal and replacement', () => {
      it('forgets removed documents and swaps in a complete new index', async () => {
        await h.engine.remove([CORPUS.woz.id]);
        expect(await titles(q('woz bezwaar '))).toEqual([]);
        const fresh = makeDocument({ title: 'Hondenbelasting', text: 'Voor elke hond betaalt u belasting.' });
        async function* pages() {
          yield [fresh];
        }
        expect(await h.engine.replaceAll(pages())).toBe(1);
        await h.afterWrite();
        expect(await titles(q('paspoort '))).toEqual([]);
        expect(await titles(q('hond '))).toEqual(['Hondenbelasting']);
      });
    });
  });
}
