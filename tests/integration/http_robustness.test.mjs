// The release binary's HTTP front door against clients that misbehave or crowd it, with small raw
// clients on loopback: each test asserts the answer, that it comes within a bounded time, and that
// /health keeps answering meanwhile (issue 19, items 6, 9, 12; issue 20, items 13 and 16).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { startServer } from './lib/server.mjs';
import { joseToken } from './lib/tokens.mjs';

let server, token;
before(async () => {
  server = await startServer({ env: { HTTP_HEADER_TIMEOUT_MS: '1500', HTTP_BODY_TIMEOUT_MS: '1500' } });
  token = await joseToken(server);
});
after(async () => { await server?.stop(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A raw TCP client: send bytes, collect everything until the server closes or `ms` pass. */
function rawClient(port, { localAddress } = {}) {
  const socket = net.connect({ port, host: '127.0.0.1', localAddress });
  let data = '', closed = false;
  socket.on('data', (d) => { data += d.toString('latin1'); });
  socket.on('error', () => {});
  const ended = new Promise((resolve) => socket.on('close', () => { closed = true; resolve(); }));
  const connected = new Promise((resolve) => socket.on('connect', resolve));
  return {
    socket, connected, ended,
    send: (s) => socket.write(s),
    data: () => data,
    closed: () => closed,
    async until(pred, ms = 5000) {
      const deadline = Date.now() + ms;
      while (!pred(data) && !closed && Date.now() < deadline) await sleep(10);
      return data;
    },
    destroy: () => socket.destroy(),
  };
}

/** /health on a fresh connection: { status, ms }. */
async function health(localAddress) {
  const t = performance.now();
  const agent = new http.Agent({ keepAlive: false, localAddress });
  try {
    const status = await new Promise((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: server.port, path: '/health', agent, timeout: 5000 }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
    });
    return { status, ms: performance.now() - t };
  } finally { agent.destroy(); }
}

/** Probes /health every `every` ms while `work` runs; resolves to the probes. */
async function probeHealthDuring(work, every = 50) {
  const probes = [];
  let done = false;
  const loop = (async () => { while (!done) { probes.push(await health().catch(() => ({ status: 0, ms: 5000 }))); await sleep(every); } })();
  try { await work(); } finally { done = true; await loop; }
  return probes;
}

const mcpHead = (extra = '') => `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAccept: application/json\r\n${extra}`;

test('a POST with neither Content-Length nor chunked encoding is answered at once (RFC 9112 §6.3: no body)', async () => {
  const probes = await probeHealthDuring(async () => {
    for (const [auth, expect] of [['', 401], [`Authorization: Bearer ${token}\r\nContent-Type: application/json\r\n`, 400]]) {
      const c = rawClient(server.port);
      const t = performance.now();
      c.send(`${mcpHead(auth)}\r\n`);
      const r = await c.until((d) => /\r\n\r\n[\s\S]*\}/.test(d), 3000);
      assert.match(r, new RegExp(`^HTTP/1.1 ${expect}`), r);
      assert.ok(performance.now() - t < 1000, `answered in ${performance.now() - t} ms`);
      if (expect === 400) assert.match(r, /-32700/);
      c.destroy();
    }
  });
  assert.ok(probes.every((p) => p.status === 200));
});

// cpp-httplib parsed multipart bodies itself and answered 400 before our route ran (issue 19, item 12).
test('multipart/form-data to /mcp: 401 with WWW-Authenticate without a token, 415 with one; nothing is parsed first', async () => {
  const form = new FormData();
  form.append('file', new Blob(['x'.repeat(1000)]), 'a.txt');
  const anon = await fetch(server.mcpUrl, { method: 'POST', body: form, headers: { accept: 'application/json' } });
  assert.equal(anon.status, 401);
  assert.match(anon.headers.get('www-authenticate'), /^Bearer resource_metadata=/);
  const authed = await fetch(server.mcpUrl, { method: 'POST', body: form, headers: { accept: 'application/json', authorization: `Bearer ${token}` } });
  assert.equal(authed.status, 415);
  assert.equal((await authed.json()).error.code, -32600);
  // A malformed multipart body (bad boundary) is no different.
  const c = rawClient(server.port);
  const body = 'garbage without any boundary';
  c.send(`${mcpHead('Content-Type: multipart/form-data; boundary=zzz\r\n')}Content-Length: ${body.length}\r\n\r\n${body}`);
  assert.match(await c.until((d) => d.includes('}')), /^HTTP\/1.1 401/);
  c.destroy();
  const token415 = await fetch(`${server.baseUrl}/oauth/token`, { method: 'POST', body: form });
  assert.equal(token415.status, 400);
  assert.equal((await token415.json()).error, 'invalid_request');
});

test('chunked bodies and Expect: 100-continue are served', async () => {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
  const c = rawClient(server.port);
  const chunks = `${body.slice(0, 10).length.toString(16)}\r\n${body.slice(0, 10)}\r\n${body.slice(10).length.toString(16)}\r\n${body.slice(10)}\r\n0\r\n\r\n`;
  c.send(`${mcpHead(`Authorization: Bearer ${token}\r\nContent-Type: application/json\r\n`)}Transfer-Encoding: chunked\r\n\r\n${chunks}`);
  assert.match(await c.until((d) => d.includes('"result"')), /^HTTP\/1.1 200[\s\S]*"result":\{\}/);
  c.destroy();
  const e = rawClient(server.port);
  e.send(`${mcpHead(`Authorization: Bearer ${token}\r\nContent-Type: application/json\r\n`)}Expect: 100-continue\r\nContent-Length: ${body.length}\r\n\r\n`);
  assert.equal(await e.until((d) => d.includes('\r\n\r\n')), 'HTTP/1.1 100 Continue\r\n\r\n');
  e.send(body);
  const r = await e.until((d) => d.includes('"result"'));
  assert.equal(r.split('100 Continue').length, 2, 'one 100 Continue');
  e.destroy();
});

// 64 connections sending one header byte per second left no worker for anyone, and none was ever
// closed (issue 20, item 16).
test('64 trickling clients get 408 at the head deadline while /health keeps answering', async () => {
  const slow = [];
  for (let i = 0; i < 64; i++) {
    const c = rawClient(server.port);
    await c.connected;
    c.send(i % 2 ? 'G' : `${mcpHead()}Content-Length: 100\r\n\r\n{"jsonrpc"`);  // half stall in the head, half in the body
    slow.push(c);
  }
  const t = performance.now();
  const probes = await probeHealthDuring(async () => {
    while (performance.now() - t < 1300) {
      for (const c of slow) if (!c.closed()) c.send(' ');
      await sleep(250);
    }
    await Promise.race([Promise.all(slow.map((c) => c.ended)), sleep(3000)]);
  });
  const elapsed = performance.now() - t;
  for (const c of slow) {
    assert.ok(c.closed(), 'closed by the server');
    assert.match(c.data(), /^HTTP\/1.1 408/, c.data());
  }
  assert.ok(elapsed < 3500, `all closed within the deadline (${elapsed} ms)`);
  assert.ok(probes.length > 5 && probes.every((p) => p.status === 200), JSON.stringify(probes));
  const worst = Math.max(...probes.map((p) => p.ms));
  assert.ok(worst < 500, `/health worst ${worst} ms`);
  assert.match(server.logs().stdout, /"status":408,"client":"127\.0\.0\.1","reason":"request head too slow"/);
});

test('connections per client address are capped (429); other addresses are still served', async () => {
  const capped = await startServer({ env: { MAX_CONNECTIONS_PER_CLIENT: '8' } });
  const held = [];
  try {
    for (let i = 0; i < 8; i++) { const c = rawClient(capped.port); await c.connected; held.push(c); }
    await sleep(100);
    const over = rawClient(capped.port);
    assert.match(await over.until(() => false, 2000), /^HTTP\/1.1 429[\s\S]*Retry-After: 1/);
    assert.ok(over.closed());
    // Another client address (fetch cannot choose its source address; a raw client can).
    const c2 = rawClient(capped.port, { localAddress: '127.0.0.2' });
    c2.send('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    assert.match(await c2.until((d) => d.includes('"ok"')), /^HTTP\/1.1 200/);
    c2.destroy();
    held.pop().destroy();
    await sleep(200);
    assert.equal((await fetch(`${capped.baseUrl}/health`)).status, 200);
  } finally {
    for (const c of held) c.destroy();
    await capped.stop();
  }
});

// 256 kept-alive connections of tools/list: 686 client timeouts and /health timing out, because each
// connection held a worker (issue 20, item 13). A short run here; scripts/bench-load runs 60 s.
test('256 kept-alive connections of tools/list: no errors, /health answers throughout', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
  const headers = { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(body) };
  let ok = 0, errors = 0;
  const one = () => new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: '/mcp', method: 'POST', headers, agent, timeout: 10000 }, (res) => {
      let n = 0;
      res.on('data', (d) => { n += d.length; });
      res.on('end', () => { if (res.statusCode === 200 && n > 1000) ok++; else errors++; resolve(); });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => { errors++; resolve(); });
    req.end(body);
  });
  const until = performance.now() + 4000;
  const probes = await probeHealthDuring(async () => {
    await Promise.all(Array.from({ length: 256 }, async () => { while (performance.now() < until) await one(); }));
  }, 100);
  agent.destroy();
  assert.equal(errors, 0);
  assert.ok(ok > 256, `${ok} requests`);
  assert.ok(probes.every((p) => p.status === 200), JSON.stringify(probes));
  const sorted = probes.map((p) => p.ms).sort((a, b) => a - b);
  assert.ok(sorted[sorted.length - 1] < 1000, `/health worst ${sorted[sorted.length - 1]} ms`);
});

test('the request log has the client, the JSON-RPC method and tool, and reuses a well-formed X-Request-Id', async () => {
  const id = 'req-7f3c2a9e-1b2d';
  const r = await fetch(server.mcpUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json',
    authorization: `Bearer ${token}`, 'x-request-id': id }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_mailboxes', arguments: { x: 1 } } }) });
  assert.equal(r.headers.get('x-request-id'), id);
  await r.text();
  const bad = await fetch(`${server.baseUrl}/health`, { headers: { 'x-request-id': 'two words' } });
  assert.match(bad.headers.get('x-request-id'), /^[0-9a-f]{16}$/);
  await fetch(server.mcpUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer nope' }, body: '{}' });
  // A request's log line is written just after its response: wait (briefly) for the last one.
  const logLines = () => server.logs().stdout.trim().split('\n').map((l) => JSON.parse(l));
  for (const t0 = Date.now(); !logLines().some((l) => l.status === 401 && l.reason === 'token_invalid') && Date.now() - t0 < 2000;) await sleep(20);
  const lines = logLines();
  const call = lines.find((l) => l.request_id === id);
  assert.deepEqual([call.client, call.rpc_method, call.tool, call.tool_error], ['127.0.0.1', 'tools/call', 'list_mailboxes', 'true']);
  assert.ok(lines.some((l) => l.status === 401 && l.reason === 'token_invalid'));
  assert.ok(!server.logs().stdout.includes(token), 'no token in the log');
});
