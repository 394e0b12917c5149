// Plays the user's browser on our login page: GET the authorization URL, fill the form, POST it.
import { USER, PASSWORD } from './peers.mjs';

export function decodeEntities(s) {
  return s.replace(/&#(\d+);/g, (_, d) => String.fromCharCode(+d)).replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/**
 * The login form's action, hidden fields and permission checkboxes from the page HTML: `offered`
 * lists every checkbox's scope in page order, `checked` those ticked as the page comes.
 */
export function parseLoginForm(html) {
  const form = html.match(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i);
  if (!form) throw new Error('no login form in page');
  const hidden = new URLSearchParams();
  for (const m of form[2].matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) hidden.set(decodeEntities(m[1]), decodeEntities(m[2]));
  const offered = [], checked = [];
  for (const m of form[2].matchAll(/<input type="checkbox" id="grant_[^"]*" name="grant" value="([^"]*)"( checked)?/g)) {
    offered.push(decodeEntities(m[1]));
    if (m[2]) checked.push(decodeEntities(m[1]));
  }
  return { action: decodeEntities(form[1]), hidden, offered, checked };
}

/**
 * GETs `authUrl`, fills the form (fields override the defaults: the peers' test user), POSTs it and
 * returns the raw POST response (redirect: manual). The permissions are posted as the page ticks
 * them, unless `fields.grant` (an array of scopes) says which to tick; `onPage(form)` sees the
 * parsed page first.
 */
export async function submitLogin(authUrl, fields = {}, { onPage } = {}) {
  const page = await fetch(authUrl, { redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`authorize GET ${page.status}: ${html.slice(0, 300)}`);
  const parsed = parseLoginForm(html);
  onPage?.({ ...parsed, html });
  const body = new URLSearchParams(parsed.hidden);
  const { grant = parsed.checked, ...rest } = fields;
  for (const scope of grant) body.append('grant', scope);
  const values = { email: USER, full_name: 'Test User', imap_username: USER, imap_password: PASSWORD, smtp_same: '1', ...rest };
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null) body.set(k, v);
  return fetch(new URL(parsed.action, authUrl), { method: 'POST', body, redirect: 'manual' });
}
