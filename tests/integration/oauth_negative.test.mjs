// Every way a request to the authorization server can be wrong, each with its exact status and error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startServer } from './lib/server.mjs';
import { submitLogin, parseLoginForm } from './lib/oauth_flow.mjs';
import { PASSWORD, USER } from './lib/peers.mjs';
import { outOfRangeHeaderToken } from './lib/tokens.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const REDIRECT = 'http://127.0.0.1:4455/cb';
const verifier = crypto.randomBytes(32).toString('base64url');
const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');

function authUrl(overrides = {}) {
  const u = new URL(`${server.baseUrl}/oauth/authorize`);
  const p = { client_id: server.clientId, redirect_uri: REDIRECT, response_type: 'code', state: 'st-1',
    code_challenge: challenge, code_challenge_method: 'S256', resource: server.mcpUrl, ...overrides };
  for (const [k, v] of Object.entries(p)) if (v !== undefined) u.searchParams.set(k, v);
  return u;
}

async function login(fields = {}, overrides = {}) {
  const r = await submitLogin(authUrl(overrides), fields);
  return { status: r.status, location: r.headers.get('location'), html: r.status === 302 ? '' : await r.text(), headers: r.headers };
}

async function token(form, headers = {}) {
  const r = await fetch(`${server.baseUrl}/oauth/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form),
  });
  return { status: r.status, body: await r.json(), headers: r.headers };
}

async function codeFor(overrides = {}) {
  const r = await login({}, overrides);
  assert.equal(r.status, 302, r.html);
  return new URL(r.location).searchParams.get('code');
}

const codeForm = (code, extra = {}) => ({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier,
  client_id: server.clientId, client_secret: server.clientSecret, ...extra });

test('an unlisted redirect URI gets an HTML 400 and no redirect', async () => {
  for (const redirect_uri of ['https://evil.example.com/cb', 'http://10.0.0.1/cb', 'http://127.0.0.1.evil.test/cb']) {
    const r = await fetch(authUrl({ redirect_uri }), { redirect: 'manual' });
    assert.equal(r.status, 400);
    assert.equal(r.headers.get('location'), null);
    assert.match(r.headers.get('content-type'), /text\/html/);
    assert.match(await r.text(), /not registered/);
  }
  const r = await fetch(authUrl({ client_id: 'forged' }), { redirect: 'manual' });
  assert.equal(r.status, 400);
  assert.equal(r.headers.get('location'), null);
});

test('protocol errors redirect back with error, state and iss', async () => {
  for (const [overrides, error] of [[{ response_type: 'token' }, 'unsupported_response_type'],
    [{ code_challenge: undefined }, 'invalid_request'], [{ code_challenge_method: 'plain' }, 'invalid_request'],
    [{ resource: 'https://other.example.com/mcp' }, 'invalid_target']]) {
    const r = await fetch(authUrl(overrides), { redirect: 'manual' });
    assert.equal(r.status, 302);
    const loc = new URL(r.headers.get('location'));
    assert.equal(loc.origin + loc.pathname, REDIRECT);
    assert.equal(loc.searchParams.get('error'), error);
    assert.equal(loc.searchParams.get('state'), 'st-1');
    assert.equal(loc.searchParams.get('iss'), server.baseUrl);
  }
});

test('the login page is escaped and locked down', async () => {
  const xss = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
  const inUri = '"><script>alert(3)</script>'; // a redirect URI cannot hold spaces
  const r = await fetch(authUrl({ state: xss, redirect_uri: `http://127.0.0.1:4455/cb?x=${inUri}` }));
  assert.equal(r.status, 200);
  const html = await r.text();
  assert.ok(!html.includes('<script>alert'), 'raw script tag reflected');
  assert.ok(!html.includes('<img src=x'), 'raw img tag reflected');
  assert.equal(parseLoginForm(html).hidden.get('state'), xss, 'the value round-trips through escaping');
  assert.equal(parseLoginForm(html).hidden.get('redirect_uri'), `http://127.0.0.1:4455/cb?x=${inUri}`);
  assert.match(html, /127\.0\.0\.1:\d+/); // shows the IMAP/SMTP servers
  const csp = r.headers.get('content-security-policy');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(r.headers.get('x-frame-options'), 'DENY');
  assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(r.headers.get('cache-control'), 'no-store');
  const bad = await fetch(authUrl({ client_id: xss }));
  assert.ok(!(await bad.text()).includes('<script>alert'));
});

test('a wrong IMAP password shows the IMAP banner and no password', async () => {
  const r = await login({ imap_password: 'wrong-password-123' });
  assert.equal(r.status, 403);
  assert.match(r.html, /IMAP: [^<]*(rejected|failed)/i);
  assert.ok(!r.html.includes('wrong-password-123'));
  assert.match(r.html, new RegExp(`value="${USER.replace('.', '\\.')}"`), 'username is kept');
});

test('a wrong SMTP password shows the SMTP banner', async () => {
  const r = await login({ smtp_same: null, smtp_username: USER, smtp_password: 'nope-smtp' });
  assert.equal(r.status, 403);
  assert.match(r.html, /SMTP: /);
  assert.doesNotMatch(r.html, /IMAP: /);
});

test('a mail server that is down is reported, not mistaken for a wrong password', async () => {
  const down = await startServer({ imapPort: 1, env: { MAIL_CONNECT_TIMEOUT_MS: '2000' } });
  try {
    const u = new URL(`${down.baseUrl}/oauth/authorize`);
    for (const [k, v] of Object.entries({ client_id: down.clientId, redirect_uri: REDIRECT, response_type: 'code', state: 's',
      code_challenge: challenge, code_challenge_method: 'S256' })) u.searchParams.set(k, v);
    const r = await submitLogin(u);
    assert.equal(r.status, 502);
    assert.match(await r.text(), /IMAP: [^<]*connect/i);
  } finally { await down.stop(); }
});

test('a code works once; a replay is invalid_grant', async () => {
  const code = await codeFor();
  assert.equal((await token(codeForm(code))).status, 200);
  const replay = await token(codeForm(code));
  assert.equal(replay.status, 400);
  assert.equal(replay.body.error, 'invalid_grant');
});

test('a wrong PKCE verifier is invalid_grant', async () => {
  const r = await token(codeForm(await codeFor(), { code_verifier: crypto.randomBytes(32).toString('base64url') }));
  assert.equal(r.status, 400);
  assert.equal(r.body.error, 'invalid_grant');
});

test('a wrong client secret is invalid_client (401), with a Basic challenge when Basic was used', async () => {
  const code = await codeFor();
  const post = await token(codeForm(code, { client_secret: 'f'.repeat(64) }));
  assert.equal(post.status, 401);
  assert.equal(post.body.error, 'invalid_client');
  const form = codeForm(code);
  delete form.client_secret; delete form.client_id;
  const basic = await token(form, { authorization: 'Basic ' + Buffer.from(`${server.clientId}:wrong`).toString('base64') });
  assert.equal(basic.status, 401);
  assert.match(basic.headers.get('www-authenticate'), /^Basic/);
  const both = await token(codeForm(code), { authorization: 'Basic ' + Buffer.from(`${server.clientId}:${server.clientSecret}`).toString('base64') });
  assert.equal(both.body.error, 'invalid_request');
});

test('a token header with a number out of double range is invalid_client, invalid_grant or the error page, not 500', async () => {
  const forged = outOfRangeHeaderToken();
  const asClient = await token(codeForm('any-code', { client_id: forged }));
  assert.equal(asClient.status, 401);
  assert.equal(asClient.body.error, 'invalid_client');
  const basic = await token({ grant_type: 'refresh_token', refresh_token: 'x' },
    { authorization: 'Basic ' + Buffer.from(`${encodeURIComponent(forged)}:secret`).toString('base64') });
  assert.equal(basic.status, 401);
  assert.equal(basic.body.error, 'invalid_client');
  const asCode = await token(codeForm(forged));
  assert.equal(asCode.status, 400);
  assert.equal(asCode.body.error, 'invalid_grant');
  const asRefresh = await token({ grant_type: 'refresh_token', refresh_token: forged, client_id: server.clientId,
    client_secret: server.clientSecret });
  assert.equal(asRefresh.status, 400);
  assert.equal(asRefresh.body.error, 'invalid_grant');

  const get = await fetch(authUrl({ client_id: forged }), { redirect: 'manual' });
  assert.equal(get.status, 400);
  assert.equal(get.headers.get('location'), null);
  assert.match(get.headers.get('content-type'), /text\/html/);
  const post = await fetch(`${server.baseUrl}/oauth/authorize`, { method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...Object.fromEntries(authUrl({ client_id: forged }).searchParams), imap_password: PASSWORD }) });
  assert.equal(post.status, 400);
  assert.equal(post.headers.get('location'), null);
  assert.match(post.headers.get('content-type'), /text\/html/);
});

test('login attempts are rate-limited per address', async () => {
  const limited = await startServer({ env: { LOGIN_MAX_FAILURES: '2', LOGIN_WINDOW_SECONDS: '600' } });
  try {
    const u = new URL(`${limited.baseUrl}/oauth/authorize`);
    for (const [k, v] of Object.entries({ client_id: limited.clientId, redirect_uri: REDIRECT, response_type: 'code',
      code_challenge: challenge, code_challenge_method: 'S256' })) u.searchParams.set(k, v);
    for (let i = 0; i < 2; i++) assert.equal((await submitLogin(u, { imap_password: 'bad' })).status, 403);
    const r = await submitLogin(u, { imap_password: PASSWORD });
    assert.equal(r.status, 429);
    assert.ok(Number(r.headers.get('retry-after')) > 0);
  } finally { await limited.stop(); }
});

test('oversize form bodies are refused with 413', async () => {
  const r = await fetch(`${server.baseUrl}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'a=' + 'x'.repeat(70 * 1024) });
  assert.equal(r.status, 413);
});

test('token endpoint metadata errors: unsupported grant, missing grant, wrong content type', async () => {
  assert.equal((await token({ grant_type: 'password', client_id: server.clientId, client_secret: server.clientSecret })).body.error, 'unsupported_grant_type');
  assert.equal((await token({ client_id: server.clientId, client_secret: server.clientSecret })).body.error, 'invalid_request');
  const r = await fetch(`${server.baseUrl}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(r.status, 400);
});
