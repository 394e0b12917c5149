// What an operator runs into: a reverse proxy in front (TRUSTED_PROXIES and per-client sign-in limits),
// the CA bundle in use, and where attachments go when started from a source checkout (issue 19,
// items 1, 3, 5 and 6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BINARY, ROOT, freshKey, run } from './lib/binary.mjs';
import { parseLoginForm } from './lib/oauth_flow.mjs';
import { CA_PATH, PASSWORD, USER } from './lib/peers.mjs';
import { freePort, startServer } from './lib/server.mjs';

const REDIRECT = 'http://127.0.0.1:4455/cb';
const verifier = crypto.randomBytes(32).toString('base64url');
const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');

function authUrl(server) {
  const u = new URL(`${server.baseUrl}/oauth/authorize`);
  for (const [k, v] of Object.entries({ client_id: server.clientId, redirect_uri: REDIRECT, response_type: 'code',
    code_challenge: challenge, code_challenge_method: 'S256' })) u.searchParams.set(k, v);
  return u;
}

/** The login form submitted as if through a proxy that appended `forwardedFor`. */
async function signIn(server, forwardedFor, password, username = USER) {
  const page = await fetch(authUrl(server), { headers: { 'x-forwarded-for': forwardedFor } });
  const { action, hidden, checked } = parseLoginForm(await page.text());
  const body = new URLSearchParams(hidden);
  for (const scope of checked) body.append('grant', scope);
  for (const [k, v] of Object.entries({ email: USER, full_name: 'T', imap_username: username, imap_password: password, smtp_same: '1' })) body.set(k, v);
  const r = await fetch(new URL(action, authUrl(server)), { method: 'POST', body, redirect: 'manual',
    headers: { 'x-forwarded-for': forwardedFor } });
  return { status: r.status, text: r.status === 302 ? '' : await r.text() };
}

// Behind the README's proxy every sign-in came from the proxy's address: two wrong passwords from one
// person made the next person's right password get 429 (issue 19, item 1).
test('behind a trusted proxy, failed sign-ins count per forwarded client and per account, never locking out others', async () => {
  const server = await startServer({ env: { TRUSTED_PROXIES: '127.0.0.1', LOGIN_MAX_FAILURES: '2', LOGIN_WINDOW_SECONDS: '600' } });
  try {
    // Client A guesses twice: A is refused, B (same proxy) signs in.
    assert.equal((await signIn(server, '198.51.100.1', 'wrong')).status, 403);
    assert.equal((await signIn(server, '6.6.6.6, 198.51.100.1', 'wrong')).status, 403);  // a forged left entry changes nothing
    const a = await signIn(server, '198.51.100.1', PASSWORD);
    assert.equal(a.status, 429);
    assert.match(a.text, /from your network/);
    assert.equal((await signIn(server, '198.51.100.2', PASSWORD)).status, 302);
    // The account has reached its limit: a fresh address still gets in, one that failed does not.
    assert.equal((await signIn(server, '198.51.100.3', PASSWORD)).status, 302);
    assert.equal((await signIn(server, '198.51.100.4', 'wrong')).status, 403);
    const d = await signIn(server, '198.51.100.4', PASSWORD);
    assert.equal(d.status, 429);
    assert.match(d.text, /for this account/);
    // A request's log line is written just after its response, so the last one may still be coming.
    const signInLines = () => server.logs().stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.path === '/oauth/authorize' && l.method === 'POST');
    for (const t0 = Date.now(); signInLines().length < 7 && Date.now() - t0 < 2000;) await new Promise((r) => setTimeout(r, 20));
    const lines = signInLines();
    assert.deepEqual(lines.map((l) => [l.client, l.status, l.reason ?? null]), [
      ['198.51.100.1', 403, 'imap_login_rejected'], ['198.51.100.1', 403, 'imap_login_rejected'],
      ['198.51.100.1', 429, 'rate_limited_client'], ['198.51.100.2', 302, null], ['198.51.100.3', 302, null],
      ['198.51.100.4', 403, 'imap_login_rejected'], ['198.51.100.4', 429, 'rate_limited_account']]);
    assert.ok(!server.logs().stdout.includes('wrong') && !server.logs().stdout.includes(PASSWORD), 'no password in the log');
  } finally { await server.stop(); }
});

test('without TRUSTED_PROXIES, X-Forwarded-For is ignored', async () => {
  const server = await startServer({ env: { LOGIN_MAX_FAILURES: '1', LOGIN_WINDOW_SECONDS: '600' } });
  try {
    assert.equal((await signIn(server, '198.51.100.1', 'wrong')).status, 403);
    assert.equal((await signIn(server, '198.51.100.2', PASSWORD)).status, 429, 'the forged address did not help');
    assert.match(server.logs().stdout, /"client":"127\.0\.0\.1"/);
    assert.ok(!server.logs().stdout.includes('198.51.100'));
  } finally { await server.stop(); }
});

test('a bad TRUSTED_PROXIES stops start-up naming the variable', () => {
  const r = run(['server'], { env: { BASE_URL: 'http://127.0.0.1:1', ENCRYPTION_KEY: freshKey().b64, TRUSTED_PROXIES: 'proxy.local' } });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /TRUSTED_PROXIES: 'proxy\.local' is not an address or a CIDR network/);
});

/** Starts `mail_mcp server` in `cwd` with exactly `env`; resolves to its start-up line, then stops it. */
async function startupLine(env, cwd) {
  const port = await freePort();
  const child = spawn(BINARY, ['server'], { cwd, env: { PATH: '/usr/bin:/bin', BASE_URL: `http://127.0.0.1:${port}`, PORT: String(port), HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const deadline = Date.now() + 10000;
  while (!/listening on/.test(stderr) && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  child.kill('SIGTERM');
  await exited;
  return stderr.split('\n').find((l) => l.includes('listening on')) ?? stderr;
}

// An SSL_CERT_FILE exported by the system silently overrode the one in .env (issue 19, item 5).
test('the start-up line names the CA bundle and where it came from; an unreadable one stops start-up', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mail_mcp-ca-'));
  try {
    const key = freshKey().b64;
    fs.writeFileSync(path.join(dir, '.env'), `ENCRYPTION_KEY=${key}\nSSL_CERT_FILE=${CA_PATH}\nATTACHMENTS_DIR=${dir}/att\n`);
    assert.match(await startupLine({}, dir), new RegExp(`CA bundle ${CA_PATH} from \\.env`));
    fs.writeFileSync(path.join(dir, '.env'), `ENCRYPTION_KEY=${key}\nSSL_CERT_FILE=/nonexistent/dotenv.pem\nATTACHMENTS_DIR=${dir}/att\n`);
    assert.match(await startupLine({ SSL_CERT_FILE: CA_PATH }, dir), new RegExp(`CA bundle ${CA_PATH} from the environment, which wins over \\.env`));
    const r = run(['server'], { cwd: dir, env: { BASE_URL: 'http://127.0.0.1:1' } });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /SSL_CERT_FILE: cannot read '\/nonexistent\/dotenv\.pem' \(\.env\)/);
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
});

// With scripts/start, attachments landed in data/attachments inside the git checkout (issue 19, item 3).
test('started from a source checkout without ATTACHMENTS_DIR or STATE_DIR, attachments and the state journal go to ~/.local/state, not into the tree', async () => {
  const checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'mail_mcp-checkout-'));
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'mail_mcp-home-'));
  try {
    fs.mkdirSync(path.join(checkout, '.git'));
    const line = await startupLine({ ENCRYPTION_KEY: freshKey().b64, SSL_CERT_FILE: CA_PATH, HOME: home }, checkout);
    assert.match(line, new RegExp(`attachments in ${home}/\\.local/state/mail_mcp/attachments`));
    assert.ok(fs.existsSync(path.join(home, '.local/state/mail_mcp/attachments')));
    assert.ok(fs.existsSync(path.join(home, '.local/state/mail_mcp/state')), 'the state journal too');
    assert.ok(!fs.existsSync(path.join(checkout, 'data')), 'nothing written into the checkout');
    // Outside a checkout the documented default stays.
    fs.rmSync(path.join(checkout, '.git'), { recursive: true });
    assert.match(await startupLine({ ENCRYPTION_KEY: freshKey().b64, SSL_CERT_FILE: CA_PATH, HOME: home }, checkout), /attachments in data\/attachments/);
  } finally {
    fs.rmSync(checkout, { recursive: true, force: true });
    fs.rmSync(home, { recursive: true, force: true });
  }
  // And a data/ folder in the repository is never committed nor sent to a Docker build.
  assert.match(fs.readFileSync(path.join(ROOT, '.gitignore'), 'utf8'), /^\/data\/$/m);
  assert.match(fs.readFileSync(path.join(ROOT, '.dockerignore'), 'utf8'), /^data$/m);
});
