import { NotificationContent } from '../notification';
import { ArticleRef } from './article-ref';
import { articleActions, articleLinks, greeting, oneLine } from './format';
import { Block, paragraph, renderMessage } from './message-layout';

export type FeedbackKind = 'incorrect' | 'incomplete' | 'unclear' | 'outdated' | 'cannot-find';

export const FEEDBACK_KIND_LABELS: Record<FeedbackKind, string> = {
  incorrect: 'onjuist',
  incomplete: 'onvolledig',
  unclear: 'onduidelijk',
  outdated: 'verouderd',
  'cannot-find': 'niet te vinden',
};

export interface FeedbackReceivedInput {
  recipientName?: string;
  article: ArticleRef;
  feedback: { kind: FeedbackKind; comment: string; section?: string };
  baseUrl: string;
}

/** A terugmelding: an agent reports that an article is wrong, incomplete, unclear, ... */
export function feedbackReceived(input: FeedbackReceivedInput): NotificationContent {
  const { article, feedback } = input;
  const title = oneLine(article.title);
  const label = FEEDBACK_KIND_LABELS[feedback.kind];
  const links = articleLinks(input.baseUrl, article.id);
  const comment = feedback.comment.trim();

  const blocks: Block[] = [
    paragraph(greeting(input.recipientName)),
    paragraph('Een KCC-medewerker meldt dat het kennisartikel “', { strong: title }, `” van ${article.department} ${label} is.`),
    {
      type: 'facts',
      rows: [
        { label: 'Soort terugmelding', value: label },
        ...(feedback.section ? [{ label: 'Onderdeel', value: oneLine(feedback.section) }] : []),
        { label: 'Artikel', value: title },
      ],
    },
    paragraph('Toelichting:'),
    { type: 'quote', text: comment || '(geen toelichting)' },
    paragraph(
      feedback.kind === 'cannot-find'
        ? 'Voeg zo nodig de woorden toe waarmee burgers en medewerkers naar dit artikel zoeken (synoniemen, zoektermen). '
        : 'Pas het artikel zo nodig aan. ',
      'Klopt het artikel toch? Met “Inhoud gecontroleerd” leg je vast dat je het hebt gecontroleerd.',
    ),
    articleActions(links),
  ];

  return {
    kind: 'feedback_received',
    ...renderMessage(`Terugmelding: ${title} (${label})`, blocks),
    // the comment stays in the human-readable text only: it is free text and may hold a citizen's details
    data: {
      articleId: article.id,
      department: article.department,
      feedback: { kind: feedback.kind, label, section: feedback.section ?? null },
      links,
    },
  };
}
