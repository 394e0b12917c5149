// Driver for scripts/bench-bulk (issue 17): what bulk `uids` buy for triage, against the physical
// floor and the widest npm peer, in one run on the same Dovecot.
//
// Two jobs on the 500 oldest of a 1,000-message INBOX: move them to Archive, and flag them. Per job,
// interleaved in every round, on loopback and through a proxy that adds 40 ms of round-trip time:
// - floor: a kept raw IMAP connection with INBOX selected: NOOP, then one `UID MOVE` (or `UID STORE`)
//   of the set, as compact as the UIDs allow;
// - mail_mcp bulk: one tools/call with `uids` (500), pooled session, one kept-alive HTTP connection;
// - mail_mcp one by one: 500 tools/calls with `uid`, what the job took before issue 17;
// - @codefuturist/email-mcp: `bulk_action` over stdio, 5 calls of 100 (its maximum per call).
// Between systems a control connection (loopback) puts the folder back (Archive emptied into INBOX,
// or \Flagged cleared) and checks each system did exactly the job (INBOX 500 and Archive 500, or 500
// flagged).
import { IMAP, OTHER_PASSWORD, OTHER_USER } from '../../tests/integration/lib/peers.mjs';
import { startServer } from '../../tests/integration/lib/server.mjs';
import { joseToken } from '../../tests/integration/lib/tokens.mjs';
import { CA, EMAIL_MCP_BIN, emailMcpEnv, log, mcpPost, ms, pct, ratio, startCalibratedProxy, startStdioPeer, timed } from './bench_lib.mjs';
import { RawImap, existsIn } from './raw_imap.mjs';

const ROUNDS = Number(process.argv[2] || 3);
const WARMUP = 1;
const RTT_MS = 40;
const JOB_SIZE = 500;
const PEER_BATCH = 100;
const ACCT = { user: OTHER_USER, password: OTHER_PASSWORD };
const SYSTEMS = ['floor', 'mail_mcp bulk', 'mail_mcp one by one', 'email-mcp bulk_action'];
const JOBS = ['move 500 to Archive', 'flag 500'];

/** "1:5,7" from ascending uids. */
function compactSet(uids) {
  const out = [];
  for (let i = 0; i < uids.length; ) {
    let j = i;
    while (j + 1 < uids.length && uids[j + 1] === uids[j] + 1) j++;
    out.push(i === j ? `${uids[i]}` : `${uids[i]}:${uids[j]}`);
    i = j + 1;
  }
  return out.join(',');
}

const searchUids = (response) => (response.match(/^\* SEARCH([\d ]*)\r$/m)?.[1] || '').trim().split(/ +/).filter(Boolean).map(Number);

/** The control connection: puts INBOX back to 1,000 messages, none \Flagged, and checks results. */
class Control {
  static async open() {
    const c = new Control();
    c.imap = await RawImap.connect({ host: '127.0.0.1', port: IMAP.tlsPort, ca: CA, ...ACCT });
    await c.imap.command('CREATE Archive').catch(() => {});
    return c;
  }

  /** Restores the folder and returns the JOB_SIZE oldest uids of INBOX. */
  async reset() {
    if (existsIn(await this.imap.command('SELECT Archive'), 0)) await this.imap.command('UID MOVE 1:* INBOX');
    await this.imap.command('SELECT INBOX');
    await this.imap.command('UID STORE 1:* -FLAGS.SILENT (\\Flagged)');
    const uids = searchUids(await this.imap.command('UID SEARCH ALL'));
    if (uids.length !== 2 * JOB_SIZE) throw new Error(`INBOX holds ${uids.length} messages, not ${2 * JOB_SIZE}`);
    return uids.slice(0, JOB_SIZE);
  }

  async check(job, system) {
    if (job.startsWith('move')) {
      // SELECT, not STATUS: STATUS of the selected folder may not see the other session's expunges yet.
      const archive = existsIn(await this.imap.command('SELECT Archive'), -1);
      const inbox = existsIn(await this.imap.command('SELECT INBOX'), -1);
      if (inbox !== JOB_SIZE || archive !== JOB_SIZE) throw new Error(`${system} ${job}: INBOX ${inbox}, Archive ${archive}`);
    } else {
      await this.imap.command('SELECT INBOX');
      const flagged = searchUids(await this.imap.command('UID SEARCH FLAGGED')).length;
      if (flagged !== JOB_SIZE) throw new Error(`${system} ${job}: ${flagged} flagged`);
    }
  }
}

async function oursCall(server, token, name, args) {
  const j = await mcpPost(server, token, { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } });
  if (j.result?.isError || j.error) throw new Error(`mail_mcp ${name}: ${JSON.stringify(j).slice(0, 300)}`);
  return j.result.structuredContent;
}

function oursArgs(job, uids) {
  return job.startsWith('move')
    ? ['move_mail_message', { folder: 'INBOX', destination: 'Archive', ...uids }]
    : ['update_mail_message_flags', { folder: 'INBOX', add: ['\\Flagged'], ...uids }];
}

async function measure(port, rtt, server) {
  log(`bulk: ${rtt ? `+${rtt} ms RTT` : 'loopback'}`);
  const control = await Control.open();
  const floor = await RawImap.connect({ host: '127.0.0.1', port, ca: CA, ...ACCT });
  await floor.command('SELECT INBOX');
  const token = await joseToken(server, { imap_username: ACCT.user, imap_password: ACCT.password, imap_port: port });
  const peer = await startStdioPeer('email-mcp', EMAIL_MCP_BIN, (home) => emailMcpEnv(ACCT, port, home));
  const run = {
    floor: async (job, uids) => {
      await floor.command('NOOP');
      await floor.command(job.startsWith('move') ? `UID MOVE ${compactSet(uids)} Archive` : `UID STORE ${compactSet(uids)} +FLAGS.SILENT (\\Flagged)`);
    },
    'mail_mcp bulk': async (job, uids) => {
      const [name, args] = oursArgs(job, { uids });
      const r = await oursCall(server, token, name, args);
      if (r.results.length !== uids.length) throw new Error(`mail_mcp bulk: ${r.results.length} results`);
    },
    'mail_mcp one by one': async (job, uids) => {
      for (const uid of uids) await oursCall(server, token, ...oursArgs(job, { uid }));
    },
    'email-mcp bulk_action': async (job, uids) => {
      for (let i = 0; i < uids.length; i += PEER_BATCH) {
        const args = { account: 'default', mailbox: 'INBOX', ids: uids.slice(i, i + PEER_BATCH),
          ...(job.startsWith('move') ? { action: 'move', destination: 'Archive' } : { action: 'flag' }) };
        const r = await peer.client.callTool({ name: 'bulk_action', arguments: args }, undefined, { timeout: 600000 });
        const text = r.content?.map((c) => c.text).join('') || '';
        if (r.isError || !text.includes(`"succeeded": ${args.ids.length}`)) throw new Error(`email-mcp: ${text.slice(0, 300)}`);
      }
    },
  };
  const samples = {};
  try {
    for (let round = -WARMUP; round < ROUNDS; round++) {
      for (const job of JOBS) {
        for (const system of SYSTEMS) {
          const uids = await control.reset();
          // Every kept connection must see the reset (new uids in INBOX) before it is timed: the
          // floor's by a NOOP, the peer's by a one-message list (without it, email-mcp's session
          // misses uids the reset added and still reports them "succeeded").
          await floor.command('NOOP');
          if (system.startsWith('email-mcp'))
            await peer.client.callTool({ name: 'list_emails', arguments: { account: 'default', mailbox: 'INBOX', pageSize: 1 } });
          const [t] = await timed(() => run[system](job, uids));
          await control.check(job, system);
          if (round >= 0) (samples[`${job}|${system}`] ||= []).push(t);
        }
      }
    }
  } finally {
    await control.reset().catch(() => {});
    control.imap.close();
    floor.close();
    await peer.stop();
  }
  return { label: rtt ? `+${rtt} ms RTT` : 'loopback', samples };
}

function printTables(results) {
  for (const { label, samples } of results) {
    console.log(`\n### 500 of 1,000 messages, ${label} (p50 of ${ROUNDS} rounds; calls: MCP tool calls the assistant makes)\n`);
    console.log('| job | system | calls | p50 ms | vs floor | vs mail_mcp bulk |');
    console.log('|---|---|---|---|---|---|');
    for (const job of JOBS) {
      const floor = pct(samples[`${job}|floor`], 0.5);
      const bulk = pct(samples[`${job}|mail_mcp bulk`], 0.5);
      for (const system of SYSTEMS) {
        const p50 = pct(samples[`${job}|${system}`], 0.5);
        const calls = system === 'floor' ? '– (1 IMAP command)' : system === 'mail_mcp bulk' ? 1 : system.startsWith('mail_mcp') ? JOB_SIZE : JOB_SIZE / PEER_BATCH;
        console.log(`| ${job} | ${system} | ${calls} | ${ms(p50)} | ${ratio(p50, floor)} | ${ratio(p50, bulk)} |`);
      }
    }
  }
}

const server = await startServer();
try {
  console.log(`# scripts/bench-bulk — ${new Date().toISOString()}, ${ROUNDS} rounds after ${WARMUP} warm-up`);
  const results = [await measure(IMAP.tlsPort, 0, server)];
  const proxy = await startCalibratedProxy(IMAP.tlsPort, RTT_MS);
  try {
    results.push(await measure(proxy.port, RTT_MS, server));
  } finally {
    proxy.stop();
  }
  printTables(results);
} finally {
  await server.stop();
}
