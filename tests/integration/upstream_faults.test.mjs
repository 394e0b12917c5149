// Upstream faults, injected by small fake servers on loopback (lib/fake_upstreams.mjs): an SMTP
// server that goes silent or hangs up after the message data, IMAP servers that stall, trickle,
// hang up mid-literal or send without end or 100 MB literals (peak memory), an S3 endpoint that
// never answers, 64 calls stuck on a stalling server (per-mailbox and per-client caps). Each test
// asserts the tool's answer, that it came within its deadline, and that /health kept answering.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { joseToken } from './lib/tokens.mjs';
import crypto from 'node:crypto';
import { appendMessages } from './lib/mailbox.mjs';
import { runBigLiterals } from './lib/big_literals.mjs';
import { flood, healthWatch, startFakeImap, startFakeSmtp, startHangingHttp, trickle } from './lib/fake_upstreams.mjs';

const CONNECT_MS = 2000;
const COMMAND_MS = 3000;
/** Slack for a loaded test machine on top of a deadline. */
const SLACK_MS = 2500;
/** What a /health probe may take while faults are in progress. */
const HEALTH_MS = 1000;

let server;
before(async () => {
  server = await startServer({ env: { MAIL_CONNECT_TIMEOUT_MS: String(CONNECT_MS), MAIL_COMMAND_TIMEOUT_MS: String(COMMAND_MS) } });
});
after(async () => { await server?.stop(); });

/** Calls a tool over plain JSON-RPC with `bearer`; returns { isError, text, structured, ms }. */
async function call(bearer, name, args) {
  const t0 = Date.now();
  const r = await fetch(server.mcpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }),
  });
  const { result, error } = await r.json();
  assert.equal(error, undefined, JSON.stringify(error));
  return { isError: result.isError ?? false, text: result.content[0].text, structured: result.structuredContent, ms: Date.now() - t0 };
}

/** Runs `fn` while probing /health; asserts every probe answered quickly. Returns what `fn` returned. */
async function withHealth(fn) {
  const watch = healthWatch(server.baseUrl);
  try { return await fn(); } finally {
    const h = await watch.stop();
    assert.ok(h.probes >= 1, 'no /health probe ran');
    assert.equal(h.failures, 0, `/health failed ${h.failures} of ${h.probes} probes`);
    assert.ok(h.maxMs < HEALTH_MS, `/health took ${h.maxMs} ms`);
  }
}

const sendArgs = (subject) => ({ to: 'someone@example.test', subject, text_body: 'Hello' });
const smtpToken = (smtp) => joseToken(server, { smtp_port: smtp.port, smtp_ssl: true });

test('SMTP silent after the whole message: delivery "unknown" with the Message-ID, never "not sent", within the command timeout', async () => {
  const smtp = await startFakeSmtp({ onDataEnd: () => {} });
  try {
    const r = await withHealth(async () => call(await smtpToken(smtp), 'send_mail_message', sendArgs('stalled')));
    assert.equal(smtp.messages.length, 1, 'the fake server got the message');
    assert.equal(r.isError, false, r.text);
    assert.equal(r.structured.delivery, 'unknown');
    assert.match(r.structured.message_id, /^<[^<>\s]+@[^<>\s]+>$/);
    assert.ok(smtp.messages[0].includes(`Message-ID: ${r.structured.message_id}`), 'the Message-ID is the one sent');
    assert.deepEqual(r.structured.accepted, []);
    assert.equal(r.structured.sent_folder, null);
    assert.match(r.structured.warning, /may or may not have been delivered/);
    assert.match(r.structured.warning, /Do not send it again before checking/);
    assert.ok(r.structured.warning.includes(r.structured.message_id));
    assert.match(r.structured.warning, /timed out/);
    assert.doesNotMatch(r.text, /not sent|SMTP: SMTP/);
    assert.ok(r.ms < COMMAND_MS + SLACK_MS, `took ${r.ms} ms`);
  } finally { await smtp.close(); }
});

test('SMTP hangs up after the whole message: delivery "unknown", at once', async () => {
  const smtp = await startFakeSmtp({ onDataEnd: (s) => s.destroy() });
  try {
    const r = await withHealth(async () => call(await smtpToken(smtp), 'send_mail_message', sendArgs('hung up')));
    assert.equal(r.isError, false, r.text);
    assert.equal(r.structured.delivery, 'unknown');
    assert.match(r.structured.warning, /may or may not have been delivered/);
    assert.doesNotMatch(r.text, /not sent/);
    assert.ok(r.ms < SLACK_MS, `took ${r.ms} ms`);
  } finally { await smtp.close(); }
});

test('SMTP refuses the message after the data, or hangs up at DATA: an error that says "not sent"', async () => {
  const refusing = await startFakeSmtp({ onDataEnd: (s) => s.write('554 5.7.1 looks like spam\r\n') });
  const hangingUp = await startFakeSmtp({ onData: (s) => s.destroy() });
  try {
    const r = await call(await smtpToken(refusing), 'send_mail_message', sendArgs('refused'));
    assert.equal(r.isError, true);
    assert.equal(r.text, 'SMTP: the server refused the message: 554 5.7.1 looks like spam (the message was not sent)');
    const h = await call(await smtpToken(hangingUp), 'send_mail_message', sendArgs('no data'));
    assert.equal(h.isError, true);
    assert.match(h.text, /^SMTP: the connection to the SMTP server 127\.0\.0\.1:\d+ failed .*\(the message was not sent\)$/);
    assert.equal(hangingUp.messages.length, 0);
  } finally { await refusing.close(); await hangingUp.close(); }
});

/** A message with `n` small attachments, in a fresh folder of the real Dovecot; returns { folder, uid }. */
function messageWithAttachments(n) {
  const folder = `Faults-${crypto.randomBytes(3).toString('hex')}`;
  const parts = Array.from({ length: n }, (_, i) => `--b\r\nContent-Type: application/octet-stream\r\n` +
    `Content-Disposition: attachment; filename="file${i}.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n` +
    `${crypto.randomBytes(1000).toString('base64')}\r\n`).join('');
  const msg = Buffer.from(`Message-ID: <faults-${Date.now()}@example.test>\r\nDate: Mon, 06 Jan 2025 10:00:00 +0000\r\n` +
    `From: a@example.test\r\nTo: test@example.test\r\nSubject: three files\r\nMIME-Version: 1.0\r\n` +
    `Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee the files.\r\n${parts}--b--\r\n`);
  const [uid] = appendMessages(folder, [msg]);
  return { folder, uid };
}

test('an S3 endpoint that never answers costs the links, not the message: three attachments, one budget, per-attachment errors', async () => {
  const BUDGET_MS = 3000;
  const s3 = await startHangingHttp();
  const withS3 = await startServer({ env: { ATTACHMENT_PUBLISH_TIMEOUT_MS: String(BUDGET_MS), AWS_S3_ENDPOINT: `http://127.0.0.1:${s3.port}`,
    AWS_S3_BUCKET: 'hung', AWS_ACCESS_KEY_ID: 'AKIDHUNG', AWS_SECRET_ACCESS_KEY: 'secret-hung', AWS_REGION: 'us-east-1' } });
  try {
    const { folder, uid } = messageWithAttachments(3);
    const t0 = Date.now();
    const watch = healthWatch(withS3.baseUrl);
    const r = await fetch(withS3.mcpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${await joseToken(withS3)}` },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get_mail_message', arguments: { folder, uid } } }),
    }).then((res) => res.json());
    const ms = Date.now() - t0;
    const h = await watch.stop();
    assert.equal(r.result.isError ?? false, false, r.result.content[0].text);
    const m = r.result.structuredContent;
    assert.equal(m.text_body.trim(), 'See the files.');
    assert.equal(m.attachments.length, 3);
    for (const [i, a] of m.attachments.entries()) {
      assert.equal(a.filename, `file${i}.bin`);
      assert.equal(a.url, undefined);
      assert.match(a.error, /^attachment store: the S3 server 127\.0\.0\.1:\d+ timed out/);
    }
    assert.equal(s3.requests(), 3, 'the three HEADs went out together');
    assert.ok(ms < BUDGET_MS + SLACK_MS, `took ${ms} ms`);
    assert.equal(h.failures, 0, `/health failed ${h.failures} of ${h.probes} probes`);
    assert.ok(h.maxMs < HEALTH_MS, `/health took ${h.maxMs} ms`);
  } finally { await withS3.stop(); await s3.close(); }
});

// IMAP faults that already behave: each answers a clear tool error within its deadline.
const imapToken = (imap) => joseToken(server, { imap_port: imap.port, imap_ssl: true });
const listInbox = async (imap) => call(await imapToken(imap), 'list_mail_messages', { folder: 'INBOX' });

test('a silent IMAP server (TLS, then no greeting): a connect timeout error', async () => {
  const imap = await startFakeImap({ greeting: false });
  try {
    const r = await withHealth(() => listInbox(imap));
    assert.equal(r.isError, true);
    assert.match(r.text, /^IMAP: could not connect to the IMAP server 127\.0\.0\.1:\d+ \(timed out\)$|^IMAP: the IMAP server 127\.0\.0\.1:\d+ timed out$/);
    assert.ok(r.ms < CONNECT_MS + SLACK_MS, `took ${r.ms} ms`);
  } finally { await imap.close(); }
});

test('an IMAP server that stalls mid-literal: a timeout error after the command timeout', async () => {
  const imap = await startFakeImap({ fault: (s, tag) => s.write(`* 1 FETCH (UID 1 BODY[HEADER.FIELDS (SUBJECT)] {500}\r\n${'x'.repeat(100)}`) });
  try {
    const r = await withHealth(() => listInbox(imap));
    assert.equal(r.isError, true);
    assert.match(r.text, /^IMAP: .*timed out/);
    assert.ok(r.ms >= COMMAND_MS - 200 && r.ms < COMMAND_MS + SLACK_MS, `took ${r.ms} ms`);
  } finally { await imap.close(); }
});

test('an IMAP server that hangs up mid-literal: a connection error at once', async () => {
  const imap = await startFakeImap({ fault: (s) => { s.write(`* 1 FETCH (UID 1 BODY[] {500}\r\n${'x'.repeat(100)}`); setTimeout(() => s.destroy(), 50); } });
  try {
    const r = await withHealth(() => listInbox(imap));
    assert.equal(r.isError, true);
    assert.match(r.text, /^IMAP: .*(closed|connection)/i);
    assert.ok(r.ms < SLACK_MS, `took ${r.ms} ms`);
  } finally { await imap.close(); }
});

test('an IMAP server that sends an endless line: refused as too large, not buffered without end', async () => {
  const imap = await startFakeImap({ fault: (s) => { s.write('* 1 FETCH (UID 1 ENVELOPE ("'); flood(s, 'y'.repeat(65536)); } });
  try {
    const r = await withHealth(() => listInbox(imap));
    assert.equal(r.isError, true);
    assert.match(r.text, /^IMAP: the response from the IMAP server is larger than \d+ MiB$/);
    assert.ok(r.ms < COMMAND_MS + SLACK_MS, `took ${r.ms} ms`);
  } finally { await imap.close(); }
});

test('an IMAP server that announces an endless literal: refused as too large', async () => {
  const imap = await startFakeImap({ fault: (s) => { s.write('* 1 FETCH (UID 1 BODY[] {99999999999}\r\n'); flood(s, 'z'.repeat(65536)); } });
  try {
    const r = await withHealth(() => listInbox(imap));
    assert.equal(r.isError, true);
    assert.match(r.text, /^IMAP: the response from the IMAP server is larger than \d+ MiB$/);
    assert.ok(r.ms < COMMAND_MS + SLACK_MS, `took ${r.ms} ms`);
  } finally { await imap.close(); }
});

test('an IMAP server that answers one byte per second: a timeout error after the command timeout', async () => {
  const imap = await startFakeImap({ fault: (s, tag) => trickle(s, `* 1 FETCH (UID 1 FLAGS ())\r\n${tag} OK done\r\n`, 1000) });
  try {
    const r = await withHealth(() => listInbox(imap));
    assert.equal(r.isError, true);
    assert.match(r.text, /^IMAP: .*timed out/);
    assert.ok(r.ms >= COMMAND_MS - 200 && r.ms < COMMAND_MS + SLACK_MS, `took ${r.ms} ms`);
  } finally { await imap.close(); }
});

// Memory: 8 concurrent calls whose IMAP servers answer with 100 MB literals peaked at 473 MB (each
// request buffered up to the 64 MiB cap). Each request now reads only what it needs, and all of
// them together only UPSTREAM_MEMORY_BUDGET_MB.
test('100 MB literals from an IMAP server to 8 calls at once: each call reads what it needs (a page of summaries: 1 MiB), peak RSS stays small', async () => {
  const watch = healthWatch(server.baseUrl);
  const { results, peakRssMiB } = await runBigLiterals(server, 'list');
  const h = await watch.stop();
  for (const r of results) assert.equal(r.text, 'IMAP: the response from the IMAP server is larger than 1 MiB');
  assert.ok(peakRssMiB < 40, `peak RSS ${peakRssMiB} MiB`);
  assert.equal(h.failures, 0);
});

test('30 MB attachments sent as 100 MB literals to 8 calls at once: cut at the announced size, the process budget refuses the excess, peak RSS under budget + 40 MiB', async () => {
  const BUDGET_MIB = 64;
  const small = await startServer({ env: { UPSTREAM_MEMORY_BUDGET_MB: String(BUDGET_MIB), MAIL_COMMAND_TIMEOUT_MS: '20000' } });
  try {
    const watch = healthWatch(small.baseUrl);
    const { results, peakRssMiB } = await runBigLiterals(small, 'attachment');
    const h = await watch.stop();
    const errors = results.map((r) => {
      assert.equal(r.isError, false, r.text);
      const m = JSON.parse(r.text);
      assert.equal(m.text_body, 'hello');
      assert.equal(m.attachments[0].filename, 'big.bin');
      return m.attachments[0].error;
    });
    const cut = errors.filter((e) => e === 'attachment store: IMAP: the response from the IMAP server is larger than 28.7 MiB');
    const busy = errors.filter((e) => /^attachment store: IMAP: the server is busy reading other large mail responses \(its 64 MiB for them is in use\); try again in a moment$/.test(e));
    assert.equal(cut.length + busy.length, 8, errors.join('\n'));
    assert.ok(cut.length >= 1 && busy.length >= 1, errors.join('\n'));
    assert.ok(peakRssMiB < BUDGET_MIB + 40, `peak RSS ${peakRssMiB} MiB`);
    assert.equal(h.failures, 0);
  } finally { await small.stop(); }
});

// Slow upstreams must not take the server down: 64 calls stuck on a stalling IMAP server held every
// worker (/health and tools/list waited 15 s). Calls over the per-mailbox or per-client cap are
// refused at once, so workers stay free for requests that need no mail server.
test('64 calls to an IMAP server that stalls mid-FETCH: the mailbox cap admits 8, the rest are refused at once; /health and tools/list keep answering', async () => {
  const stalled = await startServer({ env: { MAIL_COMMAND_TIMEOUT_MS: String(COMMAND_MS), IMAP_POOL_WAIT_MS: '2000' } });
  const imap = await startFakeImap({ fault: (s) => s.write('* 1 FETCH (UID 1 ENVELOPE (NIL {500}\r\nstalled') });
  try {
    const token = await joseToken(stalled, { imap_port: imap.port, imap_ssl: true });
    const rpc = (method, params) => ({ method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json',
      authorization: `Bearer ${token}` }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
    const health = healthWatch(stalled.baseUrl);
    const list = healthWatch(stalled.baseUrl, { url: stalled.mcpUrl, init: rpc('tools/list', {}) });
    const t0 = Date.now();
    const calls = await Promise.all(Array.from({ length: 64 }, async () => {
      const r = await (await fetch(stalled.mcpUrl, rpc('tools/call', { name: 'list_mail_messages', arguments: { folder: 'INBOX' } }))).json();
      return { text: r.result.content[0].text, ms: Date.now() - t0 };
    }));
    const [h, l] = [await health.stop(), await list.stop()];
    const refused = calls.filter((c) => c.text === 'too many calls on this mailbox are in progress (8 at once); try again when one has finished');
    assert.equal(refused.length, 56, calls.map((c) => c.text).join('\n'));
    for (const c of refused) assert.ok(c.ms < 1500, `a refusal took ${c.ms} ms`);
    for (const c of calls.filter((x) => !refused.includes(x))) assert.match(c.text, /^IMAP: (.*timed out|too many requests at once for this mailbox)/);
    for (const [name, w] of [['/health', h], ['tools/list', l]]) {
      assert.equal(w.failures, 0, `${name} failed ${w.failures} of ${w.probes}`);
      assert.ok(w.maxMs < HEALTH_MS, `${name} took ${w.maxMs} ms`);
    }
  } finally { await stalled.stop(); await imap.close(); }
});

test('64 calls on 64 mailboxes from one client address, all stalling: the client cap admits 16, the rest are refused at once', async () => {
  const imap = await startFakeImap({ fault: (s) => s.write('* 1 FETCH (UID 1 ENVELOPE (NIL {500}\r\nstalled') });
  try {
    const t0 = Date.now();
    const calls = await withHealth(() => Promise.all(Array.from({ length: 64 }, async (_, i) => {
      const token = await joseToken(server, { imap_port: imap.port, imap_ssl: true, imap_username: `user${i}@example.test` });
      const r = await call(token, 'list_mail_messages', { folder: 'INBOX' });
      return { text: r.text, ms: Date.now() - t0 };
    })));
    const refused = calls.filter((c) => c.text === 'too many mail calls from your address are in progress (16 at once); try again when one has finished');
    assert.equal(refused.length, 48, calls.map((c) => c.text).join('\n'));
    for (const c of refused) assert.ok(c.ms < 1500, `a refusal took ${c.ms} ms`);
  } finally { await imap.close(); }
});
