// @ts-check
// Who is signed in: a bearer token in sessionStorage (gone when the tab closes), its claims decoded
// for the menu only (the API checks every call itself).

const KEY = 'kennisbank.token';
let config = null;

export async function authConfig() {
  if (!config) config = await (await fetch('/api/auth/config')).json();
  return config;
}

export function token() {
  return sessionStorage.getItem(KEY);
}

export function signIn(value) {
  sessionStorage.setItem(KEY, value);
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

const RANK = { agent: 1, editor: 2, coordinator: 3, admin: 4 };

/** { name, email, roles, departments } or null; in open mode a local user with every role. */
export function currentUser() {
  if (config?.mode === 'open')
    return { name: 'Lokale gebruiker', email: 'lokaal@kennisbank.local', roles: ['admin'], departments: [], open: true };
  const t = token();
  if (!t) return null;
  try {
    const payload = JSON.parse(atob(t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    if (payload.exp && payload.exp * 1000 < Date.now()) return null;
    const roles = payload.roles ?? payload.realm_access?.roles ?? [];
    return {
      name: payload.name ?? payload.preferred_username ?? payload.sub,
      email: payload.email ?? '',
      roles: roles.filter((r) => r in RANK),
      departments: payload.departments ?? [],
    };
  } catch {
    return null;
  }
}

/** Whether the user has at least `role` (roles are ranked: agent < editor < coordinator < admin). */
export function can(role) {
  const user = currentUser();
  return Boolean(user && user.roles.some((r) => RANK[r] >= RANK[role]));
}

// --- OIDC authorization-code flow with PKCE (public client) ---

const b64url = (bytes) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const randomString = () => b64url(crypto.getRandomValues(new Uint8Array(32)));
const redirectUri = () => `${location.origin}/werkplek/`;

async function discovery(issuer) {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error('De identity provider is niet bereikbaar');
  return res.json();
}

export async function startOidcLogin() {
  const { oidc } = await authConfig();
  const meta = await discovery(oidc.issuer);
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem('kennisbank.pkce', JSON.stringify({ verifier, state, back: location.hash }));
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const url = new URL(meta.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: redirectUri(),
    scope: oidc.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** On return from the identity provider (?code=&state=): exchange the code; true when signed in. */
export async function completeOidcLogin() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code')) return false;
  const saved = JSON.parse(sessionStorage.getItem('kennisbank.pkce') ?? 'null');
  sessionStorage.removeItem('kennisbank.pkce');
  history.replaceState(null, '', `/werkplek/${saved?.back ?? ''}`);
  if (!saved || saved.state !== params.get('state')) throw new Error('Aanmelden mislukt: ongeldige status. Probeer het opnieuw.');
  const { oidc } = await authConfig();
  const meta = await discovery(oidc.issuer);
  const res = await fetch(meta.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: /** @type {string} */ (params.get('code')),
      redirect_uri: redirectUri(),
      client_id: oidc.clientId,
      code_verifier: saved.verifier,
    }),
  });
  if (!res.ok) throw new Error('Aanmelden mislukt bij de identity provider');
  signIn((await res.json()).access_token);
  return true;
}
