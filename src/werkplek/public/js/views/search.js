// @ts-check
import { api, describeError } from '../api.js';
import { KIND_LABELS, announce, clear, formatDate, h, trustedHtml } from '../dom.js';

// The agent's screen, open all day: type, see answers as you type, open with the keyboard.
// A pause in typing sends one request and cancels the one before it; only the newest answer is drawn.

/** A pause this long ends a burst of typing (docs/werkplek.md has the typing figures behind it). */
const TYPING_PAUSE_MS = 120;
/** Fewer characters match too much to be worth a request while typing; Enter still searches. */
const MIN_CHARS = 2;
const TARGET_GROUPS = { '': 'Alle doelgroepen', burger: 'Burgers', ondernemer: 'Ondernemers' };
const KINDS = { '': 'Alle soorten', ...KIND_LABELS };

/**
 * @param {HTMLElement} main
 * @param {import('../app.js').ScreenContext} context
 */
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
  // Low or no confidence: said plainly, with the gap report one click away; the hits follow as suggestions.
  const noAnswer = h('div', { id: 'no-answer', class: 'no-answer', hidden: true });
  const weakHeading = h('h2', { id: 'weak-heading', class: 'weak-heading', hidden: true }, 'Misschien bedoelt u');
  const form = h(
    'form',
    {
      role: 'search',
      class: 'search-box',
      // Enter: search at once (no waiting for the pause) and go to the first result.
      onsubmit: (e) => {
        e.preventDefault();
        search({ focusFirst: true });
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
  main.append(h('h1', { class: 'visually-hidden' }, 'Zoeken'), form, status, noAnswer, weakHeading, list);
  input.focus();

  // Themes for the filter: those the public catalogue knows (internal articles rarely carry one).
  api('/api/catalog/themes').then(
    ({ body }) => {
      for (const t of body.items) theme.append(h('option', { value: t.name, selected: t.name === query.get('thema') }, t.name));
    },
    () => undefined,
  );

  // What is on screen belongs to one query (`shownKey`); a search is pending while the debounce timer
  // runs or a request is in flight. The list the agent is moving through never changes under them:
  // focus entering the results cancels whatever is pending, so a late answer cannot redraw the list
  // and swallow the Enter that was meant for the focused result.
  let controller = null;
  let sequence = 0;
  let timer = null;
  let mounted = true;
  let shownKey = null;
  let queryId = null;

  const apiParams = () => {
    const params = new URLSearchParams({ q: input.value, limit: '10' });
    if (targetGroup.value) params.set('targetGroup', targetGroup.value);
    if (kind.value) params.set('kind', kind.value);
    if (theme.value) params.set('theme', theme.value);
    return params;
  };
  const pending = () => timer !== null || controller !== null;
  const setBusy = (busy) => (busy ? list.setAttribute('aria-busy', 'true') : list.removeAttribute('aria-busy'));

  const cancelPending = () => {
    clearTimeout(timer);
    timer = null;
    controller?.abort();
    controller = null;
    sequence++;
    setBusy(false);
  };

  const focusResult = (index) => {
    const links = list.querySelectorAll('a');
    if (!links.length) return;
    const i = Math.max(0, Math.min(index, links.length - 1));
    list.querySelectorAll('li').forEach((li, n) => li.classList.toggle('selected', n === i));
    links[i].focus();
  };

  const rememberInUrl = () => {
    const params = new URLSearchParams();
    if (input.value.trim()) params.set('q', input.value);
    if (targetGroup.value) params.set('doelgroep', targetGroup.value);
    if (kind.value) params.set('soort', kind.value);
    if (theme.value) params.set('thema', theme.value);
    history.replaceState(null, '', `#/zoeken${params.toString() ? `?${params}` : ''}`);
  };

  /** Searches now for what is in the box; with `focusFirst`, moves to the first result when it lands. */
  const search = async ({ focusFirst = false } = {}) => {
    if (!mounted) return;
    cancelPending();
    rememberInUrl();
    const q = input.value.trim();
    if (!q) {
      clearResults();
      shownKey = null;
      status.textContent = '';
      return;
    }
    const params = apiParams();
    const key = params.toString();
    if (key === shownKey) {
      // Already on screen (Enter after the answer came in): nothing to fetch.
      if (focusFirst) focusResult(0);
      return;
    }
    const mine = sequence;
    const ours = new AbortController();
    controller = ours;
    setBusy(true);
    try {
      const { body } = await api(`/api/search?${params}`, { signal: ours.signal });
      if (mine !== sequence || !mounted) return; // superseded, or the agent moved on
      controller = null;
      setBusy(false);
      queryId = body.queryId;
      shownKey = key;
      drawResults(body, q);
      if (focusFirst) focusResult(0);
    } catch (error) {
      if (/** @type {Error} */ (error).name === 'AbortError' || mine !== sequence || !mounted) return;
      controller = null;
      setBusy(false);
      clearResults();
      shownKey = null;
      status.textContent = describeError(error);
    }
  };

  // As you type: wait for a pause (see docs/werkplek.md for why 120 ms) and for two characters.
  const searchSoon = () => {
    cancelPending();
    const q = input.value.trim();
    if (q.length < MIN_CHARS) {
      rememberInUrl();
      clearResults();
      shownKey = null;
      status.textContent = q ? `Typ minstens ${MIN_CHARS} tekens, of druk op Enter.` : '';
      return;
    }
    if (apiParams().toString() === shownKey) return;
    setBusy(true);
    timer = setTimeout(() => {
      timer = null;
      search();
    }, TYPING_PAUSE_MS);
  };

  const clearResults = () => {
    clear(list);
    clear(noAnswer);
    noAnswer.hidden = true;
    weakHeading.hidden = true;
    list.classList.remove('weak');
    list.setAttribute('aria-label', 'Zoekresultaten');
  };

  /** Shows "no good answer" for low and none; weak hits become suggestions, never the answer. */
  const drawNoAnswer = (body, q) => {
    const weak = body.confidence === 'low' || body.confidence === 'none';
    if (!weak) return;
    noAnswer.hidden = false;
    noAnswer.append(h('p', { class: 'no-answer-text' }, 'Geen goed antwoord gevonden — probeer andere woorden of meld een kennislacune'));
    if (body.hits.length) {
      noAnswer.append(
        h(
          'button',
          { type: 'button', class: 'report-gap', onclick: (e) => reportGap(e.currentTarget, body.hits[0], q) },
          'Meld kennislacune',
        ),
      );
      weakHeading.hidden = false;
      list.classList.add('weak');
      list.setAttribute('aria-labelledby', 'weak-heading');
      list.removeAttribute('aria-label');
    } else {
      // Searches without any result reach the coordinator's kennislacunes by themselves (search log).
      noAnswer.append(h('p', { class: 'hint' }, 'Zoekvragen zonder resultaat komen vanzelf bij de kennislacunes.'));
    }
  };

  // No agent-facing gap endpoint: a "cannot-find" terugmelding with the query reaches the same people.
  const reportGap = async (button, nearest, q) => {
    button.disabled = true;
    try {
      await api(`/api/articles/${nearest.id}/feedback`, {
        method: 'POST',
        body: { kind: 'cannot-find', comment: `Geen goed antwoord gevonden op de zoekvraag "${q}".`, searchQuery: q },
      });
      button.replaceWith(h('p', { class: 'gap-reported', role: 'status' }, 'Kennislacune gemeld. Dank u.'));
    } catch (error) {
      button.disabled = false;
      status.textContent = describeError(error);
    }
  };

  const drawResults = (body, q) => {
    clearResults();
    list.dataset.query = q;
    status.textContent =
      body.total === 0
        ? 'Niets gevonden. Probeer andere woorden.'
        : `${body.total} ${body.total === 1 ? 'resultaat' : 'resultaten'}${body.fallback ? ' (reservezoekmachine)' : ''}`;
    drawNoAnswer(body, q);
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

  const backToInput = () => {
    input.focus();
    // The list may be older than the box (the agent went down before the last answer): catch up.
    if (input.value.trim() && apiParams().toString() !== shownKey) searchSoon();
  };

  const onResultKey = (event, index) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusResult(index + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (index === 0) backToInput();
      else focusResult(index - 1);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      backToInput();
      input.select();
    }
  };

  // Whatever brings focus into the results (arrow key, Tab, a click) freezes the list as it is.
  list.addEventListener('focusin', () => {
    if (pending()) cancelPending();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      // Into the list on screen; with none yet, search now and go there when the answer lands.
      if (list.querySelector('a')) focusResult(0);
      else if (input.value.trim()) search({ focusFirst: true });
    } else if (event.key === 'Escape') {
      input.value = '';
      search();
    }
  });
  input.addEventListener('input', searchSoon);
  for (const filter of [targetGroup, kind, theme]) filter.addEventListener('change', () => search());
  if (input.value.trim()) search(); // not awaited: the screen is usable while the first answer comes in
  announce('Zoeken');
  return () => {
    mounted = false;
    cancelPending();
  };
}

function select(id, options, selected) {
  return h(
    'select',
    { id, name: id },
    Object.entries(options).map(([value, label]) => h('option', { value, selected: value === (selected ?? '') }, label)),
  );
}
