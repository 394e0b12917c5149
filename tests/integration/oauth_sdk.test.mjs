// End to end with the official MCP TypeScript SDK: discovery -> login page -> form POST against real
// Dovecot + Exim -> code -> token (Basic and post) -> tools/list -> list_mailboxes -> refresh -> again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { HeadlessProvider, connectWithOAuth, connectWithToken } from './lib/sdk_client.mjs';
import { USER } from './lib/peers.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

for (const authMethod of ['client_secret_basic', 'client_secret_post']) {
  test(`SDK client logs in with ${authMethod} and lists real folders`, async () => {
    const provider = new HeadlessProvider({ clientId: server.clientId, clientSecret: server.clientSecret, authMethod });
    const client = await connectWithOAuth(server.mcpUrl, provider);
    try {
      const auth = new URL(provider.authorizeUrls[0]);
      assert.equal(auth.origin + auth.pathname, `${server.baseUrl}/oauth/authorize`);
      assert.equal(auth.searchParams.get('code_challenge_method'), 'S256');
      assert.equal(auth.searchParams.get('resource'), server.mcpUrl);
      assert.equal(provider.redirects[0].searchParams.get('iss'), server.baseUrl);
      const tokens = provider.tokens();
      assert.equal(tokens.token_type.toLowerCase(), 'bearer');
      assert.equal(tokens.expires_in, 28800);
      assert.ok(tokens.refresh_token);

      assert.equal(client.getServerVersion().name, 'mail_mcp');
      const { tools } = await client.listTools();
      assert.deepEqual(tools.map((t) => t.name).slice(0, 4), ['list_mailboxes', 'list_mail_messages', 'get_mail_message', 'search_mail_messages']);
      const lm = tools[0];
      assert.equal(lm.annotations.readOnlyHint, true);
      assert.ok(lm.outputSchema);

      const result = await client.callTool({ name: 'list_mailboxes', arguments: {} });
      assert.equal(result.isError ?? false, false, JSON.stringify(result));
      const names = result.structuredContent.mailboxes.map((m) => m.name);
      for (const n of ['INBOX', 'Drafts', 'Sent', 'Trash', 'Junk', 'Archive']) assert.ok(names.includes(n), `${n} in ${names}`);
      const role = (n) => result.structuredContent.mailboxes.find((m) => m.name === n).special_use;
      assert.equal(role('Sent'), '\\Sent');
      assert.equal(role('Drafts'), '\\Drafts');
      assert.equal(role('Trash'), '\\Trash');
      assert.deepEqual(JSON.parse(result.content[0].text), result.structuredContent);
    } finally {
      await client.close();
    }
  });
}

test('refresh token yields new tokens that work, and the old access token keeps working until it expires', async () => {
  const provider = new HeadlessProvider({ clientId: server.clientId, clientSecret: server.clientSecret });
  const client = await connectWithOAuth(server.mcpUrl, provider);
  await client.close();
  const first = provider.tokens();
  const basic = 'Basic ' + Buffer.from(`${encodeURIComponent(server.clientId)}:${encodeURIComponent(server.clientSecret)}`).toString('base64');
  const r = await fetch(`${server.baseUrl}/oauth/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: first.refresh_token }),
  });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  const fresh = await r.json();
  assert.notEqual(fresh.access_token, first.access_token);
  const again = await connectWithToken(server.mcpUrl, fresh.access_token);
  const result = await again.callTool({ name: 'list_mailboxes', arguments: {} });
  assert.ok(result.structuredContent.mailboxes.some((m) => m.name === 'INBOX'));
  await again.close();
});

test('the request log has one JSON line per request and no secrets', async () => {
  const { stdout } = server.logs();
  const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(lines.length > 5);
  // Every line has the same core fields (and the client address); the others (JSON-RPC method, tool,
  // a reason for a refusal) appear only where they apply, from a fixed set.
  const core = ['client', 'duration_ms', 'method', 'path', 'request_id', 'status', 'time'];
  const optional = ['grant_type', 'reason', 'rpc_error', 'rpc_method', 'tool', 'tool_error'];
  for (const l of lines) {
    for (const k of core) assert.ok(k in l, `log line without ${k}: ${JSON.stringify(l)}`);
    for (const k of Object.keys(l)) assert.ok(core.includes(k) || optional.includes(k), `unexpected log field ${k}`);
    assert.equal(l.client, '127.0.0.1');
    assert.ok(!l.path.includes('?'));
  }
  assert.ok(lines.some((l) => l.rpc_method === 'tools/call' && l.tool === 'list_mailboxes'), 'tool calls are logged by name');
  for (const secret of [server.clientSecret, server.clientId, 'testpass', USER]) assert.ok(!stdout.includes(secret), 'log leaks a secret');
  assert.ok(!server.logs().stderr.includes('testpass'));
});
