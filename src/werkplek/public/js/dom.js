// @ts-check
// Tiny DOM helpers: every text goes in as text; only HTML the server sanitised goes in as HTML.

/** h('a', { href: '#/x', class: 'y', onclick: fn }, 'text', child) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** HTML rendered and sanitised by the server's Markdown pipeline (never user input from the page). */
export function trustedHtml(tag, html, attrs = {}) {
  const el = h(tag, attrs);
  el.innerHTML = html;
  return el;
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

const DATE = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });
const DATE_TIME = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
export const formatDate = (iso) => (iso ? DATE.format(new Date(iso)) : '—');
export const formatDateTime = (iso) => (iso ? DATE_TIME.format(new Date(iso)) : '—');

/** Says `message` to screen-reader users (polite). */
export function announce(message) {
  const el = /** @type {HTMLElement} */ (document.getElementById('announcer'));
  el.textContent = '';
  setTimeout(() => (el.textContent = message), 30);
}

export const KIND_LABELS = { product: 'Product', faq: 'Vraag en antwoord', instruction: 'Werkinstructie' };
export const STATUS_LABELS = { draft: 'Concept', in_review: 'Ter beoordeling', published: 'Gepubliceerd', archived: 'Gearchiveerd' };

/**
 * The buttons of a decision: the one that goes ahead, then the refusal (styled as dangerous).
 * @param {{ label: string, onclick: () => void }} goAhead
 * @param {{ label: string, onclick: () => void }} refuse
 */
export function decisionButtons(goAhead, refuse) {
  return h(
    'div',
    { class: 'actions' },
    h('button', { type: 'button', onclick: goAhead.onclick }, goAhead.label),
    h('button', { type: 'button', class: 'danger', onclick: refuse.onclick }, refuse.label),
  );
}

/** A word diff from the API (`[{ op, text }]`) as inserted and deleted text. */
export function diffWords(changes) {
  return changes.map((c) => (c.op === 'insert' ? h('ins', {}, c.text) : c.op === 'delete' ? h('del', {}, c.text) : c.text));
}
