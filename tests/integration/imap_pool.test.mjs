// The IMAP session pool against the real Dovecot: calls of one account share one logged-in session
// (counted in Dovecot's log), accounts and passwords never share one, what changes in the mailbox
// between pooled calls shows (LMTP delivery, a folder deleted and recreated with a new UIDVALIDITY),
// a session the server kicked or that died on the way is replaced for reads and writes alike, a
// change whose connection dies after it was sent is reported and never sent twice, idle sessions and
// SIGTERM log out, and the login form's session serves the first tool call.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { startServer } from './lib/server.mjs';
import { joseToken } from './lib/tokens.mjs';
import { appendMessages, simpleMessage } from './lib/mailbox.mjs';
import { startFaultProxy } from './lib/fault_proxy.mjs';
import { connectWithOAuth, HeadlessProvider } from './lib/sdk_client.mjs';
import { DOVECOT_CONF, DOVECOT_LOG, DOVECOT_USERS, IMAP, LMTP, OTHER_PASSWORD, OTHER_USER, USER } from './lib/peers.mjs';

const run = crypto.randomBytes(3).toString('hex');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let server, token;

before(async () => {
  server = await startServer();
  token = await joseToken(server);
});
after(async () => { await server?.stop(); });

/** Calls a tool over plain JSON-RPC; returns { ok, result | error }. */
async function call(srv, bearer, name, args = {}) {
  const r = await fetch(srv.mcpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }),
  });
  const { result } = await r.json();
  return result.isError ? { ok: false, error: result.content[0].text } : { ok: true, result: result.structuredContent };
}
async function ok(srv, bearer, name, args) {
  const r = await call(srv, bearer, name, args);
  assert.ok(r.ok, `${name}: ${r.error}`);
  return r.result;
}

/** Dovecot's log from byte `from` on; its size marks a point in time. */
const logSize = () => fs.statSync(DOVECOT_LOG).size;
function logSince(from) {
  const fd = fs.openSync(DOVECOT_LOG, 'r');
  try {
    const buf = Buffer.alloc(logSize() - from);
    fs.readSync(fd, buf, 0, buf.length, from);
    return buf.toString('utf8');
  } finally { fs.closeSync(fd); }
}
/** IMAP logins of `user` in `text`, as Dovecot session ids. */
const logins = (text, user = USER) => [...text.matchAll(new RegExp(`imap-login: Info: Login: user=<${user}>.*session=<([^>]+)>`, 'g'))].map((m) => m[1]);
/** How session `id` ended in `text`: 'logout' (LOGOUT), 'closed' (cut off), or undefined (still open). */
function ending(text, id) {
  const line = text.split('\n').find((l) => l.includes(`<${id}>: Info: Disconnected`));
  if (!line) return undefined;
  return /Disconnected: Logged out/.test(line) ? 'logout' : 'closed';
}
async function eventually(check, ms = 5000) {
  for (const t0 = Date.now(); Date.now() - t0 < ms; await sleep(50)) if (check()) return true;
  return check();
}

function doveadm(...args) {
  const r = spawnSync('doveadm', ['-c', DOVECOT_CONF, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, `doveadm ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
/** Delivers `subject` to `to` over LMTP (Python's smtplib: an independent client). */
function deliver(to, subject) {
  const msg = `From: Pool Test <pool@example.test>\r\nTo: ${to}\r\nSubject: ${subject}\r\nMessage-ID: <${crypto.randomUUID()}@example.test>\r\n\r\nhello\r\n`;
  const r = spawnSync('python3', ['-c', `import smtplib,sys
s = smtplib.LMTP('${LMTP.host}', ${LMTP.port})
s.sendmail('pool@example.test', [sys.argv[1]], sys.stdin.buffer.read())
s.quit()`, to], { input: msg, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

test('calls of one account share one logged-in session', async () => {
  const FOLDER = `Pool-${run}`;
  appendMessages(FOLDER, [simpleMessage(1), simpleMessage(2)]);
  const mark = logSize();
  const first = await ok(server, token, 'list_mail_messages', { folder: FOLDER });
  const got = await ok(server, token, 'get_mail_message', { folder: FOLDER, uid: first.messages[0].uid });
  const found = await ok(server, token, 'search_mail_messages', { folder: FOLDER, subject: 'Message 1' });
  await ok(server, token, 'list_mailboxes', {});
  assert.equal(got.subject, 'Message 2');
  assert.equal(found.count, 1);
  assert.equal(logins(logSince(mark)).length, 1);
});

test('accounts never share a session, and a wrong or changed password gets its own login', async () => {
  const subject = `For other ${run}`;
  deliver(OTHER_USER, subject);
  const other = await joseToken(server, { imap_username: OTHER_USER, imap_password: OTHER_PASSWORD });
  const mark = logSize();
  const mine = await ok(server, token, 'list_mail_messages', { folder: 'INBOX', per_page: 100 });
  const theirs = await ok(server, other, 'list_mail_messages', { folder: 'INBOX', per_page: 100 });
  assert.ok(theirs.messages.some((m) => m.subject === subject));
  assert.ok(!mine.messages.some((m) => m.subject === subject));
  const text = logSince(mark);
  assert.equal(logins(text, OTHER_USER).length, 1);
  assert.ok(logins(text, USER).length <= 1); // the first test's session may still be idle in the pool

  // A token with a wrong password finds no session to borrow: its own login fails.
  const wrong = await joseToken(server, { imap_password: 'not-the-password' });
  const refused = await call(server, wrong, 'list_mail_messages', { folder: 'INBOX' });
  assert.equal(refused.ok, false);
  assert.match(refused.error, /^IMAP: /);

  // The server now takes another password: a token with it logs in anew, beside the old session.
  const users = fs.readFileSync(DOVECOT_USERS, 'utf8');
  const changed = users.replace(new RegExp(`^${OTHER_USER}:[^:]*:`, 'm'), `${OTHER_USER}:{PLAIN}changed-${run}:`);
  fs.writeFileSync(DOVECOT_USERS, changed);
  try {
    const renewed = await joseToken(server, { imap_username: OTHER_USER, imap_password: `changed-${run}` });
    const before = logSize();
    await ok(server, renewed, 'list_mail_messages', { folder: 'INBOX' });
    assert.equal(logins(logSince(before), OTHER_USER).length, 1);
  } finally {
    fs.writeFileSync(DOVECOT_USERS, users);
  }
});

test('a message delivered between two pooled calls shows in the second', async () => {
  const mark = logSize();
  const before = await ok(server, token, 'list_mail_messages', { folder: 'INBOX' });
  const subject = `Delivered between calls ${run}`;
  deliver(USER, subject);
  const after = await ok(server, token, 'list_mail_messages', { folder: 'INBOX' });
  assert.equal(after.total, before.total + 1);
  assert.equal(after.messages[0].subject, subject);
  const found = await ok(server, token, 'search_mail_messages', { folder: 'INBOX', subject });
  assert.equal(found.count, 1);
  const got = await ok(server, token, 'get_mail_message', { folder: 'INBOX', uid: found.uids[0] });
  assert.equal(got.subject, subject);
  assert.ok(logins(logSince(mark)).length <= 1);
});

test('a folder deleted and recreated (new UIDVALIDITY) is noticed by the pooled session', async () => {
  const FOLDER = `Recreated-${run}`;
  appendMessages(FOLDER, [simpleMessage(1, 'Old contents')]);
  const old = await ok(server, token, 'list_mail_messages', { folder: FOLDER });
  assert.equal(old.messages[0].subject, 'Old contents');
  doveadm('mailbox', 'delete', '-u', USER, FOLDER);
  await sleep(1100); // Dovecot's UIDVALIDITY is a time in seconds: recreated in the same second, it would match
  doveadm('mailbox', 'create', '-u', USER, FOLDER);
  appendMessages(FOLDER, [simpleMessage(2, 'New contents')]);
  const now = await ok(server, token, 'list_mail_messages', { folder: FOLDER });
  assert.notEqual(now.uidvalidity, old.uidvalidity);
  assert.deepEqual(now.messages.map((m) => m.subject), ['New contents']);
});

test('a session the server kicked while idle is replaced, for a read and for a write', async () => {
  const FOLDER = `Kicked-${run}`;
  const [uid] = appendMessages(FOLDER, [simpleMessage(1)]);
  await ok(server, token, 'list_mail_messages', { folder: FOLDER });
  let mark = logSize();
  doveadm('kick', USER);
  await sleep(200);
  const read = await ok(server, token, 'list_mail_messages', { folder: FOLDER });
  assert.equal(read.total, 1);
  assert.equal(logins(logSince(mark)).length, 1); // a new session replaced the kicked one

  mark = logSize();
  doveadm('kick', USER);
  await sleep(200);
  // Found dead before anything that changes the mailbox was sent: the write runs on a new session.
  const flagged = await ok(server, token, 'update_mail_message_flags', { folder: FOLDER, uid, add: ['\\Flagged'] });
  assert.ok(flagged.flags.includes('\\Flagged'));
  assert.equal(logins(logSince(mark)).length, 1);
});

test('a connection that died silently is replaced before any reply; a change it swallowed is reported, not resent', async () => {
  const proxy = await startFaultProxy({ host: '127.0.0.1', port: IMAP.tlsPort });
  const viaProxy = await startServer({ imapPort: proxy.port });
  try {
    const bearer = await joseToken(viaProxy, { imap_port: proxy.port });
    const FOLDER = `Faults-${run}`;
    const [uid] = appendMessages(FOLDER, [simpleMessage(1)]);
    await ok(viaProxy, bearer, 'list_mail_messages', { folder: FOLDER });
    assert.equal(proxy.connections(), 1);

    // The pooled connection is dead but said nothing (no FIN): the first command finds out, with no
    // answer, and the read runs again on a new connection.
    proxy.cutOnNextWrite();
    assert.equal((await ok(viaProxy, bearer, 'list_mail_messages', { folder: FOLDER })).total, 1);
    assert.equal(proxy.connections(), 2);
    proxy.cutOnNextWrite();
    await ok(viaProxy, bearer, 'update_mail_message_flags', { folder: FOLDER, uid, add: ['$Seen1'] });
    assert.equal(proxy.connections(), 3);

    // Now the folder is SELECTed in the pooled session: its writes are [NOOP + UID FETCH], [UID STORE],
    // [UID FETCH]. The connection dies right after the STORE reached the server: reported, not resent.
    proxy.cutAfterWrites(2);
    const lost = await call(viaProxy, bearer, 'update_mail_message_flags', { folder: FOLDER, uid, add: ['$Seen2'] });
    assert.equal(lost.ok, false);
    assert.match(lost.error, /^IMAP: .*may or may not have carried out UID STORE \(it was not sent again\)/);
    assert.equal(proxy.connections(), 3);
  } finally {
    await viaProxy.stop();
    await proxy.close();
  }
});

test('calls beyond the per-account cap wait for a session instead of opening more', async () => {
  const capped = await startServer({ env: { IMAP_POOL_MAX_PER_ACCOUNT: '1', IMAP_POOL_WAIT_MS: '20000' } });
  try {
    const bearer = await joseToken(capped);
    const mark = logSize();
    const results = await Promise.all(Array.from({ length: 4 }, () => call(capped, bearer, 'list_mailboxes')));
    assert.ok(results.every((r) => r.ok), JSON.stringify(results));
    assert.equal(logins(logSince(mark)).length, 1);
  } finally {
    await capped.stop();
  }
});

test('idle sessions are logged out after IMAP_POOL_IDLE_SECONDS, and SIGTERM logs out the rest', async () => {
  const idle = await startServer({ env: { IMAP_POOL_IDLE_SECONDS: '1' } });
  const bearer = await joseToken(idle);
  let mark = logSize();
  await ok(idle, bearer, 'list_mailboxes', {});
  const [expiring] = logins(logSince(mark));
  await sleep(300);
  assert.equal(ending(logSince(mark), expiring), undefined); // still pooled
  assert.ok(await eventually(() => ending(logSince(mark), expiring) === 'logout', 4000), 'idle session logged out');
  await idle.stop();

  const busy = await startServer();
  const busyToken = await joseToken(busy);
  mark = logSize();
  // Three at once: three sessions (the per-account cap), all idle in the pool afterwards.
  await Promise.all(Array.from({ length: 3 }, () => ok(busy, busyToken, 'list_mailboxes', {})));
  const pooled = logins(logSince(mark));
  assert.equal(pooled.length, 3);
  const { code } = await busy.stop('SIGTERM');
  assert.equal(code, 0);
  assert.match(busy.logs().stderr, /logged out 3 pooled IMAP session\(s\)/);
  assert.ok(await eventually(() => pooled.every((id) => ending(logSince(mark), id) === 'logout')),
    `every pooled session logged out: ${logSince(mark)}`);
});

test('certificates are still verified against SSL_CERT_FILE, which is parsed once and shared', async () => {
  // Debian's bundle without the test peers' CA refuses the server.
  const strict = await startServer({ env: { SSL_CERT_FILE: '/etc/ssl/certs/ca-certificates.crt' } });
  try {
    const r = await call(strict, await joseToken(strict), 'list_mailboxes');
    assert.equal(r.ok, false);
    assert.match(r.error, /^IMAP: TLS certificate of 127\.0\.0\.1 could not be verified/);
  } finally {
    await strict.stop();
  }
  // A file that does not exist stops start-up, naming the setting (issue 19, item 5).
  await assert.rejects(startServer({ env: { SSL_CERT_FILE: '/nonexistent/ca.pem' } }), /SSL_CERT_FILE: cannot read/);
});

test('the login form leaves its IMAP session for the first tool call', async () => {
  const fresh = await startServer();
  try {
    const provider = new HeadlessProvider({ clientId: fresh.clientId, clientSecret: fresh.clientSecret });
    const mark = logSize();
    const client = await connectWithOAuth(fresh.mcpUrl, provider);
    const r = await client.callTool({ name: 'list_mailboxes', arguments: {} });
    assert.equal(r.isError ?? false, false);
    await client.close();
    assert.equal(logins(logSince(mark)).length, 1, 'the login check and the first call share one IMAP login');
  } finally {
    await fresh.stop();
  }
});

