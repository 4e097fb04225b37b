// @ts-check
import { api, ApiError, describeError } from '../api.js';
import { KIND_LABELS, STATUS_LABELS, announce, clear, h, trustedHtml } from '../dom.js';
import { drawConflict } from './editor/conflict.js';
import { LIST_FIELDS, get, textFieldsOf } from './editor/fields.js';
import { drawHistory as drawVersionHistory } from './editor/history.js';

// The redacteur's editor: Markdown fields with a live preview from the server's own pipeline,
// metadata, submit for review, history with a readable diff, restore. A 412 (someone else saved in
// between) shows both texts side by side; nothing typed is thrown away. The fields come from the API
// (editor/fields.js), the conflict view and the version history have their own modules.

/** @typedef {import('../types.js').Article} Article */

/**
 * @param {HTMLElement} main
 * @param {import('../app.js').ScreenContext} context
 */
export async function renderEditor(main, { params: [id], query }) {
  const isNew = !id;
  /** @type {Article | null} */
  let article = null;
  /** @type {string | null} */
  let etag = null;
  if (!isNew) {
    const res = await api(`/api/articles/${encodeURIComponent(id)}`);
    article = res.body;
    etag = res.body.etag;
  }
  // The saved article, for what only an existing one has (isNew is false): history, workflow, conflicts.
  const existing = () => /** @type {Article} */ (article);
  const [departments, model] = await Promise.all([api('/api/departments'), api('/api/articles/fields')]).then((all) =>
    all.map((res) => res.body),
  );
  const textFields = textFieldsOf(model);
  const kind = article?.kind ?? 'product';
  const fields = {};
  const message = h('div', { id: 'editor-message', role: 'status' });
  const preview = h('div', { id: 'preview', class: 'preview', 'aria-live': 'off' });

  const input = (name, label, value, attrs = {}) => {
    fields[name] = h('input', { id: `f-${name}`, name, type: 'text', value: value ?? '', ...attrs });
    return h('div', { class: 'field' }, h('label', { for: `f-${name}` }, label), fields[name]);
  };
  const area = (name, label, value, rows = 5) => {
    fields[name] = h('textarea', { id: `f-${name}`, name, rows }, value ?? '');
    return h('div', { class: 'field' }, h('label', { for: `f-${name}` }, label), fields[name]);
  };

  // Question variants can contain commas, so one per line; search matches them, the website never shows them.
  const questionsField = () => {
    fields.alternativeQuestions = h(
      'textarea',
      { id: 'f-alternativeQuestions', name: 'alternativeQuestions', rows: 4, 'aria-describedby': 'f-alternativeQuestions-hint' },
      (article?.alternativeQuestions ?? []).join('\n'),
    );
    return h(
      'div',
      { class: 'field' },
      h('label', { for: 'f-alternativeQuestions' }, 'Vraagvarianten: zo vragen bellers het'),
      h(
        'p',
        { id: 'f-alternativeQuestions-hint', class: 'hint' },
        'Eén vraag per regel, bijvoorbeeld: mag de huisbaas mijn id kopiëren. Zoeken vindt het artikel ook met deze woorden; de website toont ze niet.',
      ),
      fields.alternativeQuestions,
    );
  };

  const kindSelect = h(
    'select',
    { id: 'f-kind', name: 'kind', disabled: !isNew },
    Object.entries(KIND_LABELS).map(([v, l]) => h('option', { value: v, selected: v === kind }, l)),
  );
  const departmentSelect = h(
    'select',
    { id: 'f-department', name: 'department' },
    departments.map((d) => h('option', { value: d.slug, selected: d.slug === article?.department.slug }, d.name)),
  );
  const audience = h(
    'select',
    { id: 'f-audience', name: 'audience' },
    h('option', { value: 'public', selected: article?.audience !== 'internal' }, 'Openbaar (ook website)'),
    h('option', { value: 'internal', selected: article?.audience === 'internal' }, 'Alleen intern (KCC)'),
  );
  const targetGroups = ['burger', 'ondernemer'].map((g) =>
    h('input', { type: 'checkbox', id: `f-tg-${g}`, value: g, checked: article?.targetGroups?.includes(g) ?? false }),
  );
  const uplList = h('datalist', { id: 'upl-options' });
  const textBlock = h('div', {});

  const drawTextFields = () => {
    clear(textBlock);
    for (const [path, label] of textFields[kindSelect.value])
      textBlock.append(area(path, label, get(article, path), path === 'question' ? 2 : 5));
  };

  const form = h(
    'form',
    { id: 'editor-form', 'aria-labelledby': 'editor-title', novalidate: true },
    h(
      'div',
      { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'f-kind' }, 'Soort'), kindSelect),
      h('div', { class: 'field' }, h('label', { for: 'f-department' }, 'Afdeling'), departmentSelect),
      h('div', { class: 'field' }, h('label', { for: 'f-audience' }, 'Publiek'), audience),
    ),
    input('title', 'Titel', article?.title, { required: true, maxlength: 300 }),
    area('summary', 'Samenvatting (wat zegt de medewerker)', article?.summary, 3),
    textBlock,
    area('kccNotes', 'KCC-notities (nooit op de website)', article?.kccNotes, 3),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Metadata'),
      LIST_FIELDS.map(([name, label]) => input(name, `${label}, gescheiden door komma's`, (article?.[name] ?? []).join(', '))),
      questionsField(),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Doelgroepen'),
        targetGroups.map((box) =>
          h('div', {}, box, h('label', { for: box.id, class: 'inline' }, box.value === 'burger' ? ' Burgers' : ' Ondernemers')),
        ),
      ),
      input('uplName', 'Uniforme productnaam (UPL)', article?.uplName, { list: 'upl-options', autocomplete: 'off' }),
      uplList,
      input('reviewIntervalDays', 'Controle-interval in dagen (leeg: standaard van de afdeling)', '', {
        type: 'number',
        min: 1,
        max: 3650,
        placeholder: article ? String(article.review.intervalDays) : '',
      }),
      input('changeNote', 'Waarom deze wijziging?', ''),
    ),
    message,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', id: 'save' }, 'Opslaan'),
      !isNew
        ? h(
            'button',
            { type: 'button', id: 'submit-review', class: 'secondary', onclick: () => workflow('submit') },
            'Ter beoordeling aanbieden',
          )
        : null,
      !isNew && existing().live
        ? h('button', { type: 'button', class: 'secondary', onclick: () => workflow('confirm-review') }, 'Inhoud gecontroleerd')
        : null,
    ),
  );
  drawTextFields();
  kindSelect.addEventListener('change', () => {
    drawTextFields();
    schedulePreview();
  });

  // The UPL picker: suggestions from the official list as you type.
  let uplTimer = null;
  let uplMatches = [];
  fields.uplName.addEventListener('input', () => {
    clearTimeout(uplTimer);
    uplTimer = setTimeout(async () => {
      const q = fields.uplName.value.trim();
      if (q.length < 2) return;
      const { body } = await api(`/api/upl?q=${encodeURIComponent(q)}`).catch(() => ({ body: [] }));
      uplMatches = Array.isArray(body) ? body : (body.items ?? []);
      clear(uplList).append(...uplMatches.map((u) => h('option', { value: u.name })));
    }, 150);
  });

  const values = () => {
    const out = {
      title: fields.title.value,
      summary: fields.summary.value,
      audience: audience.value,
      kccNotes: fields.kccNotes.value || null,
      targetGroups: targetGroups.filter((b) => b.checked).map((b) => b.value),
      department: departmentSelect.value,
    };
    for (const [name] of LIST_FIELDS)
      out[name] = fields[name].value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    out.alternativeQuestions = fields.alternativeQuestions.value
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    const sections = {};
    for (const [path] of textFields[kindSelect.value]) {
      const value = fields[path].value;
      if (path.startsWith('sections.')) sections[path.slice(9)] = value;
      else out[path] = value || null;
    }
    if (kindSelect.value === 'product') out.sections = sections;
    const upl = fields.uplName.value.trim();
    const match = uplMatches.find((u) => u.name === upl);
    if (upl !== (article?.uplName ?? ''))
      Object.assign(out, upl ? { uplName: upl, ...(match ? { uplUri: match.uri } : {}) } : { uplName: null, uplUri: null });
    const interval = fields.reviewIntervalDays.value.trim();
    if (interval) out.reviewIntervalDays = Number(interval);
    if (fields.changeNote.value.trim()) out.changeNote = fields.changeNote.value.trim();
    return out;
  };

  let previewTimer = null;
  const schedulePreview = () => {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(async () => {
      const v = values();
      try {
        const { body } = await api('/api/articles/preview', {
          method: 'POST',
          body: {
            kind: kindSelect.value,
            title: v.title,
            summary: v.summary,
            sections: v.sections,
            question: v.question,
            answer: v.answer,
            explanation: v.explanation,
            body: v.body,
            kccNotes: v.kccNotes,
          },
        });
        clear(preview).append(
          h('h3', {}, v.title || '(zonder titel)'),
          v.summary ? h('p', { class: 'summary' }, v.summary) : null,
          ...body.rendered.parts.map((p) =>
            h('section', { class: p.internal ? 'kcc-notes' : '' }, h('h4', {}, p.title), trustedHtml('div', p.html)),
          ),
        );
      } catch (error) {
        clear(preview).append(h('p', { class: 'notice error' }, describeError(error)));
      }
    }, 200);
  };
  form.addEventListener('input', schedulePreview);

  const say = (text, kindOfMessage = 'ok') => {
    clear(message).append(h('p', { class: `notice ${kindOfMessage}`, role: kindOfMessage === 'error' ? 'alert' : 'status' }, text));
    announce(text);
  };

  const save = async (body, ifMatch) => {
    const res = isNew
      ? await api('/api/articles', { method: 'POST', body: { kind: kindSelect.value, ...body } })
      : await api(`/api/articles/${existing().id}`, { method: 'PATCH', body, ifMatch });
    return res.body;
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const mine = values();
    clear(message);
    try {
      const saved = await save(mine, etag);
      if (isNew) {
        location.hash = `#/bewerken/${saved.id}`;
        return;
      }
      article = saved;
      etag = saved.etag;
      fields.changeNote.value = '';
      say(`Opgeslagen (${STATUS_LABELS[saved.status]}).`);
      await drawHistory();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) await showConflict(mine);
      else say(describeError(error), 'error');
    }
  });

  const workflow = async (action) => {
    clear(message);
    try {
      const res = await api(`/api/articles/${existing().id}/${action}`, { method: 'POST', body: {}, ifMatch: etag });
      article = res.body;
      etag = res.body.etag;
      say(action === 'submit' ? 'Aangeboden ter beoordeling.' : 'Gemarkeerd als gecontroleerd.');
    } catch (error) {
      say(describeError(error), 'error');
    }
  };

  // 412: load the current version, show theirs next to mine for every field that differs.
  const conflictBox = h('section', { id: 'conflict', 'aria-live': 'polite' });
  const showConflict = async (mine) => {
    const theirs = (await api(`/api/articles/${existing().id}`)).body;
    drawConflict(conflictBox, {
      theirs,
      mine,
      fields: [['title', model.titles.title], ['summary', model.titles.summary], ...textFields[kind], ['kccNotes', model.titles.kccNotes]],
      pick: (path, text) => {
        fields[path].value = text;
        schedulePreview();
      },
    });
    // Saving again now overwrites deliberately: the editor has seen both versions.
    etag = theirs.etag;
    say('Niet opgeslagen: er is een nieuwere versie. Vergelijk hieronder en sla opnieuw op.', 'error');
    conflictBox.querySelector('#conflict-title').focus();
  };

  const history = h('section', { id: 'history', 'aria-labelledby': 'history-title' });
  const drawHistory = async () => {
    if (isNew) clear(history);
    else await drawVersionHistory(history, existing().id, restore);
  };
  const restore = async (number) => {
    try {
      await api(`/api/articles/${existing().id}/versions/${number}/restore`, { method: 'POST', ifMatch: etag });
      location.hash = `#/bewerken/${existing().id}?hersteld=${number}-${Date.now()}`;
    } catch (error) {
      say(describeError(error), 'error');
    }
  };

  // From the reminder e-mail ("inhoud gecontroleerd"): the confirmation first, one click away.
  const fromReminder = !isNew && existing().live && query?.get('actie') === 'inhoud-gecontroleerd';
  const reviewDue = article?.review.dueAt;
  const confirmBox = fromReminder
    ? h(
        'div',
        { class: 'notice', id: 'confirm-from-mail' },
        h(
          'p',
          {},
          `Klopt de gepubliceerde inhoud nog? Controledatum: ${reviewDue ? new Date(reviewDue).toLocaleDateString('nl-NL') : '—'}.`,
        ),
        h(
          'button',
          {
            type: 'button',
            id: 'confirm-review',
            onclick: async () => {
              await workflow('confirm-review');
              confirmBox.remove();
            },
          },
          'Inhoud gecontroleerd',
        ),
        ' ',
        h('a', { href: `#/artikel/${existing().id}` }, 'Eerst het artikel lezen'),
      )
    : null;
  main.append(
    h('h1', { id: 'editor-title' }, isNew ? 'Nieuw artikel' : `Bewerken: ${existing().title}`),
    confirmBox,
    !isNew
      ? h(
          'p',
          { class: 'hint' },
          `Status: ${STATUS_LABELS[existing().status]}${existing().revision?.rejectionReason ? ` · afgekeurd: ${existing().revision.rejectionReason}` : ''}`,
        )
      : null,
    h('div', { class: 'editor-grid' }, form, h('div', {}, h('h2', {}, 'Voorbeeld'), preview)),
    conflictBox,
    history,
  );
  if (confirmBox) confirmBox.querySelector('button').focus();
  else fields.title.focus();
  schedulePreview();
  await drawHistory();
}
