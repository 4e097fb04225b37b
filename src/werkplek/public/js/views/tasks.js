// @ts-check
import { api, describeError } from '../api.js';
import { announce, clear, formatDate, h, diffWords } from '../dom.js';

// "Mijn taken": everything waiting for this editor, most urgent first, each doable in one click.

const KIND_LABELS = {
  review: 'Controle',
  feedback: 'Terugmelding',
  source_change: 'Bronwijziging',
  broken_links: 'Kapotte links',
  content_gap: 'Ontbrekende informatie',
  missing_upl: 'UPL ontbreekt',
};
const STAGE_LABELS = { due: 'controle nu nodig', overdue: 'controle verlopen', escalated: 'geëscaleerd' };

/**
 * @param {HTMLElement} main
 */
export async function renderTasks(main) {
  const list = h('div', { id: 'tasks' });
  const status = h('p', { role: 'status', id: 'tasks-status' });
  main.append(h('h1', {}, 'Mijn taken'), status, list);

  const load = async () => {
    clear(list);
    const { body } = await api('/api/stewardship/tasks');
    status.textContent = body.tasks.length
      ? `${body.tasks.length} ${body.tasks.length === 1 ? 'taak' : 'taken'}`
      : 'Geen openstaande taken. Goed bezig!';
    for (const task of body.tasks) list.append(taskCard(task, load, status));
  };
  await load();
}

function taskCard(task, reload, status) {
  const id = `task-${task.kind}-${task.details?.id ?? task.article?.id}`;
  const message = h('p', { role: 'status' });
  const act = (label, run, attrs = {}) =>
    h(
      'button',
      {
        type: 'button',
        ...attrs,
        onclick: async () => {
          try {
            await run();
            announce(`${label}: gedaan`);
            status.textContent = `${label}: gedaan.`;
            await reload();
          } catch (error) {
            message.className = 'notice error';
            message.textContent = describeError(error);
          }
        },
      },
      label,
    );
  const articleLink = task.article ? h('a', { href: `#/artikel/${task.article.id}` }, task.article.title) : null;
  const editLink = task.article ? h('a', { class: 'button secondary', href: `#/bewerken/${task.article.id}` }, 'Bewerken') : null;
  const body = [];
  const actions = [];
  if (task.kind === 'review') {
    body.push(
      h(
        'p',
        {},
        `${STAGE_LABELS[task.details.stage] ?? task.details.stage}: controledatum ${formatDate(task.details.reviewDueAt)}${task.details.daysOverdue ? ` (${task.details.daysOverdue} dagen te laat)` : ''}.`,
      ),
    );
    actions.push(
      act('Inhoud gecontroleerd', () => api(`/api/articles/${task.article.id}/confirm-review`, { method: 'POST', body: {} }), {
        class: 'confirm-review',
      }),
      editLink,
    );
  } else if (task.kind === 'feedback') {
    const reply = h('textarea', { id: `${id}-reply`, rows: 2 });
    body.push(h('p', {}, task.title), h('label', { for: reply.id }, 'Antwoord aan de medewerker'), reply);
    actions.push(
      act('In behandeling', () => api(`/api/feedback/${task.details.id}/start`, { method: 'POST', body: {} }), { class: 'secondary' }),
      act('Opgelost', () => api(`/api/feedback/${task.details.id}/resolve`, { method: 'POST', body: { reply: reply.value } })),
      editLink,
    );
  } else if (task.kind === 'source_change') {
    const diff = h('div', { class: 'diff' });
    body.push(h('p', {}, task.title), diff);
    actions.push(
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: async () => {
            const { body: source } = await api(`/api/articles/${task.article.id}/national-source`);
            clear(diff).append(h('p', {}, diffWords(source.diff ?? [])));
          },
        },
        'Wijziging bekijken',
      ),
      act('Verwerkt', () => api(`/api/articles/${task.article.id}/national-source/confirm`, { method: 'POST', body: {} })),
      editLink,
    );
  } else {
    body.push(h('p', {}, task.title));
    actions.push(task.article ? editLink : h('a', { class: 'button secondary', href: '#/nieuw' }, 'Artikel schrijven'));
  }
  return h(
    'section',
    { class: 'card', id, 'aria-labelledby': `${id}-title` },
    h(
      'h2',
      { id: `${id}-title` },
      h('span', { class: `badge${task.urgency >= 2 ? ' danger' : ''}` }, KIND_LABELS[task.kind] ?? task.kind),
      ' ',
      articleLink ?? task.title,
    ),
    task.article?.department?.name ? h('p', { class: 'hint' }, task.article.department.name) : null,
    body,
    message,
    h('div', { class: 'actions' }, actions),
  );
}
