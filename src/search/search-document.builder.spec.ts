import { type ArticleContent, emptyContent } from '../articles/article-content';
import { MarkdownRenderer } from '../articles/markdown/markdown-renderer';
import type { LiveArticle } from '../articles/published-articles.service';
import { DutchAnalyzer } from './dutch/dutch-analyzer';
import { buildSearchDocument } from './search-document.builder';

const analyzer = new DutchAnalyzer();
const renderer = new MarkdownRenderer();

function live(content: ArticleContent): LiveArticle {
  return {
    article: {
      id: '00000000-0000-4000-8000-000000000001',
      slug: 'huur',
      kind: 'faq',
      reviewDueAt: null,
      department: { id: '00000000-0000-4000-8000-000000000002', slug: 'wonen', name: 'Wonen' },
    },
    version: { number: 2, content, rendered: renderer.renderContent('faq', content), createdAt: new Date('2026-11-01T00:00:00Z') },
  } as unknown as LiveArticle;
}

describe('buildSearchDocument: question variants', () => {
  const content: ArticleContent = {
    ...emptyContent('faq'),
    title: 'Kopie identiteitsbewijs bij huren',
    question: 'Mag een verhuurder een kopie van mijn identiteitsbewijs maken?',
    answer: 'Alleen met het BSN afgeschermd.',
    alternativeQuestions: ['mag de huisbaas mijn id kopiëren'],
  };

  it('carries them as text and matches their analysed keys with the synonyms (same weight)', () => {
    const doc = buildSearchDocument(live(content), analyzer);
    expect(doc.alternativeQuestions).toEqual(['mag de huisbaas mijn id kopiëren']);
    const keys = doc.terms.synonyms.split(' ');
    expect(keys).toEqual(expect.arrayContaining(analyzer.indexTerms('huisbaas kopiëren').split(' ')));
    // never in the public body text (citizens never see them)
    expect(doc.bodyText).not.toContain('huisbaas');
    expect(doc.terms.body.split(' ')).not.toContain(analyzer.key('huisbaas'));
  });

  it('reads a snapshot written before the field existed as having none', () => {
    const { alternativeQuestions: _omitted, ...old } = content;
    const doc = buildSearchDocument(live(old as ArticleContent), analyzer);
    expect(doc.alternativeQuestions).toEqual([]);
    expect(doc.terms.synonyms).toBe(buildSearchDocument(live({ ...content, alternativeQuestions: [] }), analyzer).terms.synonyms);
  });
});
