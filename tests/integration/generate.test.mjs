// `mail_mcp generate` end to end: output format, exit codes, and interop of its client_id with `jose`,
// an independent JOSE implementation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as jose from 'jose';
import { run, freshKey, parseGenerated } from './lib/binary.mjs';

const BASE_URL = 'https://mail.example.com';

test('generate prints a client id that jose decrypts with the same key', async () => {
  const key = freshKey();
  const r = run(['generate', '--imap-host=imap.gmail.com', '--smtp-host=smtp.gmail.com'],
    { env: { ENCRYPTION_KEY: key.b64, BASE_URL } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Client ID: \S+\nClient Secret: [0-9a-f]{64}\n\nIMAP: imap\.gmail\.com:993 \(ssl=true\)\nSMTP: smtp\.gmail\.com:587 \(ssl=false\)\n/);
  const { clientId, clientSecret } = parseGenerated(r.stdout);
  assert.equal(clientId.split('.').length, 5);
  const { plaintext, protectedHeader } = await jose.compactDecrypt(clientId, key.raw);
  assert.deepEqual(protectedHeader, { alg: 'dir', enc: 'A256GCM' });
  const claims = JSON.parse(new TextDecoder().decode(plaintext));
  assert.equal(claims.typ, 'client_id');
  assert.equal(claims.iss, BASE_URL);
  assert.equal(claims.imap_host, 'imap.gmail.com');
  assert.equal(claims.imap_port, 993);
  assert.equal(claims.imap_ssl, true);
  assert.equal(claims.smtp_port, 587);
  assert.equal(claims.smtp_ssl, false);
  assert.equal(claims.cs, clientSecret);
  assert.ok(claims.redirect_uris.includes('https://claude.ai/api/mcp/auth_callback'));
  assert.equal(claims.exp, undefined, 'client ids never expire');
});

test('jose rejects our token under a different key', async () => {
  const r = run(['generate', '--imap-host=i.test', '--smtp-host=s.test'], { env: { ENCRYPTION_KEY: freshKey().b64, BASE_URL } });
  await assert.rejects(jose.compactDecrypt(parseGenerated(r.stdout).clientId, freshKey().raw));
});

test('each generate call makes a new secret and a new IV', () => {
  const env = { ENCRYPTION_KEY: freshKey().b64, BASE_URL };
  const a = parseGenerated(run(['generate', '--imap-host=i.test', '--smtp-host=s.test'], { env }).stdout);
  const b = parseGenerated(run(['generate', '--imap-host=i.test', '--smtp-host=s.test'], { env }).stdout);
  assert.notEqual(a.clientSecret, b.clientSecret);
  assert.notEqual(a.clientId.split('.')[2], b.clientId.split('.')[2]);
});

test('usage errors exit with status 2 and say what is wrong', () => {
  const env = { ENCRYPTION_KEY: freshKey().b64, BASE_URL };
  for (const [args, msg] of [
    [['generate', '--smtp-host=s.test'], /--imap-host is required/],
    [['generate', '--imap-host=i.test', '--smtp-host=s.test', '--imap-port=abc'], /--imap-port/],
    [['generate', '--imap-host=i.test', '--smtp-host=s.test', '--frobnicate'], /unknown option --frobnicate/],
    [['frobnicate'], /unknown command/],
    [[], /Usage/],
  ]) {
    const r = run(args, { env });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, msg);
  }
});

test('configuration errors name the variable and never print the key', () => {
  const r = run(['generate', '--imap-host=i.test', '--smtp-host=s.test'], { env: { ENCRYPTION_KEY: 'c2hvcnQ=', BASE_URL } });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /ENCRYPTION_KEY/);
  assert.doesNotMatch(r.stderr + r.stdout, /c2hvcnQ=/);
  const r2 = run(['generate', '--imap-host=i.test', '--smtp-host=s.test'], { env: { ENCRYPTION_KEY: freshKey().b64 } });
  assert.equal(r2.status, 1);
  assert.match(r2.stderr, /BASE_URL/);
});

test('help and version behave as a command-line user expects', () => {
  for (const args of [['--help'], ['-h'], ['generate', '--help']]) {
    const r = run(args);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Usage: mail_mcp/);
  }
  const v = run(['--version']);
  assert.equal(v.status, 0);
  assert.match(v.stdout, /^mail_mcp \d+\.\d+\.\d+\n$/);
});

test('key prints a base64 key of 32 bytes', () => {
  const r = run(['key']);
  assert.equal(r.status, 0);
  assert.equal(Buffer.from(r.stdout.trim(), 'base64').length, 32);
});

test('--provider presets fill in the servers, seal only the provider, and say what to register', async () => {
  const key = freshKey();
  const google = run(['generate', '--provider=google'], { env: { ENCRYPTION_KEY: key.b64, BASE_URL, GOOGLE_CLIENT_ID: 'g', GOOGLE_CLIENT_SECRET: 's' } });
  assert.equal(google.status, 0, google.stderr);
  assert.equal(google.stderr, '');
  assert.match(google.stdout, /IMAP: imap\.gmail\.com:993 \(ssl=true\)\nSMTP: smtp\.gmail\.com:465 \(ssl=true\)\nScopes: mail:delete mail:draft mail:organize mail:read mail:send\nSign-in: Google OAuth\n/);
  assert.match(google.stdout, /redirect URI to register with the provider: https:\/\/mail\.example\.com\/oauth\/upstream\/callback/);
  const claims = JSON.parse(new TextDecoder().decode((await jose.compactDecrypt(parseGenerated(google.stdout).clientId, key.raw)).plaintext));
  assert.equal(claims.idp, 'google');
  assert.equal(claims.idp_token, undefined, 'the preset\'s endpoints come from the build');
  assert.ok(!JSON.stringify(claims).includes('"s"'), 'the app secret never goes into a client id');

  // Without the app's credentials provisioning still works (it may run elsewhere), with a warning.
  // A provider client takes a scope ceiling and a name like any other.
  const microsoft = run(['generate', '--provider=microsoft', '--scopes=read,draft', '--name=Outlook reader'], { env: { ENCRYPTION_KEY: key.b64, BASE_URL } });
  assert.equal(microsoft.status, 0);
  assert.match(microsoft.stdout, /IMAP: outlook\.office365\.com:993 \(ssl=true\)\nSMTP: smtp\.office365\.com:587 \(ssl=false\)\nName: Outlook reader\nScopes: mail:draft mail:read\nSign-in: Microsoft OAuth\n/);
  const ms = JSON.parse(new TextDecoder().decode((await jose.compactDecrypt(parseGenerated(microsoft.stdout).clientId, key.raw)).plaintext));
  assert.deepEqual([ms.idp, ms.scope, ms.name], ['microsoft', 'mail:draft mail:read', 'Outlook reader']);
  assert.match(microsoft.stderr, /warning: sign-in with Microsoft is not configured on this server: set MICROSOFT_CLIENT_ID/);

  const bad = run(['generate', '--provider=yahoo'], { env: { ENCRYPTION_KEY: key.b64, BASE_URL } });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--provider must be google or microsoft/);
});

test('--oauth-issuer without a reachable discovery document fails and says what to give instead', () => {
  const r = run(['generate', '--oauth-issuer=http://127.0.0.1:9', '--imap-host=i.test', '--smtp-host=s.test'],
    { env: { ENCRYPTION_KEY: freshKey().b64, BASE_URL } });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /discovery at http:\/\/127\.0\.0\.1:9 failed: could not connect/);
  assert.match(r.stderr, /--oauth-authorize-url and --oauth-token-url instead/);
});
