// The FROM-scratch image, proven without a Docker engine: the files Dockerfile.scratch's final stage
// copies are laid into an empty folder, and the image's command runs there as its unprivileged uid
// (unshare: own pid + mount namespaces, that folder as `/`), with nothing else on disk. Then the whole
// user journey runs against it and the real peers: OAuth login with the MCP SDK, list, read a message
// with an attachment, download the attachment link, send (plain, and with that link attached).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { BINARY, freshKey, parseGenerated } from './lib/binary.mjs';
import { DOCKERFILE, parseFinalStage, assembleRoot, listTree, runInRoot, startImage, userOf } from './lib/image_root.mjs';
import { HeadlessProvider, connectWithOAuth } from './lib/sdk_client.mjs';
import { freePort } from './lib/server.mjs';
import { appendMessages, fetchRaw } from './lib/mailbox.mjs';
import { CA_PATH, IMAP, SMTP, USER } from './lib/peers.mjs';
import { toolOk, deliveredUid } from './lib/tool_calls.mjs';

const isRoot = process.getuid?.() === 0;
const run = crypto.randomBytes(3).toString('hex');
const FOLDER = `BareRoot-${run}`;

// What the image holds, nothing more: a change to the final stage must show up here.
const IMAGE_TREE = ['data/', 'data/attachments/', 'etc/', 'etc/group', 'etc/passwd', 'etc/ssl/', 'etc/ssl/certs/',
  'etc/ssl/certs/ca-certificates.crt', 'mail_mcp'];

let stage, root, builderData, server, client, initialTree;
const key = freshKey();
const attachment = { filename: 'quarterly-report.pdf', content_type: 'application/pdf', bytes: crypto.randomBytes(150_000) };
let appendedUid, attachmentUrl;

/**
 * Stands in for paths of the builder stage: what `make` leaves in its WORKDIR, the CA bundle (the
 * peers' CA here, as the image trusts Debian's: the one deliberate substitution), and the empty data
 * folder its `mkdir -p /out/data/attachments` makes. An unknown path fails the test.
 */
function fromBuilder(stageName, p) {
  assert.equal(stageName, 'build', `COPY --from=${stageName}`);
  const known = { '/src/mail_mcp': BINARY, '/etc/ssl/certs/ca-certificates.crt': CA_PATH, '/out/data': builderData };
  assert.ok(known[p], `the test does not know what the builder's ${p} holds: update fromBuilder`);
  return known[p];
}

function attachmentMessage() {
  const b64 = attachment.bytes.toString('base64').replace(/.{76}/g, '$&\r\n');
  return Buffer.from([
    `Message-ID: <bare-root-${run}@example.test>`, 'Date: Tue, 07 Jan 2025 09:00:00 +0000', 'From: Sender <sender@example.test>',
    `To: ${USER}`, `Subject: Report ${run}`, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b1"', '',
    '--b1', 'Content-Type: text/plain; charset=utf-8', '', 'The report is attached.', '--b1',
    `Content-Type: ${attachment.content_type}; name="${attachment.filename}"`,
    `Content-Disposition: attachment; filename="${attachment.filename}"`, 'Content-Transfer-Encoding: base64', '', b64, '--b1--', '',
  ].join('\r\n'));
}

const ok = (name, args) => toolOk(client, name, args);
const delivered = (subject) => deliveredUid(client, subject);

before(async () => {
  if (!isRoot) return;
  stage = parseFinalStage(fs.readFileSync(DOCKERFILE, 'utf8'));
  builderData = fs.mkdtempSync(path.join(os.tmpdir(), 'mail_mcp-builder-data-'));
  fs.mkdirSync(path.join(builderData, 'attachments'));
  root = assembleRoot(stage, fromBuilder);
  initialTree = listTree(root);
});
after(async () => {
  await client?.close();
  await server?.stop();
  for (const d of [root, builderData]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

const needsRoot = { skip: !isRoot && 'unshare/chroot need root (CI runs as root)' };

test('the final stage is scratch with the binary, a CA bundle, passwd/group and a data folder owned by an unprivileged user', needsRoot, () => {
  assert.deepEqual(initialTree.map((e) => e.path), IMAGE_TREE);
  const { uid, gid } = userOf(stage);
  assert.ok(uid >= 1000 && gid >= 1000, `USER ${stage.user} is unprivileged`);
  const at = (p) => initialTree.find((e) => e.path === p);
  for (const p of ['data/', 'data/attachments/']) assert.deepEqual([at(p).uid, at(p).gid], [uid, gid], `${p} owned by the user`);
  for (const p of ['mail_mcp', 'etc/passwd', 'etc/group', 'etc/ssl/certs/ca-certificates.crt', 'etc/']) assert.equal(at(p).uid, 0, `${p} owned by root`);
  assert.equal(at('mail_mcp').mode, 0o755);
  assert.ok(fs.readFileSync(path.join(root, 'etc/passwd'), 'utf8').split('\n').some((l) => l.split(':')[2] === String(uid)), 'the uid has a name');
  assert.deepEqual(stage.expose, ['3000']);
  assert.deepEqual([...stage.entrypoint, ...stage.cmd], ['/mail_mcp', 'server']);
  assert.equal(stage.workdir, '/data');
  assert.equal(stage.env.ATTACHMENTS_DIR, '/data/attachments');
  assert.equal(stage.env.STATE_DIR, '/data/state');
});

test('generate and server run in the bare root as the unprivileged uid, without groups or capabilities', needsRoot, async () => {
  // The client id is bound to the issuer (BASE_URL), so generate with the server's own.
  const port = await freePort();
  const env = { ENCRYPTION_KEY: key.b64, BASE_URL: `http://127.0.0.1:${port}` };
  const gen = runInRoot(root, stage, ['generate', '--imap-host=127.0.0.1', `--imap-port=${IMAP.tlsPort}`, '--imap-ssl',
    '--smtp-host=127.0.0.1', `--smtp-port=${SMTP.starttlsPort}`, '--no-smtp-ssl'], env);
  assert.equal(gen.status, 0, gen.stderr);
  const { clientId, clientSecret } = parseGenerated(gen.stdout);
  assert.ok(clientId && clientSecret);
  const k = runInRoot(root, stage, ['key']);
  assert.equal(k.status, 0, k.stderr);
  assert.equal(Buffer.from(k.stdout.trim(), 'base64').length, 32);

  server = await startImage(root, stage, { ENCRYPTION_KEY: key.b64 }, port);
  server.clientId = clientId;
  server.clientSecret = clientSecret;
  const status = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const field = (n) => status.match(new RegExp(`^${n}:\\s*(.*)$`, 'm'))[1].trim().split(/\s+/);
  const { uid, gid } = userOf(stage);
  assert.deepEqual(field('Uid'), Array(4).fill(String(uid)));
  assert.deepEqual(field('Gid'), Array(4).fill(String(gid)));
  assert.deepEqual(status.match(/^Groups:(.*)$/m)[1].trim(), '');
  assert.deepEqual(field('CapEff'), ['0000000000000000']);
  assert.deepEqual(field('NSpid').slice(-1), ['1'], 'pid 1 in its own pid namespace');
  assert.equal(fs.readlinkSync(`/proc/${server.pid}/root`), root);
  assert.equal(fs.readlinkSync(`/proc/${server.pid}/cwd`), path.join(root, 'data'));
});

test('end to end in the bare root: OAuth login with the MCP SDK, list, get a message with an attachment', needsRoot, async () => {
  assert.ok(server, 'server started');
  const provider = new HeadlessProvider({ clientId: server.clientId, clientSecret: server.clientSecret, authMethod: 'client_secret_post' });
  client = await connectWithOAuth(server.mcpUrl, provider);
  assert.ok(provider.tokens().access_token);
  assert.equal(provider.redirects[0].searchParams.get('iss'), server.baseUrl);

  const boxes = await ok('list_mailboxes', {});
  assert.equal(boxes.mailboxes.find((m) => m.name === 'Sent')?.special_use, '\\Sent');

  [appendedUid] = appendMessages(FOLDER, [attachmentMessage()]);
  const page = await ok('list_mail_messages', { folder: FOLDER });
  assert.equal(page.total, 1);
  assert.equal(page.messages[0].uid, appendedUid);
  assert.equal(page.messages[0].subject, `Report ${run}`);

  const m = await ok('get_mail_message', { folder: FOLDER, uid: appendedUid });
  assert.equal(m.text_body.trim(), 'The report is attached.');
  assert.equal(m.attachments.length, 1);
  assert.equal(m.attachments[0].filename, attachment.filename);
  assert.equal(m.attachments[0].content_type, attachment.content_type);
  attachmentUrl = m.attachments[0].url;
});

test('the attachment link downloads exactly the appended bytes from the embedded store', needsRoot, async () => {
  const m = await ok('get_mail_message', { folder: FOLDER, uid: appendedUid });
  const a = m.attachments[0];
  assert.ok(a.url, `get_mail_message gives attachments a url (issue 6)${a.error ? `: ${a.error}` : ''}`);
  assert.ok(a.url.startsWith(`${server.baseUrl}/attachments/`), a.url);
  assert.ok(Date.parse(a.expires_at) > Date.now(), `expires_at ${a.expires_at} is in the future`);
  const r = await fetch(a.url);
  assert.equal(r.status, 200);
  assert.ok(Buffer.from(await r.arrayBuffer()).equals(attachment.bytes), 'downloaded bytes equal the appended ones');
  attachmentUrl = a.url;
  // The embedded store wrote into the image's data folder, as the image's user.
  const stored = listTree(root).filter((e) => e.path.startsWith('data/attachments/') && !e.path.endsWith('/'));
  assert.ok(stored.length > 0, 'a file under /data/attachments');
  const { uid } = userOf(stage);
  for (const e of stored) assert.equal(e.uid, uid, e.path);
});

test('send: a plain message is delivered and a copy lands in Sent', needsRoot, async () => {
  const subject = `Plain ${run}`;
  const r = await ok('send_mail_message', { to: USER, subject, text_body: 'Sent from a FROM-scratch root.' });
  assert.ok(r.sent_uid > 0);
  const parsed = await simpleParser(fetchRaw('INBOX', await delivered(subject)));
  assert.equal(parsed.text.trim(), 'Sent from a FROM-scratch root.');
  assert.equal(parsed.messageId, r.message_id);
});

test('send with attachment_urls: the recipient gets the attachment\'s bytes', needsRoot, async () => {
  assert.ok(attachmentUrl, 'an attachment url from get_mail_message (issue 6)');
  const subject = `Forwarded report ${run}`;
  await ok('send_mail_message', { to: USER, subject, text_body: 'Report attached.', attachment_urls: [attachmentUrl] });
  const parsed = await simpleParser(fetchRaw('INBOX', await delivered(subject)));
  assert.equal(parsed.attachments.length, 1);
  assert.equal(parsed.attachments[0].filename, attachment.filename);
  assert.equal(parsed.attachments[0].contentType, attachment.content_type);
  assert.ok(parsed.attachments[0].content.equals(attachment.bytes), 'attachment bytes equal the original');
});

test('the server wrote nothing outside /data and stops cleanly on SIGTERM', needsRoot, async () => {
  assert.ok(server, 'server started');
  await client?.close();
  client = null;
  const r = await server.stop();
  server = null;
  assert.equal(r.code, 0, 'unshare reports the server\'s clean exit');
  const outside = (t) => t.filter((e) => !e.path.startsWith('data/')).map((e) => `${e.path} ${e.uid} ${e.mode.toString(8)} ${e.size}`);
  assert.deepEqual(outside(listTree(root)), outside(initialTree));
});
