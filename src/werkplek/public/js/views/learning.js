// @ts-check
import { api, describeError } from '../api.js';
import { announce, clear, decisionButtons, formatDate, formatDateTime, h } from '../dom.js';

// What search learned from agents who tried other words: suggested question variants and synonyms,
// for the kennisregisseur to accept (applied at once) or reject (never suggested again).

const STATUS_TABS = [
  ['open', 'Open'],
  ['accepted', 'Geaccepteerd'],
  ['rejected', 'Afgewezen'],
];

/**
 * @param {HTMLElement} main
 * @param {import('../app.js').ScreenContext} context
 */
export async function renderLearning(main, { query }) {
  const status = STATUS_TABS.some(([s]) => s === query.get('status')) ? query.get('status') : 'open';
  const list = h('div', { id: 'learning' });
  const runMessage = h('p', { role: 'status' });
  const refreshed = h('p', { class: 'hint' });
  const refresh = async () => {
    try {
      const { body } = await api('/api/search-learning/suggestions/refresh', { method: 'POST' });
      runMessage.className = 'notice ok';
      runMessage.textContent = `${body.reformulations} herformuleringen gelezen (${body.withPersonalData} met persoonsgegevens overgeslagen); ${body.created} nieuwe suggesties.`;
      await load();
    } catch (error) {
      runMessage.className = 'notice error';
      runMessage.textContent = describeError(error);
    }
  };
  main.append(
    h('h1', {}, 'Zoeksuggesties'),
    h(
      'p',
      { class: 'hint' },
      'Medewerkers die niets vonden en het binnen twee minuten met andere woorden opnieuw probeerden, laten zien hoe bellers vragen. ' +
        'Niets wordt toegepast zonder uw akkoord.',
    ),
    h(
      'nav',
      { 'aria-label': 'Status' },
      h(
        'ul',
        { class: 'tabs' },
        STATUS_TABS.map(([s, label]) =>
          h('li', {}, h('a', { href: `#/suggesties?status=${s}`, 'aria-current': s === status ? 'page' : undefined }, label)),
        ),
      ),
    ),
    refreshed,
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: refresh }, 'Nu bijwerken')),
    runMessage,
    list,
  );

  const load = async () => {
    clear(list);
    const { body } = await api(`/api/search-learning/suggestions?status=${status}&limit=200`);
    refreshed.textContent = body.refreshedAt ? `Laatst bijgewerkt: ${formatDateTime(body.refreshedAt)}` : 'Nog niet bijgewerkt.';
    if (!body.items.length) {
      list.append(h('p', {}, status === 'open' ? 'Er zijn geen open suggesties.' : 'Geen suggesties met deze status.'));
      return;
    }
    for (const item of body.items) list.append(card(item, load));
  };
  await load();
}

function card(item, reload) {
  const message = h('p', { role: 'status' });
  const reason = h('input', { id: `reason-${item.id}`, type: 'text', maxlength: 1000 });
  const decide = async (action) => {
    try {
      await api(`/api/search-learning/suggestions/${item.id}/${action}`, {
        method: 'POST',
        body: action === 'reject' && reason.value.trim() ? { reason: reason.value.trim() } : {},
      });
      announce(action === 'accept' ? 'Suggestie geaccepteerd en toegepast' : 'Suggestie afgewezen');
      await reload();
    } catch (error) {
      message.className = 'notice error';
      message.textContent = describeError(error);
    }
  };
  const titleId = `s-${item.id}`;
  const what =
    item.kind === 'question'
      ? [
          h('h2', { id: titleId }, `“${item.question}”`, h('span', { class: 'badge' }, 'Vraagvariant')),
          h('p', {}, 'Toevoegen aan ', item.article ? h('a', { href: `#/artikel/${item.article.id}` }, item.article.title) : 'het artikel'),
        ]
      : [
          h('h2', { id: titleId }, `${item.terms[0]} ↔ ${item.terms[1]}`, h('span', { class: 'badge' }, 'Synoniem')),
          h('p', {}, 'Zoeken behandelt deze woorden dan als hetzelfde.'),
        ];
  const decided =
    item.status === 'open'
      ? [
          h('div', { class: 'field' }, h('label', { for: reason.id }, 'Reden bij afwijzen (optioneel)'), reason),
          message,
          decisionButtons({ label: 'Accepteren', onclick: () => decide('accept') }, { label: 'Afwijzen', onclick: () => decide('reject') }),
        ]
      : [
          h(
            'p',
            { class: 'hint' },
            `${item.status === 'accepted' ? 'Geaccepteerd' : 'Afgewezen'} door ${item.decidedBy?.email ?? 'onbekend'} op ${formatDateTime(item.decidedAt)}`,
            item.appliedVersion ? ` (versie ${item.appliedVersion})` : '',
            item.rejectReason ? `: ${item.rejectReason}` : '',
          ),
        ];
  return h(
    'section',
    { class: 'card', 'aria-labelledby': titleId },
    ...what,
    h(
      'p',
      { class: 'hint' },
      `${item.searchers} zoekers op ${item.days} dagen, ${item.reformulations} keer · ${formatDate(item.firstSeenAt)} – ${formatDate(item.lastSeenAt)}`,
    ),
    item.examples.length
      ? h(
          'ul',
          { class: 'examples' },
          item.examples.map((e) => h('li', {}, `Zocht “${e.failed}”, vond het met “${e.found}”`)),
        )
      : null,
    ...decided,
  );
}
