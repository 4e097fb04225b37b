// @ts-check
import { api, describeError } from '../api.js';
import { announce, clear, h } from '../dom.js';

// Import a JSON file of articles (the content-fixtures shape) in batches, with progress; each item
// is its own transaction on the server, so a bad item is reported and never blocks the rest.

const BATCH = 25;

/**
 * @param {HTMLElement} main
 */
export async function renderImport(main) {
  const file = h('input', { id: 'import-file', type: 'file', accept: 'application/json,.json' });
  const progress = h('progress', { id: 'import-progress', max: 100, value: 0, 'aria-label': 'Voortgang van de import' });
  const status = h('p', { role: 'status', id: 'import-status' });
  const report = h('div', { id: 'import-report' });
  const form = h(
    'form',
    {},
    h('label', { for: 'import-file' }, 'Bestand met artikelen (JSON)'),
    file,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Importeren')),
    progress,
    status,
    report,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(report);
    let items;
    try {
      const parsed = JSON.parse(await file.files[0].text());
      items = Array.isArray(parsed) ? parsed : parsed.articles;
      if (!Array.isArray(items)) throw new Error('geen lijst met artikelen');
    } catch (error) {
      status.className = 'notice error';
      status.textContent = `Dit bestand kan niet worden gelezen: ${/** @type {Error} */ (error).message}`;
      return;
    }
    const totals = { created: 0, updated: 0, unchanged: 0, failed: 0 };
    const failures = [];
    progress.max = items.length;
    for (let offset = 0; offset < items.length; offset += BATCH) {
      try {
        const { body } = await api('/api/import', { method: 'POST', body: items.slice(offset, offset + BATCH) });
        for (const key of Object.keys(totals)) totals[key] += body[key];
        failures.push(...body.items.filter((i) => i.outcome === 'failed').map((i) => ({ ...i, index: i.index + offset })));
      } catch (error) {
        status.className = 'notice error';
        status.textContent = describeError(error);
        return;
      }
      progress.value = Math.min(offset + BATCH, items.length);
      status.className = '';
      status.textContent = `${progress.value} van ${items.length} verwerkt`;
    }
    status.className = 'notice ok';
    status.textContent = `Klaar: ${totals.created} nieuw, ${totals.updated} bijgewerkt, ${totals.unchanged} ongewijzigd, ${totals.failed} mislukt.`;
    announce(status.textContent);
    if (failures.length) {
      report.append(
        h('h2', {}, 'Mislukt'),
        h(
          'ul',
          {},
          failures.map((f) =>
            h(
              'li',
              {},
              `#${f.index + 1} ${f.externalId ?? ''}: ${f.error?.message ?? ''} ${(f.error?.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ')}`,
            ),
          ),
        ),
      );
    }
  });
  main.append(h('h1', {}, 'Importeren'), form);
}
