import { api, describeError } from '../api.js';
import { KIND_LABELS, announce, clear, formatDate, h, trustedHtml } from '../dom.js';

// The agent's screen, open all day: type, see answers as you type, open with the keyboard.
// Each keystroke cancels the request before it; only the newest answer is ever drawn.

const TARGET_GROUPS = { '': 'Alle doelgroepen', burger: 'Burgers', ondernemer: 'Ondernemers' };
const KINDS = { '': 'Alle soorten', ...KIND_LABELS };

export async function renderSearch(main, { query }) {
  const input = h('input', {
    id: 'q',
    type: 'search',
    name: 'q',
    autocomplete: 'off',
    autofocus: true,
    value: query.get('q') ?? '',
    'aria-describedby': 'q-hint',
    'aria-controls': 'results',
  });
  const targetGroup = select('f-doelgroep', TARGET_GROUPS, query.get('doelgroep'));
  const kind = select('f-soort', KINDS, query.get('soort'));
  const theme = select('f-thema', { '': "Alle thema's" }, null);
  const status = h('p', { id: 'status', class: 'hint', role: 'status' });
  const list = h('ol', { id: 'results', class: 'results', 'aria-label': 'Zoekresultaten' });
  const form = h(
    'form',
    {
      role: 'search',
      class: 'search-box',
      onsubmit: (e) => {
        e.preventDefault();
        focusResult(0);
      },
    },
    h('label', { for: 'q' }, 'Zoek in de kennisbank'),
    input,
    h(
      'p',
      { id: 'q-hint', class: 'hint' },
      'Typ een vraag of trefwoord. Pijltje omlaag gaat naar de resultaten, Enter opent, Esc brengt u terug naar het zoekvak. Met / komt u overal terug in het zoekvak.',
    ),
    h(
      'div',
      { class: 'row' },
      h('div', {}, h('label', { for: 'f-doelgroep' }, 'Doelgroep'), targetGroup),
      h('div', {}, h('label', { for: 'f-thema' }, 'Thema'), theme),
      h('div', {}, h('label', { for: 'f-soort' }, 'Soort'), kind),
    ),
  );
  main.append(h('h1', { class: 'visually-hidden' }, 'Zoeken'), form, status, list);
  input.focus();

  // Themes for the filter: those the public catalogue knows (internal articles rarely carry one).
  api('/api/catalog/themes').then(
    ({ body }) => {
      for (const t of body.items) theme.append(h('option', { value: t.name, selected: t.name === query.get('thema') }, t.name));
    },
    () => undefined,
  );

  let controller = null;
  let sequence = 0;
  let timer = null;
  let hits = [];
  let queryId = null;

  const focusResult = (index) => {
    const links = list.querySelectorAll('a');
    if (!links.length) return;
    const i = Math.max(0, Math.min(index, links.length - 1));
    list.querySelectorAll('li').forEach((li, n) => li.classList.toggle('selected', n === i));
    links[i].focus();
  };

  const search = async () => {
    const q = input.value;
    const params = new URLSearchParams();
    if (q.trim()) params.set('q', q);
    if (targetGroup.value) params.set('doelgroep', targetGroup.value);
    if (kind.value) params.set('soort', kind.value);
    if (theme.value) params.set('thema', theme.value);
    history.replaceState(null, '', `#/zoeken${params.toString() ? `?${params}` : ''}`);
    controller?.abort();
    const mine = ++sequence;
    if (!q.trim()) {
      clear(list);
      status.textContent = '';
      return;
    }
    controller = new AbortController();
    const apiParams = new URLSearchParams({ q, limit: '10' });
    if (targetGroup.value) apiParams.set('targetGroup', targetGroup.value);
    if (kind.value) apiParams.set('kind', kind.value);
    if (theme.value) apiParams.set('theme', theme.value);
    try {
      const { body } = await api(`/api/search?${apiParams}`, { signal: controller.signal });
      if (mine !== sequence) return; // a newer keystroke is on its way
      hits = body.hits;
      queryId = body.queryId;
      drawResults(body);
    } catch (error) {
      if (error.name === 'AbortError' || mine !== sequence) return;
      clear(list);
      status.textContent = describeError(error);
    }
  };

  const drawResults = (body) => {
    clear(list);
    status.textContent =
      body.total === 0
        ? 'Niets gevonden. Probeer andere woorden.'
        : `${body.total} ${body.total === 1 ? 'resultaat' : 'resultaten'}${body.fallback ? ' (reservezoekmachine)' : ''}`;
    body.hits.forEach((hit, index) => {
      const link = h(
        'a',
        { href: `#/artikel/${hit.id}`, onclick: () => recordClick(hit, index), onkeydown: (e) => onResultKey(e, index) },
        h('span', { class: 'title' }, hit.title),
        h('span', { class: 'badge' }, KIND_LABELS[hit.kind] ?? hit.kind),
        hit.stale ? h('span', { class: 'badge warn' }, 'Controle verlopen') : null,
        hit.snippet ? trustedHtml('div', hit.snippet, { class: 'snippet' }) : h('div', {}, hit.summary ?? ''),
        h(
          'div',
          { class: 'meta' },
          `${hit.department?.name ?? hit.department?.slug ?? ''}${hit.reviewDueAt ? ` · controle ${formatDate(hit.reviewDueAt)}` : ''}`,
        ),
      );
      list.append(h('li', {}, link));
    });
  };

  const recordClick = (hit, index) => {
    if (!queryId) return;
    api(`/api/search/${queryId}/click`, { method: 'POST', body: { articleId: hit.id, position: index + 1 } }).catch(() => undefined);
  };

  const onResultKey = (event, index) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusResult(index + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (index === 0) input.focus();
      else focusResult(index - 1);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      input.focus();
      input.select();
    }
  };

  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusResult(0);
    } else if (event.key === 'Escape') {
      input.value = '';
      search();
    }
  });
  // A short debounce: long enough to skip a burst of keys, short enough to feel instant.
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(search, 40);
  });
  for (const filter of [targetGroup, kind, theme]) filter.addEventListener('change', search);
  if (input.value) await search();
  announce('Zoeken');
  return () => controller?.abort();
}

function select(id, options, selected) {
  return h(
    'select',
    { id, name: id },
    Object.entries(options).map(([value, label]) => h('option', { value, selected: value === (selected ?? '') }, label)),
  );
}
