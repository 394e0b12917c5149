// Upstream faults, injected by small fake servers on loopback (lib/fake_upstreams.mjs): an SMTP
// server that goes silent or hangs up after the message data, IMAP servers that stall, trickle,
// hang up mid-literal or send without end, an S3 endpoint that never answers. Each test asserts the
// tool's answer, that it came within its deadline, and that /health kept answering meanwhile.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { joseToken } from './lib/tokens.mjs';
import { healthWatch, startFakeSmtp } from './lib/fake_upstreams.mjs';

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
