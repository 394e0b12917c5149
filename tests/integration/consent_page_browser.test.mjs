// The consent and login page in a real browser: Debian's Chromium, headless, driven by playwright-core
// (no browser download). Screenshots at 1280×900, 390×844 and in dark mode land in
// build/test-logs/consent/ for people to look at; the test checks what a person must be able to see
// and do there (the client's name, where they return to, the permissions, the sign-in button without
// scrolling, no sideways scrolling on a phone), that every field is labelled, and that the page runs
// without a console error, a CSP violation or a DevTools issue (which includes Chrome's form and
// autofill audits). Then a person unticks "Delete messages" and signs in, and the token says so. A client
// that signs in with its mail provider gets the same page with "Continue with …", and the browser's
// CSP (form-action) lets its post go on to the provider.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './lib/server.mjs';
import { ROOT } from './lib/binary.mjs';
import { PASSWORD, USER } from './lib/peers.mjs';

const SHOTS = path.join(ROOT, 'build/test-logs/consent');
const LABELS = ['Read your mail', 'Organize messages', 'Write drafts', 'Send mail as you', 'Delete messages'];

let server, browser, callbackServer, CALLBACK;
const callbacks = []; // every URL the client's redirect endpoint received

before(async () => {
  // The client's redirect endpoint: a loopback one (allowed on any port) that records what it gets.
  callbackServer = http.createServer((req, res) => { callbacks.push(new URL(req.url, CALLBACK)); res.end('done'); });
  await new Promise((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
  CALLBACK = `http://127.0.0.1:${callbackServer.address().port}/callback`;
  // The generic provider's app credentials, for the provider client of the last test.
  server = await startServer({ name: 'Claude (work)', env: { OAUTH_CLIENT_ID: 'app', OAUTH_CLIENT_SECRET: 'app-secret' } });
  // playwright-core starts the browser with a fresh temporary --user-data-dir of its own.
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  fs.mkdirSync(SHOTS, { recursive: true });
});
after(async () => { await browser?.close(); await server?.stop(); callbackServer?.close(); });

function authorizeUrl(redirectUri, verifier, clientId = server.clientId) {
  const u = new URL(`${server.baseUrl}/oauth/authorize`);
  for (const [k, v] of Object.entries({ client_id: clientId, redirect_uri: redirectUri, response_type: 'code', state: 'st-b',
    code_challenge: crypto.createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
    scope: 'mail:read mail:organize mail:draft mail:send mail:delete', resource: server.mcpUrl }))
    u.searchParams.set(k, v);
  return u.toString();
}

/** A page in a fresh context, recording console errors and warnings, page errors and DevTools issues. */
async function openPage(contextOptions) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const cdp = await context.newCDPSession(page);
  cdp.on('Audits.issueAdded', ({ issue }) => problems.push(`DevTools issue ${issue.code}: ${JSON.stringify(issue.details)}`));
  await cdp.send('Audits.enable');
  return { context, page, problems };
}

/** What a person sees, read from the rendered page. */
const readPage = (page) => page.evaluate(() => {
  const perms = [...document.querySelectorAll('fieldset.perms .perm')].map((p) => ({
    label: p.querySelector('label').firstChild.textContent.trim(),
    marked: !!p.querySelector('.badge') && p.classList.contains('sensitive'),
    checked: p.querySelector('input').checked,
  }));
  const unlabelled = [...document.querySelectorAll('input:not([type=hidden]), button')]
    .filter((el) => (el.tagName === 'BUTTON' ? !el.textContent.trim() : el.labels.length === 0)).map((el) => el.id || el.name);
  const allow = document.querySelector('button.allow').getBoundingClientRect();
  const atAllow = document.elementFromPoint(allow.x + allow.width / 2, allow.y + allow.height / 2);
  return {
    title: document.title, h1: document.querySelector('h1').textContent, back: document.querySelector('#return').textContent,
    legend: document.querySelector('fieldset.perms legend').textContent, perms, unlabelled,
    allowBottom: allow.bottom, allowUncovered: atAllow?.closest('button.allow') !== null,
    scrollWidth: document.documentElement.scrollWidth, bodyColor: getComputedStyle(document.body).backgroundColor,
  };
});

const SETUPS = [
  { name: 'desktop-1280x900', options: { viewport: { width: 1280, height: 900 } } },
  { name: 'phone-390x844', options: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } },
  { name: 'desktop-dark', options: { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' } },
  { name: 'phone-dark', options: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'dark' } },
];

for (const { name, options } of SETUPS) {
  test(`consent page, ${name}: names the client, the return host and the permissions, with no console or CSP error`, async () => {
    const { context, page, problems } = await openPage(options);
    try {
      const response = await page.goto(authorizeUrl('https://claude.ai/api/mcp/auth_callback', 'v'.repeat(43)));
      assert.equal(response.status(), 200);
      assert.match(response.headers()['content-security-policy'], /default-src 'none'/);
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
      const seen = await readPage(page);
      assert.equal(seen.h1, 'Claude (work) wants to use your mailbox');
      assert.equal(seen.title, seen.h1);
      assert.equal(seen.back, 'You\'ll return to claude.ai after you sign in.');
      assert.equal(seen.legend, 'Allow Claude (work) to');
      assert.deepEqual(seen.perms.map((p) => p.label), LABELS);
      assert.deepEqual(seen.perms.filter((p) => p.marked).map((p) => p.label), ['Send mail as you', 'Delete messages']);
      assert.ok(seen.perms.every((p) => p.checked));
      assert.deepEqual(seen.unlabelled, [], 'every field and button has a label');
      assert.ok(seen.scrollWidth <= options.viewport.width, `no sideways scrolling (${seen.scrollWidth}px)`);
      if (!options.isMobile) {
        assert.ok(seen.allowBottom <= options.viewport.height, `sign-in button below the fold (${seen.allowBottom}px)`);
        assert.ok(seen.allowUncovered, 'the sign-in button is not covered');
      }
      await page.waitForTimeout(300); // Chrome's form audits report a moment after load
      const dark = options.colorScheme === 'dark';
      const [r, g, b] = seen.bodyColor.match(/\d+/g).map(Number);
      assert.equal(r + g + b < 3 * 128, dark, `background ${seen.bodyColor} in ${dark ? 'dark' : 'light'} mode`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

test('in the browser, a person unticks "Delete messages", signs in, and the token cannot delete', async () => {
  const verifier = crypto.randomBytes(32).toString('base64url');
  const { context, page, problems } = await openPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(authorizeUrl(CALLBACK, verifier));
    assert.equal(await page.locator('#return').textContent(), 'You\'ll return to an app on this computer after you sign in.');
    await page.getByLabel('Delete messages').uncheck();
    await page.getByLabel('Email address').fill(USER);
    await page.getByLabel('IMAP username').fill(USER);
    // A wrong password first: the page comes back with the reason, the choices kept, no password.
    await page.getByLabel('IMAP password').fill('wrong password');
    await page.getByLabel('Use the same username and password for SMTP').uncheck();
    await page.getByLabel('SMTP username').fill(USER);
    await page.getByLabel('SMTP password').fill('wrong too');
    await page.locator('details.tip summary').click();
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Allow and sign in' }).click()]);
    await page.locator('details.tip summary').click();
    await page.screenshot({ path: path.join(SHOTS, 'desktop-error-smtp-separate.png'), fullPage: true });
    assert.match(await page.getByRole('alert').textContent(), /IMAP: /);
    assert.equal(await page.getByLabel('Delete messages').isChecked(), false);
    assert.equal(await page.getByLabel('Read your mail').isChecked(), true);
    assert.equal(await page.getByLabel('IMAP password').inputValue(), '');
    assert.equal(await page.getByLabel('SMTP username').inputValue(), USER);
    await page.getByLabel('IMAP password').fill(PASSWORD);
    await page.getByLabel('Use the same username and password for SMTP').check();
    await Promise.all([page.waitForURL(`${CALLBACK}**`), page.getByRole('button', { name: 'Allow and sign in' }).click()]);
    const callback = callbacks.filter((u) => u.pathname === '/callback').at(-1);
    assert.equal(callback.searchParams.get('state'), 'st-b');
    const r = await fetch(`${server.baseUrl}/oauth/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: callback.searchParams.get('code'), redirect_uri: CALLBACK,
        code_verifier: verifier, client_id: server.clientId, client_secret: server.clientSecret }),
    });
    const tokens = await r.json();
    assert.equal(r.status, 200, JSON.stringify(tokens));
    assert.equal(tokens.scope, 'mail:draft mail:organize mail:read mail:send');
    // The wrong password was answered 403 on purpose, which Chrome logs; nothing else may be.
    assert.deepEqual(problems, ['console error: Failed to load resource: the server responded with a status of 403 (Forbidden)']);
  } finally {
    await context.close();
  }
});

test('the browser follows Cancel back to the client with access_denied', async () => {
  const { context, page, problems } = await openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    await page.goto(authorizeUrl(CALLBACK, 'w'.repeat(43)));
    // Cancel needs no credentials: the required fields stay empty.
    await Promise.all([page.waitForURL(`${CALLBACK}**`), page.getByRole('button', { name: 'Cancel' }).click()]);
    const callback = callbacks.filter((u) => u.pathname === '/callback').at(-1);
    assert.equal(callback.searchParams.get('error'), 'access_denied');
    assert.equal(callback.searchParams.get('code'), null);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a provider client: the same page with "Continue with …" in place of the password fields, and the post goes on to the provider', async () => {
  // The loopback endpoint plays the provider's authorization endpoint too (it records /authorize).
  const origin = new URL(CALLBACK).origin;
  const { clientId } = server.generate([`--oauth-authorize-url=${origin}/authorize`, `--oauth-token-url=${origin}/token`, '--name=Claude (work)']);
  const { context, page, problems } = await openPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(authorizeUrl(CALLBACK, 'p'.repeat(43), clientId));
    await page.screenshot({ path: path.join(SHOTS, 'desktop-provider.png'), fullPage: true });
    const seen = await readPage(page);
    assert.equal(seen.h1, 'Claude (work) wants to use your mailbox');
    assert.equal(seen.back, 'You\'ll return to an app on this computer after you sign in.');
    assert.deepEqual(seen.perms.map((p) => p.label), LABELS);
    assert.deepEqual(seen.unlabelled, [], 'every field and button has a label');
    assert.ok(seen.allowBottom <= 900 && seen.allowUncovered, 'the Continue button is on screen and not covered');
    assert.equal(await page.locator('input[type=password], #email').count(), 0);
    await page.getByLabel('Delete messages').uncheck();
    await Promise.all([page.waitForURL(`${origin}/authorize**`), page.getByRole('button', { name: 'Continue with 127.0.0.1' }).click()]);
    const at = callbacks.filter((u) => u.pathname === '/authorize').at(-1);
    assert.equal(at.searchParams.get('client_id'), 'app');
    assert.equal(at.searchParams.get('redirect_uri'), `${server.baseUrl}/oauth/upstream/callback`);
    assert.equal(at.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(at.searchParams.get('state').split('.').length, 5, 'a sealed state');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
