// @ts-check
import { api, describeError } from '../api.js';
import { KIND_LABELS, announce, clear, decisionButtons, formatDateTime, h, diffWords } from '../dom.js';

// The kennisregisseur's approve/reject queue: what is waiting, the change against the live version,
// and a decision in one click (rejecting needs a reason the editor will read).

/**
 * @param {HTMLElement} main
 */
export async function renderReviewQueue(main) {
  const list = h('div', { id: 'queue' });
  main.append(h('h1', {}, 'Ter beoordeling'), list);

  const load = async () => {
    clear(list);
    const { body } = await api('/api/articles?status=in_review&limit=100');
    if (!body.items.length) {
      list.append(h('p', {}, 'Er wacht niets op beoordeling.'));
      return;
    }
    for (const item of body.items) list.append(await card(item, load));
  };
  await load();
}

async function card(item, reload) {
  const message = h('p', { role: 'status' });
  const diffBox = h('div', { class: 'diff' });
  const reason = h('textarea', { id: `reason-${item.id}`, rows: 2, maxlength: 2000 });
  const decide = async (action) => {
    try {
      if (action === 'reject' && !reason.value.trim()) {
        message.className = 'notice error';
        message.textContent = 'Geef de redacteur een reden bij het afkeuren.';
        reason.focus();
        return;
      }
      await api(`/api/articles/${item.id}/${action}`, { method: 'POST', body: action === 'reject' ? { reason: reason.value.trim() } : {} });
      announce(action === 'approve' ? `${item.title} is goedgekeurd en gepubliceerd` : `${item.title} is afgekeurd`);
      await reload();
    } catch (error) {
      message.className = 'notice error';
      message.textContent = describeError(error);
    }
  };
  if (item.publishedVersion) {
    const { body } = await api(`/api/articles/${item.id}/diff?from=${item.publishedVersion}&to=draft`).catch(() => ({
      body: { changes: [] },
    }));
    for (const change of body.changes) diffBox.append(h('h4', {}, change.label), h('p', {}, diffWords(change.changes)));
  } else {
    diffBox.append(h('p', { class: 'hint' }, 'Nieuw artikel: nog geen gepubliceerde versie.'));
  }
  const titleId = `q-${item.id}`;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': titleId },
    h('h2', { id: titleId }, item.title, h('span', { class: 'badge' }, KIND_LABELS[item.kind] ?? item.kind)),
    h('p', { class: 'hint' }, `${item.department?.name ?? ''} · aangeboden ${formatDateTime(item.submittedAt ?? item.updatedAt)}`),
    h('p', {}, h('a', { href: `#/bewerken/${item.id}` }, 'Openen in de editor')),
    diffBox,
    h('div', { class: 'field' }, h('label', { for: reason.id }, 'Reden bij afkeuren'), reason),
    message,
    decisionButtons(
      { label: 'Goedkeuren en publiceren', onclick: () => decide('approve') },
      { label: 'Afkeuren', onclick: () => decide('reject') },
    ),
  );
}
