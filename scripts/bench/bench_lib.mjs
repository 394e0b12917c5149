// What the benchmark drivers in scripts/bench share: timing and percentiles, child processes that
// print "ready PORT", the delay proxy calibrated to a round-trip time, one kept-alive HTTP
// connection to mail_mcp's /mcp, and an npm MCP mail server run over stdio as its users run it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CA_PATH, PASSWORD, SMTP, USER } from '../../tests/integration/lib/peers.mjs';
import { RawImap } from './raw_imap.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const CA = fs.readFileSync(CA_PATH);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
export const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
export const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
export async function timed(fn) { const t = process.hrtime.bigint(); const r = await fn(); return [Number(process.hrtime.bigint() - t) / 1e6, r]; }
export const log = (...a) => console.error('[bench]', ...a);

/** A child process (a script in scripts/bench) that prints "ready PORT" on stdout once it listens. */
export function startChild(script, args) {
  const child = spawn(process.execPath, [path.join(HERE, script), ...args.map(String)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      const m = String(d).match(/ready (\d+)/);
      if (m) resolve({ port: Number(m[1]), stop: () => child.kill() });
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

/** NOOP on a kept connection through `port`, p50 of 20. */
async function noopMs(port) {
  const probe = await RawImap.connect({ host: '127.0.0.1', port, ca: CA, user: USER, password: PASSWORD });
  const noops = [];
  for (let i = 0; i < 20; i++) noops.push((await timed(() => probe.command('NOOP')))[0]);
  probe.close();
  return pct(noops, 0.5);
}

/** The delay proxy in front of IMAP port `target`, its hold time calibrated so that NOOP on a kept
 *  connection takes rttMs + the loopback NOOP (timers fire late by a millisecond or two per hop, more
 *  on a busy machine). Returns { port, stop, noop }. */
export async function startCalibratedProxy(target, rttMs) {
  const floor = await noopMs(target);
  let oneWay = rttMs / 2;
  for (let attempt = 0; ; attempt++) {
    const proxy = await startChild('delay_proxy.mjs', [0, target, oneWay]);
    const noop = await noopMs(proxy.port);
    const excess = noop - floor - rttMs;
    if (Math.abs(excess) <= 1.5 || attempt === 3) {
      log(`delay proxy: holds ${oneWay.toFixed(1)} ms each way; NOOP on a kept connection ${ms(noop)} ms (loopback ${ms(floor)} ms)`);
      return { ...proxy, noop };
    }
    proxy.stop();
    oneWay = Math.max(1, oneWay - excess / 2);
  }
}

/** POSTs a JSON-RPC body to mail_mcp's /mcp over one kept-alive connection per server (node:http
 *  with a keep-alive agent: Node's fetch adds a millisecond of its own per call). */
const agents = new Map();
export function mcpPost(server, token, body) {
  if (!agents.has(server)) agents.set(server, new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(server.mcpUrl, { method: 'POST', agent: agents.get(server), headers: { 'content-type': 'application/json',
      accept: 'application/json', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(data) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => { try { resolve(JSON.parse(text)); } catch (e) { reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`)); } });
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** An npm MCP server (`bin` under scripts/bench) over stdio with `env` (plus PATH and the test CA),
 *  one process kept running as its users run it; `env` gets a private HOME folder for its state.
 *  Returns { client, stop }. */
export async function startStdioPeer(name, bin, env) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${name}-`));
  const transport = new StdioClientTransport({
    command: process.execPath, args: [path.join(HERE, bin)], stderr: 'ignore',
    env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: CA_PATH, ...env(home) },
  });
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(transport);
  return { client, async stop() { await client.close(); fs.rmSync(home, { recursive: true, force: true }); } };
}

/** @codefuturist/email-mcp (the widest npm peer) for account `acct` with its IMAP at `imapPort`:
 *  what startStdioPeer takes. */
export const EMAIL_MCP_BIN = 'node_modules/@codefuturist/email-mcp/dist/main.js';
export function emailMcpEnv(acct, imapPort, home) {
  return { MCP_EMAIL_ADDRESS: acct.user, MCP_EMAIL_PASSWORD: acct.password, MCP_EMAIL_IMAP_HOST: '127.0.0.1',
    MCP_EMAIL_IMAP_PORT: String(imapPort), MCP_EMAIL_IMAP_TLS: 'true', MCP_EMAIL_SMTP_HOST: '127.0.0.1',
    MCP_EMAIL_SMTP_PORT: String(SMTP.tlsPort), MCP_EMAIL_SMTP_TLS: 'true',
    XDG_CONFIG_HOME: home, XDG_DATA_HOME: home, XDG_STATE_HOME: home, HOME: home };
}
