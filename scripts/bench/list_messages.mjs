// Driver for scripts/bench-list-messages: times list_mail_messages through mail_mcp and the same
// IMAP commands issued directly (the floor), in the same process, same peers, same folders.
import tls from 'node:tls';
import fs from 'node:fs';
import { startServer } from '../../tests/integration/lib/server.mjs';
import { joseToken } from '../../tests/integration/lib/tokens.mjs';
import { CA_PATH, IMAP, USER, PASSWORD } from '../../tests/integration/lib/peers.mjs';

const N = Number(process.argv[2] || 40);
const PER_PAGE = 20;
// What list_mail_messages fetches (src/tools/message_summary.cc, kSummaryFetchItems): the header
// fields themselves; and ENVELOPE, which it fetched before reading the header block itself (issue 15).
const ITEMS = '(UID FLAGS RFC822.SIZE INTERNALDATE BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (DATE SUBJECT FROM SENDER REPLY-TO TO CC MESSAGE-ID IN-REPLY-TO)])';
const ENVELOPE_ITEMS = '(UID FLAGS ENVELOPE RFC822.SIZE INTERNALDATE BODYSTRUCTURE)';

function pct(xs, p) { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; }

/** A minimal IMAP client over TLS: enough to time LOGIN + EXAMINE + FETCH + LOGOUT as one request. */
function imapRequest(folder, pageRange, items = ITEMS) {
  return new Promise((resolve, reject) => {
    const s = tls.connect({ host: '127.0.0.1', port: IMAP.tlsPort, ca: fs.readFileSync(CA_PATH) });
    let buf = '', step = 0, exists = 0;
    const cmds = [
      () => `a1 LOGIN "${USER}" "${PASSWORD}"`,
      () => `a2 EXAMINE "${folder}"`,
      () => { const [lo, hi] = pageRange(exists); return `a3 FETCH ${lo}:${hi} ${items}`; },
      () => 'a4 LOGOUT',
    ];
    s.setEncoding('latin1');
    s.on('data', (d) => {
      buf += d;
      const m = buf.match(/\* (\d+) EXISTS/); if (m) exists = Number(m[1]);
      const tag = step === 0 ? '* OK' : `a${step} `;
      const done = step === 0 ? buf.includes('* OK') : new RegExp(`\\r\\na${step} (OK|NO|BAD)`).test('\r\n' + buf);
      if (!done) return;
      if (step > 0 && !new RegExp(`\\r\\na${step} OK`).test('\r\n' + buf)) { reject(new Error(buf.slice(-200))); s.destroy(); return; }
      if (step === cmds.length) { s.end(); resolve(); return; }
      buf = ''; s.write(cmds[step]() + '\r\n'); step += 1;
      void tag;
    });
    s.on('error', reject);
    s.on('end', () => { if (step <= cmds.length) resolve(); });
  });
}

async function time(fn) { const t = process.hrtime.bigint(); await fn(); return Number(process.hrtime.bigint() - t) / 1e6; }

const server = await startServer();
const token = await joseToken(server);
async function mcpList(folder, page) {
  const r = await fetch(server.mcpUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_mail_messages', arguments: { folder, page, per_page: PER_PAGE } } }) });
  const j = await r.json();
  if (j.result?.isError) throw new Error(j.result.content[0].text);
  return j.result.structuredContent;
}

const results = {};
for (const [folder, total] of [['Bench1k', 1000], ['Bench100k', 100000]]) {
  const last = Math.ceil(total / PER_PAGE);
  for (const [label, page] of [['page 1', 1], ['last page', last]]) {
    const range = (exists) => { const hi = exists - (page - 1) * PER_PAGE; return [Math.max(1, hi - PER_PAGE + 1), hi]; };
    const check = await mcpList(folder, page);
    if (check.total !== total || check.messages.length === 0) throw new Error(`unexpected result for ${folder} ${label}`);
    await imapRequest(folder, range); // warm both paths once
    await imapRequest(folder, range, ENVELOPE_ITEMS);
    const ours = [], floor = [], envelope = [];
    for (let i = 0; i < N; i++) {
      ours.push(await time(() => mcpList(folder, page)));
      floor.push(await time(() => imapRequest(folder, range)));
      envelope.push(await time(() => imapRequest(folder, range, ENVELOPE_ITEMS)));
    }
    results[`${folder} ${label}`] = { ours, floor, envelope };
  }
}
await server.stop();

console.log(`list_mail_messages, ${PER_PAGE} per page, ${N} requests per case (ms)`);
console.log('floor: the same IMAP commands sent directly; envelope: the floor with ENVELOPE instead of the header fields');
console.log('case                      ours p50  p95   floor p50  p95   envelope p50  ours/floor(p50)  floor/envelope(p50)');
for (const [k, { ours, floor, envelope }] of Object.entries(results)) {
  console.log(`${k.padEnd(25)} ${pct(ours, 0.5).toFixed(1).padStart(8)} ${pct(ours, 0.95).toFixed(1).padStart(5)}  ${pct(floor, 0.5).toFixed(1).padStart(9)} ${pct(floor, 0.95).toFixed(1).padStart(5)}  ${pct(envelope, 0.5).toFixed(1).padStart(12)}  ${(pct(ours, 0.5) / pct(floor, 0.5)).toFixed(2).padStart(15)}  ${(pct(floor, 0.5) / pct(envelope, 0.5)).toFixed(2).padStart(19)}`);
}
for (const label of ['page 1', 'last page']) {
  const a = pct(results[`Bench100k ${label}`].ours, 0.5), b = pct(results[`Bench1k ${label}`].ours, 0.5);
  console.log(`100k/1k (ours, p50, ${label}): ${(a / b).toFixed(2)}`);
}
