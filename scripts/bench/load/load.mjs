// Driver for scripts/bench-load (issue 20, item 13): CONNECTIONS (256) kept-alive connections send
// authorized tools/list to /mcp back to back for DURATION seconds (autocannon, every answer checked
// against the expected bytes), while a separate process GETs /health on a fresh connection every
// 100 ms and the server's RSS is sampled every 250 ms. Servers, each alone on the machine in turn:
//   - mail_mcp built from this tree (./mail_mcp, or MAIL_MCP_BINARY);
//   - BASELINE_BINARY, if set: another mail_mcp build (say main's) for a before/after;
//   - the TypeScript MCP SDK's stateless Streamable HTTP server answering the same list (sdk_server.mjs);
//   - the floor: node:http answering the same bytes with no auth and no JSON-RPC (floor_server.mjs).
// Prints one row per server, the ratios to this tree's row, and whether this tree meets the issue's
// targets (0 errors and timeouts, /health p99 < 100 ms, RSS <= 32 MiB).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { BINARY, freshKey } from '../../../tests/integration/lib/binary.mjs';
import { freePort } from '../../../tests/integration/lib/server.mjs';
import { joseToken } from '../../../tests/integration/lib/tokens.mjs';

const DURATION = Number(process.argv[2] || 60);
const CONNECTIONS = Number(process.env.CONNECTIONS || 256);
const SLOW_CLIENTS = 64;
const SLOW_SECONDS = Number(process.env.SLOW_SECONDS || 30);
const HERE = path.dirname(new URL(import.meta.url).pathname);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * p))] : NaN; };
const REQUEST = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
const HEADERS = (token) => ({ 'content-type': 'application/json', accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-06-18', authorization: `Bearer ${token}` });

function memory(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return { rss: Number(s.match(/^VmRSS:\s+(\d+)/m)[1]), threads: Number(s.match(/^Threads:\s+(\d+)/m)[1]) };
  } catch { return { rss: 0, threads: 0 }; }
}

/** CPU time (user + system) `pid` has used, in ms (clock ticks of 10 ms). */
function cpuMs(pid) {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch { return NaN; }
}

async function waitHealthy(port, child) {
  const deadline = Date.now() + 10000;
  for (;;) {
    try { if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return; } catch { /* not up yet */ }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server on ${port} did not start`);
    await sleep(50);
  }
}

async function startProcess(cmd, args, env, port) {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-load-'));
  const child = spawn(cmd, args, { env: { PATH: '/usr/bin:/bin', ...env }, cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  await waitHealthy(port, child);
  return { child, async stop() { child.kill('SIGTERM'); await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r))); fs.rmSync(cwd, { recursive: true, force: true }); } };
}

async function startMailMcp(binary) {
  const port = await freePort();
  const key = freshKey();
  const baseUrl = `http://127.0.0.1:${port}`;
  const proc = await startProcess(binary, ['server'], { BASE_URL: baseUrl, ENCRYPTION_KEY: key.b64, PORT: String(port), HOST: '127.0.0.1' }, port);
  const token = await joseToken({ baseUrl, mcpUrl: `${baseUrl}/mcp`, key });
  return { ...proc, port, token };
}

async function startNode(script, env) {
  const port = await freePort();
  const proc = await startProcess(process.execPath, [path.join(HERE, script)], { ...env, PORT: String(port) }, port);
  return { ...proc, port, token: env.TOKEN || 'none' };
}

async function sample(port, token) {
  const r = await fetch(`http://127.0.0.1:${port}/mcp`, { method: 'POST', headers: HEADERS(token), body: REQUEST });
  const text = await r.text();
  if (r.status !== 200) throw new Error(`tools/list answered ${r.status}: ${text}`);
  return text;
}

/** Starts health_probe.mjs against `port`; stop() resolves with its { latencies, failures }. */
function healthProbe(port) {
  const probe = spawn(process.execPath, [path.join(HERE, 'health_probe.mjs')],
    { env: { PATH: process.env.PATH, PORT: String(port), INTERVAL_MS: '100' }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  probe.stdout.on('data', (d) => { out += d; });
  return {
    async stop() {
      const done = new Promise((r) => probe.on('exit', r));
      probe.kill('SIGTERM');
      await done;
      return JSON.parse(out);
    },
  };
}

const healthColumns = (health) => ({
  healthP50: pct(health.latencies, 0.5), healthP99: pct(health.latencies, 0.99), healthMax: Math.max(...health.latencies),
  healthN: health.latencies.length, healthFailures: health.failures,
});

/**
 * Issue 20, item 16: SLOW_CLIENTS connections each send one byte of a request head per second for
 * SLOW_SECONDS (one that the server closes is replaced at once, as an attacker would), while /health
 * is probed; returns the /health figures and how long the server let a trickling connection live.
 */
async function slowClients(label, server) {
  const head = `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'a'.repeat(4000)}\r\n\r\n`;
  const lifetimes = [];
  let stopping = false, opened = 0;
  const open = () => {
    if (stopping) return;
    opened++;
    const t0 = Date.now();
    let i = 0;
    const sock = net.connect(server.port, '127.0.0.1');
    const timer = setInterval(() => { if (i < head.length) sock.write(head[i++]); }, 1000);
    sock.on('error', () => {});
    sock.on('close', () => { clearInterval(timer); if (!stopping) { lifetimes.push(Date.now() - t0); open(); } });
    sock.resume();
    open.sockets.add(sock);
  };
  open.sockets = new Set();
  for (let i = 0; i < SLOW_CLIENTS; i++) open();
  await sleep(500);
  const probe = healthProbe(server.port);
  await sleep(SLOW_SECONDS * 1000);
  const health = await probe.stop();
  stopping = true;
  for (const sock of open.sockets) sock.destroy();
  return { label, ...healthColumns(health), opened, cut: lifetimes.length, lifetimeP50: pct(lifetimes, 0.5) };
}

/** Runs the load against a started server; returns the row. */
async function measure(label, server) {
  const expected = await sample(server.port, server.token);
  const probe = healthProbe(server.port);
  let peak = memory(server.child.pid);
  const cpu0 = cpuMs(server.child.pid);
  const sampler = setInterval(() => { const m = memory(server.child.pid); if (m.rss > peak.rss) peak = m; }, 250);
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}/mcp`, method: 'POST', headers: HEADERS(server.token), body: REQUEST,
    connections: CONNECTIONS, duration: DURATION, timeout: 10, expectBody: expected,
  });
  clearInterval(sampler);
  const cpu = cpuMs(server.child.pid) - cpu0;
  const health = await probe.stop();
  return {
    label, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total,
    errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, mismatches: result.mismatches,
    ...healthColumns(health), rssMiB: peak.rss / 1024, threads: peak.threads,
    cpuPerRequest: cpu / result.requests.total, cpuShare: cpu / (DURATION * 1000),
  };
}

const rows = [], slowRows = [];
async function run(label, start) {
  let server = await start();
  try { rows.push(await measure(label, server)); } finally { await server.stop(); }
  await sleep(2000);  // let TIME_WAIT sockets and the CPU settle between servers
  if (!SLOW_SECONDS) return;
  server = await start();
  try { slowRows.push(await slowClients(label, server)); } finally { await server.stop(); }
  await sleep(2000);
}

console.log(`scripts/bench-load: ${CONNECTIONS} kept-alive connections, authorized tools/list for ${DURATION} s per server, /health probed every 100 ms`);
console.log(`then ${SLOW_CLIENTS} connections sending one head byte per second for ${SLOW_SECONDS} s (replaced when closed), /health probed every 100 ms`);
const self = await startMailMcp(BINARY);
const tools = JSON.parse(await sample(self.port, self.token)).result.tools;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-load-data-'));
fs.writeFileSync(path.join(scratch, 'tools.json'), JSON.stringify(tools));
fs.writeFileSync(path.join(scratch, 'body.json'), await sample(self.port, self.token));
await self.stop();

await run('mail_mcp (this tree)', () => startMailMcp(BINARY));
if (process.env.BASELINE_BINARY) await run(`mail_mcp (${path.basename(process.env.BASELINE_BINARY)})`, () => startMailMcp(process.env.BASELINE_BINARY));
if (!process.env.ONLY_MAIL_MCP) await run('TypeScript SDK 1.32.2 (stateless)', () => startNode('sdk_server.mjs', { TOKEN: 'bench-token', TOOLS_FILE: path.join(scratch, 'tools.json') }));
if (!process.env.ONLY_MAIL_MCP) await run('floor: node:http, fixed bytes', () => startNode('floor_server.mjs', { BODY_FILE: path.join(scratch, 'body.json') }));
fs.rmSync(scratch, { recursive: true, force: true });

const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');
const base = rows[0];
console.log('\n| server | req/s | p50 ms | p99 ms | requests | errors (all kinds) | of which timeouts | non-2xx | wrong body | /health p50 | /health p99 | /health max | /health fails | peak RSS MiB | threads | server CPU ms/request | server CPU cores | req/s vs this tree | p50 vs this tree |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.label} | ${f(r.rps, 0)} | ${r.p50} | ${r.p99} | ${r.total} | ${r.errors} | ${r.timeouts} | ${r.non2xx} | ${r.mismatches} | ${f(r.healthP50)} | ${f(r.healthP99)} | ${f(r.healthMax)} | ${r.healthFailures}/${r.healthN + r.healthFailures} | ${f(r.rssMiB)} | ${r.threads} | ${f(r.cpuPerRequest, 3)} | ${f(r.cpuShare, 2)} | ${f(r.rps / base.rps, 2)}x | ${f(r.p50 / base.p50, 2)}x |`);
}
if (slowRows.length) {
  console.log(`\n${SLOW_CLIENTS} slow-header clients for ${SLOW_SECONDS} s:`);
  console.log('| server | /health p50 ms | /health p99 ms | /health max ms | /health fails | slow connections opened | closed by the server | median life of a slow connection s | /health p99 vs this tree |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  const b = slowRows[0];
  for (const r of slowRows) {
    console.log(`| ${r.label} | ${f(r.healthP50)} | ${f(r.healthP99)} | ${f(r.healthMax)} | ${r.healthFailures}/${r.healthN + r.healthFailures} | ${r.opened} | ${r.cut} | ${f(r.lifetimeP50 / 1000)} | ${f(r.healthP99 / b.healthP99, 2)}x |`);
  }
}
const ok = base.errors === 0 && base.timeouts === 0 && base.non2xx === 0 && base.mismatches === 0 && base.healthFailures === 0 && base.healthP99 < 100 && base.rssMiB <= 32;
console.log(`\nthis tree against issue 20.13's targets (0 errors/timeouts, /health p99 < 100 ms, RSS <= 32 MiB): ${ok ? 'met' : 'NOT met'}`);
