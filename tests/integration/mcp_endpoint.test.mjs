// The /mcp endpoint as a protected resource: token checks (with jose-made tokens: expired, wrong
// audience, wrong kind, tampered), transport rules (Origin, content types, batches, sizes), and the
// server's housekeeping (health, 404, CORS, graceful shutdown).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { joseToken, outOfRangeHeaderToken, sealRaw } from './lib/tokens.mjs';

let server, good;
before(async () => { server = await startServer(); good = await joseToken(server); });
after(async () => { await server?.stop(); });

const INIT = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } } };

async function mcp(body, { token = good, headers = {}, raw = false } = {}) {
  const h = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  const r = await fetch(server.mcpUrl, { method: 'POST', headers: h, body: raw ? body : JSON.stringify(body) });
  const text = await r.text();
  let json; try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: r.status, headers: r.headers, text, json };
}

const metadataUrl = () => `${server.baseUrl}/.well-known/oauth-protected-resource/mcp`;

test('a token minted by jose with our key is accepted (we decrypt others\' JWEs)', async () => {
  const r = await mcp(INIT);
  assert.equal(r.status, 200);
  assert.equal(r.json.result.protocolVersion, '2025-11-25');
  const call = await mcp({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'list_mailboxes', arguments: {} } });
  assert.equal(call.json.result.isError, false);
  assert.ok(call.json.result.structuredContent.mailboxes.length >= 6);
});

test('no token: 401 pointing at the resource metadata', async () => {
  const r = await mcp(INIT, { token: null });
  assert.equal(r.status, 401);
  assert.equal(r.headers.get('www-authenticate'), `Bearer resource_metadata="${metadataUrl()}"`);
});

test('bad tokens: 401 invalid_token for each', async () => {
  const now = Math.floor(Date.now() / 1000);
  const cases = {
    expired: await joseToken(server, { iat: now - 9 * 3600, exp: now - 3600 }),
    'wrong audience': await joseToken(server, { aud: 'https://elsewhere.example.com/mcp' }),
    'wrong issuer': await joseToken(server, { iss: 'https://elsewhere.example.com' }),
    'refresh token': await joseToken(server, { typ: 'refresh', aud: `${server.baseUrl}/oauth/token` }),
    'refresh kind with mcp audience': await joseToken(server, { typ: 'refresh' }),
    'no expiry': await joseToken(server, { exp: undefined }),
    tampered: good.slice(0, -3) + (good.endsWith('A') ? 'BAA' : 'AAA'),
    garbage: 'not-a-token',
    'other key': await joseToken({ ...server, key: { raw: new Uint8Array(32).fill(7) } }),
  };
  for (const [name, token] of Object.entries(cases)) {
    const r = await mcp(INIT, { token });
    assert.equal(r.status, 401, name);
    assert.match(r.headers.get('www-authenticate'), /error="invalid_token"/, name);
    assert.match(r.headers.get('www-authenticate'), new RegExp(`resource_metadata="${metadataUrl()}"`), name);
  }
  const expired = await mcp(INIT, { token: cases.expired });
  assert.match(expired.headers.get('www-authenticate'), /expired/);
});

test('a number out of double range in a token header or its claims is 401 invalid_token, not 500', async () => {
  const now = Math.floor(Date.now() / 1000);
  const cases = {
    header: outOfRangeHeaderToken(),
    claims: await sealRaw(server, `{"typ":"access","iss":"${server.baseUrl}","aud":"${server.mcpUrl}","exp":${now + 3600},"x":-1e999}`),
  };
  for (const [name, token] of Object.entries(cases)) {
    const r = await mcp(INIT, { token });
    assert.equal(r.status, 401, name);
    assert.match(r.headers.get('www-authenticate'), /error="invalid_token"/, name);
    assert.match(r.headers.get('www-authenticate'), new RegExp(`resource_metadata="${metadataUrl()}"`), name);
  }
  assert.equal((await fetch(`${server.baseUrl}/health`)).status, 200);
});

test('a real refresh token from the token endpoint is refused at /mcp', async () => {
  // Covered with jose-made tokens above; this one comes from our own token endpoint via the real flow.
  const { HeadlessProvider, connectWithOAuth } = await import('./lib/sdk_client.mjs');
  const provider = new HeadlessProvider({ clientId: server.clientId, clientSecret: server.clientSecret });
  const client = await connectWithOAuth(server.mcpUrl, provider);
  await client.close();
  const r = await mcp(INIT, { token: provider.tokens().refresh_token });
  assert.equal(r.status, 401);
});

test('a foreign Origin is 403; our own origin is fine', async () => {
  assert.equal((await mcp(INIT, { headers: { origin: 'https://evil.example.com' } })).status, 403);
  assert.equal((await mcp(INIT, { headers: { origin: 'null' } })).status, 403);
  assert.equal((await mcp(INIT, { headers: { origin: server.baseUrl } })).status, 200);
});

test('a foreign Host on a loopback-bound server is 403 (DNS rebinding)', async () => {
  // fetch() will not forge Host, so use a raw request.
  const http = await import('node:http');
  const status = await new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: '/mcp', method: 'POST',
      headers: { host: 'evil.example.com', 'content-type': 'application/json', authorization: `Bearer ${good}` } }, (res) => { res.resume(); resolve(res.statusCode); });
    req.on('error', reject);
    req.end(JSON.stringify(INIT));
  });
  assert.equal(status, 403);
});

test('transport rules: content type, accept, version header, batches, malformed JSON, size, methods', async () => {
  assert.equal((await mcp(INIT, { headers: { 'content-type': 'text/plain' } })).status, 415);
  assert.equal((await mcp(INIT, { headers: { accept: 'text/html' } })).status, 406);
  const unknownVersion = await mcp(INIT, { headers: { 'mcp-protocol-version': '1999-01-01' } });
  assert.equal(unknownVersion.status, 400);
  assert.equal(unknownVersion.json.error.code, -32022);
  assert.equal((await mcp(INIT, { headers: { 'mcp-protocol-version': '2025-06-18' } })).status, 200);
  const batch = await mcp([INIT]);
  assert.equal(batch.json.error.code, -32600);
  const bad = await mcp('{"jsonrpc":"2.0", "id": 1, "method": ', { raw: true });
  assert.equal(bad.json.error.code, -32700);
  const unknown = await mcp({ jsonrpc: '2.0', id: 3, method: 'resources/list' });
  assert.equal(unknown.json.error.code, -32601);
  const note = await mcp({ jsonrpc: '2.0', method: 'notifications/initialized' });
  assert.equal(note.status, 202);
  assert.equal(note.text, '');
  const big = await mcp({ jsonrpc: '2.0', id: 4, method: 'ping', params: { pad: 'x'.repeat(1100 * 1024) } });
  assert.equal(big.status, 413);
  const get = await fetch(server.mcpUrl, { headers: { authorization: `Bearer ${good}`, accept: 'text/event-stream' } });
  assert.equal(get.status, 405);
  const del = await fetch(server.mcpUrl, { method: 'DELETE', headers: { authorization: `Bearer ${good}` } });
  assert.equal(del.status, 405);
});

test('tool errors: unknown tool and invalid arguments are -32602', async () => {
  const unknown = await mcp({ jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'rm_rf', arguments: {} } });
  assert.equal(unknown.json.error.code, -32602);
  const extra = await mcp({ jsonrpc: '2.0', id: 6, method: 'tools/call', params: { name: 'list_mailboxes', arguments: { x: 1 } } });
  assert.equal(extra.json.error.code, -32602);
});

// MCP 2026-07-28 on the same endpoint: a request is served under the revision its _meta names.
const META = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} };

/** A 2026-07-28 request with the headers a conforming client sends, `headers` overriding them. */
function modern(method, params = {}, headers = {}, id = 11) {
  const h = { 'mcp-protocol-version': '2026-07-28', 'mcp-method': method, ...(params.name && { 'mcp-name': params.name }), ...headers };
  for (const [k, v] of Object.entries(h)) if (v === undefined) delete h[k];
  return mcp({ jsonrpc: '2.0', id, method, params: { _meta: META, ...params } }, { headers: h });
}

test('MCP 2026-07-28: discover, tools/list and tools/call carry resultType, caching hints and serverInfo', async () => {
  const d = await modern('server/discover');
  assert.equal(d.status, 200);
  assert.deepEqual(d.json.result.supportedVersions, ['2026-07-28', '2025-11-25', '2025-06-18', '2025-03-26']);
  assert.deepEqual(d.json.result.capabilities, { tools: { listChanged: false } });
  assert.match(d.json.result.instructions, /\S/);
  assert.equal(d.json.result._meta['io.modelcontextprotocol/serverInfo'].name, 'mail_mcp');
  const list = await modern('tools/list');
  assert.equal(list.json.result.resultType, 'complete');
  assert.ok(Number.isInteger(list.json.result.ttlMs) && list.json.result.ttlMs > 0);
  // tools/list depends on the caller's grant: reusable only under the same authorization.
  assert.equal(list.json.result.cacheScope, 'private');
  assert.equal((await modern('tools/list')).text, list.text, 'tools/list is byte-identical across requests');
  const call = await modern('tools/call', { name: 'list_mailboxes', arguments: {} });
  assert.equal(call.json.result.resultType, 'complete');
  assert.ok(call.json.result.structuredContent.mailboxes.length >= 6);
  // The same endpoint keeps answering 2025-11-25 without any of it.
  const legacy = await mcp({ jsonrpc: '2.0', id: 3, method: 'tools/list' }, { headers: { 'mcp-protocol-version': '2025-11-25' } });
  assert.equal(legacy.json.result.resultType, undefined);
  assert.equal(legacy.json.result.ttlMs, undefined);
});

test('MCP 2026-07-28 errors: unsupported version, header mismatch, missing _meta, unknown and removed methods', async () => {
  const unsupported = await mcp({ jsonrpc: '2.0', id: 12, method: 'tools/list', params: { _meta: { ...META, 'io.modelcontextprotocol/protocolVersion': '1900-01-01' } } },
    { headers: { 'mcp-protocol-version': '1900-01-01', 'mcp-method': 'tools/list' } });
  assert.equal(unsupported.status, 400);
  assert.deepEqual(unsupported.json, { jsonrpc: '2.0', id: 12, error: { code: -32022, message: 'Unsupported protocol version',
    data: { supported: ['2026-07-28', '2025-11-25', '2025-06-18', '2025-03-26'], requested: '1900-01-01' } } });

  const mismatches = {
    'version header differs from _meta': await mcp({ jsonrpc: '2.0', id: 13, method: 'tools/list', params: { _meta: META } },
      { headers: { 'mcp-protocol-version': '2025-11-25', 'mcp-method': 'tools/list' } }),
    'no version header': await modern('tools/list', {}, { 'mcp-protocol-version': undefined }),
    'no Mcp-Method': await modern('tools/list', {}, { 'mcp-method': undefined }),
    'Mcp-Method differs': await modern('tools/list', {}, { 'mcp-method': 'prompts/list' }),
    'Mcp-Method case differs': await modern('tools/list', {}, { 'mcp-method': 'TOOLS/LIST' }),
    'no Mcp-Name on tools/call': await modern('tools/call', { name: 'list_mailboxes', arguments: {} }, { 'mcp-name': undefined }),
    'Mcp-Name differs': await modern('tools/call', { name: 'list_mailboxes', arguments: {} }, { 'mcp-name': 'send_mail_message' }),
  };
  for (const [name, r] of Object.entries(mismatches)) {
    assert.equal(r.status, 400, name);
    assert.equal(r.json.error.code, -32020, name);
  }
  const encoded = await modern('tools/call', { name: 'list_mailboxes', arguments: {} }, { 'mcp-name': `=?base64?${Buffer.from('list_mailboxes').toString('base64')}?=` });
  assert.equal(encoded.json.result.isError, false);

  for (const params of [{}, { _meta: { 'io.modelcontextprotocol/clientCapabilities': {} } }, { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } }]) {
    const r = await mcp({ jsonrpc: '2.0', id: 14, method: 'server/discover', params },
      { headers: { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'server/discover' } });
    assert.equal(r.status, 400, JSON.stringify(params));
    assert.equal(r.json.error.code, -32602, JSON.stringify(params));
    assert.equal(r.json.id, 14);
  }

  for (const method of ['unknown/method', 'ping', 'logging/setLevel', 'initialize']) {
    const r = await modern(method, {}, {}, 15);
    assert.equal(r.status, 404, method);
    assert.deepEqual([r.json.id, r.json.error.code], [15, -32601], method);
  }
  // Under 2025-11-25, ping is still there and unknown methods stay HTTP 200.
  assert.deepEqual((await mcp({ jsonrpc: '2.0', id: 16, method: 'ping' })).json.result, {});
  assert.equal((await mcp({ jsonrpc: '2.0', id: 17, method: 'unknown/method' })).status, 200);
});

test('a tool whose mail server is unreachable returns isError, not a JSON-RPC error', async () => {
  const token = await joseToken(server, { imap_port: 1 });
  const r = await mcp({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'list_mailboxes', arguments: {} } }, { token });
  assert.equal(r.status, 200);
  assert.equal(r.json.result.isError, true);
  assert.match(r.json.result.content[0].text, /IMAP: /);
});

test('health, 404 JSON, request ids and CORS preflight', async () => {
  const h = await fetch(`${server.baseUrl}/health`);
  assert.deepEqual(await h.json(), { status: 'ok' });
  assert.match(h.headers.get('x-request-id'), /^[0-9a-f]{16}$/);
  const nf = await fetch(`${server.baseUrl}/nope`);
  assert.equal(nf.status, 404);
  assert.equal((await nf.json()).error, 'not_found');
  const pre = await fetch(server.mcpUrl, { method: 'OPTIONS', headers: { origin: 'http://localhost:6274',
    'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, mcp-protocol-version' } });
  assert.equal(pre.status, 204);
  assert.match(pre.headers.get('access-control-allow-headers'), /Authorization/);
  assert.match(pre.headers.get('access-control-allow-headers'), /MCP-Protocol-Version/);
  assert.match(pre.headers.get('access-control-expose-headers'), /WWW-Authenticate/);
  const disco = await fetch(`${server.baseUrl}/.well-known/oauth-authorization-server`, { method: 'OPTIONS',
    headers: { origin: 'http://localhost:6274', 'access-control-request-method': 'GET' } });
  assert.equal(disco.headers.get('access-control-allow-origin'), '*');
});

test('SIGTERM finishes in-flight requests and exits 0', async () => {
  const s = await startServer();
  const token = await joseToken(s);
  const inflight = fetch(s.mcpUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json',
    authorization: `Bearer ${token}` }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_mailboxes', arguments: {} } }) });
  await new Promise((r) => setTimeout(r, 20));
  const exit = s.stop('SIGTERM');
  const r = await inflight;
  assert.equal(r.status, 200);
  assert.deepEqual(await exit, { code: 0, signal: null });
});
