// Talks to the test radosgw independently of mail_mcp: header-signed requests through curl's own
// SigV4 (--aws-sigv4), and a small query-string presigner written from the SigV4 documentation, used
// to craft links mail_mcp would never make (expired ones).
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { S3 } from './peers.mjs';

const hmac = (key, data) => crypto.createHmac('sha256', key).update(data).digest();
const sha256Hex = (data) => crypto.createHash('sha256').update(data).digest('hex');
const encode = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** curl with SigV4 against the test radosgw; returns { status, headers (lower-case names), body }. */
export function s3Curl(method, pathAndQuery, extra = []) {
  const r = spawnSync('curl', ['-sS', '-X', method, '-D', '-', '-o', '/dev/null', '--aws-sigv4', `aws:amz:${S3.region}:s3`,
    '--user', `${S3.accessKeyId}:${S3.secretAccessKey}`, '-H', `x-amz-content-sha256: ${sha256Hex('')}`,
    ...(method === 'HEAD' ? ['-I'] : []), ...extra, `${S3.endpoint}${pathAndQuery}`], { encoding: 'utf8' });
  const lines = r.stdout.split('\r\n');
  const status = Number(lines[0]?.split(' ')[1]);
  const headers = {};
  for (const l of lines.slice(1)) { const i = l.indexOf(':'); if (i > 0) headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim(); }
  return { status, headers };
}

export function createBucket(bucket) {
  const r = s3Curl('PUT', `/${bucket}`);
  if (r.status !== 200 && r.status !== 409) throw new Error(`create bucket ${bucket}: HTTP ${r.status}`);
}

/** A presigned GET for path-style `/bucket/key` signed at `date` (a Date) for `expires` seconds. */
export function presignGet(bucket, key, date, expires) {
  const amzDate = date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${S3.region}/s3/aws4_request`;
  const host = new URL(S3.endpoint).host;
  const path = `/${bucket}/${key.split('/').map(encode).join('/')}`;
  const params = { 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256', 'X-Amz-Credential': `${S3.accessKeyId}/${scope}`,
    'X-Amz-Date': amzDate, 'X-Amz-Expires': String(expires), 'X-Amz-SignedHeaders': 'host' };
  const query = Object.keys(params).sort().map((k) => `${encode(k)}=${encode(params[k])}`).join('&');
  const canonical = ['GET', path, query, `host:${host}\n`, 'host', 'UNSIGNED-PAYLOAD'].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
  let k = hmac(`AWS4${S3.secretAccessKey}`, day);
  for (const part of [S3.region, 's3', 'aws4_request']) k = hmac(k, part);
  return `${S3.endpoint}${path}?${query}&X-Amz-Signature=${hmac(k, toSign).toString('hex')}`;
}
