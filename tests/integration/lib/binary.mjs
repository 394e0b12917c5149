// Helpers to run the release binary (./mail_mcp unless MAIL_MCP_BINARY names another) from integration tests.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The binary under test: ./mail_mcp, or MAIL_MCP_BINARY (a build in another object folder). */
export const BINARY = process.env.MAIL_MCP_BINARY || path.join(ROOT, 'mail_mcp');

/** A fresh base64 ENCRYPTION_KEY and its raw bytes. */
export function freshKey() {
  const raw = crypto.randomBytes(32);
  return { raw, b64: raw.toString('base64') };
}

/** Runs ./mail_mcp with args and a clean environment (plus `env`), in `cwd` (default: a dir with no .env). */
export function run(args, { env = {}, cwd = '/tmp' } = {}) {
  const r = spawnSync(BINARY, args, { env: { PATH: '/usr/bin:/bin', ...env }, cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Parses the text printed by `mail_mcp generate`. */
export function parseGenerated(stdout) {
  const id = stdout.match(/^Client ID: (\S+)$/m)?.[1];
  const secret = stdout.match(/^Client Secret: (\S+)$/m)?.[1];
  return { clientId: id, clientSecret: secret };
}
