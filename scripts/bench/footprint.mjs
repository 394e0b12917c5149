// Driver for scripts/bench-footprint: what one mail_mcp costs to ship and to run. Measures the
// stripped binary, the time from exec to the first 200 from /health, the idle RSS, and the RSS while
// 64 MCP requests are in flight at once (each tools/call opens its own IMAP connection to the test
// Dovecot over TLS). The baseline is the smallest server most machines already have:
// `python3 -m http.server` started, polled and sampled the same way.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { BINARY, freshKey } from '../../tests/integration/lib/binary.mjs';
import { freePort, startServer } from '../../tests/integration/lib/server.mjs';
import { joseToken } from '../../tests/integration/lib/tokens.mjs';

const STARTS = Number(process.argv[2] || 15);
const CONCURRENCY = 64;
const ROUNDS = 3;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mib = (kb) => `${(kb / 1024).toFixed(1)} MiB`;

/** VmRSS and VmHWM (peak) of `pid`, in kB. */
function memory(pid) {
  const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (n) => Number(s.match(new RegExp(`^${n}:\\s+(\\d+) kB`, 'm'))[1]);
  return { rss: kb('VmRSS'), hwm: kb('VmHWM'), threads: Number(s.match(/^Threads:\s+(\d+)/m)[1]) };
}

/** One GET on a fresh connection; resolves with the status, or 0 if nothing listens yet. */
function probe(port, urlPath) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('error', () => resolve(0));
  });
}

/** Spawns a server, polls `urlPath` back to back until it answers 200; returns { ms, child }. */
async function startTimed(cmd, args, env, port, urlPath, cwd) {
  const t0 = process.hrtime.bigint();
  const child = spawn(cmd, args, { env, cwd, stdio: 'ignore' });
  for (;;) {
    if (await probe(port, urlPath) === 200) return { ms: Number(process.hrtime.bigint() - t0) / 1e6, child };
    if (child.exitCode !== null) throw new Error(`${cmd} exited with ${child.exitCode}`);
    if (Number(process.hrtime.bigint() - t0) > 10e9) throw new Error(`${cmd} did not answer within 10 s`);
  }
}
async function stop(child) {
  if (child.exitCode !== null) return;
  const gone = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await gone;
}

/** Median start time over STARTS runs, and the idle RSS 2 s after the last start. */
async function startupAndIdle(label, makeCmd) {
  const times = [];
  let idle;
  for (let i = 0; i < STARTS; i++) {
    const port = await freePort();
    const { cmd, args, env, urlPath, cwd } = makeCmd(port);
    const { ms, child } = await startTimed(cmd, args, env, port, urlPath, cwd);
    times.push(ms);
    if (i === STARTS - 1) { await sleep(2000); idle = memory(child.pid); }
    await stop(child);
  }
  return { label, startMs: median(times), startMinMs: Math.min(...times), idle };
}

/** POSTs a JSON-RPC body to /mcp over `agent` (false: a fresh connection, closed after the answer). */
function post(server, token, body, agent) {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(server.mcpUrl, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${token}`,
        'content-length': Buffer.byteLength(data) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => { try { resolve(JSON.parse(text)); } catch { reject(new Error(`${res.statusCode}: ${text}`)); } });
    });
    req.on('error', reject);
    req.end(data);
  });
}

/**
 * Fires `n` concurrent JSON-RPC requests at /mcp while sampling the server's RSS every 2 ms.
 * keepAlive: each request on its own pooled connection that stays open afterwards (what HTTP client
 * libraries do), or a fresh connection closed after its answer.
 */
async function burst(server, token, n, body, keepAlive) {
  const agent = keepAlive ? new http.Agent({ keepAlive: true, maxSockets: n }) : false;
  let peak = 0;
  const sampler = setInterval(() => { peak = Math.max(peak, memory(server.child.pid).rss); }, 2);
  const t0 = Date.now();
  const results = await Promise.all(Array.from({ length: n }, (_, i) => post(server, token, { jsonrpc: '2.0', id: i + 1, ...body }, agent)));
  const ms = Date.now() - t0;
  clearInterval(sampler);
  if (agent) agent.destroy();
  peak = Math.max(peak, memory(server.child.pid).rss);
  const failed = results.filter((r) => r.error || r.result?.isError).length;
  if (failed) throw new Error(`${failed}/${n} requests failed: ${JSON.stringify(results.find((r) => r.error || r.result?.isError))}`);
  return { ms, peak };
}

/** ROUNDS bursts; the slowest burst and the highest RSS seen. */
async function rounds(server, token, body, keepAlive) {
  let worst = { ms: 0, peak: 0 };
  for (let r = 0; r < ROUNDS; r++) {
    const b = await burst(server, token, CONCURRENCY, body, keepAlive);
    worst = { ms: Math.max(worst.ms, b.ms), peak: Math.max(worst.peak, b.peak) };
    await sleep(300);
  }
  return worst;
}

// --- 1. Size.
const size = fs.statSync(BINARY).size;
const sections = spawnSync('readelf', ['-S', '-W', BINARY], { encoding: 'utf8' }).stdout || '';
const stripped = sections ? !/\.symtab/.test(sections) : null;
const linkage = /statically linked|not a dynamic/.test(spawnSync('ldd', [BINARY], { encoding: 'utf8' }).stderr + spawnSync('ldd', [BINARY], { encoding: 'utf8' }).stdout) ? 'static' : 'dynamic';

// --- 2 + 3. Start time and idle RSS, ours and the baseline's.
const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'mail_mcp-footprint-'));
const key = freshKey();
const ours = await startupAndIdle('mail_mcp server', (port) => ({
  cmd: BINARY, args: ['server'], urlPath: '/health', cwd: empty,
  env: { PATH: '/usr/bin:/bin', BASE_URL: `http://127.0.0.1:${port}`, ENCRYPTION_KEY: key.b64, PORT: String(port), HOST: '127.0.0.1' },
}));
const python = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const base = await startupAndIdle('python3 -m http.server', (port) => ({
  cmd: python, args: ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', empty], urlPath: '/', cwd: empty,
  env: { PATH: '/usr/bin:/bin' },
}));
fs.rmSync(empty, { recursive: true, force: true });

// --- 4. Under load: 64 concurrent requests, a few rounds each.
const server = await startServer();
const token = await joseToken(server);
const list = { method: 'tools/call', params: { name: 'list_mailboxes', arguments: {} } };
await burst(server, token, 1, list, false);  // warm-up: first TLS handshake, first allocations
await sleep(1000);
const warmIdle = memory(server.child.pid);
const toolsList = await rounds(server, token, { method: 'tools/list' }, false);
const calls = await rounds(server, token, list, false);
// Kept-alive connections last: an idle one holds its worker thread until the keep-alive timeout.
const callsKept = await rounds(server, token, list, true);
const afterLoad = memory(server.child.pid);
await sleep(2000);
const settled = memory(server.child.pid);
await server.stop();

// --- Report.
const rows = [
  ['binary (./mail_mcp)', `${(size / 1024 / 1024).toFixed(2)} MiB (${size} bytes), ${linkage}, ${stripped === null ? 'strip state unknown (no readelf)' : stripped ? 'stripped' : 'NOT stripped'}`, '-'],
  [`exec -> first 200 (median of ${STARTS}, min)`, `${ours.startMs.toFixed(1)} ms (${ours.startMinMs.toFixed(1)} ms)`, `${base.startMs.toFixed(1)} ms (${base.startMinMs.toFixed(1)} ms)`],
  ['idle RSS, fresh start', `${mib(ours.idle.rss)} (${ours.idle.threads} threads)`, `${mib(base.idle.rss)} (${base.idle.threads} threads)`],
  ['idle RSS, after one IMAP request', mib(warmIdle.rss), '-'],
  [`RSS peak, ${CONCURRENCY} concurrent tools/list`, `${mib(toolsList.peak)} (slowest burst ${toolsList.ms} ms)`, '-'],
  [`RSS peak, ${CONCURRENCY} concurrent list_mailboxes`, `${mib(calls.peak)} (slowest burst ${calls.ms} ms)`, '-'],
  [`  same, ${CONCURRENCY} kept-alive client connections`, `${mib(callsKept.peak)} (slowest burst ${callsKept.ms} ms)`, '-'],
  ['VmHWM (peak RSS ever) after the load', mib(afterLoad.hwm), '-'],
  ['RSS 2 s after the load', mib(settled.rss), '-'],
];
const w0 = Math.max(...rows.map((r) => r[0].length)), w1 = Math.max(...rows.map((r) => r[1].length));
console.log(`mail_mcp footprint on ${os.cpus().length} CPUs (load ${os.loadavg()[0].toFixed(1)}); each list_mailboxes is a full IMAPS login + LIST against Dovecot on 127.0.0.1`);
console.log(`${'measure'.padEnd(w0)}  ${'mail_mcp'.padEnd(w1)}  python3 -m http.server (baseline)`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
