import { ArticleKind, ArticleContent, contentHash, emptyContent } from '../../src/articles/article-content';
import { ArticleVersion } from '../../src/articles/article-version.entity';
import { Article } from '../../src/articles/article.entity';
import { MarkdownRenderer } from '../../src/articles/markdown/markdown-renderer';
import type { LiveArticle } from '../../src/articles/published-articles.service';
import { Department } from '../../src/departments/department.entity';

// Spec support: LiveArticle objects as PublishedArticlesService returns them, with the version
// rendered by the real Markdown pipeline, so mappers are tested on real sanitised HTML.

const renderer = new MarkdownRenderer();
let counter = 0;

/** A fresh, valid (RFC 4122 v4-shaped) uuid per call; deterministic within a test file. */
export function testUuid(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

export const TEST_MUNICIPALITY = {
  name: 'Lindeveen',
  owmsUri: 'http://standaarden.overheid.nl/owms/terms/Lindeveen_(gemeente)',
  productUrl: 'https://www.lindeveen.nl/producten/{slug}',
};

export function department(name = 'Burgerzaken'): Department {
  return Object.assign(new Department(), {
    id: testUuid(),
    slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    name,
    contactEmail: '',
    coordinators: [],
    reviewIntervalDays: null,
    allowSelfApproval: false,
    createdAt: new Date('2024-01-01T09:00:00Z'),
    updatedAt: new Date('2024-01-01T09:00:00Z'),
    rowVersion: 1,
  });
}

export interface LiveArticleSpec {
  kind?: ArticleKind;
  slug?: string;
  /** null: the department relation was not loaded */
  department?: Department | null;
  /** approval of the live version */
  approvedAt?: Date;
  content?: Partial<ArticleContent>;
}

export function liveArticle(spec: LiveArticleSpec = {}): LiveArticle {
  const kind = spec.kind ?? 'product';
  const content: ArticleContent = { ...emptyContent(kind), ...spec.content };
  const dept = spec.department === undefined ? department() : spec.department;
  const id = testUuid();
  const approvedAt = spec.approvedAt ?? new Date('2025-03-14T10:15:00Z');
  const rendered = renderer.renderContent(kind, content);

  const article = Object.assign(new Article(), {
    id,
    externalId: null,
    kind,
    slug: spec.slug ?? `artikel-${counter}`,
    status: 'published' as const,
    // The working copy may differ from what is live: mappers must read the version.
    title: `${content.title} (concept)`,
    content: { ...content, title: `${content.title} (concept)`, kccNotes: 'WORKING-COPY-ONLY' },
    contentHash: 'working-copy',
    departmentId: dept?.id ?? testUuid(),
    department: dept ?? undefined,
    ownerId: null,
    reviewIntervalDays: null,
    reviewDueAt: null,
    lastReviewedAt: approvedAt,
    lastReviewedById: null,
    publishedVersion: 1,
    latestVersion: 1,
    revisionAuthorId: null,
    revisionNote: null,
    rejectionReason: null,
    submittedAt: null,
    archivedAt: null,
    createdAt: new Date('2024-01-01T09:00:00Z'),
    updatedAt: approvedAt,
    rowVersion: 3,
  });
  const version = Object.assign(new ArticleVersion(), {
    id: testUuid(),
    articleId: id,
    number: 1,
    content,
    rendered,
    plainText: renderer.publicText(content, rendered),
    contentHash: contentHash(content),
    reason: '',
    authorId: null,
    approvedById: null,
    restoredFrom: null,
    createdAt: approvedAt,
  });
  return { article, version };
}

/** A product with every section, UPL and both target groups. */
export function fullProduct(patch: Partial<ArticleContent> = {}, spec: Omit<LiveArticleSpec, 'content' | 'kind'> = {}): LiveArticle {
  return liveArticle({
    ...spec,
    kind: 'product',
    content: {
      title: 'Paspoort aanvragen',
      summary: 'U vraagt een paspoort aan bij de balie van Burgerzaken. Het kost € 84,85 en is na 5 werkdagen klaar.',
      sections: {
        inleiding: 'Een paspoort is een **reisdocument** en identiteitsbewijs.',
        aanvraag:
          'Maak online een afspraak via [de afsprakenpagina](https://www.lindeveen.nl/afspraak?product=paspoort&stap=1) en kom naar de balie.',
        voorwaarden: '- U staat ingeschreven in Lindeveen\n- U bent Nederlander',
        bewijs: 'Neem uw oude paspoort en een pasfoto mee.',
        kosten: '| Document | Prijs |\n| --- | ---: |\n| Paspoort 18+ | € 84,85 |',
        termijn: 'Na 5 werkdagen ligt het klaar.',
        bezwaar: 'Bezwaar maken kan binnen 6 weken.',
        bijzonderheden: 'Spoedaanvraag kan tegen meerprijs.',
        geenReactie: 'Neem contact op met het KCC.',
        contact: 'Bel 14 0123 of mail naar <burgerzaken@lindeveen.nl>.',
      },
      kccNotes: 'Check bij vermissing eerst het register paspoortsignaleringen.',
      themes: ['Reizen', 'Identiteit'],
      lifeEvents: ['reizen'],
      targetGroups: ['burger', 'ondernemer'],
      synonyms: ['reisdocument', 'pas', 'Reisdocument', ' '],
      uplName: 'paspoort',
      uplUri: 'http://standaarden.overheid.nl/owms/terms/paspoort',
      ...patch,
    },
  });
}
