// @ts-check
import { api, describeError } from '../api.js';
import { announce, h } from '../dom.js';

// Synonym groups, one per line, words separated by commas: both search engines use them at once.

/**
 * @param {HTMLElement} main
 */
export async function renderSynonyms(main) {
  const { body } = await api('/api/search/synonyms');
  const text = h(
    'textarea',
    { id: 'synonyms', rows: 18, 'aria-describedby': 'synonyms-hint' },
    body.groups.map((g) => g.join(', ')).join('\n'),
  );
  const message = h('p', { role: 'status' });
  const form = h(
    'form',
    {},
    h('label', { for: 'synonyms' }, 'Synoniemgroepen'),
    h(
      'p',
      { id: 'synonyms-hint', class: 'hint' },
      'Eén groep per regel, woorden gescheiden door komma’s, bijvoorbeeld: paspoort, reisdocument, reispas',
    ),
    text,
    message,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Opslaan')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const groups = text.value
      .split('\n')
      .map((line) =>
        line
          .split(',')
          .map((w) => w.trim())
          .filter(Boolean),
      )
      .filter((g) => g.length);
    try {
      const res = await api('/api/search/synonyms', { method: 'PUT', body: { groups } });
      message.className = 'notice ok';
      message.textContent = `${res.body.groups.length} groepen opgeslagen; zoeken gebruikt ze meteen.`;
      announce('Synoniemen opgeslagen');
    } catch (error) {
      message.className = 'notice error';
      message.textContent = describeError(error);
    }
  });
  main.append(h('h1', {}, 'Synoniemen'), form);
}
