import { TIME_ZONE, calendarDaysUntil } from '../../common/time/calendar-day';
import type { Block } from './message-layout';

// Dutch formatting shared by the templates. Everything is a pure function of its arguments: "now"
// is always passed in, never read from the system clock.

const DUTCH_DATE = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE });

/** `23 november 2026`, as the date is in the Netherlands. */
export function formatDate(date: Date): string {
  return DUTCH_DATE.format(date);
}

// Calendar days in Amsterdam (not 24-hour blocks) keep "over 14 dagen" stable whatever the time of
// day the job runs, and across the switch to and from summer time.
export { calendarDaysUntil };

/** `1 dag`, `21 dagen` */
export function days(n: number): string {
  return n === 1 ? '1 dag' : `${n} dagen`;
}

/** `vandaag`, `morgen`, `over 14 dagen`, `gisteren`, `21 dagen geleden` */
export function relativeDay(daysUntil: number): string {
  if (daysUntil === 0) return 'vandaag';
  if (daysUntil === 1) return 'morgen';
  if (daysUntil === -1) return 'gisteren';
  return daysUntil > 0 ? `over ${days(daysUntil)}` : `${days(-daysUntil)} geleden`;
}

/** `1 artikel`, `3 artikelen` */
export function articles(n: number): string {
  return n === 1 ? '1 artikel' : `${n} artikelen`;
}

/** A title on one line, for subjects (a newline in a header is never what anyone wants). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface ArticleLinks {
  /** the article in the editors' workplace */
  article: string;
  /** opens the article and records "inhoud gecontroleerd" with one click */
  markReviewed: string;
}

export function articleLinks(baseUrl: string, articleId: string): ArticleLinks {
  const article = `${baseUrl.replace(/\/+$/, '')}/werkplek/artikelen/${encodeURIComponent(articleId)}`;
  return { article, markReviewed: `${article}?actie=inhoud-gecontroleerd` };
}

export function greeting(recipientName: string | undefined, fallback = 'collega'): string {
  const name = recipientName ? oneLine(recipientName) : '';
  return `Beste ${name || fallback},`;
}

/** The two buttons every article mail ends with; `first` is the action the mail is mainly about. */
export function articleActions(links: ArticleLinks, first: 'article' | 'markReviewed' = 'article'): Block {
  const open = { label: 'Artikel openen', url: links.article };
  const reviewed = { label: 'Inhoud gecontroleerd', url: links.markReviewed };
  return { type: 'actions', links: first === 'article' ? [open, reviewed] : [reviewed, open] };
}
