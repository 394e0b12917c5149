// Plays the person's browser through a sign-in with the mail provider: our "Continue with …" page, the
// test OpenID provider's login form (scripts/peers/oidc/provider.mjs) and its consent, and back to our
// callback. Cookies are kept per origin, as a browser would (the provider's interaction cookies).
import { parseLoginForm } from './oauth_flow.mjs';
import { USER, PASSWORD } from './peers.mjs';

export class Browser {
  constructor() { this.jar = new Map(); }

  /** fetch with this browser's cookies for the URL's origin; never follows redirects. */
  async fetch(url, init = {}) {
    const u = new URL(url);
    const cookies = this.jar.get(u.origin) || new Map();
    const headers = { ...(init.headers || {}) };
    if (cookies.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(u, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim(), value = pair.slice(eq + 1).trim();
      if (!this.jar.has(u.origin)) this.jar.set(u.origin, new Map());
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.jar.get(u.origin).delete(name);
      else this.jar.get(u.origin).set(name, value);
    }
    return res;
  }

  /** Follows GET redirects from `url` while `keepGoing(location)` says so; returns the last response and its URL. */
  async follow(url, keepGoing) {
    let res = await this.fetch(url);
    for (let hops = 0; hops < 20 && res.status >= 300 && res.status < 400; hops++) {
      const next = new URL(res.headers.get('location'), url).toString();
      if (!keepGoing(next)) return { res, url: next };
      url = next;
      res = await this.fetch(url);
    }
    return { res, url };
  }
}

/**
 * From our authorization URL to the provider's redirect back to our callback, without visiting the callback:
 * returns the callback URL (with code, state, iss) — or, with `cancel`, the one carrying error=access_denied.
 * On our consent page the permissions are posted as the page ticks them, unless `grant` (an array of scopes)
 * says which to tick; `onPage(form)` sees the parsed page (parseLoginForm plus its html) first.
 * `user`/`password` sign in at the provider.
 */
export async function providerCallbackUrl(authUrl, {
  user = USER, password = PASSWORD, cancel = false, grant, onPage, browser = new Browser(),
} = {}) {
  const page = await browser.fetch(authUrl);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`authorize GET ${page.status}: ${html.slice(0, 300)}`);
  const parsed = parseLoginForm(html);
  onPage?.({ ...parsed, html });
  const body = new URLSearchParams(parsed.hidden);
  for (const scope of grant ?? parsed.checked) body.append('grant', scope);
  const start = await browser.fetch(new URL(parsed.action, authUrl), { method: 'POST', body });
  if (start.status !== 303) throw new Error(`authorize POST ${start.status}: ${(await start.text()).slice(0, 300)}`);
  const providerUrl = start.headers.get('location');
  const providerOrigin = new URL(providerUrl).origin;
  const atProvider = (u) => new URL(u).origin === providerOrigin;
  // to the provider's login form
  let { res, url } = await browser.follow(providerUrl, atProvider);
  if (!atProvider(url)) return url;  // signed in already (a provider session)
  const form = await res.text();
  const uid = form.match(/action="\/interaction\/([^/"]+)\/login"/)?.[1];
  if (!uid) throw new Error(`no provider login form: ${form.slice(0, 300)}`);
  const origin = new URL(url).origin;
  if (cancel) ({ res, url } = await browser.follow(`${origin}/interaction/${uid}/abort`, atProvider));
  else {
    res = await browser.fetch(`${origin}/interaction/${uid}/login`, {
      method: 'POST', body: new URLSearchParams({ email: user, password }),
    });
    if (res.status !== 303) throw new Error(`provider login ${res.status}: ${(await res.text()).slice(0, 300)}`);
    ({ res, url } = await browser.follow(new URL(res.headers.get('location'), origin).toString(), atProvider));
  }
  if (atProvider(url)) throw new Error(`stuck at the provider (${res.status}): ${url}`);
  return url;
}

/** The whole sign-in, for HeadlessProvider's signIn: returns our callback's response (302 to the client). */
export async function signInWithProvider(authUrl, opts = {}) {
  const browser = opts.browser || new Browser();
  const callback = await providerCallbackUrl(authUrl, { ...opts, browser });
  return browser.fetch(callback);
}
