// Driver for scripts/bench-attachments: first vs repeat get_mail_message with a 5 MiB attachment,
// for the embedded store and S3, in the same process against the same peers.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../tests/integration/lib/server.mjs';
import { joseToken } from '../../tests/integration/lib/tokens.mjs';
import { appendMessages } from '../../tests/integration/lib/mailbox.mjs';
import { S3 } from '../../tests/integration/lib/peers.mjs';
import { createBucket } from '../../tests/integration/lib/s3_peer.mjs';

const N = Number(process.argv[2] || 10);
const SIZE = 5 << 20;
const CRLF = '\r\n';
const run = crypto.randomBytes(3).toString('hex');

function pct(xs, p) { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; }

function message(i) {
  const b64 = (crypto.randomBytes(SIZE).toString('base64').match(/.{1,76}/g)).join(CRLF);
  return Buffer.from(`Message-ID: <bench-${run}-${i}@example.test>${CRLF}From: a@example.test${CRLF}To: test@example.test${CRLF}` +
    `Subject: Bench ${i}${CRLF}MIME-Version: 1.0${CRLF}Content-Type: multipart/mixed; boundary="b"${CRLF}${CRLF}` +
    `--b${CRLF}Content-Type: text/plain${CRLF}${CRLF}See attached.${CRLF}--b${CRLF}Content-Type: application/octet-stream${CRLF}` +
    `Content-Disposition: attachment; filename="data-${i}.bin"${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${b64}${CRLF}--b--${CRLF}`);
}

async function bench(label, env) {
  const folder = `BenchAttach-${label.replace(/\W/g, '')}-${run}`;
  const uids = appendMessages(folder, Array.from({ length: N }, (_, i) => message(i)));
  const server = await startServer({ env });
  const token = await joseToken(server);
  const get = async (uid) => {
    const t = process.hrtime.bigint();
    const r = await fetch(server.mcpUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json',
      authorization: `Bearer ${token}` }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call',
      params: { name: 'get_mail_message', arguments: { folder, uid } } }) });
    const j = await r.json();
    const a = j.result?.structuredContent?.attachments?.[0];
    if (!a?.url) throw new Error(`${label}: no link: ${JSON.stringify(j).slice(0, 300)}`);
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  const first = [], repeat = [];
  for (const uid of uids) first.push(await get(uid));
  for (let k = 0; k < 3; k++) for (const uid of uids) repeat.push(await get(uid));
  await server.stop();
  return { label, first, repeat };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mail_mcp-bench-attachments-'));
const bucket = `bench-${run}`;
createBucket(bucket);
const results = [
  await bench('embedded store', { ATTACHMENTS_DIR: dir }),
  await bench('S3 (radosgw)', { AWS_ACCESS_KEY_ID: S3.accessKeyId, AWS_SECRET_ACCESS_KEY: S3.secretAccessKey,
    AWS_S3_BUCKET: bucket, AWS_S3_ENDPOINT: S3.endpoint }),
];
fs.rmSync(dir, { recursive: true, force: true });
console.log(`get_mail_message, one ${SIZE >> 20} MiB attachment, ${N} messages (ms)`);
console.log('store            first p50/p95      repeat p50/p95     first/repeat (p50)');
for (const r of results) {
  const f50 = pct(r.first, 0.5), r50 = pct(r.repeat, 0.5);
  console.log(`${r.label.padEnd(16)} ${f50.toFixed(1).padStart(7)} / ${pct(r.first, 0.95).toFixed(1).padStart(7)}  ` +
    `${r50.toFixed(1).padStart(7)} / ${pct(r.repeat, 0.95).toFixed(1).padStart(7)}  ${(f50 / r50).toFixed(1).padStart(8)}x`);
}
