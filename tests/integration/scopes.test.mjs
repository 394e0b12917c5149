// Scopes end to end, with the official MCP SDKs against Dovecot and Exim: what the person ticks on
// the page is what the token holds, tools/list shows only that, a call outside it is a 403 with the
// insufficient_scope challenge (and changes and delivers nothing), the SDK's step-up re-authorizes
// through it, and neither a crafted request nor a refresh gets past the client's sealed ceiling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import * as jose from 'jose';
import { startServer } from './lib/server.mjs';
import { HeadlessProvider, SDK_V1, SDK_V2, connectWithOAuth, connectWithToken } from './lib/sdk_client.mjs';
import { submitLogin, parseLoginForm } from './lib/oauth_flow.mjs';
import { appendMessages, simpleMessage } from './lib/mailbox.mjs';
import { joseToken } from './lib/tokens.mjs';
import { callTool, deliveredUid, toolOk } from './lib/tool_calls.mjs';
import { USER } from './lib/peers.mjs';

const ALL = ['mail:read', 'mail:organize', 'mail:draft', 'mail:send', 'mail:delete'];
const READ_TOOLS = ['get_mail_message', 'list_mail_messages', 'list_mailboxes', 'search_mail_messages'];
const FOLDER = 'ScopesTest';

let server, admin; // admin: a token from before scopes existed (no scope claim), so it may do everything
before(async () => {
  server = await startServer({ name: 'Test Assistant' });
  admin = await connectWithToken(server.mcpUrl, await joseToken(server), SDK_V1);
});
after(async () => { await admin?.close(); await server?.stop(); });

const names = (list) => list.tools.map((t) => t.name).sort();
const unique = (what) => `${what} ${crypto.randomUUID()}`;

/** Signs in through SDK `sdk` as the person who ticks exactly `grant` (all offered when undefined). */
async function signIn({ grant, sdk = SDK_V1, clientId = server.clientId, clientSecret = server.clientSecret } = {}) {
  const provider = new HeadlessProvider({ clientId, clientSecret, loginFields: grant ? { grant } : {} });
  const client = await connectWithOAuth(server.mcpUrl, provider, sdk);
  return { client, provider, token: () => provider.tokens().access_token };
}

/** POSTs one JSON-RPC request to /mcp with `token`, as a legacy (2025-11-25) client. */
async function rawCall(token, name, args) {
  const r = await fetch(server.mcpUrl, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-11-25' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name, arguments: args } }),
  });
  return { status: r.status, challenge: r.headers.get('www-authenticate'), body: await r.json() };
}

/** The parameters of a Bearer challenge. */
function challengeParams(header) {
  assert.match(header, /^Bearer /);
  return Object.fromEntries([...header.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

function assertInsufficientScope(r, scope) {
  assert.equal(r.status, 403, JSON.stringify(r.body));
  const p = challengeParams(r.challenge);
  assert.equal(p.error, 'insufficient_scope');
  assert.equal(p.scope, scope);
  assert.equal(p.resource_metadata, `${server.baseUrl}/.well-known/oauth-protected-resource/mcp`);
  assert.equal(r.body.id, 9);
  assert.match(r.body.error.message, /Insufficient scope/);
}

async function token(form) {
  const r = await fetch(`${server.baseUrl}/oauth/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  return { status: r.status, body: await r.json() };
}

test('both metadata documents advertise the scopes, and the 401 challenge points at them', async () => {
  for (const path of ['/.well-known/oauth-authorization-server', '/.well-known/oauth-protected-resource/mcp'])
    assert.deepEqual((await (await fetch(server.baseUrl + path)).json()).scopes_supported, ALL, path);
  const r = await fetch(server.mcpUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(r.status, 401);
  assert.equal(challengeParams(r.headers.get('www-authenticate')).resource_metadata,
    `${server.baseUrl}/.well-known/oauth-protected-resource/mcp`);
});

test('a read-only grant lists 4 tools in both eras and can neither send, delete nor mark read', async () => {
  const { client, provider, token: accessToken } = await signIn({ grant: ['mail:read'] });
  try {
    const page = provider.pages[0];
    assert.deepEqual(page.offered, ALL, 'the SDK asked for scopes_supported; the page offers all of it');
    assert.match(page.html, /<h1 id="title">Test Assistant wants to use your mailbox<\/h1>/);
    assert.match(page.html, /You&apos;ll return to <strong>an app on this computer<\/strong>/);
    assert.equal(provider.tokens().scope, 'mail:read');
    assert.deepEqual(names(await client.listTools()), READ_TOOLS);
    const modern = await connectWithToken(server.mcpUrl, accessToken(), SDK_V2);
    assert.deepEqual(names(await modern.listTools()), READ_TOOLS);
    await modern.close();
    assert.ok((await toolOk(client, 'list_mailboxes', {})).count >= 1);

    const [uid] = appendMessages(FOLDER, [simpleMessage(1, unique('keep me'))]);
    const subject = unique('never sent');
    assertInsufficientScope(await rawCall(accessToken(), 'send_mail_message', { to: [USER], subject, text_body: 'x' }),
      'mail:read mail:send');
    assertInsufficientScope(await rawCall(accessToken(), 'delete_mail_message', { folder: FOLDER, uid }),
      'mail:delete mail:read');
    assertInsufficientScope(await rawCall(accessToken(), 'get_mail_message', { folder: FOLDER, uid, mark_as_read: true }),
      'mail:organize mail:read');
    assert.equal((await rawCall(accessToken(), 'get_mail_message', { folder: FOLDER, uid })).status, 200);

    // Nothing changed: the message is still there and unseen, and nothing was delivered.
    const still = await toolOk(admin, 'search_mail_messages', { folder: FOLDER, unseen: true });
    assert.ok(still.uids.includes(uid));
    await new Promise((r) => setTimeout(r, 1500)); // Exim delivers within a second when it accepts
    assert.equal((await toolOk(admin, 'search_mail_messages', { folder: 'INBOX', subject })).count, 0);
  } finally {
    await client.close();
  }
});

test('step-up from read to send through the SDK: a 403 challenge, a new consent, then the call goes through', async () => {
  const { client, provider } = await signIn({ grant: ['mail:read'], sdk: SDK_V2 });
  try {
    assert.equal(provider.tokens().scope, 'mail:read');
    assert.deepEqual(names(await client.listTools()), READ_TOOLS);
    provider.loginFields = {}; // the second time, the person allows what the page offers
    const subject = unique('stepped up');
    const send = () => callTool(client, 'send_mail_message', { to: [USER], subject, text_body: 'after step-up' });
    let result;
    try {
      result = await send();
    } catch (e) {
      // The SDK met the insufficient_scope challenge and sent the person to the authorization page;
      // the app finishes that authorization as it does for a first sign-in, then retries.
      assert.ok(e instanceof SDK_V2.UnauthorizedError, String(e));
      assert.equal(provider.pages.length, 2, 'the step-up went through our page');
      await SDK_V2.finishAuth(client.transport, provider);
      result = await send();
    }
    assert.equal(result.isError ?? false, false, result.content?.[0]?.text);
    const stepUp = new URL(provider.authorizeUrls[1]);
    assert.deepEqual(stepUp.searchParams.get('scope').split(' ').sort(), ['mail:read', 'mail:send']);
    assert.deepEqual(provider.pages[1].offered, ['mail:read', 'mail:send'], 'the page offers what the challenge named');
    assert.deepEqual(provider.tokens().scope.split(' ').sort(), ['mail:read', 'mail:send']);
    assert.ok(await deliveredUid(client, subject));
    // The SDK caches tools/list per client for its ttlMs, not per token, so the new grant's list
    // has to be asked for.
    assert.deepEqual(names(await client.listTools(undefined, { cacheMode: 'refresh' })),
      [...READ_TOOLS, 'send_mail_message'].sort());
  } finally {
    await client.close();
  }
});

test('a read-only ceiling cannot be widened by a crafted authorization request or by a refresh', async () => {
  const readOnly = server.generate(['--scopes=read', '--name=Reader']);
  // Crafted: the request asks for everything and the form posts every permission, though the page
  // offered only reading.
  const crafted = ['mail:read', 'mail:send', 'mail:delete', 'mail:organize'];
  const { client, provider } = await signIn({ grant: crafted, clientId: readOnly.clientId, clientSecret: readOnly.clientSecret });
  try {
    assert.deepEqual(new URL(provider.authorizeUrls[0]).searchParams.get('scope').split(' ').sort(), [...ALL].sort());
    assert.deepEqual(provider.pages[0].offered, ['mail:read']);
    assert.match(provider.pages[0].html, /Reader wants to use your mailbox/);
    assert.equal(provider.tokens().scope, 'mail:read');
    assert.deepEqual(names(await client.listTools()), READ_TOOLS);

    const refresh = (extra) => token({ grant_type: 'refresh_token', refresh_token: provider.tokens().refresh_token,
      client_id: readOnly.clientId, client_secret: readOnly.clientSecret, ...extra });
    for (const scope of ['mail:read mail:send', 'mail:delete', ALL.join(' ')]) {
      const r = await refresh({ scope });
      assert.equal(r.status, 400, scope);
      assert.equal(r.body.error, 'invalid_scope');
    }
    const same = await refresh({});
    assert.equal(same.status, 200);
    assert.equal(same.body.scope, 'mail:read');
    const modern = await connectWithToken(server.mcpUrl, same.body.access_token, SDK_V2);
    assert.deepEqual(names(await modern.listTools()), READ_TOOLS);
    await modern.close();
  } finally {
    await client.close();
  }
});

test('unticking "delete" on the page removes deleting and nothing else', async () => {
  const { client, provider, token: accessToken } = await signIn({ grant: ALL.filter((s) => s !== 'mail:delete') });
  try {
    assert.deepEqual(provider.pages[0].checked, ALL, 'everything offered comes ticked');
    assert.deepEqual(provider.tokens().scope.split(' ').sort(), ['mail:draft', 'mail:organize', 'mail:read', 'mail:send']);
    const listed = names(await client.listTools());
    assert.equal(listed.length, 8);
    assert.ok(!listed.includes('delete_mail_message'));
    const [uid] = appendMessages(FOLDER, [simpleMessage(2, unique('do not delete'))]);
    assertInsufficientScope(await rawCall(accessToken(), 'delete_mail_message', { folder: FOLDER, uid }),
      'mail:delete mail:draft mail:organize mail:read mail:send');
    const left = await toolOk(admin, 'search_mail_messages', { folder: FOLDER, query: 'ALL' });
    assert.ok(left.uids.includes(uid), 'the message is still there');
    // What it was granted still works, marking as read included.
    await toolOk(client, 'update_mail_message_flags', { folder: FOLDER, uid, add: ['\\Flagged'], remove: [] });
    assert.equal((await toolOk(client, 'get_mail_message', { folder: FOLDER, uid, mark_as_read: true })).uid, uid);
  } finally {
    await client.close();
  }
});

test('Cancel sends the person back with access_denied; unticking everything is refused', async () => {
  const verifier = crypto.randomBytes(32).toString('base64url');
  const u = new URL(`${server.baseUrl}/oauth/authorize`);
  for (const [k, v] of Object.entries({ client_id: server.clientId, redirect_uri: 'https://claude.ai/api/mcp/auth_callback',
    response_type: 'code', state: 'st-9', code_challenge: crypto.createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256', scope: 'mail:read mail:draft' }))
    u.searchParams.set(k, v);
  const page = await (await fetch(u)).text();
  assert.match(page, /You&apos;ll return to <strong>claude\.ai<\/strong>/);
  assert.deepEqual(parseLoginForm(page).offered, ['mail:read', 'mail:draft']);

  const cancel = await submitLogin(u, { cancel: '1', imap_password: '' });
  assert.equal(cancel.status, 302);
  const back = new URL(cancel.headers.get('location'));
  assert.equal(back.origin + back.pathname, 'https://claude.ai/api/mcp/auth_callback');
  assert.equal(back.searchParams.get('error'), 'access_denied');
  assert.equal(back.searchParams.get('state'), 'st-9');
  assert.equal(back.searchParams.get('iss'), server.baseUrl);

  const none = await submitLogin(u, { grant: [] });
  assert.equal(none.status, 400);
  assert.match(await none.text(), /Tick at least one thing it may do/);
});

test('client ids from before scopes keep working: unnamed, with every scope offered', async () => {
  const claims = JSON.parse(new TextDecoder().decode((await jose.compactDecrypt(server.clientId, server.key.raw)).plaintext));
  delete claims.scope;
  delete claims.name;
  const legacyId = await new jose.CompactEncrypt(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(server.key.raw);
  const { client, provider } = await signIn({ clientId: legacyId });
  try {
    assert.deepEqual(provider.pages[0].offered, ALL);
    assert.match(provider.pages[0].html, /An AI assistant wants to use your mailbox/);
    assert.deepEqual(provider.tokens().scope.split(' ').sort(), [...ALL].sort());
    assert.equal((await client.listTools()).tools.length, 9);
  } finally {
    await client.close();
  }
});
