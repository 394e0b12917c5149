// The read tools through the real MCP SDK client against Dovecot: every MIME fixture decodes exactly,
// pages cover a folder once and newest first, reading never sets \Seen, and hostile arguments are
// refused before anything reaches the IMAP server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startServer } from './lib/server.mjs';
import { joseToken } from './lib/tokens.mjs';
import { connectWithToken } from './lib/sdk_client.mjs';
import { appendMessages, simpleMessage } from './lib/mailbox.mjs';
import { buildFixtures } from './fixtures/messages.mjs';
import { callTool, toolOk } from './lib/tool_calls.mjs';

let server, client;
const run = crypto.randomBytes(3).toString('hex');
const FIX = `Fixtures-${run}`, PAGES = `Pages-${run}`, UNICODE = `Résumé/日本語 ${run}`;
let fixtures, fixtureUids, pageUids;

before(async () => {
  server = await startServer();
  client = await connectWithToken(server.mcpUrl, await joseToken(server));
  fixtures = buildFixtures();
  fixtureUids = appendMessages(FIX, fixtures.map((f) => f.raw));
  pageUids = appendMessages(PAGES, Array.from({ length: 23 }, (_, i) => simpleMessage(i)));
  appendMessages(UNICODE, [simpleMessage(1, 'In a unicode folder')]);
});
after(async () => { await client?.close(); await server?.stop(); });

const call = (name, args) => callTool(client, name, args);
const ok = (name, args) => toolOk(client, name, args);

test('tools/list offers the read tools with schemas and read-only annotations', async () => {
  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name);
  for (const n of ['list_mailboxes', 'list_mail_messages', 'get_mail_message', 'search_mail_messages']) assert.ok(names.includes(n), n);
  for (const t of tools.filter((x) => ['list_mail_messages', 'get_mail_message', 'search_mail_messages'].includes(x.name))) {
    assert.equal(t.annotations.readOnlyHint, true);
    assert.equal(t.inputSchema.type, 'object');
    assert.equal(t.outputSchema.type, 'object');
  }
});

test('list_mail_messages decodes every fixture, newest first', async () => {
  const r = await ok('list_mail_messages', { folder: FIX, per_page: 100 });
  assert.equal(r.total, fixtures.length);
  assert.ok(r.uidvalidity > 0);
  assert.deepEqual(r.messages.map((m) => m.uid), [...fixtureUids].reverse());
  for (const m of r.messages) {
    const f = fixtures[fixtureUids.indexOf(m.uid)];
    assert.equal(m.subject, f.expect.subject, f.name);
    if (f.expect.from) assert.deepEqual(m.from, f.expect.from, f.name);
    if (f.expect.to) assert.deepEqual(m.to, f.expect.to, f.name);
    assert.match(m.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    assert.ok(m.size > 0);
    assert.equal(m.has_attachments, Boolean(f.expect.attachments || f.expect.attachmentNames), f.name);
  }
});

test('get_mail_message decodes bodies, charsets and attachment names exactly', async () => {
  for (const [i, f] of fixtures.entries()) {
    const m = await ok('get_mail_message', { folder: FIX, uid: fixtureUids[i] });
    assert.equal(m.subject, f.expect.subject, f.name);
    if (f.expect.text) assert.equal(m.text_body.trim(), f.expect.text, f.name);
    for (const s of f.expect.textContains || []) assert.ok(m.text_body.includes(s), `${f.name}: ${s} in ${m.text_body}`);
    for (const s of f.expect.textExcludes || []) assert.ok(!m.text_body.includes(s), `${f.name}: ${s} not in text`);
    if (f.expect.html) assert.equal(m.html_body.trim(), f.expect.html, f.name);
    if (f.expect.attachments) {
      assert.deepEqual(m.attachments.map((a) => [a.filename, a.content_type]), f.expect.attachments.map((a) => [a.filename, a.content_type]), f.name);
      for (const [j, a] of f.expect.attachments.entries()) if (a.content_id) assert.equal(m.attachments[j].content_id, a.content_id);
    }
    if (f.expect.attachmentNames) assert.deepEqual(m.attachments.map((a) => a.filename), f.expect.attachmentNames, f.name);
    assert.ok(!m.flags.includes('\\Seen'), `${f.name}: reading must not set \\Seen`);
  }
  const big = fixtures.findIndex((f) => f.name === 'big-attachment');
  const m = await ok('get_mail_message', { folder: FIX, uid: fixtureUids[big] });
  assert.ok(m.attachments[0].size > 10_000_000);
});

test('bodies are windowed by max_body_chars and body_offset', async () => {
  const i = fixtures.findIndex((f) => f.name === 'utf8-encoded-words');
  const whole = await ok('get_mail_message', { folder: FIX, uid: fixtureUids[i] });
  const part = await ok('get_mail_message', { folder: FIX, uid: fixtureUids[i], max_body_chars: 5, body_offset: 3 });
  assert.equal(part.text_body, [...whole.text_body].slice(3, 8).join(''));
  assert.equal(part.truncated, true);
  assert.equal(part.body_total_chars, [...whole.text_body].length);
});

test('pages cover the folder exactly once, newest first; past the end is empty', async () => {
  const seen = [];
  for (let page = 1; page <= 5; page++) {
    const r = await ok('list_mail_messages', { folder: PAGES, page, per_page: 5 });
    assert.equal(r.total, 23);
    assert.equal(r.page, page);
    seen.push(...r.messages.map((m) => m.uid));
  }
  assert.deepEqual(seen, [...pageUids].reverse());
  const past = await ok('list_mail_messages', { folder: PAGES, page: 6, per_page: 5 });
  assert.deepEqual(past.messages, []);
  assert.equal(past.total, 23);
});

test('non-ASCII folder names round-trip', async () => {
  const boxes = await ok('list_mailboxes', {});
  assert.ok(boxes.mailboxes.some((b) => b.name === UNICODE), JSON.stringify(boxes.mailboxes.map((b) => b.name)));
  const r = await ok('list_mail_messages', { folder: UNICODE });
  assert.equal(r.messages[0].subject, 'In a unicode folder');
});

test('search_mail_messages: raw criteria, structured fields and non-ASCII text', async () => {
  const latin = fixtureUids[fixtures.findIndex((f) => f.name === 'latin1-qp')];
  const r1 = await ok('search_mail_messages', { folder: FIX, query: 'SUBJECT "Grüße"' });
  assert.deepEqual(r1.uids, [latin]);
  assert.equal(r1.count, 1);
  assert.equal(r1.messages[0].subject, 'Grüße aus Köln');
  const r2 = await ok('search_mail_messages', { folder: FIX, from: 'zoe@example.test' });
  assert.equal(r2.count, 1);
  const r3 = await ok('search_mail_messages', { folder: PAGES, query: 'OR SUBJECT "Message 1" SUBJECT "Message 2"', limit: 3 });
  assert.ok(r3.count >= 2);
  assert.ok(r3.messages.length <= 3);
  assert.deepEqual(r3.uids, [...r3.uids].sort((a, b) => b - a), 'newest first');
  const all = await ok('search_mail_messages', { folder: PAGES });
  assert.equal(all.count, 23);
  const unseen = await ok('search_mail_messages', { folder: PAGES, unseen: true });
  assert.equal(unseen.count, 23);
});

test('a missing UID is a clear tool error', async () => {
  const r = await call('get_mail_message', { folder: FIX, uid: 999999 });
  assert.equal(r.isError, true);
  assert.match(r.content[0].text, /not found/i);
  const missing = await call('list_mail_messages', { folder: `No such folder ${run}` });
  assert.equal(missing.isError, true);
});

test('hostile arguments are refused with a clear error and nothing reaches the server', async () => {
  const bad = [
    ['list_mail_messages', { folder: 'INBOX\r\nA1 DELETE INBOX' }],
    ['list_mail_messages', { folder: 'INBOX', page: -1 }],
    ['list_mail_messages', { folder: 'INBOX', page: 0 }],
    ['list_mail_messages', { folder: 'INBOX', per_page: 100000 }],
    ['list_mail_messages', { folder: 'INBOX', page: 1e30 }],
    ['get_mail_message', { folder: 'INBOX', uid: 0 }],
    ['get_mail_message', { folder: 'INBOX', uid: 2 ** 40 }],
    ['search_mail_messages', { folder: 'INBOX', query: 'SUBJECT {5}\r\nhello' }],
    ['search_mail_messages', { folder: 'INBOX', query: 'SUBJECT "unbalanced' }],
    ['search_mail_messages', { folder: 'INBOX', query: '(FROM a' }],
    ['search_mail_messages', { folder: 'INBOX', query: 'DELETE INBOX' }],
    ['search_mail_messages', { folder: 'INBOX', query: 'SINCE yesterday' }],
    ['search_mail_messages', { folder: 'INBOX', since: '2025-02-31' }],
  ];
  for (const [name, args] of bad) {
    let failed = false, text = '';
    try {
      const r = await call(name, args);
      failed = r.isError === true;
      text = r.content?.[0]?.text ?? '';
    } catch (e) { failed = true; text = e.message; }
    assert.ok(failed, `${name} ${JSON.stringify(args)} was accepted`);
    assert.ok(text.length > 0 && text.length < 500, `clear error for ${JSON.stringify(args)}: ${text}`);
  }
  // INBOX still exists: the injection attempt did not run.
  const boxes = await ok('list_mailboxes', {});
  assert.ok(boxes.mailboxes.some((b) => b.name === 'INBOX'));
});
