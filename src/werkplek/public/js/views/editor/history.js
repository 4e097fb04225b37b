// @ts-check
import { api } from '../../api.js';
import { clear, diffWords, formatDateTime, h } from '../../dom.js';

// The article's approved versions, a readable diff of each against the draft, and restore.

/** @typedef {import('../../types.js').ArticleVersion} ArticleVersion */
/** @typedef {import('../../types.js').ArticleDiff} ArticleDiff */

/**
 * Draws the version history of article `id` into `box`.
 * @param {HTMLElement} box
 * @param {string} id
 * @param {(number: number) => void} restore
 */
export async function drawHistory(box, id, restore) {
  clear(box);
  /** @type {ArticleVersion[]} */
  const versions = (await api(`/api/articles/${id}/versions`)).body;
  box.append(h('h2', { id: 'history-title' }, 'Versiegeschiedenis'));
  if (!versions.length) {
    box.append(h('p', {}, 'Nog geen goedgekeurde versies.'));
    return;
  }
  const diffBox = h('div', { class: 'diff', 'aria-live': 'polite' });
  box.append(
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h('tr', {}, h('th', {}, 'Versie'), h('th', {}, 'Goedgekeurd'), h('th', {}, 'Door'), h('th', {}, 'Reden'), h('th', {}, 'Acties')),
      ),
      h(
        'tbody',
        {},
        versions.map((v) =>
          h(
            'tr',
            {},
            h('td', {}, `${v.number}${v.live ? ' (live)' : ''}`),
            h('td', {}, formatDateTime(v.createdAt)),
            h('td', {}, v.approvedBy?.name || v.approvedBy?.email || '—'),
            h('td', {}, v.reason || '—'),
            h(
              'td',
              {},
              h('button', { type: 'button', class: 'secondary', onclick: () => showDiff(id, v.number, diffBox) }, `Verschil met concept`),
              ' ',
              h('button', { type: 'button', class: 'secondary', onclick: () => restore(v.number) }, 'Herstellen'),
            ),
          ),
        ),
      ),
    ),
    diffBox,
  );
}

/**
 * @param {string} id
 * @param {number} number
 * @param {HTMLElement} box
 */
async function showDiff(id, number, box) {
  /** @type {ArticleDiff} */
  const body = (await api(`/api/articles/${id}/diff?from=${number}&to=draft`)).body;
  clear(box).append(h('h3', {}, `Versie ${number} → huidig concept`));
  if (!body.changes.length) box.append(h('p', {}, 'Geen verschillen.'));
  for (const change of body.changes) {
    box.append(h('h4', {}, change.label), h('p', {}, diffWords(change.changes)));
  }
}
