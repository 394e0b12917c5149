// send_mail_message and create_draft_mail_message through the real MCP SDK client: Exim submission
// delivers into Dovecot, and the delivered bytes are checked with an independent parser (mailparser).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { simpleParser } from 'mailparser';
import { startServer } from './lib/server.mjs';
import { joseToken } from './lib/tokens.mjs';
import { connectWithToken } from './lib/sdk_client.mjs';
import { fetchRaw } from './lib/mailbox.mjs';
import { callTool as call, toolOk as ok, deliveredUid } from './lib/tool_calls.mjs';

let server, client;
const run = crypto.randomBytes(3).toString('hex');

before(async () => {
  server = await startServer();
  client = await connectWithToken(server.mcpUrl, await joseToken(server, { full_name: 'Tëst Üser' }));
});
after(async () => { await client?.close(); await server?.stop(); });

const delivered = (subjectTag) => deliveredUid(client, subjectTag);

test('send: non-ASCII subject, names and body with an HTML alternative; Bcc never in the headers', async () => {
  const tag = `Grüße ${run} 日本`;
  const r = await ok(client, 'send_mail_message', {
    to: [{ name: 'Zoë Recipient', address: 'zoe@example.test' }], cc: 'Carl Cc <carl@example.test>, dave@example.test',
    bcc: ['secret-bcc@example.test'], subject: tag, text_body: 'Hallo Welt — ünïcödé text.\nSecond line.',
    html_body: '<p>Hallo <b>Welt</b> — ünïcödé</p>',
  });
  assert.match(r.message_id, /^<[^@\s]+@example\.test>$/);
  assert.deepEqual([...r.accepted].sort(), ['carl@example.test', 'dave@example.test', 'secret-bcc@example.test', 'zoe@example.test']);
  assert.equal(r.sent_folder, 'Sent');
  assert.ok(r.sent_uid > 0);

  const uid = await delivered(tag);
  const raw = fetchRaw('INBOX', uid);
  assert.ok(!/^bcc:/im.test(raw.toString('latin1').split('\r\n\r\n')[0]), 'no Bcc header');
  assert.ok(!raw.toString('latin1').includes('secret-bcc'), 'bcc address nowhere in the message');
  const parsed = await simpleParser(raw);
  assert.equal(parsed.subject, tag);
  assert.equal(parsed.from.value[0].name, 'Tëst Üser');
  assert.equal(parsed.to.value[0].name, 'Zoë Recipient');
  assert.deepEqual(parsed.cc.value.map((a) => a.address), ['carl@example.test', 'dave@example.test']);
  assert.equal(parsed.text.trim(), 'Hallo Welt — ünïcödé text.\nSecond line.');
  assert.equal(parsed.html.trim(), '<p>Hallo <b>Welt</b> — ünïcödé</p>');
  assert.equal(parsed.messageId, r.message_id);

  // Our own parser reads the same thing. A mail client shows the HTML alternative (the last one),
  // so that is the text a reader gets, rendered; the HTML itself is the one sent.
  const ours = await ok(client, 'get_mail_message', { folder: 'INBOX', uid });
  assert.equal(ours.subject, tag);
  assert.equal(ours.text_body, 'Hallo Welt — ünïcödé');
  assert.equal(ours.text_from_html, true);
  assert.equal(ours.html_body.trim(), parsed.html.trim());
  assert.deepEqual(ours.bcc, []);
  const copy = await ok(client, 'get_mail_message', { folder: 'Sent', uid: r.sent_uid });
  assert.equal(copy.subject, tag);
  assert.ok(copy.flags.includes('\\Seen'));
});

test('reply threading: In-Reply-To, References, Re: subject and \\Answered on the original', async () => {
  const tag = `Thread ${run}`;
  await ok(client, 'send_mail_message', { to: 'test@example.test', subject: tag, text_body: 'original' });
  const origUid = await delivered(tag);
  const orig = await ok(client, 'get_mail_message', { folder: 'INBOX', uid: origUid });
  const r = await ok(client, 'send_mail_message', { to: 'test@example.test', subject: tag, text_body: 'the reply',
    reply_to: { folder: 'INBOX', uid: origUid } });
  let replyUid;
  for (let i = 0; i < 100 && !replyUid; i++) {
    const s = await ok(client, 'search_mail_messages', { folder: 'INBOX', subject: `Re: ${tag}` });
    if (s.count) replyUid = s.uids[0]; else await new Promise((res) => setTimeout(res, 100));
  }
  const reply = await ok(client, 'get_mail_message', { folder: 'INBOX', uid: replyUid });
  assert.equal(reply.subject, `Re: ${tag}`);
  assert.equal(reply.in_reply_to, orig.message_id);
  assert.ok(reply.references.includes(orig.message_id));
  assert.equal(reply.message_id, r.message_id);
  const after = await ok(client, 'get_mail_message', { folder: 'INBOX', uid: origUid });
  assert.ok(after.flags.includes('\\Answered'));
  // Replying to a reply keeps "Re: " single.
  await ok(client, 'send_mail_message', { to: 'test@example.test', subject: reply.subject, text_body: 'again',
    reply_to: { folder: 'INBOX', uid: replyUid } });
});

test('SMTP failures are clear errors and leave no Sent copy', async () => {
  const sentBefore = (await ok(client, 'list_mail_messages', { folder: 'Sent' })).total;
  for (const claims of [{ smtp_password: 'wrong' }, { smtp_port: 1 }]) {
    const c = await connectWithToken(server.mcpUrl, await joseToken(server, claims));
    try {
      const r = await call(c, 'send_mail_message', { to: 'test@example.test', subject: `fail ${run}`, text_body: 'x' });
      assert.equal(r.isError, true, JSON.stringify(claims));
      assert.match(r.content[0].text, /^SMTP: .*not sent/);
    } finally { await c.close(); }
  }
  assert.equal((await ok(client, 'list_mail_messages', { folder: 'Sent' })).total, sentBefore);
});

test('header injection in any field is refused before anything is sent', async () => {
  const cases = [
    { to: 'a@example.test\r\nBcc: victim@example.test', subject: 's' },
    { to: 'a@example.test', subject: 'hi\r\nBcc: victim@example.test' },
    { to: [{ name: 'x\r\nBcc: v@example.test', address: 'a@example.test' }], subject: 's' },
    { to: 'a@example.test', cc: 'b@example.test\nX-Evil: 1', subject: 's' },
    { to: 'not an address', subject: 's' },
    { to: 'a@example.test', subject: 's', attachment_urls: ['http://169.254.169.254/latest'] },
  ];
  for (const args of cases) {
    let failed = false;
    try { failed = (await call(client, 'send_mail_message', { text_body: 'x', ...args })).isError === true; } catch { failed = true; }
    assert.ok(failed, JSON.stringify(args));
  }
});

test('drafts go to Drafts with \\Draft, threaded when replying', async () => {
  const r = await ok(client, 'create_draft_mail_message', { to: 'someone@example.test', subject: `Draft ${run}`, text_body: 'draft body' });
  assert.equal(r.folder, 'Drafts');
  assert.ok(r.uid > 0);
  const d = await ok(client, 'get_mail_message', { folder: 'Drafts', uid: r.uid });
  assert.equal(d.subject, `Draft ${run}`);
  assert.ok(d.flags.includes('\\Draft'));
  assert.equal(d.text_body.trim(), 'draft body');
  const empty = await ok(client, 'create_draft_mail_message', { subject: `Empty draft ${run}` });
  assert.ok(empty.uid > 0);
});
