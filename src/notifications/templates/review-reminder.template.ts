import { NotificationContent, NotificationKind } from '../notification';
import { ReviewedArticleRef } from './article-ref';
import { articleActions, articleLinks, calendarDaysUntil, days, formatDate, greeting, oneLine, relativeDay } from './format';
import { Block, paragraph, renderMessage } from './message-layout';

export type ReviewStage = 'upcoming' | 'due' | 'overdue' | 'escalated';

export interface ReviewReminderInput {
  stage: ReviewStage;
  recipientName?: string;
  article: ReviewedArticleRef;
  baseUrl: string;
  now: Date;
  /** set when the escalation goes to the knowledge coordinator rather than the editor */
  escalatedTo?: 'coordinator';
}

const KIND: Record<ReviewStage, NotificationKind> = {
  upcoming: 'review_upcoming',
  due: 'review_due',
  overdue: 'review_overdue',
  escalated: 'review_escalated',
};

function subjectFor(stage: ReviewStage, title: string, daysUntilDue: number): string {
  const overdue = days(Math.max(0, -daysUntilDue));
  switch (stage) {
    case 'upcoming':
    case 'due':
      // a job that runs late can reach 'due' after the date has passed: say what is true
      return daysUntilDue >= 0
        ? `Controle nodig: ${title} (${relativeDay(daysUntilDue)})`
        : `Controle verlopen: ${title} (${overdue} over de controledatum)`;
    case 'overdue':
      return `Controle verlopen: ${title} (${overdue} over de controledatum)`;
    case 'escalated':
      return `Escalatie: ${title} is ${overdue} over de controledatum`;
  }
}

function statusPhrase(daysUntilDue: number): string {
  return daysUntilDue >= 0 ? `moet ${relativeDay(daysUntilDue)} gecontroleerd worden` : `is ${days(-daysUntilDue)} over de controledatum`;
}

/** Reminder to check one article, at each stage of the review policy, up to the escalation. */
export function reviewReminder(input: ReviewReminderInput): NotificationContent {
  const { stage, article, now } = input;
  const title = oneLine(article.title);
  const links = articleLinks(input.baseUrl, article.id);
  const daysUntilDue = calendarDaysUntil(article.reviewDueAt, now);
  const toCoordinator = stage === 'escalated' && input.escalatedTo === 'coordinator';

  const blocks: Block[] = [
    paragraph(greeting(input.recipientName, toCoordinator ? 'kennisregisseur' : 'collega')),
    paragraph('Het kennisartikel “', { strong: title }, `” van ${article.department} ${statusPhrase(daysUntilDue)}.`),
  ];
  if (toCoordinator) {
    blocks.push(
      paragraph(
        article.owner
          ? `De eigenaar, ${article.owner}, heeft niet gereageerd op de herinneringen. `
          : 'Niemand heeft gereageerd op de herinneringen. ',
        `Neem contact op met de vakafdeling ${article.department}, of laat het artikel door iemand anders controleren.`,
      ),
    );
  } else if (stage === 'escalated') {
    blocks.push(paragraph('Je hebt hierover eerder herinneringen ontvangen. Controleer het artikel zo snel mogelijk.'));
  } else if (stage === 'overdue' || daysUntilDue < 0) {
    blocks.push(
      paragraph('Zolang het artikel niet is gecontroleerd, lopen KCC-medewerkers het risico burgers verouderde informatie te geven.'),
    );
  } else {
    blocks.push(paragraph('Wil je controleren of de inhoud nog klopt en het artikel zo nodig aanpassen?'));
  }
  blocks.push(
    {
      type: 'facts',
      rows: [
        { label: 'Artikel', value: title },
        { label: 'Vakafdeling', value: article.department },
        { label: 'Controledatum', value: formatDate(article.reviewDueAt) },
        { label: 'Laatst gecontroleerd', value: article.lastReviewedAt ? formatDate(article.lastReviewedAt) : 'nog nooit' },
        ...(article.owner ? [{ label: 'Eigenaar', value: article.owner }] : []),
      ],
    },
    paragraph('Klopt alles nog? Met “Inhoud gecontroleerd” leg je dat met één klik vast. Moet er iets veranderen? Open dan het artikel.'),
    articleActions(links, 'markReviewed'),
  );

  return {
    kind: KIND[stage],
    ...renderMessage(subjectFor(stage, title, daysUntilDue), blocks),
    data: {
      articleId: article.id,
      department: article.department,
      stage,
      ...(input.escalatedTo ? { escalatedTo: input.escalatedTo } : {}),
      reviewDueAt: article.reviewDueAt.toISOString(),
      lastReviewedAt: article.lastReviewedAt?.toISOString() ?? null,
      daysUntilDue,
      links,
    },
  };
}
