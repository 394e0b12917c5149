// Bulk move/delete/flags, folder management and folder counts through the real MCP SDK clients (both
// protocol revisions) against Dovecot; what changed is checked with Python's imaplib, an IMAP client
// independent of ours.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startServer } from './lib/server.mjs';
import { joseToken } from './lib/tokens.mjs';
import { connectWithToken, SDK_V2 } from './lib/sdk_client.mjs';
import { appendMessages, inspectImap, simpleMessage } from './lib/mailbox.mjs';
import { callTool as call, toolOk as ok } from './lib/tool_calls.mjs';
import { startFakeImap } from './lib/fake_upstreams.mjs';

let server, client, client2;
const run = crypto.randomBytes(3).toString('hex');

before(async () => {
  server = await startServer();
  const token = await joseToken(server);
  client = await connectWithToken(server.mcpUrl, token);
  client2 = await connectWithToken(server.mcpUrl, token, SDK_V2); // MCP 2026-07-28
});
after(async () => { await client?.close(); await client2?.close(); await server?.stop(); });

const messages = (n, tag) => Array.from({ length: n }, (_, i) => simpleMessage(i, `${tag} ${i}`));

test('the new tools are listed in both revisions with schemas and honest annotations', async () => {
  for (const c of [client, client2]) {
    const { tools } = await c.listTools();
    const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
    for (const name of ['get_mail_thread', 'forward_mail_message', 'create_mailbox', 'rename_mailbox', 'delete_mailbox']) {
      assert.ok(byName[name], name);
      assert.equal(byName[name].inputSchema.type, 'object');
      assert.equal(byName[name].outputSchema.type, 'object');
    }
    assert.equal(byName.get_mail_thread.annotations.readOnlyHint, true);
    assert.equal(byName.forward_mail_message.annotations.openWorldHint, true);
    assert.equal(byName.delete_mailbox.annotations.destructiveHint, true);
    assert.equal(byName.create_mailbox.annotations.destructiveHint, false);
    assert.ok(byName.move_mail_message.inputSchema.properties.uids);
  }
});

test('bulk move of 500 messages in one call moves exactly those, with their new uids', async () => {
  const src = `BulkSrc-${run}`, dst = `BulkDst-${run}`;
  const uids = appendMessages(src, messages(510, `bulk ${run}`));
  await ok(client, 'create_mailbox', { name: dst });
  const before = inspectImap('uids', [src]);
  const moving = uids.slice(5, 505); // 500, leaving 5 at each end
  const r = await ok(client, 'move_mail_message', { folder: src, uids: moving, destination: dst });
  assert.equal(r.method, 'move');
  assert.equal(r.moved, 500);
  assert.equal(r.missing, 0);
  assert.equal(r.results.length, 500);

  const left = inspectImap('uids', [src]);
  assert.deepEqual(left.uids, [...uids.slice(0, 5), ...uids.slice(505)]);
  const there = inspectImap('uids', [dst]);
  assert.equal(there.uids.length, 500);
  // Every result's new uid holds the very message that was moved.
  for (const { uid, status, new_uid } of r.results) {
    assert.equal(status, 'moved');
    assert.equal(there.message_ids[new_uid], before.message_ids[uid], `uid ${uid} -> ${new_uid}`);
  }
});

test('bulk delete of a set with a missing uid: the rest deleted, the missing one reported, others untouched', async () => {
  const f = `BulkDel-${run}`;
  const uids = appendMessages(f, messages(6, `del ${run}`));
  // A message someone else marked \Deleted must survive (no mailbox-wide EXPUNGE).
  await ok(client, 'update_mail_message_flags', { folder: f, uid: uids[5], add: ['\\Deleted'] });
  const missing = uids[5] + 1000;
  const r = await ok(client2, 'delete_mail_message', { folder: f, uids: [uids[0], uids[2], uids[3], missing] });
  assert.equal(r.method, 'expunged');
  assert.equal(r.deleted_count, 3);
  assert.equal(r.missing, 1);
  assert.equal(r.failed, 0);
  assert.deepEqual(r.results.find((x) => x.uid === missing).status, 'missing');
  assert.deepEqual(inspectImap('uids', [f]).uids, [uids[1], uids[4], uids[5]]);
  // A single missing uid is still an error, as before.
  const one = await call(client, 'delete_mail_message', { folder: f, uid: missing });
  assert.equal(one.isError, true);
  const both = await call(client, 'delete_mail_message', { folder: f, uid: uids[1], uids: [uids[1]] });
  assert.equal(both.isError, true);
});

test('bulk flags: one call flags many, per-uid flags back, missing reported', async () => {
  const f = `BulkFlags-${run}`;
  const uids = appendMessages(f, messages(4, `flags ${run}`));
  const r = await ok(client, 'update_mail_message_flags', { folder: f, uids: [...uids.slice(0, 3), 999999], add: ['\\Seen', '$Project'] });
  assert.equal(r.updated, 3);
  assert.equal(r.missing, 1);
  for (const x of r.results.filter((x) => x.status === 'updated')) assert.ok(x.flags.includes('\\Seen') && x.flags.includes('$Project'));
  const seen = inspectImap('uids', [f]).flags;
  for (const u of uids.slice(0, 3)) assert.match(seen[u], /\\Seen/);
  assert.doesNotMatch(seen[uids[3]], /\\Seen/);
  const bulkMissing = await ok(client, 'move_mail_message', { folder: f, uids: [999998], destination: 'Archive' });
  assert.equal(bulkMissing.moved, 0);
  assert.equal(bulkMissing.missing, 1);
});

// The server's answer to a STORE without .SILENT is the resulting flags (RFC 3501 6.4.6): reading
// them back with another FETCH cost a round trip (40 ms to a remote server) per call. A fake server
// counts the commands; messages 1 and 2 are there, 9 is not.
test('bulk flags read the resulting flags from the STORE itself: one FETCH, one STORE per direction, none after', async () => {
  const imap = await startFakeImap({
    faultOn: / UID (FETCH|STORE) /i,
    fault: (socket, tag, line) => {
      const flags = / STORE /i.test(line) ? (/ -FLAGS/i.test(line) ? '(\\Seen)' : '(\\Seen \\Flagged)') : '(\\Seen)';
      if (/ STORE /i.test(line) && /\.SILENT/i.test(line)) return socket.write(`${tag} OK done\r\n`);
      socket.write(`* 1 FETCH (UID 1 FLAGS ${flags})\r\n* 2 FETCH (UID 2 FLAGS ${flags})\r\n${tag} OK done\r\n`);
    },
  });
  try {
    const token = await joseToken(server, { imap_port: imap.port, imap_ssl: true });
    const c = await connectWithToken(server.mcpUrl, token);
    try {
      const added = await ok(c, 'update_mail_message_flags', { folder: 'INBOX', uids: [1, 2, 9], add: ['\\Flagged'] });
      assert.deepEqual(added.results.map((x) => [x.uid, x.status, x.flags]),
        [[1, 'updated', ['\\Seen', '\\Flagged']], [2, 'updated', ['\\Seen', '\\Flagged']], [9, 'missing', undefined]]);
      const both = await ok(c, 'update_mail_message_flags', { folder: 'INBOX', uid: 2, add: ['$Done'], remove: ['\\Flagged'] });
      assert.deepEqual(both.flags, ['\\Seen']);
    } finally { await c.close(); }
    const sent = imap.commands.map((l) => l.replace(/^\S+ /, '')).filter((l) => /^UID (FETCH|STORE)/i.test(l));
    assert.deepEqual(sent, [
      'UID FETCH 1:2,9 (UID FLAGS)', 'UID STORE 1:2 +FLAGS (\\Flagged)',
      'UID FETCH 2 (UID FLAGS)', 'UID STORE 2 +FLAGS.SILENT ($Done)', 'UID STORE 2 -FLAGS (\\Flagged)',
    ]);
  } finally { await imap.close(); }
});

test('folders: create, rename, delete round trip keeps subscriptions consistent', async () => {
  const a = `Proj-${run}`, b = `Renamed-${run}`;
  await ok(client, 'create_mailbox', { name: a });
  const created = await ok(client, 'create_mailbox', { name: `${a}/Sub` });
  assert.equal(created.subscribed, true);
  let seen = inspectImap('list');
  assert.ok(seen.all.includes(`${a}/Sub`) && seen.subscribed.includes(`${a}/Sub`));
  const again = await call(client, 'create_mailbox', { name: `${a}/Sub` });
  assert.equal(again.isError, true);

  const r = await ok(client2, 'rename_mailbox', { folder: a, new_name: b });
  assert.equal(r.renamed, true);
  seen = inspectImap('list');
  assert.ok(seen.all.includes(`${b}/Sub`), seen.all.join());
  assert.ok(!seen.all.includes(`${a}/Sub`));
  assert.ok(seen.subscribed.includes(`${b}/Sub`), seen.subscribed.join());
  assert.ok(!seen.subscribed.includes(`${a}/Sub`), seen.subscribed.join());

  appendMessages(`${b}/Sub`, messages(2, `in sub ${run}`));
  const parent = await call(client, 'delete_mailbox', { folder: b });
  assert.equal(parent.isError, true);
  assert.match(parent.content[0].text, /subfolders/);
  const unconfirmed = await call(client, 'delete_mailbox', { folder: `${b}/Sub` });
  assert.equal(unconfirmed.isError, true);
  assert.match(unconfirmed.content[0].text, /confirm_message_count: 2/);
  const wrong = await call(client, 'delete_mailbox', { folder: `${b}/Sub`, confirm_message_count: 3 });
  assert.equal(wrong.isError, true);
  assert.ok(inspectImap('list').all.includes(`${b}/Sub`), 'nothing deleted without the right count');
  const d = await ok(client, 'delete_mailbox', { folder: `${b}/Sub`, confirm_message_count: 2 });
  assert.equal(d.messages_deleted, 2);
  await ok(client, 'delete_mailbox', { folder: b });
  seen = inspectImap('list');
  assert.ok(!seen.all.some((n) => n.startsWith(b)), seen.all.join());
  assert.ok(!seen.subscribed.some((n) => n.startsWith(b)), seen.subscribed.join());
});

test('folders: INBOX and special-use folders are refused', async () => {
  for (const folder of ['INBOX', 'inbox', 'Sent', 'Trash', 'Drafts', 'Archive', 'Junk']) {
    const del = await call(client, 'delete_mailbox', { folder, confirm_message_count: 0 });
    assert.equal(del.isError, true, folder);
    const ren = await call(client, 'rename_mailbox', { folder, new_name: `X-${run}-${folder}` });
    assert.equal(ren.isError, true, folder);
  }
  const missing = await call(client, 'delete_mailbox', { folder: `Nope-${run}` });
  assert.equal(missing.isError, true);
  const seen = inspectImap('list');
  for (const f of ['INBOX', 'Sent', 'Trash', 'Drafts', 'Archive', 'Junk']) assert.ok(seen.all.includes(f), f);
});

test('list_mailboxes counts match STATUS (LIST-STATUS), and stay off unless asked', async () => {
  const f = `Counts-${run}`;
  const uids = appendMessages(f, messages(7, `count ${run}`));
  await ok(client, 'update_mail_message_flags', { folder: f, uids: uids.slice(0, 3), add: ['\\Seen'] });
  const plain = await ok(client, 'list_mailboxes', {});
  assert.equal(plain.mailboxes[0].messages, undefined);
  for (const c of [client, client2]) {
    const r = await ok(c, 'list_mailboxes', { counts: true });
    assert.equal(r.counts_complete, true);
    const names = r.mailboxes.filter((m) => m.selectable && /^[\x20-\x7e]+$/.test(m.name)).map((m) => m.name);
    const status = inspectImap('status', names);
    for (const m of r.mailboxes.filter((m) => names.includes(m.name)))
      assert.deepEqual({ messages: m.messages, unseen: m.unseen }, status[m.name], m.name);
    const mine = r.mailboxes.find((m) => m.name === f);
    assert.deepEqual([mine.messages, mine.unseen], [7, 4]);
  }
});
