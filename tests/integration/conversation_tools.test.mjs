// get_mail_thread and forward_mail_message through the real MCP SDK clients (both protocol revisions):
// a conversation built from real replies (sent with our own send_mail_message through Exim into
// Dovecot, so it spans INBOX and Sent), and forwards read back by an independent parser (mailparser).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { simpleParser } from 'mailparser';
import { startServer } from './lib/server.mjs';
import { joseToken } from './lib/tokens.mjs';
import { connectWithToken, SDK_V2 } from './lib/sdk_client.mjs';
import { appendMessages, fetchRaw, inspectImap } from './lib/mailbox.mjs';
import { callTool as call, toolOk as ok, deliveredUid } from './lib/tool_calls.mjs';

let server, client, client2;
const run = crypto.randomBytes(3).toString('hex');

before(async () => {
  server = await startServer();
  const token = await joseToken(server);
  client = await connectWithToken(server.mcpUrl, token);
  client2 = await connectWithToken(server.mcpUrl, token, SDK_V2); // MCP 2026-07-28
});
after(async () => { await client?.close(); await client2?.close(); await server?.stop(); });

test('a thread spanning INBOX and Sent, built from real replies, comes back oldest first', async () => {
  const tag = `Conversation ${run}`;
  // Someone writes to the user; the user replies (the reply then exists only in Sent: Exim's
  // catch-all delivers every address to this mailbox, so its INBOX copy is deleted), the other side
  // answers that reply; an unrelated message must stay out.
  const first = await ok(client, 'send_mail_message', { to: 'test@example.test', subject: tag, text_body: 'first' });
  const u1 = await deliveredUid(client, tag);
  const reply1 = await ok(client, 'send_mail_message', { to: 'someone@example.test', subject: '', text_body: 'reply one', reply_to: { folder: 'INBOX', uid: u1 } });
  await ok(client, 'delete_mail_message', { folder: 'INBOX', uid: await deliveredUid(client, `Re: ${tag}`) });
  const reply2 = await ok(client2, 'send_mail_message', { to: 'test@example.test', subject: '', text_body: 'reply two', reply_to: { folder: 'Sent', uid: reply1.sent_uid } });
  assert.equal((await deliveredUid(client, `Re: ${tag}`)) > u1, true);
  await ok(client, 'send_mail_message', { to: 'test@example.test', subject: `Unrelated ${run}`, text_body: 'other' });
  await deliveredUid(client, `Unrelated ${run}`);

  for (const c of [client, client2]) {
    const t = await ok(c, 'get_mail_thread', { folder: 'INBOX', uid: u1 });
    assert.equal(t.truncated, false);
    assert.equal(t.method, 'thread_references');
    const ids = t.messages.map((m) => m.message_id);
    // first (INBOX), reply one (only in Sent), reply two (in INBOX and Sent: listed once)
    assert.deepEqual([...new Set(ids)], ids, 'no message twice');
    assert.deepEqual(ids, [first.message_id, reply1.message_id, reply2.message_id]);
    assert.equal(t.messages[1].folder, 'Sent');
    assert.ok(t.folders_searched.includes('Sent'));
    for (const m of t.messages) assert.ok(!m.subject.includes('Unrelated'));
  }
  // From the Sent side, the same conversation.
  const fromSent = await ok(client, 'get_mail_thread', { folder: 'Sent', uid: reply1.sent_uid });
  assert.deepEqual(fromSent.messages.map((m) => m.message_id), [first.message_id, reply1.message_id, reply2.message_id]);
  const limited = await ok(client, 'get_mail_thread', { folder: 'INBOX', uid: u1, limit: 2 });
  assert.equal(limited.truncated, true);
  assert.deepEqual(limited.messages.map((m) => m.message_id), [reply1.message_id, reply2.message_id]);
  const missing = await call(client, 'get_mail_thread', { folder: 'INBOX', uid: 4000000000 });
  assert.equal(missing.isError, true);
});

/** A message with a text body and two attachments (one binary), as a mail client would send it. */
function withAttachments(tag, pdf, csv) {
  const b = `b-${run}`;
  return Buffer.concat([Buffer.from(
    `Message-ID: <orig-${run}@example.test>\r\nReferences: <root-${run}@example.test>\r\nDate: Mon, 06 Jan 2025 10:00:00 +0000\r\n` +
    `From: Invoicer <billing@example.test>\r\nTo: test@example.test\r\nCc: boss@example.test\r\nSubject: ${tag}\r\nMIME-Version: 1.0\r\n` +
    `Content-Type: multipart/mixed; boundary="${b}"\r\n\r\n--${b}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
    `Content-Transfer-Encoding: 8bit\r\n\r\nInvoice attached — 42 €.\r\n--${b}\r\nContent-Type: application/pdf; name="invoice.pdf"\r\n` +
    `Content-Disposition: attachment; filename="invoice.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n` +
    `${pdf.toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n--${b}\r\nContent-Type: text/csv; charset=utf-8; name="Übersicht.csv"\r\n` +
    `Content-Disposition: attachment; filename*=utf-8''%C3%9Cbersicht.csv\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n` +
    `${csv}\r\n--${b}--\r\n`)]);
}

test('forward with two attachments: read back byte-identical, Fwd: subject, quoted headers, References, Sent copy, $Forwarded', async () => {
  const tag = `Invoice ${run}`;
  const pdf = crypto.randomBytes(30000);
  const csv = 'a;b\r\n1;2';
  const [uid] = appendMessages('INBOX', [withAttachments(tag, pdf, csv)]);
  const r = await ok(client2, 'forward_mail_message', { folder: 'INBOX', uid, to: 'accounting@example.test', cc: ['test@example.test'], text_body: 'Please pay this.' });
  assert.equal(r.attachments, 2);
  assert.equal(r.marked_forwarded, true);
  assert.equal(r.sent_folder, 'Sent');
  assert.deepEqual([...r.accepted].sort(), ['accounting@example.test', 'test@example.test']);
  const got = await deliveredUid(client, `Fwd: ${tag}`);
  const parsed = await simpleParser(fetchRaw('INBOX', got));
  assert.equal(parsed.subject, `Fwd: ${tag}`);
  assert.match(parsed.text, /^Please pay this\./);
  assert.match(parsed.text, /Forwarded message/);
  assert.match(parsed.text, /From: Invoicer <billing@example\.test>/);
  assert.match(parsed.text, /Cc: boss@example\.test/);
  assert.match(parsed.text, /Invoice attached — 42 €\./);
  assert.deepEqual(parsed.references, [`<root-${run}@example.test>`, `<orig-${run}@example.test>`]);
  assert.equal(parsed.attachments.length, 2);
  const [a, b] = parsed.attachments;
  assert.equal(a.filename, 'invoice.pdf');
  assert.equal(a.contentType, 'application/pdf');
  assert.ok(Buffer.compare(a.content, pdf) === 0, 'pdf byte-identical');
  assert.equal(b.filename, 'Übersicht.csv');
  assert.equal(b.content.toString('utf8'), csv);
  // The original is marked $Forwarded (checked with imaplib) and the Sent copy is the sent message.
  assert.match(inspectImap('uids', ['INBOX']).flags[uid], /\$Forwarded/);
  const copy = await simpleParser(fetchRaw('Sent', r.sent_uid));
  assert.equal(copy.messageId, r.message_id);
});

test('forward as_attachment: the original travels unchanged as message/rfc822', async () => {
  const tag = `Attached ${run}`;
  const original = withAttachments(tag, crypto.randomBytes(2000), 'x;y');
  const [uid] = appendMessages('INBOX', [original]);
  const r = await ok(client, 'forward_mail_message', { folder: 'INBOX', uid, to: 'test@example.test', text_body: 'FYI', as_attachment: true });
  assert.equal(r.attachments, 1);
  const got = await deliveredUid(client, `Fwd: ${tag}`);
  const raw = fetchRaw('INBOX', got);
  assert.ok(raw.includes(original), 'the original bytes are inside, unchanged');
  const parsed = await simpleParser(raw);
  assert.equal(parsed.text.trim(), 'FYI');
  assert.equal(parsed.attachments.length, 1);
  assert.equal(parsed.attachments[0].contentType, 'message/rfc822');
  assert.ok(Buffer.compare(parsed.attachments[0].content, original) === 0);
  // Forwarding a forward does not stack prefixes; a missing message sends nothing.
  const again = await ok(client, 'forward_mail_message', { folder: 'INBOX', uid: got, to: 'test@example.test' });
  const twice = await simpleParser(fetchRaw('Sent', again.sent_uid));
  assert.equal(twice.subject, `Fwd: ${tag}`);
  const missing = await call(client, 'forward_mail_message', { folder: 'INBOX', uid: 4000000000, to: 'test@example.test' });
  assert.equal(missing.isError, true);
  assert.match(missing.content[0].text, /nothing was sent/);
});
