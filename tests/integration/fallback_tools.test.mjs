// The new tools on a server without MOVE, THREAD=REFERENCES and LIST-STATUS (a Dovecot that hides them):
// bulk move by COPY + UID EXPUNGE of exactly those UIDs, a thread found by header searches, counts by
// STATUS per folder. Checked with Python's imaplib.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startServer } from './lib/server.mjs';
import { joseToken } from './lib/tokens.mjs';
import { connectWithToken } from './lib/sdk_client.mjs';
import { appendMessages, inspectImap, simpleMessage } from './lib/mailbox.mjs';
import { IMAP_PLAIN, PEERS_DIR, SCRIPTS_DIR } from './lib/peers.mjs';
import { toolOk as ok } from './lib/tool_calls.mjs';

let server, client;
const run = crypto.randomBytes(3).toString('hex');
const port = IMAP_PLAIN.tlsPort;

before(async () => {
  const env = { ...process.env, DOVECOT_HIDE_CAPS: IMAP_PLAIN.hide, TLS_DIR: path.join(PEERS_DIR, 'tls'),
    IMAP_PORT: String(IMAP_PLAIN.starttlsPort), IMAPS_PORT: String(port), LMTP_PORT: String(IMAP_PLAIN.lmtpPort) };
  const started = spawnSync(path.join(SCRIPTS_DIR, 'start-dovecot'), [IMAP_PLAIN.stateDir], { env, encoding: 'utf8' });
  assert.equal(started.status, 0, started.stderr);
  server = await startServer({ imapPort: port });
  client = await connectWithToken(server.mcpUrl, await joseToken(server, { imap_port: port }));
});
after(async () => {
  await client?.close();
  await server?.stop();
  spawnSync(path.join(SCRIPTS_DIR, 'stop'), [IMAP_PLAIN.stateDir], { encoding: 'utf8' });
});

test('bulk move without MOVE: COPY, then UID EXPUNGE of exactly those; another \\Deleted message survives', async () => {
  const f = `PlainMove-${run}`;
  const uids = appendMessages(f, Array.from({ length: 20 }, (_, i) => simpleMessage(i, `plain ${run} ${i}`)), port);
  await ok(client, 'update_mail_message_flags', { folder: f, uid: uids[19], add: ['\\Deleted'] });
  const before = inspectImap('uids', [f], port);
  const r = await ok(client, 'move_mail_message', { folder: f, uids: [...uids.slice(0, 10), 4000000000], destination: 'Archive' });
  assert.equal(r.method, 'copy_expunge');
  assert.equal(r.moved, 10);
  assert.equal(r.missing, 1);
  assert.deepEqual(inspectImap('uids', [f], port).uids, uids.slice(10));
  const archive = inspectImap('uids', ['Archive'], port);
  for (const x of r.results.filter((x) => x.status === 'moved'))
    assert.equal(archive.message_ids[x.new_uid], before.message_ids[x.uid]);
  const d = await ok(client, 'delete_mail_message', { folder: f, uids: uids.slice(10, 15) });
  assert.equal(d.deleted_count, 5);
  assert.deepEqual(inspectImap('uids', [f], port).uids, uids.slice(15));
});

const mail = (id, date, subject, extra = '') => Buffer.from(`Message-ID: <${id}-${run}@example.test>\r\n${extra}` +
  `Date: ${date}\r\nFrom: a@example.test\r\nTo: test@example.test\r\nSubject: ${subject}\r\nMIME-Version: 1.0\r\n` +
  `Content-Type: text/plain; charset=utf-8\r\n\r\n${id}\r\n`);

test('a thread without THREAD=REFERENCES: header searches across INBOX and Sent', async () => {
  const topic = `Topic ${run}`;
  const id = (x) => `<${x}-${run}@example.test>`;
  const [a, c] = appendMessages('INBOX', [
    mail('a', 'Mon, 06 Jan 2025 10:00:00 +0000', topic),
    mail('c', 'Mon, 06 Jan 2025 12:00:00 +0000', `Re: ${topic}`, `In-Reply-To: ${id('b')}\r\nReferences: ${id('a')} ${id('b')}\r\n`),
    mail('d', 'Mon, 06 Jan 2025 13:00:00 +0000', `Re: ${topic}`), // same subject, no references: not part of it
  ], port);
  appendMessages('Sent', [mail('b', 'Mon, 06 Jan 2025 12:30:00 +0200', `Re: ${topic}`, `In-Reply-To: ${id('a')}\r\nReferences: ${id('a')}\r\n`)], port);
  for (const uid of [a, c]) {
    const t = await ok(client, 'get_mail_thread', { folder: 'INBOX', uid });
    assert.equal(t.method, 'header_search');
    assert.deepEqual(t.messages.map((m) => m.message_id), [id('a'), id('b'), id('c')]);
    assert.deepEqual(t.messages.map((m) => m.folder), ['INBOX', 'Sent', 'INBOX']);
  }
});

test('counts without LIST-STATUS: STATUS per folder, matching imaplib', async () => {
  appendMessages(`PlainCounts-${run}`, [simpleMessage(1, 'x'), simpleMessage(2, 'y')], port);
  const r = await ok(client, 'list_mailboxes', { counts: true });
  assert.equal(r.counts_complete, true);
  const names = r.mailboxes.filter((m) => m.selectable).map((m) => m.name);
  const status = inspectImap('status', names, port);
  for (const m of r.mailboxes.filter((m) => m.selectable))
    assert.deepEqual({ messages: m.messages, unseen: m.unseen }, status[m.name], m.name);
  assert.equal(r.mailboxes.find((m) => m.name === `PlainCounts-${run}`).messages, 2);
});
