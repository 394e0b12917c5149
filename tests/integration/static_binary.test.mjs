// The release binary needs nothing on the host: it runs in an empty root (no libc, no /dev, no /etc)
// entered with unshare + chroot, and still draws entropy (getrandom) and seals tokens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as jose from 'jose';
import { BINARY, freshKey, parseGenerated } from './lib/binary.mjs';

const SBIN_PATH = '/usr/sbin:/usr/bin:/sbin:/bin';

test('ldd calls the binary static', () => {
  const r = spawnSync('ldd', [BINARY], { encoding: 'utf8' });
  assert.match(r.stdout + r.stderr, /not a dynamic executable|statically linked/);
});

test('generate works inside an empty chroot holding only the binary', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mail_mcp-bare-'));
  try {
    fs.copyFileSync(BINARY, path.join(root, 'mail_mcp'));
    fs.chmodSync(path.join(root, 'mail_mcp'), 0o755);
    assert.deepEqual(fs.readdirSync(root), ['mail_mcp']);
    const key = freshKey();
    const r = spawnSync('unshare', ['--fork', '--pid', '--mount', 'chroot', root, '/mail_mcp', 'generate',
      '--imap-host=imap.example.com', '--smtp-host=smtp.example.com'],
    { env: { PATH: SBIN_PATH, ENCRYPTION_KEY: key.b64, BASE_URL: 'https://mail.example.com' }, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const { clientId } = parseGenerated(r.stdout);
    const { plaintext } = await jose.compactDecrypt(clientId, key.raw);
    assert.equal(JSON.parse(new TextDecoder().decode(plaintext)).imap_host, 'imap.example.com');
    const k = spawnSync('unshare', ['--fork', '--pid', '--mount', 'chroot', root, '/mail_mcp', 'key'], { env: { PATH: SBIN_PATH }, encoding: 'utf8' });
    assert.equal(k.status, 0, k.stderr);
    assert.equal(Buffer.from(k.stdout.trim(), 'base64').length, 32);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
