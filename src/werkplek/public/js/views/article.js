// @ts-check
import { api, describeError } from '../api.js';
import { can } from '../session.js';
import { KIND_LABELS, announce, formatDate, h, trustedHtml } from '../dom.js';
import { feedbackPanel } from './feedback.js';

// An article as the agent reads it during a call: what to say first, then the details; KCC notes
// set apart; how fresh it is; one click to copy the answer or to report a problem.

/**
 * @param {HTMLElement} main
 * @param {import('../app.js').ScreenContext} context
 */
export async function renderArticle(main, { params: [id] }) {
  let data;
  try {
    data = (await api(`/api/articles/${encodeURIComponent(id)}/published`)).body;
  } catch (error) {
    main.append(
      h('h1', {}, 'Artikel'),
      h('p', { class: 'notice error', role: 'alert' }, describeError(error)),
      h('a', { href: '#/zoeken' }, 'Terug naar zoeken'),
    );
    return;
  }
  const { article, content, rendered } = data;
  const title = h('h1', { id: 'article-title' }, content.title, h('span', { class: 'badge' }, KIND_LABELS[article.kind] ?? article.kind));
  const review = article.review;
  const warnings = h('div', { id: 'warnings' });
  if (review.state === 'overdue') {
    warnings.append(
      h(
        'p',
        { class: 'notice', role: 'note' },
        `Let op: de controledatum (${formatDate(review.dueAt)}) is verstreken. De inhoud kan verouderd zijn; meld twijfel met een terugmelding.`,
      ),
    );
  }
  // A change in the national source this article builds on (landelijke content).
  api(`/api/articles/${article.id}/national-source`).then(
    ({ body }) => {
      if (body?.sourceChanged)
        warnings.append(
          h(
            'p',
            { class: 'notice', role: 'note' },
            'Let op: de landelijke bron van dit artikel is gewijzigd en de redactie heeft dat nog niet verwerkt.',
          ),
        );
    },
    () => undefined,
  );

  const parts = rendered.parts.filter((p) => !p.internal);
  const notes = rendered.parts.find((p) => p.internal);
  const copyStatus = h('span', { role: 'status', class: 'hint' });
  const copy = async () => {
    const text = [content.title, content.summary, ...parts.map((p) => `${p.title}\n${p.text}`)].filter(Boolean).join('\n\n');
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = h('textarea', { 'aria-hidden': 'true', class: 'visually-hidden' }, text);
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    copyStatus.textContent = 'Antwoord gekopieerd';
    announce('Antwoord gekopieerd');
  };

  main.append(
    h('p', {}, h('a', { href: '#/zoeken' }, '← Terug naar zoeken')),
    h(
      'article',
      { 'aria-labelledby': 'article-title' },
      title,
      warnings,
      content.summary ? h('p', { class: 'summary' }, h('strong', {}, 'Wat zegt u: '), content.summary) : null,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', id: 'copy-answer', onclick: copy }, 'Kopieer antwoord'),
        can('editor') ? h('a', { class: 'button secondary', href: `#/bewerken/${article.id}` }, 'Bewerken') : null,
        copyStatus,
      ),
      parts.map((part) => h('section', { 'aria-label': part.title }, h('h2', {}, part.title), trustedHtml('div', part.html))),
      notes
        ? h(
            'aside',
            { class: 'kcc-notes', 'aria-label': 'KCC-notities' },
            h('h2', {}, 'Alleen voor het KCC'),
            trustedHtml('div', notes.html),
          )
        : null,
      h(
        'p',
        { class: 'reviewed' },
        `Laatst gecontroleerd op ${formatDate(review.lastReviewedAt)}${review.lastReviewedBy ? ` door ${review.lastReviewedBy.name || review.lastReviewedBy.email}` : ''}. `,
        `Volgende controle: ${formatDate(review.dueAt)}. Afdeling: ${article.department.name}.`,
      ),
      data.related.length
        ? h(
            'nav',
            { 'aria-label': 'Gerelateerde artikelen' },
            h('h2', {}, 'Zie ook'),
            h(
              'ul',
              {},
              data.related.map((r) =>
                h('li', {}, h('a', { href: `#/artikel/${r.id}` }, r.title), h('span', { class: 'badge' }, KIND_LABELS[r.kind] ?? r.kind)),
              ),
            ),
          )
        : null,
    ),
    await feedbackPanel(article, parts),
  );
}
