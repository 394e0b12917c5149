// delete_mail_message, move_mail_message and update_mail_message_flags through the real MCP SDK client
// against Dovecot: each touches exactly the message it was asked to touch, with and without MOVE.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startServer } from './lib/server.mjs';
import { joseToken } from './lib/tokens.mjs';
import { connectWithToken } from './lib/sdk_client.mjs';
import { appendMessages, simpleMessage } from './lib/mailbox.mjs';
import { IMAP_NO_MOVE, PEERS_DIR, SCRIPTS_DIR } from './lib/peers.mjs';
import { callTool as call, toolOk as ok } from './lib/tool_calls.mjs';

let server, client;
const run = crypto.randomBytes(3).toString('hex');
const W = `Write-${run}`;

before(async () => {
  server = await startServer();
  client = await connectWithToken(server.mcpUrl, await joseToken(server));
});
after(async () => { await client?.close(); await server?.stop(); });

const uidsIn = async (c, folder) => (await ok(c, 'list_mail_messages', { folder, per_page: 100 })).messages.map((m) => m.uid);

test('write tools are listed with honest annotations', async () => {
  const { tools } = await client.listTools();
  const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
  assert.equal(byName.delete_mail_message.annotations.destructiveHint, true);
  assert.equal(byName.move_mail_message.annotations.readOnlyHint, false);
  assert.equal(byName.update_mail_message_flags.annotations.idempotentHint, true);
});

test('flags round trip: add, remove, keywords; bad flags refused', async () => {
  const [uid] = appendMessages(W, [simpleMessage(1, 'flags')]);
  let r = await ok(client, 'update_mail_message_flags', { folder: W, uid, add: ['\\flagged', '$Label1', '\\Seen'] });
  assert.ok(r.flags.includes('\\Flagged') && r.flags.includes('$Label1') && r.flags.includes('\\Seen'), r.flags.join());
  r = await ok(client, 'update_mail_message_flags', { folder: W, uid, remove: ['\\Flagged'] });
  assert.ok(!r.flags.includes('\\Flagged'));
  assert.ok(r.flags.includes('$Label1'));
  for (const add of [['\\Recent'], ['\\Bogus'], ['bad(flag'], ['a b'], ['x\r\ny']]) {
    const bad = await call(client, 'update_mail_message_flags', { folder: W, uid, add });
    assert.equal(bad.isError, true, JSON.stringify(add));
  }
  const both = await call(client, 'update_mail_message_flags', { folder: W, uid, add: ['\\Seen'], remove: ['\\Seen'] });
  assert.equal(both.isError, true);
});

test('a NUL (or any control byte) inside a system flag is refused, not cut off and applied', async () => {
  const [uid] = appendMessages(W, [simpleMessage(9, 'nul flag')]);
  for (const flag of ['\\Deleted\u0000X', '\\Seen\u0000', '\\Flagged\u007f', '$Junk\u0000']) {
    const bad = await call(client, 'update_mail_message_flags', { folder: W, uid, add: [flag] });
    assert.equal(bad.isError, true, JSON.stringify(flag));
    assert.match(bad.content[0].text, /control character/, JSON.stringify(flag));
  }
  const [m] = (await ok(client, 'list_mail_messages', { folder: W, per_page: 100 })).messages.filter((x) => x.uid === uid);
  assert.deepEqual(m.flags.filter((f) => f !== '\\Recent'), [], 'nothing was set');
  assert.ok((await uidsIn(client, W)).includes(uid));
});

test('deleting one of two \\Deleted-marked messages leaves the other alone', async () => {
  const [a, b, c] = appendMessages(W, [simpleMessage(2, 'del a'), simpleMessage(3, 'del b'), simpleMessage(4, 'keep c')]);
  await ok(client, 'update_mail_message_flags', { folder: W, uid: b, add: ['\\Deleted'] });
  await ok(client, 'update_mail_message_flags', { folder: W, uid: a, add: ['\\Deleted'] });
  const r = await ok(client, 'delete_mail_message', { folder: W, uid: a });
  assert.equal(r.method, 'expunged');
  const left = await uidsIn(client, W);
  assert.ok(!left.includes(a));
  assert.ok(left.includes(b), 'the other \\Deleted message survives');
  assert.ok(left.includes(c));
  const again = await call(client, 'delete_mail_message', { folder: W, uid: a });
  assert.equal(again.isError, true);
  assert.match(again.content[0].text, /not found/i);
});

test('move returns the new uid; a missing destination changes nothing', async () => {
  const [uid] = appendMessages(W, [simpleMessage(5, `move me ${run}`)]);
  const r = await ok(client, 'move_mail_message', { folder: W, uid, destination: 'Archive' });
  assert.equal(r.method, 'move');
  assert.ok(r.new_uid > 0);
  assert.ok(!(await uidsIn(client, W)).includes(uid));
  const moved = await ok(client, 'get_mail_message', { folder: 'Archive', uid: r.new_uid });
  assert.equal(moved.subject, `move me ${run}`);
  const [uid2] = appendMessages(W, [simpleMessage(6, 'stays')]);
  const bad = await call(client, 'move_mail_message', { folder: W, uid: uid2, destination: `Nope-${run}` });
  assert.equal(bad.isError, true);
  assert.match(bad.content[0].text, /does not exist/);
  assert.ok((await uidsIn(client, W)).includes(uid2));
});

test('without MOVE: copy + \\Deleted + UID EXPUNGE of that uid only', async () => {
  const dir = path.join(PEERS_DIR, 'dovecot-nomove');
  const env = { ...process.env, DOVECOT_HIDE_MOVE: '1', TLS_DIR: path.join(PEERS_DIR, 'tls'), IMAP_PORT: String(IMAP_NO_MOVE.starttlsPort),
    IMAPS_PORT: String(IMAP_NO_MOVE.tlsPort), LMTP_PORT: String(IMAP_NO_MOVE.lmtpPort) };
  const started = spawnSync(path.join(SCRIPTS_DIR, 'start-dovecot'), [dir], { env, encoding: 'utf8' });
  assert.equal(started.status, 0, started.stderr);
  const s2 = await startServer({ imapPort: IMAP_NO_MOVE.tlsPort });
  const c2 = await connectWithToken(s2.mcpUrl, await joseToken(s2, { imap_port: IMAP_NO_MOVE.tlsPort }));
  try {
    const F = `NoMove-${run}`;
    const [a, b] = appendMessages(F, [simpleMessage(7, 'move a'), simpleMessage(8, 'marked b')], IMAP_NO_MOVE.tlsPort);
    await ok(c2, 'update_mail_message_flags', { folder: F, uid: b, add: ['\\Deleted'] });
    const r = await ok(c2, 'move_mail_message', { folder: F, uid: a, destination: 'Archive' });
    assert.equal(r.method, 'copy_expunge');
    assert.ok(r.new_uid > 0);
    const left = await uidsIn(c2, F);
    assert.deepEqual(left, [b], 'only the moved message left; the other \\Deleted one survives');
    assert.equal((await ok(c2, 'get_mail_message', { folder: 'Archive', uid: r.new_uid })).subject, 'move a');
  } finally {
    await c2.close();
    await s2.stop();
    spawnSync(path.join(SCRIPTS_DIR, 'stop'), [dir], { encoding: 'utf8' });
  }
});
