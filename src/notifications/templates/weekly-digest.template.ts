import { NotificationContent } from '../notification';
import { ReviewedArticleRef } from './article-ref';
import { articleLinks, articles, calendarDaysUntil, formatDate, greeting, oneLine, relativeDay } from './format';
import { Block, MessageItem, paragraph, renderMessage } from './message-layout';

export type DigestGroup = 'overdue' | 'due' | 'upcoming';

export interface WeeklyDigestInput {
  recipientName?: string;
  groups: Record<DigestGroup, ReviewedArticleRef[]>;
  baseUrl: string;
  now: Date;
}

// most urgent first
const GROUPS: { key: DigestGroup; heading: string; count: string }[] = [
  { key: 'overdue', heading: 'Verlopen', count: 'verlopen' },
  { key: 'due', heading: 'Nu controleren', count: 'nu te controleren' },
  { key: 'upcoming', heading: 'Binnenkort', count: 'binnenkort' },
];

const byDueDate = (a: ReviewedArticleRef, b: ReviewedArticleRef): number =>
  a.reviewDueAt.getTime() - b.reviewDueAt.getTime() || a.title.localeCompare(b.title, 'nl');

/** `Weekoverzicht kennisbank: 3 artikelen verlopen, 2 binnenkort` (empty groups left out). */
function subjectFor(groups: WeeklyDigestInput['groups']): string {
  const parts = GROUPS.filter((g) => groups[g.key].length > 0).map((g, i) => {
    const n = groups[g.key].length;
    return `${i === 0 ? articles(n) : n} ${g.count}`;
  });
  return `Weekoverzicht kennisbank: ${parts.length > 0 ? parts.join(', ') : 'geen artikelen te controleren'}`;
}

/** Weekly overview of the articles that need checking, grouped by urgency. */
export function weeklyDigest(input: WeeklyDigestInput): NotificationContent {
  const { now, baseUrl } = input;
  const sorted = Object.fromEntries(GROUPS.map((g) => [g.key, [...input.groups[g.key]].sort(byDueDate)])) as WeeklyDigestInput['groups'];
  const total = GROUPS.reduce((sum, g) => sum + sorted[g.key].length, 0);

  const toItem = (article: ReviewedArticleRef): MessageItem => {
    const links = articleLinks(baseUrl, article.id);
    const due = `controledatum ${formatDate(article.reviewDueAt)} (${relativeDay(calendarDaysUntil(article.reviewDueAt, now))})`;
    return {
      title: oneLine(article.title),
      url: links.article,
      details: [article.department, due, ...(article.owner ? [`eigenaar: ${article.owner}`] : [])].join(', '),
      links: [{ label: 'Inhoud gecontroleerd', url: links.markReviewed }],
    };
  };

  const blocks: Block[] = [paragraph(greeting(input.recipientName))];
  if (total === 0) {
    blocks.push(paragraph(`Er zijn op ${formatDate(now)} geen kennisartikelen die je moet controleren. Dank je wel!`));
  } else {
    blocks.push(
      paragraph(`Dit is je wekelijkse overzicht van de kennisartikelen die gecontroleerd moeten worden (stand van ${formatDate(now)}).`),
    );
    for (const group of GROUPS) {
      const items = sorted[group.key];
      if (items.length === 0) continue;
      blocks.push({ type: 'heading', text: `${group.heading} (${items.length})` }, { type: 'items', items: items.map(toItem) });
    }
    blocks.push(
      paragraph(
        'Klopt een artikel nog? Met “Inhoud gecontroleerd” leg je dat met één klik vast. Moet er iets veranderen? Open dan het artikel.',
      ),
    );
  }

  return {
    kind: 'weekly_digest',
    ...renderMessage(subjectFor(sorted), blocks),
    data: {
      counts: Object.fromEntries(GROUPS.map((g) => [g.key, sorted[g.key].length])),
      articles: GROUPS.flatMap((g) =>
        sorted[g.key].map((a) => ({
          id: a.id,
          title: a.title,
          department: a.department,
          group: g.key,
          reviewDueAt: a.reviewDueAt.toISOString(),
          links: articleLinks(baseUrl, a.id),
        })),
      ),
    },
  };
}
