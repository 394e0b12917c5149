// Driver for scripts/bench-imap-pool (issue 13): what pooled IMAP sessions and the HTTP fixes buy,
// against the physical floor and the npm peers, in one run on the same Dovecot.
//
// 1. Calls: list (newest 50), get (newest message), search FROM (2% of the folder), search SUBJECT
//    (1 hit), on INBOXes of 1,000 and 100,000 messages, directly and through a proxy that adds 40 ms
//    of round-trip time. Per call, interleaved in every round: the raw IMAP floor cold (TCP, TLS,
//    LOGIN, EXAMINE, the call's commands) and warm (a kept connection with INBOX still selected:
//    NOOP, then the call's commands, one after another); mail_mcp's first call (a server without
//    pooling: every call connects) and repeat calls (pooled), over one kept-alive HTTP connection
//    (node:http with a keep-alive agent: Node's fetch adds a millisecond of its own per call);
//    @codefuturist/email-mcp and mcp-mail-server over stdio (one process each, kept running, as
//    their users run them). "MCP ping" is an authorized ping on that HTTP connection: what any
//    call costs before it reaches IMAP (HTTP, token, JSON-RPC).
// 2. HTTP: authorized tools/list at 64 kept-alive connections (autocannon), mail_mcp against a
//    minimal official-SDK server returning the same result object; kept-alive against
//    fresh-connection latency.
// 3. Memory: idle RSS with an empty pool; VmRSS with 256 pooled sessions (256 accounts), with the
//    test CA and with the system CA bundle, against the same calls with pooling off.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startServer } from '../../tests/integration/lib/server.mjs';
import { joseToken } from '../../tests/integration/lib/tokens.mjs';
import { IMAP, OTHER_PASSWORD, OTHER_USER, PASSWORD, PEERS_DIR, SMTP, USER } from '../../tests/integration/lib/peers.mjs';
import { RawImap, existsIn, esearchUids } from './raw_imap.mjs';
import { CA, EMAIL_MCP_BIN, emailMcpEnv, log, mcpPost, ms, pct, ratio, sleep, startCalibratedProxy, startChild, startStdioPeer, timed } from './bench_lib.mjs';

const ROUNDS = Number(process.argv[2] || 30);
const WARMUP = 3;
const RTT_MS = 40;
const ONLY = process.env.BENCH_ONLY || 'calls,http,memory'; // a subset while developing

// ---------------------------------------------------------------------------------------------
// The calls. `ctx` is what a size's mailbox holds: n messages, the newest uid, a sender, a subject.

const CALLS = ['list 50', 'get newest', 'search FROM', 'search SUBJECT'];
const SUMMARY = '(UID FLAGS ENVELOPE RFC822.SIZE INTERNALDATE BODYSTRUCTURE)';

/** The floor's commands for one call, given a connection with INBOX selected (`exists` known). */
async function floorCall(imap, call, ctx, exists) {
  switch (call) {
    case 'list 50': return imap.command(`FETCH ${Math.max(1, exists - 49)}:${exists} ${SUMMARY}`);
    case 'get newest': return imap.command(`UID FETCH ${ctx.newest} (UID FLAGS ENVELOPE RFC822.SIZE INTERNALDATE BODYSTRUCTURE BODY.PEEK[TEXT])`);
    default: {
      const key = call === 'search FROM' ? `FROM "${ctx.from}"` : `SUBJECT "${ctx.subject}"`;
      const uids = esearchUids(await imap.command(`UID SEARCH RETURN (ALL COUNT) ${key}`)).slice(0, 20);
      return imap.command(`UID FETCH ${uids.join(',')} ${SUMMARY}`);
    }
  }
}

function oursArgs(call, ctx) {
  switch (call) {
    case 'list 50': return ['list_mail_messages', { folder: 'INBOX', per_page: 50 }];
    case 'get newest': return ['get_mail_message', { folder: 'INBOX', uid: ctx.newest }];
    case 'search FROM': return ['search_mail_messages', { folder: 'INBOX', from: ctx.from }];
    default: return ['search_mail_messages', { folder: 'INBOX', subject: ctx.subject }];
  }
}
function checkOurs(call, ctx, r) {
  const ok = call === 'list 50' ? r.messages.length === 50 && r.total === ctx.n
    : call === 'get newest' ? r.subject.endsWith(`Test message ${ctx.n - 1}`)
      : call === 'search FROM' ? r.count === ctx.n / 50 : r.count === 1;
  if (!ok) throw new Error(`mail_mcp ${call}: unexpected ${JSON.stringify(r).slice(0, 300)}`);
}

const PEERS = {
  'email-mcp': {
    bin: EMAIL_MCP_BIN,
    env: emailMcpEnv,
    args: (call, ctx) => {
      switch (call) {
        case 'list 50': return ['list_emails', { account: 'default', mailbox: 'INBOX', pageSize: 50 }];
        case 'get newest': return ['get_email', { account: 'default', mailbox: 'INBOX', emailId: String(ctx.newest) }];
        case 'search FROM': return ['list_emails', { account: 'default', mailbox: 'INBOX', from: ctx.from, pageSize: 20 }];
        default: return ['list_emails', { account: 'default', mailbox: 'INBOX', subject: ctx.subject, pageSize: 20 }];
      }
    },
  },
  'mcp-mail-server': {
    bin: 'node_modules/mcp-mail-server/dist/index.js',
    env: (acct, port) => ({ IMAP_HOST: '127.0.0.1', IMAP_PORT: String(port), IMAP_SECURE: 'true', SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(SMTP.tlsPort), SMTP_SECURE: 'true', EMAIL_USER: acct.user, EMAIL_PASS: acct.password }),
    args: (call, ctx) => {
      switch (call) {
        case 'list 50': return ['get_recent_messages', { limit: 50 }];
        case 'get newest': return ['get_message', { uid: ctx.newest }];
        case 'search FROM': return ['search_by_sender', { sender: ctx.from, inboxOnly: true }];
        default: return ['search_by_subject', { subject: ctx.subject, inboxOnly: true }];
      }
    },
  },
};

async function startPeer(name, acct, port) {
  const { client, stop } = await startStdioPeer(name, PEERS[name].bin, (home) => PEERS[name].env(acct, port, home));
  return {
    async call(call, ctx) {
      const [tool, args] = PEERS[name].args(call, ctx);
      const r = await client.callTool({ name: tool, arguments: args }, undefined, { timeout: 600000 });
      if (r.isError) throw new Error(`${name} ${call}: ${r.content?.[0]?.text}`);
      const text = r.content.map((c) => c.text).join('');
      if (call === 'get newest' || call === 'search SUBJECT') {
        if (!text.includes(`Test message ${ctx.n - 1}`)) throw new Error(`${name} ${call}: result lacks the message: ${text.slice(0, 300)}`);
      }
      return text;
    },
    stop,
  };
}

async function callOurs(server, token, call, ctx) {
  const [name, args] = oursArgs(call, ctx);
  const j = await mcpPost(server, token, { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } });
  if (j.result?.isError) throw new Error(`mail_mcp ${call}: ${j.result.content[0].text}`);
  checkOurs(call, ctx, j.result.structuredContent);
}

// ---------------------------------------------------------------------------------------------
// 1. Calls

const SYSTEMS = ['floor cold', 'floor warm', 'ours first', 'ours repeat', 'email-mcp', 'mcp-mail-server'];
const PING = 'MCP ping';

async function measureCalls(sizes, servers) {
  const proxy = await startCalibratedProxy(IMAP.tlsPort, RTT_MS);
  const tables = [];
  try {
    for (const rtt of [0, RTT_MS]) {
      const port = rtt ? proxy.port : IMAP.tlsPort;
      for (const size of sizes) tables.push(await measureSize(size, rtt, port, servers));
    }
    return { tables, proxyNoop: proxy.noop };
  } finally {
    proxy.stop();
  }
}

async function measureSize(size, rtt, port, servers) {
  const { acct, ctx } = size;
  log(`calls: ${size.label}, +${rtt} ms RTT`);
  const warm = await RawImap.connect({ host: '127.0.0.1', port, ca: CA, user: acct.user, password: acct.password });
  let exists = existsIn(await warm.command('EXAMINE INBOX'), ctx.n);
  const claims = { imap_username: acct.user, imap_password: acct.password, imap_port: port };
  const pooledToken = await joseToken(servers.pooled, claims);
  const firstToken = await joseToken(servers.unpooled, claims);
  const peers = {};
  for (const name of Object.keys(PEERS)) peers[name] = await startPeer(name, acct, port);
  const run = {
    'floor cold': async (call) => {
      const c = await RawImap.connect({ host: '127.0.0.1', port, ca: CA, user: acct.user, password: acct.password });
      const n = existsIn(await c.command('EXAMINE INBOX'), ctx.n);
      await floorCall(c, call, ctx, n);
      c.close();
    },
    'floor warm': async (call) => {
      exists = existsIn(await warm.command('NOOP'), exists);
      await floorCall(warm, call, ctx, exists);
    },
    'ours first': (call) => callOurs(servers.unpooled, firstToken, call, ctx),
    'ours repeat': (call) => callOurs(servers.pooled, pooledToken, call, ctx),
    'email-mcp': (call) => peers['email-mcp'].call(call, ctx),
    'mcp-mail-server': (call) => peers['mcp-mail-server'].call(call, ctx),
  };
  const samples = {};
  const ping = () => mcpPost(servers.pooled, pooledToken, { jsonrpc: '2.0', id: 1, method: 'ping' });
  try {
    for (let round = -WARMUP; round < ROUNDS; round++) {
      const [t] = await timed(ping);
      if (round >= 0) (samples[PING] ||= []).push(t);
      for (const call of CALLS) {
        for (const system of SYSTEMS) {
          const [t] = await timed(() => run[system](call));
          if (round >= 0) (samples[`${call}|${system}`] ||= []).push(t);
        }
      }
    }
  } finally {
    warm.close();
    for (const p of Object.values(peers)) await p.stop();
  }
  return { label: `${size.label}, ${rtt ? `+${rtt} ms RTT` : 'loopback'}`, rtt, samples };
}

function printCallTables(result) {
  const lines = [];
  const verdicts = [];
  for (const { label, rtt, samples } of result.tables) {
    const ping = pct(samples[PING], 0.5);
    lines.push('', `### ${label} — p50 ms (p95), ${ROUNDS} rounds; MCP ping ${ms(ping)} ms`, '',
      `| call | ${SYSTEMS.join(' | ')} | repeat / warm floor | repeat / (warm floor + ping) | best peer / repeat | first / repeat |`,
      `|---|${SYSTEMS.map(() => '---').join('|')}|---|---|---|---|`);
    for (const call of CALLS) {
      const p = (s) => pct(samples[`${call}|${s}`], 0.5);
      const cells = SYSTEMS.map((s) => `${ms(p(s))} (${ms(pct(samples[`${call}|${s}`], 0.95))})`);
      const best = Math.min(p('email-mcp'), p('mcp-mail-server'));
      const bestName = p('email-mcp') <= p('mcp-mail-server') ? 'email-mcp' : 'mcp-mail-server';
      lines.push(`| ${call} | ${cells.join(' | ')} | ${ratio(p('ours repeat'), p('floor warm'))} | ${ratio(p('ours repeat'), p('floor warm') + ping)} | ${ratio(best, p('ours repeat'))} (${bestName}) | ${ratio(p('ours first'), p('ours repeat'))} |`);
      if (!rtt) verdicts.push(`${label}, ${call}: repeat ${ms(p('ours repeat'))} ms = ${ratio(p('ours repeat'), p('floor warm'))} the warm floor (target ≤ 1.2×) ${p('ours repeat') <= 1.2 * p('floor warm') ? 'MET' : 'NOT MET'}`);
      verdicts.push(`${label}, ${call}: repeat ${ms(p('ours repeat'))} ms vs best peer ${ms(best)} ms (${bestName}) ${p('ours repeat') < best ? 'MET (faster)' : 'NOT MET'}`);
    }
  }
  console.log(`\n## Calls (delay proxy check: NOOP on a kept connection ${ms(result.proxyNoop)} ms for ${RTT_MS} ms RTT)`);
  console.log(lines.join('\n'));
  console.log('\nTargets:');
  for (const v of verdicts) console.log(`- ${v}`);
}

// ---------------------------------------------------------------------------------------------
// 2. HTTP

async function latencies(url, { method = 'GET', headers = {}, body, keepAlive, n = 300 }) {
  const agent = keepAlive ? new http.Agent({ keepAlive: true, maxSockets: 1 }) : false;
  const one = () => new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: { ...headers, ...(body && { 'content-length': Buffer.byteLength(body) }) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${url}: HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
  for (let i = 0; i < 20; i++) await one();
  const xs = [];
  for (let i = 0; i < n; i++) xs.push((await timed(one))[0]);
  if (agent) agent.destroy();
  return xs;
}

function cannon(url, headers, body) {
  return new Promise((resolve, reject) => {
    autocannon({ url, method: 'POST', headers, body, connections: 64, duration: 10, pipelining: 1 }, (err, r) => {
      if (err) reject(err);
      else resolve(r);
    });
  });
}

async function measureHttp(servers) {
  const server = servers.pooled;
  const token = await joseToken(server);
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
  const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${token}`,
    'mcp-protocol-version': '2025-11-25' };
  const ours = await mcpPost(server, token, JSON.parse(body));
  const resultFile = path.join(os.tmpdir(), `bench-tools-${process.pid}.json`);
  fs.writeFileSync(resultFile, JSON.stringify(ours.result));
  const sdk = await startChild('sdk_tools_server.mjs', [0, resultFile, token]);
  const sdkUrl = `http://127.0.0.1:${sdk.port}/mcp`;
  try {
    const sdkReply = await (await fetch(sdkUrl, { method: 'POST', headers, body })).json();
    const same = JSON.stringify(sdkReply.result) === JSON.stringify(ours.result);
    log(`http: the SDK server's tools/list result ${same ? 'equals' : 'DIFFERS from'} ours (${JSON.stringify(ours.result).length} bytes)`);
    // Each load twice, alternating, so that neither gets the quieter moment.
    const load = { ours: [], sdk: [] };
    for (let i = 0; i < 2; i++) {
      log(`http: tools/list at 64 connections, round ${i + 1}`);
      load.ours.push(await cannon(server.mcpUrl, headers, body));
      load.sdk.push(await cannon(sdkUrl, headers, body));
    }
    const rps = (rs) => Math.max(...rs.map((r) => r.requests.average));
    const errors = (rs) => rs.reduce((a, r) => a + r.errors + r.non2xx, 0);
    const lat = {};
    for (const [label, url, opts] of [
      ['tools/list', server.mcpUrl, { method: 'POST', headers, body }],
      ['GET /health', `${server.baseUrl}/health`, {}],
      ['tools/list (SDK server)', sdkUrl, { method: 'POST', headers, body }],
    ]) {
      lat[label] = { kept: await latencies(url, { ...opts, keepAlive: true }), fresh: await latencies(url, { ...opts, keepAlive: false }) };
    }
    return { oursRps: rps(load.ours), sdkRps: rps(load.sdk), oursErrors: errors(load.ours), sdkErrors: errors(load.sdk),
      oursP50: load.ours.at(-1).latency.p50, sdkP50: load.sdk.at(-1).latency.p50, lat, bytes: JSON.stringify(ours.result).length, same };
  } finally {
    sdk.stop();
    fs.rmSync(resultFile, { force: true });
  }
}

function printHttp(h) {
  console.log('\n## HTTP\n');
  console.log(`tools/list result: ${h.bytes} bytes, ${h.same ? 'the same' : 'NOT the same'} from both servers`);
  console.log('\n| authorized tools/list, 64 kept-alive connections (autocannon, 10 s, best of 2) | req/s | p50 latency ms | errors |');
  console.log('|---|---|---|---|');
  console.log(`| mail_mcp | ${h.oursRps.toFixed(0)} | ${h.oursP50} | ${h.oursErrors} |`);
  console.log(`| official TypeScript SDK server | ${h.sdkRps.toFixed(0)} | ${h.sdkP50} | ${h.sdkErrors} |`);
  console.log(`| mail_mcp / SDK | ${ratio(h.oursRps, h.sdkRps)} (target ≥ 3×: ${h.oursRps >= 3 * h.sdkRps ? 'MET' : 'NOT MET'}) | | |`);
  console.log('\n| one client, sequential requests | kept-alive p50 (p95) ms | fresh connection p50 (p95) ms | kept / fresh |');
  console.log('|---|---|---|---|');
  for (const [label, { kept, fresh }] of Object.entries(h.lat)) {
    console.log(`| ${label} | ${ms(pct(kept, 0.5))} (${ms(pct(kept, 0.95))}) | ${ms(pct(fresh, 0.5))} (${ms(pct(fresh, 0.95))}) | ${ratio(pct(kept, 0.5), pct(fresh, 0.5))} |`);
  }
  const t = h.lat['tools/list'];
  console.log(`\nTarget: kept-alive p50 ≤ fresh-connection p50 (no stall): ${pct(t.kept, 0.5) <= pct(t.fresh, 0.5) ? 'MET' : 'NOT MET'}`);
}

// ---------------------------------------------------------------------------------------------
// 3. Memory

const rssKb = (pid) => Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)[1]);

/** `count` accounts in Dovecot's passwd-file ({PLAIN} passwords: this state is the benchmark's). */
function addPoolUsers(count) {
  const file = path.join(PEERS_DIR, 'dovecot', 'etc', 'users');
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const [, , uid, gid] = lines[0].split(':');
  const users = [];
  for (let i = 0; i < count; i++) {
    const user = `pool${i}@example.test`;
    users.push({ user, password: `pw${i}` });
    lines.push(`${user}:{PLAIN}pw${i}:${uid}:${gid}::${path.join(PEERS_DIR, 'dovecot', 'mail', user)}::`);
  }
  fs.writeFileSync(file, [...new Set(lines)].join('\n') + '\n');
  return users;
}

async function fillPool(server, users) {
  const tokens = await Promise.all(users.map((u) => joseToken(server, { imap_username: u.user, imap_password: u.password })));
  for (let i = 0; i < tokens.length; i += 64) {
    await Promise.all(tokens.slice(i, i + 64).map(async (t) => {
      const j = await mcpPost(server, t, { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_mailboxes', arguments: {} } });
      if (j.result?.isError) throw new Error(`list_mailboxes: ${j.result.content[0].text}`);
    }));
  }
}

async function measureMemory() {
  const users = addPoolUsers(256);
  // The system bundle plus the test CA: what a production server parses per TLS connection.
  const bundle = path.join(os.tmpdir(), `bench-ca-bundle-${process.pid}.pem`);
  fs.writeFileSync(bundle, fs.readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8') + fs.readFileSync(CA_PATH, 'utf8'));
  const rows = [];
  try {
    for (const [caLabel, caFile] of [['test CA (1 certificate)', CA_PATH], [`system bundle (${(fs.readFileSync(bundle, 'utf8').match(/BEGIN CERTIFICATE/g) || []).length} certificates)`, bundle]]) {
      const row = { caLabel };
      for (const pooled of [true, false]) {
        const server = await startServer({ env: { SSL_CERT_FILE: caFile, ...(pooled ? {} : { IMAP_POOL_MAX_IDLE: '0' }) } });
        try {
          await sleep(2000);
          const idle = rssKb(server.child.pid);
          await fillPool(server, users);
          await sleep(pooled ? 1000 : 3000); // unpooled: the background LOGOUTs finish
          row[pooled ? 'pooled' : 'unpooled'] = { idle, after: rssKb(server.child.pid) };
        } finally {
          await server.stop();
        }
      }
      rows.push(row);
    }
  } finally {
    fs.rmSync(bundle, { force: true });
  }
  return rows;
}

function printMemory(rows) {
  console.log('\n## Memory (VmRSS)\n');
  console.log('| CA file | idle, empty pool | after 256 accounts, pooling off | with 256 pooled sessions | per pooled session |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) {
    const per = (r.pooled.after - r.unpooled.after) / 256;
    console.log(`| ${r.caLabel} | ${(r.pooled.idle / 1024).toFixed(1)} MiB | ${(r.unpooled.after / 1024).toFixed(1)} MiB | ${(r.pooled.after / 1024).toFixed(1)} MiB | ${per.toFixed(0)} KiB |`);
  }
  const idle = rows[0].pooled.idle / 1024;
  console.log(`\nTargets: idle RSS ≤ 5 MiB with an empty pool: ${idle.toFixed(1)} MiB ${idle <= 5 ? 'MET' : 'NOT MET'}; ` +
    rows.map((r) => `~100 KiB per pooled session (${r.caLabel}): ${((r.pooled.after - r.unpooled.after) / 256).toFixed(0)} KiB ${(r.pooled.after - r.unpooled.after) / 256 <= 110 ? 'MET' : 'NOT MET'}`).join('; '));
}

// ---------------------------------------------------------------------------------------------

const servers = { pooled: await startServer(), unpooled: await startServer({ env: { IMAP_POOL_MAX_IDLE: '0' } }) };
try {
  const sizes = [1000, 100000].map((n) => ({
    label: `${n.toLocaleString('en')} messages`,
    acct: n === 1000 ? { user: OTHER_USER, password: OTHER_PASSWORD } : { user: USER, password: PASSWORD },
    ctx: { n, newest: n, from: 'sender7@example0.test', subject: `Test message ${n - 1}` },
  }));
  console.log(`# scripts/bench-imap-pool — ${new Date().toISOString()}, ${os.cpus().length} CPUs, ${ROUNDS} rounds after ${WARMUP} warm-up`);
  if (ONLY.includes('calls')) printCallTables(await measureCalls(sizes, servers));
  if (ONLY.includes('http')) printHttp(await measureHttp(servers));
} finally {
  await servers.pooled.stop();
  await servers.unpooled.stop();
}
if (ONLY.includes('memory')) printMemory(await measureMemory());
