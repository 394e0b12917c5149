// Single-use codes, failed-login counting, refresh-token rotation and revocation (issue 18), across
// two replicas sharing a real Redis (Debian's redis-server, scripts/peers/start-redis), and in one
// process with the embedded store, including a restart between revocation and reuse. Then Redis
// stopped mid-test (fail closed, no hang, MCP calls continue, /health degraded, recovery), and
// rediss:// with the peers' CA.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, freePort } from './lib/server.mjs';
import { submitLogin } from './lib/oauth_flow.mjs';
import { PEERS_DIR, SCRIPTS_DIR } from './lib/peers.mjs';

const REDIS_PORT = Number(process.env.REDIS_PORT || 16379);
const REDIS_TLS_PORT = Number(process.env.REDIS_TLS_PORT || 16380);
const REDIS_URL = `redis://mail_mcp:statepass@127.0.0.1:${REDIS_PORT}/3`;
/** README "Revocation": a revoked access token may work on another replica for up to 5 s. */
const REVOCATION_BOUND_MS = 5000;
const REDIRECT = 'http://127.0.0.1:4455/cb';
const INIT = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } } };

const servers = [];
after(async () => { for (const s of servers) await s.stop(); });

/** Starts a replica; `like` (another replica) shares its key and issuer (BASE_URL). */
async function replica(env = {}, like = null, extra = {}) {
  const s = await startServer({ ...extra, ...(like ? { key: like.key } : {}), env: { ...(like ? { BASE_URL: like.issuer } : {}), ...env } });
  s.issuer = like ? like.issuer : s.baseUrl;
  servers.push(s);
  return s;
}

async function stopReplica(s) {
  await s.stop();
  servers.splice(servers.indexOf(s), 1);
}

function pkce() {
  const verifier = crypto.randomBytes(32).toString('base64url');
  return { verifier, challenge: crypto.createHash('sha256').update(verifier).digest('base64url') };
}

/** Signs in on `s` with the login page (as `client`, default s's own) and returns the code and verifier. */
async function code(s, client = s, fields = {}) {
  const { verifier, challenge } = pkce();
  const u = new URL(`${s.baseUrl}/oauth/authorize`);
  for (const [k, v] of Object.entries({ client_id: client.clientId, redirect_uri: REDIRECT, response_type: 'code',
    code_challenge: challenge, code_challenge_method: 'S256', state: 'x' })) u.searchParams.set(k, v);
  const r = await submitLogin(u, fields);
  return { status: r.status, code: r.status === 302 ? new URL(r.headers.get('location')).searchParams.get('code') : null,
    verifier, html: r.status === 302 ? '' : await r.text() };
}

async function post(s, route, form, client) {
  const started = Date.now();
  const r = await fetch(`${s.baseUrl}/oauth/${route}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: client.clientId, client_secret: client.clientSecret, ...form }) });
  return { status: r.status, body: await r.json(), ms: Date.now() - started };
}

const exchange = (s, c, client) => post(s, 'token', { grant_type: 'authorization_code', code: c.code, redirect_uri: REDIRECT, code_verifier: c.verifier }, client);
const refresh = (s, token, client) => post(s, 'token', { grant_type: 'refresh_token', refresh_token: token }, client);
const revoke = (s, token, client) => post(s, 'revoke', { token }, client);

/** Signs in on `s` and exchanges the code there: { access_token, refresh_token, ... }. */
async function tokensFrom(s, client = s) {
  const c = await code(s, client);
  assert.equal(c.status, 302, c.html);
  const t = await exchange(s, c, client);
  assert.equal(t.status, 200, JSON.stringify(t.body));
  return t.body;
}

async function mcpStatus(s, token) {
  const r = await fetch(`${s.baseUrl}/mcp`, { method: 'POST', body: JSON.stringify(INIT),
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${token}` } });
  await r.text();
  return r.status;
}

/** How long until an MCP call with `token` on `s` is refused (polling every 100 ms, up to `limit` ms). */
async function msUntilRefused(s, token, limit = REVOCATION_BOUND_MS + 3000) {
  const started = Date.now();
  while (Date.now() - started < limit) {
    if (await mcpStatus(s, token) === 401) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  return Infinity;
}

/** The scenarios both stores must pass; `a` and `b` are two replicas, or the same process twice. */
function sharedScenarios(name, pair) {
  test(`${name}: a code redeemed on A is refused on B, and the replay revokes what A issued`, async () => {
    const [a, b] = await pair();
    const c = await code(a, a);
    const first = await exchange(a, c, a);
    assert.equal(first.status, 200);
    const replay = await exchange(b, c, a);
    assert.equal(replay.status, 400);
    assert.equal(replay.body.error, 'invalid_grant');
    assert.match(replay.body.error_description, /already been used/);
    assert.equal(await mcpStatus(a, first.body.access_token), 401);
    assert.equal((await refresh(a, first.body.refresh_token, a)).status, 400);
  });

  test(`${name}: a refresh token rotated on A and replayed on B revokes the family on both`, async () => {
    const [a, b] = await pair();
    const t0 = await tokensFrom(a);
    const t1 = await refresh(a, t0.refresh_token, a);
    assert.equal(t1.status, 200);
    assert.notEqual(t1.body.refresh_token, t0.refresh_token);
    const t2 = await refresh(b, t1.body.refresh_token, a);  // the newest works anywhere
    assert.equal(t2.status, 200);
    const replay = await refresh(b, t0.refresh_token, a);
    assert.equal(replay.status, 400);
    assert.equal(replay.body.error, 'invalid_grant');
    assert.match(replay.body.error_description, /already been used/);
    for (const s of [a, b]) {
      assert.equal((await refresh(s, t2.body.refresh_token, a)).body.error, 'invalid_grant');
      assert.equal(await mcpStatus(s, t2.body.access_token), 401);
    }
  });

  test(`${name}: /oauth/revoke on A is honoured by B within the documented bound`, async () => {
    const [a, b] = await pair();
    for (const which of ['refresh_token', 'access_token']) {
      const t = await tokensFrom(a);
      assert.equal(await mcpStatus(b, t.access_token), 200);  // B has now seen it live (and may cache that)
      const r = await revoke(a, t[which], a);
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, {});
      assert.equal(await mcpStatus(a, t.access_token), 401, 'the replica that revoked refuses at once');
      assert.ok(await msUntilRefused(b, t.access_token) <= REVOCATION_BOUND_MS + 500, which);
      assert.equal((await refresh(b, t.refresh_token, a)).body.error, 'invalid_grant');
    }
  });

  test(`${name}: revoking another client's token is refused and changes nothing`, async () => {
    const [a, b] = await pair();
    const t = await tokensFrom(a);
    const other = a.generate(['--name=Other']);
    for (const token of [t.refresh_token, t.access_token]) {
      const r = await revoke(b, token, other);
      assert.equal(r.status, 400);
      assert.equal(r.body.error, 'unauthorized_client');
    }
    const wrongSecret = await revoke(b, t.refresh_token, { clientId: a.clientId, clientSecret: 'guess' });
    assert.equal(wrongSecret.status, 401);
    assert.equal(wrongSecret.body.error, 'invalid_client');
    assert.equal(await mcpStatus(a, t.access_token), 200);
    assert.equal((await refresh(b, t.refresh_token, a)).status, 200);
  });
}

const redisPair = (() => {
  let p;
  return async () => {
    if (!p) { const a = await replica({ STATE_URL: REDIS_URL }); p = [a, await replica({ STATE_URL: REDIS_URL }, a)]; }
    return p;
  };
})();
sharedScenarios('redis', redisPair);

test('redis: the same code or refresh token sent to A and B at once is honoured once', async () => {
  const [a, b] = await redisPair();
  const c = await code(a);
  const exchanges = await Promise.all([exchange(a, c, a), exchange(b, c, a)]);
  assert.deepEqual(exchanges.map((r) => r.status).sort(), [200, 400]);
  // The loser was a replay: what the winner got is revoked (RFC 6749 §4.1.2).
  assert.equal(await mcpStatus(a, exchanges.find((r) => r.status === 200).body.access_token), 401);
  const t = await tokensFrom(a);
  const refreshes = await Promise.all([refresh(a, t.refresh_token, a), refresh(b, t.refresh_token, a)]);
  // One rotates; the other is a reuse of the same generation, which ends the family (RFC 9700 §4.14).
  assert.deepEqual(refreshes.map((r) => r.status).sort(), [200, 400]);
  const winner = refreshes.find((r) => r.status === 200).body;
  assert.equal((await refresh(a, winner.refresh_token, a)).body.error, 'invalid_grant');
});

const embeddedOne = (() => {
  let p;
  return async () => {
    if (!p) { const a = await replica(); p = [a, a]; }
    return p;
  };
})();
sharedScenarios('embedded', embeddedOne);

test('the metadata advertises the revocation endpoint; /health names the store', async () => {
  const [a] = await redisPair();
  const meta = await (await fetch(`${a.baseUrl}/.well-known/oauth-authorization-server`)).json();
  assert.equal(meta.revocation_endpoint, `${a.issuer}/oauth/revoke`);
  assert.deepEqual(meta.revocation_endpoint_auth_methods_supported, ['client_secret_basic', 'client_secret_post']);
  assert.deepEqual(await (await fetch(`${a.baseUrl}/health`)).json(), { status: 'ok', state_store: { kind: 'redis', reachable: true } });
  const [e] = await embeddedOne();
  assert.deepEqual(await (await fetch(`${e.baseUrl}/health`)).json(), { status: 'ok', state_store: { kind: 'embedded', reachable: true } });
});

test('embedded: a revocation, a used code and a rotation survive a restart', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mail_mcp-state-'));
  const port = await freePort();
  let s = await replica({ STATE_DIR: dir }, null, { port });
  const revoked = await tokensFrom(s);
  const rotated = await tokensFrom(s);
  const c = await code(s);
  assert.equal((await exchange(s, c, s)).status, 200);
  assert.equal((await revoke(s, revoked.refresh_token, s)).status, 200);
  assert.equal((await refresh(s, rotated.refresh_token, s)).status, 200);
  const like = s;
  await stopReplica(s);
  s = await replica({ STATE_DIR: dir }, like, { port, key: like.key });
  s.clientId = like.clientId; s.clientSecret = like.clientSecret;
  assert.equal(await mcpStatus(s, revoked.access_token), 401);
  assert.equal((await refresh(s, revoked.refresh_token, s)).body.error, 'invalid_grant');
  assert.equal((await exchange(s, c, s)).body.error, 'invalid_grant');
  assert.match((await refresh(s, rotated.refresh_token, s)).body.error_description, /already been used/);
  await stopReplica(s);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('redis: failed logins on A and B add up', async () => {
  // Their own issuer, so this window does not hold up the other tests' sign-ins.
  const a = await replica({ STATE_URL: REDIS_URL, LOGIN_MAX_FAILURES: '3' });
  const b = await replica({ STATE_URL: REDIS_URL, LOGIN_MAX_FAILURES: '3' }, a);
  for (const s of [a, b, a]) assert.equal((await code(s, a, { imap_password: 'wrong' })).status, 403);
  for (const s of [b, a]) {
    const r = await code(s, a);
    assert.equal(r.status, 429, 'the fourth attempt is refused wherever it lands');
    assert.match(r.html, /Too many failed sign-in attempts/);
  }
  await stopReplica(a);
  await stopReplica(b);
});

test('redis: rediss:// with the peers\' CA works; a wrong password stops start-up without echoing it', async () => {
  const s = await replica({ STATE_URL: `rediss://mail_mcp:statepass@127.0.0.1:${REDIS_TLS_PORT}/3` });
  const t = await tokensFrom(s);
  assert.equal((await refresh(s, t.refresh_token, s)).status, 200);
  await stopReplica(s);
  await assert.rejects(startServer({ env: { STATE_URL: `redis://mail_mcp:hunter2@127.0.0.1:${REDIS_PORT}` } }), (e) => {
    assert.match(e.message, /STATE_URL: .*refused the user name or password/);
    assert.doesNotMatch(e.message, /hunter2/);
    return true;
  });
});

function redisCtl(action) {
  const script = action === 'stop' ? 'stop' : 'start-redis';
  const r = spawnSync(path.join(SCRIPTS_DIR, script), [path.join(PEERS_DIR, 'redis')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

test('redis stopped mid-test: code exchange, refresh, revocation and sign-in fail closed at once; MCP calls continue; then it recovers', async () => {
  const a = await replica({ STATE_URL: REDIS_URL });
  const t = await tokensFrom(a);
  const revoked = await tokensFrom(a);
  assert.equal((await revoke(a, revoked.refresh_token, a)).status, 200);
  const c = await code(a);
  redisCtl('stop');
  try {
    assert.equal(await mcpStatus(a, revoked.access_token), 401, 'what was revoked stays revoked');
    for (const r of [await exchange(a, c, a), await refresh(a, t.refresh_token, a), await revoke(a, t.access_token, a)]) {
      assert.equal(r.status, 503);
      assert.equal(r.body.error, 'temporarily_unavailable');
      assert.ok(r.ms < 3000, `answered in ${r.ms} ms`);
    }
    assert.equal((await code(a)).status, 503);
    assert.equal(await mcpStatus(a, t.access_token), 200, 'an unexpired access token keeps working');
    assert.deepEqual(await (await fetch(`${a.baseUrl}/health`)).json(),
      { status: 'degraded', state_store: { kind: 'redis', reachable: false } });
    // A replica started while Redis is down starts degraded rather than not at all.
    const late = await replica({ STATE_URL: REDIS_URL }, a);
    assert.equal((await (await fetch(`${late.baseUrl}/health`)).json()).status, 'degraded');
    await stopReplica(late);
  } finally {
    redisCtl('start');
  }
  const started = Date.now();
  while ((await (await fetch(`${a.baseUrl}/health`)).json()).status !== 'ok') {
    assert.ok(Date.now() - started < 5000, 'recovered within 5 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  const again = await refresh(a, t.refresh_token, a);  // the restarted Redis is empty: the family starts over
  assert.equal(again.status, 200);
  assert.equal((await exchange(a, c, a)).status, 200);
  const downLines = a.logs().stderr.split('\n').filter((l) => /state store .*unreachable/.test(l));
  assert.equal(downLines.length, 1, 'logged once, not once per request');
  assert.doesNotMatch(a.logs().stderr, /statepass/);
});
