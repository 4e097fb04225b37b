// @ts-check
import { clear, formatDateTime, h } from '../../dom.js';
import { get } from './fields.js';

// A 412 (someone else saved in between): theirs next to mine for every field that differs; the
// editor picks per field, and nothing typed is thrown away.

/** @typedef {import('../../types.js').Article} Article */

/**
 * Mine as the form has it, for a dotted path.
 * @param {Record<string, any>} mine
 * @param {string} path
 * @returns {string}
 */
const mineAt = (mine, path) => (path.startsWith('sections.') ? (mine.sections?.[path.slice(9)] ?? '') : (mine[path] ?? ''));

/**
 * Draws the comparison into `box`.
 * @param {HTMLElement} box
 * @param {object} conflict
 * @param {Article} conflict.theirs the current version on the server
 * @param {Record<string, any>} conflict.mine the values the editor tried to save
 * @param {Array<[string, string]>} conflict.fields the [path, label] pairs to compare
 * @param {(path: string, text: string) => void} conflict.pick puts the chosen text in the form
 */
export function drawConflict(box, { theirs, mine, fields, pick }) {
  const changed = fields.filter(([path]) => (get(theirs, path) ?? '') !== mineAt(mine, path));
  clear(box).append(
    h('h2', { tabindex: '-1', id: 'conflict-title' }, 'Iemand anders heeft dit artikel intussen gewijzigd'),
    h(
      'p',
      {},
      `${theirs.revision?.authorId ? 'Een collega' : 'Iemand'} heeft op ${formatDateTime(theirs.updatedAt)} opgeslagen. Uw tekst staat nog in het formulier. Kies per veld welke tekst u houdt, of voeg ze samen, en sla dan opnieuw op.`,
    ),
    ...changed.map(([path, label]) => {
      const mineText = mineAt(mine, path);
      const theirText = get(theirs, path) ?? '';
      return h(
        'div',
        { class: 'card' },
        h('h3', {}, label),
        h(
          'div',
          { class: 'conflict' },
          h(
            'div',
            {},
            h('h4', {}, 'Uw versie'),
            h('pre', { 'data-side': 'mine' }, mineText),
            h('button', { type: 'button', class: 'secondary', onclick: () => pick(path, mineText) }, 'Mijn tekst houden'),
          ),
          h(
            'div',
            {},
            h('h4', {}, 'Huidige versie'),
            h('pre', { 'data-side': 'theirs' }, theirText),
            h('button', { type: 'button', class: 'secondary', onclick: () => pick(path, theirText) }, 'Hun tekst overnemen'),
          ),
        ),
      );
    }),
  );
}
