// Plays the user's browser on our login page: GET the authorization URL, fill the form, POST it.
import { USER, PASSWORD } from './peers.mjs';

export function decodeEntities(s) {
  return s.replace(/&#(\d+);/g, (_, d) => String.fromCharCode(+d)).replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** The login form's action and hidden fields from the page HTML. */
export function parseLoginForm(html) {
  const form = html.match(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i);
  if (!form) throw new Error('no login form in page');
  const hidden = new URLSearchParams();
  for (const m of form[2].matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) hidden.set(decodeEntities(m[1]), decodeEntities(m[2]));
  return { action: decodeEntities(form[1]), hidden };
}

/**
 * GETs `authUrl`, fills the form (fields override the defaults: the peers' test user), POSTs it and
 * returns the raw POST response (redirect: manual).
 */
export async function submitLogin(authUrl, fields = {}) {
  const page = await fetch(authUrl, { redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`authorize GET ${page.status}: ${html.slice(0, 300)}`);
  const { action, hidden } = parseLoginForm(html);
  const body = new URLSearchParams(hidden);
  const values = { email: USER, full_name: 'Test User', imap_username: USER, imap_password: PASSWORD, smtp_same: '1', ...fields };
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null) body.set(k, v);
  return fetch(new URL(action, authUrl), { method: 'POST', body, redirect: 'manual' });
}
