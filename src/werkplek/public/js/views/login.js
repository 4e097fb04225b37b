// @ts-check
import { api, describeError } from '../api.js';
import { authConfig, signIn, startOidcLogin } from '../session.js';
import { h } from '../dom.js';

const ROLE_LABELS = {
  agent: 'KCC-medewerker (agent)',
  editor: 'Redacteur',
  coordinator: 'Kennisregisseur (coördinator)',
  admin: 'Beheerder',
};

/**
 * @param {HTMLElement} main
 * @param {import('../app.js').ScreenContext} context
 */
export async function renderLogin(main, { query }) {
  const config = await authConfig();
  const back = query.get('terug') || '#/zoeken';
  main.append(h('h1', {}, 'Inloggen'));
  if (config.mode === 'open') {
    main.append(h('p', {}, 'Er is geen aanmelding ingesteld.'), h('a', { class: 'button', href: back }, 'Verder'));
    return;
  }
  if (config.oidc) {
    main.append(
      h('p', {}, `Meld u aan met uw account van de gemeente ${config.municipality}.`),
      h('button', { type: 'button', autofocus: true, onclick: () => startOidcLogin() }, 'Inloggen met uw gemeente-account'),
    );
  }
  if (!config.devLogin) {
    if (!config.oidc)
      main.append(h('p', { class: 'notice' }, 'Vraag uw beheerder om een toegangstoken; aanmelden via het scherm is niet ingesteld.'));
    return;
  }
  const error = h('p', { role: 'alert' });
  const role = h(
    'select',
    { id: 'dev-role', name: 'role' },
    Object.entries(ROLE_LABELS).map(([value, label]) => h('option', { value }, label)),
  );
  const name = h('input', { id: 'dev-name', type: 'text', name: 'name', value: '', autocomplete: 'name' });
  const departments = h('input', {
    id: 'dev-departments',
    type: 'text',
    name: 'departments',
    value: 'burgerzaken',
    'aria-describedby': 'dev-departments-hint',
  });
  const form = h(
    'form',
    { class: 'dev-login', 'aria-labelledby': 'dev-login-title' },
    h('h2', { id: 'dev-login-title' }, 'Ontwikkel-login (niet voor productie)'),
    h('p', {}, 'Kies een rol om de werkplek te proberen. Deze aanmelding bestaat alleen in ontwikkel- en testomgevingen.'),
    h('div', { class: 'field' }, h('label', { for: 'dev-role' }, 'Rol'), role),
    h('div', { class: 'field' }, h('label', { for: 'dev-name' }, 'Naam'), name),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'dev-departments' }, 'Afdelingen'),
      departments,
      h('p', { id: 'dev-departments-hint', class: 'hint' }, 'Afdelingscodes, gescheiden door komma’s (voor redacteuren).'),
    ),
    error,
    h('button', { type: 'submit' }, 'Inloggen als deze rol'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.className = '';
    error.textContent = '';
    try {
      const res = await api('/api/auth/dev-login', {
        method: 'POST',
        body: {
          role: role.value,
          name: name.value.trim() || undefined,
          departments: departments.value
            .split(',')
            .map((d) => d.trim())
            .filter(Boolean),
        },
      });
      signIn(res.body.token);
      location.hash = back;
    } catch (e) {
      error.className = 'notice error';
      error.textContent = describeError(e);
    }
  });
  main.append(form);
  if (!config.oidc) role.focus();
}
