// Attachments round-trip byte-exact through both stores, driven by the real MCP SDK client:
// get_mail_message publishes each attachment and returns a link; downloading the link gives the
// original bytes; send_mail_message with those links delivers a message (Exim -> Dovecot) whose
// attachments, read back over IMAP and parsed by mailparser, are the same bytes again.
// The S3 store runs against radosgw, which verifies SigV4 itself (tampered and expired links get 403).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { startServer, freePort } from './lib/server.mjs';
import { joseToken } from './lib/tokens.mjs';
import { connectWithToken } from './lib/sdk_client.mjs';
import { appendMessages, fetchRaw } from './lib/mailbox.mjs';
import { S3 } from './lib/peers.mjs';
import { createBucket, presignGet, s3Curl } from './lib/s3_peer.mjs';
import { callTool as call, toolOk as ok, deliveredUid as delivered } from './lib/tool_calls.mjs';

const CRLF = '\r\n';
const run = crypto.randomBytes(3).toString('hex');
const FOLDER = `Attach-${run}`;

/** The attachments of the fixture message, with their exact bytes. */
const FILES = [
  { filename: 'Übersicht März+Q1 (final).pdf', contentType: 'application/pdf', bytes: crypto.randomBytes(300_000) },
  { filename: 'data.csv', contentType: 'text/csv', bytes: Buffer.from('a,b\r\n1,2\r\n') },
  { filename: 'empty.bin', contentType: 'application/octet-stream', bytes: Buffer.alloc(0) },
];

/** RFC 5987/2231 ext-value: encodeURIComponent leaves ( ) ' ! * alone, which are not attr-chars. */
const rfc5987 = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function base64Lines(buf) {
  return (buf.toString('base64').match(/.{1,76}/g) || []).join(CRLF);
}

function fixtureMessage(subject, files = FILES) {
  const parts = files.map((f) => `--b${CRLF}Content-Type: ${f.contentType}; name*=utf-8''${rfc5987(f.filename)}${CRLF}` +
    `Content-Disposition: attachment; filename*=utf-8''${rfc5987(f.filename)}${CRLF}` +
    `Content-Transfer-Encoding: base64${CRLF}${CRLF}${base64Lines(f.bytes)}${CRLF}`);
  return Buffer.from(`Message-ID: <attach-${run}-${Date.now()}@example.test>${CRLF}Date: Mon, 06 Jan 2025 10:00:00 +0000${CRLF}` +
    `From: Sender <sender@example.test>${CRLF}To: test@example.test${CRLF}Subject: ${subject}${CRLF}MIME-Version: 1.0${CRLF}` +
    `Content-Type: multipart/mixed; boundary="b"${CRLF}${CRLF}--b${CRLF}Content-Type: text/plain; charset=utf-8${CRLF}${CRLF}` +
    `Files attached.${CRLF}${parts.join('')}--b--${CRLF}`);
}

async function refused(client, name, args, pattern) {
  const r = await call(client, name, args);
  assert.equal(r.isError, true, `${name} should have failed`);
  assert.match(r.content[0].text, pattern);
}

/** A loopback HTTP server that counts requests: SSRF attempts must never reach it. */
async function startDecoy() {
  let hits = 0;
  const srv = http.createServer((req, res) => { hits++; res.writeHead(302, { Location: req.url.slice(1) || '/' }); res.end(); });
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${srv.address().port}`, hits: () => hits, close: () => new Promise((r) => srv.close(r)) };
}

/**
 * The same end-to-end checks for one store. `setup()` returns { env, tamper(url), expired(url, server),
 * objectVersion(url) } where objectVersion says when the object behind a link was last written.
 */
function storeSuite(name, setup) {
  describe(name, () => {
    let server, client, store, uid, links;
    const subject = `Files ${name} ${run}`;

    before(async () => {
      store = await setup();
      server = await startServer({ env: store.env });
      client = await connectWithToken(server.mcpUrl, await joseToken(server));
      [uid] = appendMessages(FOLDER, [fixtureMessage(subject)]);
    });
    after(async () => { await client?.close(); await server?.stop(); await store?.cleanup?.(); });

    test('get_mail_message gives every attachment a 7-day link that downloads the exact bytes', async () => {
      const m = await ok(client, 'get_mail_message', { folder: FOLDER, uid });
      assert.equal(m.attachments.length, FILES.length);
      links = m.attachments.map((a) => a.url);
      for (const [i, a] of m.attachments.entries()) {
        assert.equal(a.filename, FILES[i].filename);
        assert.equal(a.error, undefined, a.error);
        const days = (Date.parse(a.expires_at) - Date.now()) / 86400e3;
        assert.ok(days > 6.99 && days <= 7.0001, `expires_at ${a.expires_at}`);
        const res = await fetch(a.url);
        assert.equal(res.status, 200, `download of ${a.filename}`);
        assert.deepEqual(Buffer.from(await res.arrayBuffer()), FILES[i].bytes, `bytes of ${a.filename}`);
        assert.equal(res.headers.get('content-type').split(';')[0], FILES[i].contentType);
        assert.match(res.headers.get('content-disposition'), /^attachment; filename=".*"; filename\*=UTF-8''/);
        assert.ok(res.headers.get('content-disposition').endsWith(rfc5987(FILES[i].filename)));
        for (const [h, v] of Object.entries(store.downloadHeaders || {})) assert.equal(res.headers.get(h), v, h);
      }
      // Keys are opaque: neither the folder, the address nor the filename shows in a link.
      for (const url of links) for (const secret of [FOLDER, 'test@example.test', 'test%40example.test', 'data.csv'])
        assert.ok(!new URL(url).pathname.includes(secret), `${url} leaks ${secret}`);
    });

    test('a second get reuses the stored objects instead of uploading again', async () => {
      const before = await Promise.all(links.map((u) => store.objectVersion(u)));
      await new Promise((r) => setTimeout(r, 1100));
      const m = await ok(client, 'get_mail_message', { folder: FOLDER, uid });
      const again = m.attachments.map((a) => a.url);
      for (let i = 0; i < links.length; i++) assert.equal(new URL(again[i]).pathname, new URL(links[i]).pathname);
      assert.deepEqual(await Promise.all(again.map((u) => store.objectVersion(u))), before);
    });

    test('the store itself refuses tampered and expired links', async () => {
      for (const url of [store.tamper(links[0]), store.expired(links[0], server)]) {
        const res = await fetch(url);
        assert.equal(res.status, 403, url);
      }
    });

    test('send_mail_message with the links delivers identical attachments', async () => {
      const tag = `Forward ${name} ${run}`;
      const r = await ok(client, 'send_mail_message', { to: 'test@example.test', subject: tag, text_body: 'Here they are.', attachment_urls: links });
      assert.ok(r.message_id);
      const got = await simpleParser(fetchRaw('INBOX', await delivered(client, tag)));
      assert.equal(got.attachments.length, FILES.length);
      for (const [i, a] of got.attachments.entries()) {
        assert.equal(a.filename, FILES[i].filename);
        assert.equal(a.contentType, FILES[i].contentType);
        assert.deepEqual(a.content, FILES[i].bytes, `bytes of ${a.filename}`);
      }
    });

    test('attachment_urls over the 25 MiB total are refused with a clear error', async () => {
      const big = { filename: 'big.bin', contentType: 'application/octet-stream', bytes: crypto.randomBytes(9 << 20) };
      const [bigUid] = appendMessages(FOLDER, [fixtureMessage(`Big ${name} ${run}`, [big])]);
      const m = await ok(client, 'get_mail_message', { folder: FOLDER, uid: bigUid });
      const url = m.attachments[0].url;
      await refused(client, 'create_draft_mail_message', { subject: 'too big', attachment_urls: [url, url, url] },
        /attachment_urls\[2\]: the attachments together exceed the 25 MiB limit/);
    });

    test('attachment_urls that are not our own valid links are refused before any network access', async () => {
      const decoy = await startDecoy();
      try {
        const real = new URL(links[0]);
        const bad = [
          `${decoy.url}/file.pdf`, 'http://169.254.169.254/latest/meta-data/iam/', 'file:///etc/passwd',
          `${decoy.url}${real.pathname}${real.search}`,            // our link's path and signature on another host
          `${decoy.url}/${encodeURIComponent(links[0])}`,          // a redirect to our link
          store.tamper(links[0]), store.expired(links[0], server),
        ];
        for (const url of bad)
          await refused(client, 'create_draft_mail_message', { subject: 'x', attachment_urls: [url] }, /attachment_urls\[0\]:/);
        assert.equal(decoy.hits(), 0, 'the server fetched a URL it should have refused');
      } finally {
        await decoy.close();
      }
    });
  });
}

/** Recomputes the embedded store's link signature the way the server documents it. */
function embeddedSignature(keyRaw, objectKey, expires) {
  const linkKey = crypto.createHmac('sha256', keyRaw).update('mail_mcp key derivation\nattachment links').digest();
  return crypto.createHmac('sha256', linkKey).update(`GET\n${objectKey}\n${expires}`).digest('hex');
}

storeSuite('embedded store', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mail_mcp-attachments-'));
  return {
    env: { ATTACHMENTS_DIR: dir },
    // Served from our own origin: never rendered, so an HTML attachment cannot script the login page.
    downloadHeaders: { 'x-content-type-options': 'nosniff', 'content-security-policy': "sandbox; default-src 'none'" },
    tamper: (url) => url.replace(/signature=([0-9a-f])/, (m, c) => `signature=${c === '0' ? '1' : '0'}`),
    // Correctly signed with the server's key, but already expired.
    expired: (url, server) => {
      const u = new URL(url);
      const objectKey = u.pathname.slice(1);
      const expires = Math.floor(Date.now() / 1000) - 60;
      return `${u.origin}/${objectKey}?expires=${expires}&signature=${embeddedSignature(server.key.raw, objectKey, expires)}`;
    },
    objectVersion: async (url) => fs.statSync(path.join(dir, new URL(url).pathname.split('/').pop())).mtimeMs,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
});

const bucket = `mail-mcp-${run}`;
storeSuite('S3 store (radosgw, SigV4 verified by the server)', async () => {
  createBucket(bucket);
  return {
    env: { AWS_ACCESS_KEY_ID: S3.accessKeyId, AWS_SECRET_ACCESS_KEY: S3.secretAccessKey, AWS_REGION: S3.region,
      AWS_S3_BUCKET: bucket, AWS_S3_ENDPOINT: S3.endpoint },
    tamper: (url) => url.replace(/X-Amz-Signature=([0-9a-f])/, (m, c) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`),
    expired: (url) => presignGet(bucket, decodeURIComponent(new URL(url).pathname.split('/').slice(2).join('/')),
      new Date(Date.now() - 7200e3), 60),
    objectVersion: async (url) => s3Curl('HEAD', new URL(url).pathname).headers['last-modified'],
  };
});

test('with S3 unreachable the message still comes back, each attachment with an error', async () => {
  const port = await freePort();  // nothing listens there
  const server = await startServer({ env: { AWS_ACCESS_KEY_ID: S3.accessKeyId, AWS_SECRET_ACCESS_KEY: S3.secretAccessKey,
    AWS_S3_BUCKET: 'unreachable', AWS_S3_ENDPOINT: `http://127.0.0.1:${port}` } });
  const client = await connectWithToken(server.mcpUrl, await joseToken(server));
  try {
    const [uid] = appendMessages(FOLDER, [fixtureMessage(`Unreachable ${run}`)]);
    const m = await ok(client, 'get_mail_message', { folder: FOLDER, uid });
    assert.equal(m.text_body.trim(), 'Files attached.');
    assert.equal(m.attachments.length, FILES.length);
    for (const a of m.attachments) {
      assert.equal(a.url, undefined);
      assert.match(a.error, /attachment store/);
    }
  } finally {
    await client.close();
    await server.stop();
  }
});
