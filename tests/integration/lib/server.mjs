// Starts the release binary as `mail_mcp server` on a free loopback port, pointed at the real peers,
// and provisions a client for them with `mail_mcp generate` (same key).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { BINARY, freshKey, run, parseGenerated } from './binary.mjs';
import { CA_PATH, IMAP, SMTP } from './peers.mjs';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

/**
 * Starts a server. Options: env (extra variables), imapPort/imapSsl/smtpPort/smtpSsl for the client,
 * redirectUris (generate --redirect-uri), scopes and name (generate --scopes, --name), generateArgs
 * (more `generate` arguments, e.g. --oauth-issuer). Returns { baseUrl, mcpUrl, key, clientId,
 * clientSecret, generate(args), logs(), stop() }; generate(args) provisions another client for the
 * same peers with extra `generate` arguments.
 */
export async function startServer(opts = {}) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const key = opts.key || freshKey();
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'mail_mcp-run-'));
  const env = {
    PATH: '/usr/bin:/bin', BASE_URL: baseUrl, ENCRYPTION_KEY: key.b64, PORT: String(port), HOST: '127.0.0.1',
    SSL_CERT_FILE: CA_PATH, ...opts.env,
  };
  const genArgs = ['generate', `--imap-host=127.0.0.1`, `--imap-port=${opts.imapPort ?? IMAP.tlsPort}`,
    opts.imapSsl === false ? '--no-imap-ssl' : '--imap-ssl', `--smtp-host=127.0.0.1`,
    `--smtp-port=${opts.smtpPort ?? SMTP.starttlsPort}`, opts.smtpSsl ? '--smtp-ssl' : '--no-smtp-ssl',
    ...(opts.redirectUris || []).map((u) => `--redirect-uri=${u}`), ...(opts.generateArgs || [])];
  const generate = (extra = []) => {
    const gen = run([...genArgs, ...extra], { env, cwd });
    if (gen.status !== 0) throw new Error(`generate failed: ${gen.stderr}`);
    return parseGenerated(gen.stdout);
  };
  const { clientId, clientSecret } = generate([
    ...(opts.scopes ? [`--scopes=${opts.scopes}`] : []), ...(opts.name ? [`--name=${opts.name}`] : [])]);

  const child = spawn(BINARY, ['server'], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '', stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + 10000;
  for (;;) {
    try { if ((await fetch(`${baseUrl}/health`)).ok) break; } catch { /* not up yet */ }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port, baseUrl, mcpUrl: `${baseUrl}/mcp`, key, clientId, clientSecret, child, exited, generate,
    logs: () => ({ stdout, stderr }),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      const r = await exited;
      fs.rmSync(cwd, { recursive: true, force: true });
      return r;
    },
  };
}
