// "Sign in with Google/Microsoft", end to end against real peers (scripts/peers/start with WITH_OAUTH=1): the
// npm oidc-provider standing in for the provider, Dovecot checking its tokens over XOAUTH2/OAUTHBEARER, Exim
// authenticating through that Dovecot. The client is provisioned with the generic form (--oauth-issuer,
// discovery); the MCP TypeScript SDK signs in through our page and the provider's login and consent pages
// (played headlessly), then lists, reads and sends; refresh renews the provider's short-lived token through
// us; a revoked grant ends in invalid_grant and a clean new sign-in. The negative cases attack the callback.
//
// Single file: WITH_OAUTH=1 scripts/peers/start >/dev/null && node --test tests/integration/provider_signin.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import * as jose from 'jose';
import { startServer } from './lib/server.mjs';
import { run, freshKey, parseGenerated } from './lib/binary.mjs';
import { HeadlessProvider, connectWithOAuth, SDK_V2 } from './lib/sdk_client.mjs';
import { Browser, providerCallbackUrl, signInWithProvider } from './lib/provider_browser.mjs';
import { parseLoginForm } from './lib/oauth_flow.mjs';
import { appendMessages, simpleMessage } from './lib/mailbox.mjs';
import { callTool, toolOk, deliveredUid } from './lib/tool_calls.mjs';
import { OIDC, PEERS_DIR, USER } from './lib/peers.mjs';
import { REDIRECT_URI } from './lib/sdk_client.mjs';

const MAIL_SCOPES = 'openid email offline_access https://mail.google.com/';

/** A server whose client signs in at the test provider as `oauthClient` (one of provider.mjs's clients). */
function startOAuthServer({ oauthClient = 'mcp-mail-post', imap = OIDC.imap, smtp = OIDC.smtp, extra = [], name } = {}) {
  return startServer({
    imapPort: imap.tlsPort, smtpPort: smtp.starttlsPort, name,
    env: { OAUTH_CLIENT_ID: oauthClient, OAUTH_CLIENT_SECRET: OIDC.secret },
    generateArgs: [`--oauth-issuer=${OIDC.issuer}`, `--oauth-scopes=${MAIL_SCOPES}`, ...extra],
  });
}

/** An authorization URL of our server as an MCP client would build it (PKCE S256, resource). */
function authorizeUrl(server, state = 'client-state') {
  const u = new URL(`${server.baseUrl}/oauth/authorize`);
  u.search = new URLSearchParams({
    client_id: server.clientId, redirect_uri: REDIRECT_URI, response_type: 'code', state, resource: server.mcpUrl,
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256',
  }).toString();
  return u.toString();
}

const pageText = async (res) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/&#39;|&apos;/g, "'").replace(/\s+/g, ' ');

async function tokenRequest(server, params) {
  const basic = 'Basic ' + Buffer.from(`${encodeURIComponent(server.clientId)}:${encodeURIComponent(server.clientSecret)}`).toString('base64');
  const r = await fetch(`${server.baseUrl}/oauth/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic },
    body: new URLSearchParams(params),
  });
  return { status: r.status, body: await r.json() };
}

/** POSTs one tools/call to /mcp with `token`, as a 2025-06-18 client; returns status, challenge and body. */
async function mcpCall(token, name, args = {}) {
  const r = await fetch(server.mcpUrl, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-06-18' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }),
  });
  const text = await r.text();
  return { status: r.status, challenge: r.headers.get('www-authenticate'), body: text ? JSON.parse(text) : null };
}

/** Signs in at `srv` through the provider as the person who ticks `grant` (default: as the page comes) and
 *  redeems the code: the token response. `onPage` sees our consent page (providerCallbackUrl). */
async function signInTokens(srv, grant, onPage) {
  const callback = await fetch(await providerCallbackUrl(authorizeUrl(srv), { grant, onPage }), { redirect: 'manual' });
  assert.equal(callback.status, 302, await callback.text());
  const code = new URL(callback.headers.get('location')).searchParams.get('code');
  const r = await tokenRequest(srv, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI,
    code_verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk' });  // RFC 7636's example pair (authorizeUrl's challenge)
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

const revokeAtProvider = (account = USER) => fetch(`${OIDC.issuer}/test/revoke?account=${encodeURIComponent(account)}`, { method: 'POST' });

let server;
before(async () => { server = await startOAuthServer({ name: 'Test Assistant' }); });
after(async () => { await server?.stop(); });

test('the SDK signs in through the provider, then uses every tool with XOAUTH2/OAUTHBEARER only', async () => {
  const subject = `provider sign-in ${Date.now()}`;
  appendMessages('INBOX', [simpleMessage(1, subject)], OIDC.imap.tlsPort);
  const folder = `Provider-${Date.now()}`;
  const [keep, gone] = appendMessages(folder, [simpleMessage(2, 'to move'), simpleMessage(3, 'to delete')], OIDC.imap.tlsPort);
  const provider = new HeadlessProvider({ clientId: server.clientId, clientSecret: server.clientSecret, signIn: signInWithProvider });
  const client = await connectWithOAuth(server.mcpUrl, provider);
  try {
    // The person saw our page, then the provider's; the provider got PKCE S256 and our exact callback.
    const tokens = provider.tokens();
    assert.ok(tokens.expires_in <= 60 && tokens.expires_in > 30, `capped at the provider's 60 s: ${tokens.expires_in}`);
    assert.ok(tokens.refresh_token);

    const boxes = await toolOk(client, 'list_mailboxes', {});
    assert.ok(boxes.mailboxes.some((m) => m.name === 'INBOX'));
    const uid = await deliveredUid(client, subject);
    const message = await toolOk(client, 'get_mail_message', { folder: 'INBOX', uid });
    assert.match(message.text_body, /Body of message 1/);

    const sent = `sent through the provider ${Date.now()}`;
    const r = await toolOk(client, 'send_mail_message', { to: [USER], subject: sent, text_body: 'hello' });
    assert.deepEqual(r.accepted, [USER]);
    await deliveredUid(client, sent);

    // The other tools: list, draft, flags, move, delete.
    const listed = await toolOk(client, 'list_mail_messages', { folder });
    assert.deepEqual(listed.messages.map((m) => m.uid).sort((a, b) => a - b), [keep, gone]);
    const draft = await toolOk(client, 'create_draft_mail_message', { to: USER, subject: `draft ${folder}`, text_body: 'd' });
    assert.equal(draft.folder, 'Drafts');
    const flags = await toolOk(client, 'update_mail_message_flags', { folder, uid: keep, add: ['\\Flagged'] });
    assert.ok(flags.flags.includes('\\Flagged'));
    const moved = await toolOk(client, 'move_mail_message', { folder, uid: keep, destination: 'Archive' });
    assert.equal((await toolOk(client, 'get_mail_message', { folder: 'Archive', uid: moved.new_uid })).subject, 'to move');
    await toolOk(client, 'delete_mail_message', { folder, uid: gone });
    assert.deepEqual((await toolOk(client, 'list_mail_messages', { folder })).messages, []);
  } finally {
    await client.close();
  }
});

test('servers that offer XOAUTH2 and no OAUTHBEARER (as Microsoft\'s do) get XOAUTH2; servers offering both get OAUTHBEARER', async () => {
  const ms = await startOAuthServer({ imap: OIDC.xoauth2Only.imap, smtp: OIDC.xoauth2Only.smtp });
  const provider = new HeadlessProvider({ clientId: ms.clientId, clientSecret: ms.clientSecret, signIn: signInWithProvider });
  const client = await connectWithOAuth(ms.mcpUrl, provider);
  try {
    const sent = `sent with XOAUTH2 ${Date.now()}`;
    assert.deepEqual((await toolOk(client, 'send_mail_message', { to: [USER], subject: sent, text_body: 'x' })).accepted, [USER]);
    await deliveredUid(client, sent);
  } finally {
    await client.close();
    await ms.stop();
  }
  const log = (...parts) => fs.readFileSync(path.join(PEERS_DIR, ...parts), 'utf8');
  // Dovecot names the mechanism of each IMAP login, Exim the authenticator of each message it took.
  assert.match(log('dovecot-xoauth2', 'log', 'dovecot.log'), /imap-login: Info: Login: user=<test@example\.test>, method=XOAUTH2,/);
  assert.match(log('exim-xoauth2', 'log', 'mainlog'), / A=xoauth2:test@example\.test /);
  assert.match(log('dovecot-oauth', 'log', 'dovecot.log'), /imap-login: Info: Login: user=<test@example\.test>, method=OAUTHBEARER,/);
  assert.match(log('exim-oauth', 'log', 'mainlog'), / A=oauthbearer:test@example\.test /);
});

test('the 2026-07-28 SDK signs in through the provider too (it checks our iss before redeeming the code)', async () => {
  const provider = new HeadlessProvider({ clientId: server.clientId, clientSecret: server.clientSecret, signIn: signInWithProvider });
  const client = await connectWithOAuth(server.mcpUrl, provider, SDK_V2);
  try {
    assert.equal(provider.redirects.at(-1).searchParams.get('iss'), server.baseUrl);
    assert.ok((await toolOk(client, 'list_mailboxes', {})).mailboxes.length > 0);
  } finally {
    await client.close();
  }
});

test('the consent page names the client, where the person returns and the permissions, and continues with the provider', async () => {
  const browser = new Browser();
  const page = await browser.fetch(authorizeUrl(server));
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy'), /form-action 'self' http:\/\/127\.0\.0\.1:13199 http:\/\/127\.0\.0\.1:19080/);
  const html = await page.text();
  const text = html.replace(/<[^>]+>/g, ' ').replace(/&apos;|&#39;/g, "'").replace(/\s+/g, ' ');
  assert.match(text, /Test Assistant wants to use your mailbox/);
  assert.match(text, /You'll return to an app on this computer after you sign in/);
  assert.match(text, /Continue with 127\.0\.0\.1/);
  assert.doesNotMatch(html, /type="password"|name="email"/);
  const form = parseLoginForm(html);
  assert.deepEqual(form.offered, ['mail:read', 'mail:organize', 'mail:draft', 'mail:send', 'mail:delete']);
  assert.deepEqual(form.checked, form.offered);
  const post = (grant, more = {}) => {
    const body = new URLSearchParams(form.hidden);
    for (const g of grant) body.append('grant', g);
    for (const [k, v] of Object.entries(more)) body.set(k, v);
    return browser.fetch(`${server.baseUrl}/oauth/authorize`, { method: 'POST', body });
  };

  // Nothing ticked: the page again, with the reason; Cancel: back to the client with access_denied.
  const none = await post([]);
  assert.equal(none.status, 400);
  assert.match(await pageText(none), /Tick at least one thing it may do, or press Cancel/);
  const cancel = await post(['mail:read'], { cancel: '1' });
  assert.equal(cancel.status, 302);
  const denied = new URL(cancel.headers.get('location'));
  assert.equal(denied.origin + denied.pathname, REDIRECT_URI);
  assert.equal(denied.searchParams.get('error'), 'access_denied');
  assert.equal(denied.searchParams.get('state'), 'client-state');

  const start = await post(['mail:read']);
  assert.equal(start.status, 303);
  const to = new URL(start.headers.get('location'));
  assert.equal(to.origin, OIDC.issuer);
  assert.equal(to.searchParams.get('client_id'), 'mcp-mail-post');
  assert.equal(to.searchParams.get('redirect_uri'), `${server.baseUrl}/oauth/upstream/callback`);
  assert.equal(to.searchParams.get('code_challenge_method'), 'S256');
  assert.match(to.searchParams.get('code_challenge'), /^[A-Za-z0-9_-]{43}$/);
  assert.equal(to.searchParams.get('scope'), MAIL_SCOPES);
  assert.equal(to.searchParams.get('state').split('.').length, 5, 'a JWE');
  assert.ok(to.toString().length < 1600, `the provider's URL stays short: ${to.toString().length}`);
  assert.ok(!to.searchParams.get('state').includes('client-state'), 'the request inside is sealed');
});

test('what the person ticks goes through the provider into the tokens; a refresh at the provider narrows, never widens', async () => {
  const t = await signInTokens(server, ['mail:read']);
  assert.equal(t.scope, 'mail:read');
  assert.equal((await mcpCall(t.access_token, 'list_mailboxes')).status, 200);
  const send = await mcpCall(t.access_token, 'send_mail_message', { to: [USER], subject: 'must not leave', text_body: 'x' });
  assert.equal(send.status, 403);
  assert.match(send.challenge, /error="insufficient_scope"/);
  assert.match(send.challenge, /scope="mail:read mail:send"/);

  // Wider than the grant: refused before the provider is asked, and the refresh token still works.
  const wider = await tokenRequest(server, { grant_type: 'refresh_token', refresh_token: t.refresh_token, scope: 'mail:read mail:send' });
  assert.equal(wider.status, 400);
  assert.equal(wider.body.error, 'invalid_scope');
  const renewed = await tokenRequest(server, { grant_type: 'refresh_token', refresh_token: t.refresh_token });
  assert.equal(renewed.status, 200, JSON.stringify(renewed.body));
  assert.equal(renewed.body.scope, 'mail:read');
  assert.notEqual(renewed.body.access_token, t.access_token);
  assert.equal((await mcpCall(renewed.body.access_token, 'list_mailboxes')).status, 200);
  assert.equal((await mcpCall(renewed.body.access_token, 'send_mail_message', { to: [USER], subject: 'x', text_body: 'x' })).status, 403);

  // Ticking more than the client's ceiling allows counts for nothing: a --scopes=read client grants read only.
  const ceiling = await startOAuthServer({ extra: ['--scopes=read'] });
  try {
    let offered;
    const r = await signInTokens(ceiling, ['mail:read', 'mail:send', 'mail:delete'], (p) => { offered = p.offered; });
    assert.deepEqual(offered, ['mail:read']);
    assert.equal(r.scope, 'mail:read');
  } finally {
    await ceiling.stop();
  }
});

test('our access token expires before the provider\'s; the SDK refreshes through us and the provider', async () => {
  const short = await startOAuthServer({ oauthClient: 'mcp-mail-short' });  // the provider's tokens live 4 s
  const seen = [];
  const spy = (url, init) => {
    if (String(url).endsWith('/oauth/token')) seen.push(new URLSearchParams(String(init.body)).get('grant_type'));
    return fetch(url, init);
  };
  const provider = new HeadlessProvider({ clientId: short.clientId, clientSecret: short.clientSecret, signIn: signInWithProvider });
  const client = await connectWithOAuth(short.mcpUrl, provider, undefined, { fetch: spy });
  try {
    assert.ok(provider.tokens().expires_in <= 3, `capped below 4 s: ${provider.tokens().expires_in}`);
    const firstAccess = provider.tokens().access_token;
    await toolOk(client, 'list_mailboxes', {});
    await new Promise((r) => setTimeout(r, 4500));  // our token and the provider's have both expired
    await toolOk(client, 'list_mailboxes', {});
    assert.ok(seen.includes('refresh_token'), `the SDK refreshed: ${seen}`);
    assert.notEqual(provider.tokens().access_token, firstAccess);
  } finally {
    await client.close();
    await short.stop();
  }
});

test('a provider that rotates refresh tokens: each refresh through us keeps the new one, and reusing an old one ends the grant', async () => {
  const rotating = await startOAuthServer({ oauthClient: 'mcp-mail-short' });
  try {
    const first = await signInTokens(rotating);
    const second = await tokenRequest(rotating, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    assert.equal(second.status, 200, JSON.stringify(second.body));
    const third = await tokenRequest(rotating, { grant_type: 'refresh_token', refresh_token: second.body.refresh_token });
    assert.equal(third.status, 200, 'the provider\'s rotated refresh token was kept');
    const reused = await tokenRequest(rotating, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    assert.equal(reused.status, 400);
    assert.equal(reused.body.error, 'invalid_grant');
  } finally {
    await rotating.stop();
  }
});

test('a revoked grant: the tool call answers 401, our refresh answers invalid_grant, and signing in again works', async () => {
  const provider = new HeadlessProvider({ clientId: server.clientId, clientSecret: server.clientSecret, signIn: signInWithProvider });
  const client = await connectWithOAuth(server.mcpUrl, provider);
  await toolOk(client, 'list_mailboxes', {});
  await client.close();
  const { access_token: access, refresh_token: refresh } = provider.tokens();
  assert.equal((await revokeAtProvider()).status, 200);
  // The session pooled by the call above stays logged in until the mail server ends it (or
  // IMAP_POOL_MAX_AGE_SECONDS pass), as after a password change; the server ending it here.
  const kick = spawnSync('doveadm', ['-c', path.join(PEERS_DIR, 'dovecot-oauth/etc/dovecot.conf'), 'kick', '*'], { encoding: 'utf8' });
  assert.equal(kick.status, 0, kick.stderr);

  // The provider's token no longer opens the mailbox: 401 with a Bearer challenge, so the client refreshes.
  const call = await mcpCall(access, 'list_mailboxes');
  assert.equal(call.status, 401);
  assert.match(call.challenge, /^Bearer .*error="invalid_token"/);

  const refreshed = await tokenRequest(server, { grant_type: 'refresh_token', refresh_token: refresh });
  assert.equal(refreshed.status, 400);
  assert.equal(refreshed.body.error, 'invalid_grant');

  const again = new HeadlessProvider({ clientId: server.clientId, clientSecret: server.clientSecret, signIn: signInWithProvider });
  const client2 = await connectWithOAuth(server.mcpUrl, again);
  try {
    await toolOk(client2, 'list_mailboxes', {});
  } finally {
    await client2.close();
  }
});

test('the person cancelling at the provider gets a clear page that says how to start over', async () => {
  const callback = await providerCallbackUrl(authorizeUrl(server), { cancel: true });
  assert.equal(new URL(callback).searchParams.get('error'), 'access_denied');
  const res = await fetch(callback, { redirect: 'manual' });
  assert.equal(res.status, 400);
  const text = await pageText(res);
  assert.match(text, /You cancelled signing in with 127\.0\.0\.1/);
  assert.match(text, /connect your mailbox again from your AI assistant/);
});

test('a forged, a replayed and an expired state are refused', async () => {
  const forged = await fetch(`${server.baseUrl}/oauth/upstream/callback?code=x&state=forged&iss=${encodeURIComponent(OIDC.issuer)}`);
  assert.equal(forged.status, 400);
  assert.match(await pageText(forged), /not issued by this server/);

  const callback = await providerCallbackUrl(authorizeUrl(server));
  const first = await fetch(callback, { redirect: 'manual' });
  assert.equal(first.status, 302);
  assert.ok(new URL(first.headers.get('location')).searchParams.get('code'));
  const replay = await fetch(callback, { redirect: 'manual' });
  assert.equal(replay.status, 400);
  assert.match(await pageText(replay), /already used/);

  // A state sealed with the server's key whose 10 minutes are over.
  const now = Math.floor(Date.now() / 1000);
  const expired = await new jose.CompactEncrypt(new TextEncoder().encode(JSON.stringify({
    typ: 'signin_state', iss: server.baseUrl, aud: `${server.baseUrl}/oauth/upstream/callback`, iat: now - 700, exp: now - 100,
    jti: 'old', cid: 'x', imap_host: '127.0.0.1', imap_port: OIDC.imap.tlsPort, imap_ssl: true, smtp_host: '127.0.0.1',
    smtp_port: OIDC.smtp.starttlsPort, smtp_ssl: false, idp: 'oauth', idp_iss: OIDC.issuer, idp_authorize: `${OIDC.issuer}/auth`,
    idp_token: `${OIDC.issuer}/token`, idp_userinfo: '', idp_scopes: MAIL_SCOPES, idp_iss_param: true, idp_basic: false,
    redirect_uri: REDIRECT_URI, state: 's', code_challenge: 'c', scope: 'mail:read', resource: '', pkce: 'x'.repeat(43),
  }))).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(server.key.raw);
  const late = await fetch(`${server.baseUrl}/oauth/upstream/callback?code=x&state=${expired}&iss=${encodeURIComponent(OIDC.issuer)}`);
  assert.equal(late.status, 400);
  assert.match(await pageText(late), /expired after 10 minutes/);
});

test('a code injected from another sign-in fails at the provider (PKCE), and a foreign or missing iss is refused', async () => {
  const a = new URL(await providerCallbackUrl(authorizeUrl(server, 'a')));
  const b = new URL(await providerCallbackUrl(authorizeUrl(server, 'b')));
  const injected = new URL(b);
  injected.searchParams.set('code', a.searchParams.get('code'));
  const res = await fetch(injected, { redirect: 'manual' });
  assert.equal(res.status, 400);
  assert.match(await pageText(res), /did not accept the sign-in.*invalid_grant/);

  const c = new URL(await providerCallbackUrl(authorizeUrl(server, 'c')));
  c.searchParams.set('iss', 'https://evil.example');
  const mixup = await fetch(c, { redirect: 'manual' });
  assert.equal(mixup.status, 400);
  assert.match(await pageText(mixup), /iss does not match/);

  // The discovery document promises iss (RFC 9207), so a response without it is refused too.
  const d = new URL(await providerCallbackUrl(authorizeUrl(server, 'd')));
  d.searchParams.delete('iss');
  const missing = await fetch(d, { redirect: 'manual' });
  assert.equal(missing.status, 400);
  assert.match(await pageText(missing), /iss does not match/);
});

test('a provider that grants no refresh token is refused with an explanation', async () => {
  const noRefresh = await startOAuthServer({ oauthClient: 'mcp-mail-norefresh' });
  try {
    const res = await fetch(await providerCallbackUrl(authorizeUrl(noRefresh)), { redirect: 'manual' });
    assert.equal(res.status, 400);
    assert.match(await pageText(res), /no refresh token/);
  } finally {
    await noRefresh.stop();
  }
});

test('IMAP accepting the token but SMTP refusing it: no code, and the page says SMTP refused', async () => {
  const refusing = await startOAuthServer({ smtp: OIDC.smtpRefusing, oauthClient: 'mcp-mail', extra: ['--oauth-client-auth=basic'] });
  try {
    const res = await fetch(await providerCallbackUrl(authorizeUrl(refusing)), { redirect: 'manual' });
    assert.equal(res.status, 403);
    const text = await pageText(res);
    assert.match(text, /SMTP: login failed: the SMTP server rejected the access token/);
    assert.doesNotMatch(text, /IMAP:/);
    assert.match(text, /connect your mailbox again from your AI assistant/);
  } finally {
    await refusing.stop();
  }
});

test('generate --oauth-issuer reads the provider\'s discovery document; a document naming another issuer is refused', async () => {
  const key = freshKey();
  const env = { ENCRYPTION_KEY: key.b64, BASE_URL: 'https://mail.example.com' };
  const r = run(['generate', `--oauth-issuer=${OIDC.issuer}`, '--imap-host=127.0.0.1', '--smtp-host=127.0.0.1'], { env });
  assert.equal(r.status, 0, r.stderr);
  const claims = JSON.parse(new TextDecoder().decode((await jose.compactDecrypt(parseGenerated(r.stdout).clientId, key.raw)).plaintext));
  assert.equal(claims.idp, 'oauth');
  assert.equal(claims.idp_iss, OIDC.issuer);
  assert.equal(claims.idp_authorize, `${OIDC.issuer}/auth`);
  assert.equal(claims.idp_token, `${OIDC.issuer}/token`);
  assert.equal(claims.idp_userinfo, `${OIDC.issuer}/me`);
  assert.equal(claims.idp_iss_param, true);
  assert.equal(claims.idp_scopes, 'openid email offline_access');

  const other = run(['generate', `--oauth-issuer=${OIDC.issuer}/`, '--imap-host=127.0.0.1', '--smtp-host=127.0.0.1'], { env });
  assert.equal(other.status, 1);
  assert.match(other.stderr, /names another issuer: 'http:\/\/127\.0\.0\.1:19080'/);
});
