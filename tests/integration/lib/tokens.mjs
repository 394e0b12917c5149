// Tokens made by `jose` (an independent JOSE implementation) with the server's key: proves we
// decrypt others' JWEs, and lets tests craft expired / wrong-audience / wrong-kind tokens.
import * as jose from 'jose';
import { IMAP, SMTP, USER, PASSWORD } from './peers.mjs';

export function accountClaims() {
  return { imap_host: '127.0.0.1', imap_port: IMAP.tlsPort, imap_ssl: true, imap_username: USER, imap_password: PASSWORD,
    smtp_host: '127.0.0.1', smtp_port: SMTP.starttlsPort, smtp_ssl: false, smtp_username: USER, smtp_password: PASSWORD,
    email: USER, full_name: 'Test User' };
}

/** A JWE (dir + A256GCM) sealed by jose with `server.key`; `claims` override the defaults of an access token. */
export async function joseToken(server, claims = {}) {
  const now = Math.floor(Date.now() / 1000);
  const body = { ...accountClaims(), typ: 'access', iss: server.baseUrl, aud: server.mcpUrl, iat: now, exp: now + 3600,
    jti: crypto.randomUUID(), cid: 'x', ...claims };
  for (const [k, v] of Object.entries(body)) if (v === undefined) delete body[k];
  return new jose.CompactEncrypt(new TextEncoder().encode(JSON.stringify(body)))
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(server.key.raw);
}

/** JSON text with a number out of double range (1e999): JSON.stringify cannot write one. */
export const OUT_OF_RANGE_JSON = '{"alg":"dir","enc":"A256GCM","x":1e999}';

/** A token shaped like ours whose (unauthenticated) header holds 1e999: anyone can send one. */
export function outOfRangeHeaderToken() {
  const b64 = (bytes) => Buffer.from(bytes).toString('base64url');
  return [b64(OUT_OF_RANGE_JSON), '', b64(new Uint8Array(12)), b64('ciphertext'), b64(new Uint8Array(16))].join('.');
}

/** `plaintext` (any text, not necessarily valid claims) sealed by jose with `server.key`. */
export async function sealRaw(server, plaintext) {
  return new jose.CompactEncrypt(new TextEncoder().encode(plaintext))
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(server.key.raw);
}
