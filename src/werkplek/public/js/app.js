// @ts-check
import { authConfig, can, completeOidcLogin, currentUser, signOut } from './session.js';
import { announce, clear, h } from './dom.js';
import { renderLogin } from './views/login.js';
import { renderSearch } from './views/search.js';
import { renderArticle } from './views/article.js';
import { renderTasks } from './views/tasks.js';
import { renderEditor } from './views/editor.js';
import { renderReviewQueue } from './views/review-queue.js';
import { renderDashboard } from './views/dashboard.js';
import { renderSynonyms } from './views/synonyms.js';
import { renderImport } from './views/import.js';
import { renderLearning } from './views/learning.js';

// Hash routes: one screen each; `role` is the least role the screen is for (the API decides anyway).
/**
 * @typedef {object} Route
 * @property {RegExp} path
 * @property {string | null} role
 * @property {string} title
 * @property {string} [nav]
 * @property {string} [href]
 * @property {(main: HTMLElement, context: ScreenContext) => Promise<(() => void) | void>} render returns its cleanup, if any
 */
/** @typedef {{ params: string[], query: URLSearchParams }} ScreenContext what a screen's render gets from the route */

/** @type {Route[]} */
const ROUTES = [
  { path: /^\/zoeken$/, role: 'agent', title: 'Zoeken', render: renderSearch, nav: 'Zoeken', href: '#/zoeken' },
  { path: /^\/artikel\/([^/]+)$/, role: 'agent', title: 'Artikel', render: renderArticle },
  { path: /^\/taken$/, role: 'editor', title: 'Mijn taken', render: renderTasks, nav: 'Mijn taken', href: '#/taken' },
  { path: /^\/nieuw$/, role: 'editor', title: 'Nieuw artikel', render: renderEditor, nav: 'Nieuw artikel', href: '#/nieuw' },
  { path: /^\/bewerken\/([^/]+)$/, role: 'editor', title: 'Artikel bewerken', render: renderEditor },
  { path: /^\/beoordelen$/, role: 'coordinator', title: 'Beoordelen', render: renderReviewQueue, nav: 'Beoordelen', href: '#/beoordelen' },
  { path: /^\/regie$/, role: 'coordinator', title: 'Regie', render: renderDashboard, nav: 'Regie', href: '#/regie' },
  { path: /^\/synoniemen$/, role: 'coordinator', title: 'Synoniemen', render: renderSynonyms, nav: 'Synoniemen', href: '#/synoniemen' },
  { path: /^\/suggesties$/, role: 'coordinator', title: 'Zoeksuggesties', render: renderLearning, nav: 'Suggesties', href: '#/suggesties' },
  { path: /^\/importeren$/, role: 'coordinator', title: 'Importeren', render: renderImport, nav: 'Importeren', href: '#/importeren' },
  { path: /^\/inloggen$/, role: null, title: 'Inloggen', render: renderLogin },
];

/** @type {(() => void) | null} */
let cleanup = null;
let generation = 0;

// Each screen draws into a fresh <main>. A screen still loading when the agent moves on (a slow
// article, then "/") finishes into the detached old element instead of into the next screen.
function freshMain() {
  const old = /** @type {HTMLElement} */ (document.getElementById('main'));
  const fresh = /** @type {HTMLElement} */ (old.cloneNode(false));
  old.replaceWith(fresh);
  return fresh;
}

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/zoeken';
  const [path, query = ''] = raw.split('?');
  return { path, query: new URLSearchParams(query) };
}

function renderChrome(activePath) {
  const user = currentUser();
  const nav = /** @type {HTMLElement} */ (document.getElementById('nav'));
  clear(nav);
  if (user) {
    const items = ROUTES.filter((r) => r.nav && can(r.role));
    nav.append(
      h(
        'ul',
        {},
        items.map((r) => h('li', {}, h('a', { href: r.href, 'aria-current': r.path.test(activePath) ? 'page' : undefined }, r.nav))),
      ),
    );
  }
  const userBox = clear(/** @type {HTMLElement} */ (document.getElementById('user')));
  if (user) {
    userBox.append(h('span', {}, `${user.name} (${user.roles.join(', ')})`));
    if (!user.open)
      userBox.append(
        h(
          'button',
          {
            type: 'button',
            onclick: () => {
              signOut();
              location.hash = '#/inloggen';
            },
          },
          'Afmelden',
        ),
      );
  }
}

async function route() {
  const mine = ++generation;
  const { path, query } = parseHash();
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  const match = ROUTES.map((r) => ({ r, m: r.path.exec(path) })).find((x) => x.m);
  if (!match) {
    location.hash = '#/zoeken';
    return;
  }
  const user = currentUser();
  if (match.r.role && !user) {
    location.hash = `#/inloggen?terug=${encodeURIComponent(`#${path}${query.toString() ? `?${query}` : ''}`)}`;
    return;
  }
  renderChrome(path);
  document.title = `${match.r.title} – Kennisbank`;
  const main = freshMain();
  if (match.r.role && !can(match.r.role)) {
    main.append(h('h1', {}, match.r.title), h('p', { class: 'notice error' }, 'U hebt geen rechten voor dit scherm.'));
    return;
  }
  try {
    const done = (await match.r.render(main, { params: /** @type {RegExpExecArray} */ (match.m).slice(1), query })) ?? null;
    if (mine !== generation) {
      done?.(); // the agent moved on while this screen loaded: stop its work, leave focus alone
      return;
    }
    cleanup = done;
  } catch (error) {
    if (mine !== generation) return;
    main.append(
      h('p', { class: 'notice error', role: 'alert' }, `Dit scherm kon niet worden geladen: ${/** @type {Error} */ (error).message}`),
    );
  }
  // Screens that put focus somewhere (search box, a confirmation) keep it; others start at the content.
  if (!main.contains(document.activeElement) || document.activeElement === main) main.focus();
  announce(match.r.title);
}

async function start() {
  // Attached before anything is awaited: a "/" typed while the page still loads is not lost.
  // "/" anywhere outside a form field focuses the search box (the agents' habit from search engines).
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      if (!parseHash().path.startsWith('/zoeken')) location.hash = '#/zoeken';
      else document.getElementById('q')?.focus();
    }
  });
  const config = await authConfig();
  /** @type {HTMLElement} */ (document.getElementById('municipality')).textContent = config.municipality;
  const banner = /** @type {HTMLElement} */ (document.getElementById('banner'));
  if (config.mode === 'open') banner.textContent = 'Ontwikkelmodus: geen aanmelding ingesteld, iedereen werkt als lokale beheerder.';
  try {
    if (config.mode === 'oidc') await completeOidcLogin();
  } catch (error) {
    banner.textContent = /** @type {Error} */ (error).message;
  }
  window.addEventListener('hashchange', route);
  await route();
}

start();
