// Both generations of the official MCP TypeScript SDK, unmodified, against one running server: the
// v1 SDK (@modelcontextprotocol/sdk) speaks 2025-11-25 through initialize, the v2 client
// (@modelcontextprotocol/client) speaks 2026-07-28 through server/discover, per-request _meta and
// the Mcp-* headers. Each logs in through OAuth against real Dovecot + Exim, lists the tools and
// calls list_mailboxes; a recording fetch shows what went over the wire.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { joseToken } from './lib/tokens.mjs';
import { HeadlessProvider, SDK_V1, SDK_V2, connectWithOAuth, connectWithToken } from './lib/sdk_client.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

/** A fetch that remembers each JSON-RPC POST (its headers and parsed body) before sending it. */
function recordingFetch() {
  const posts = [];
  const record = async (url, init = {}) => {
    if (init.method === 'POST' && typeof init.body === 'string' && String(url).endsWith('/mcp')) {
      try { posts.push({ headers: new Headers(init.headers), body: JSON.parse(init.body) }); } catch { /* not JSON */ }
    }
    return fetch(url, init);
  };
  return { fetch: record, posts };
}

const GENERATIONS = [[SDK_V1, '2025-11-25'], [SDK_V2, '2026-07-28']];

for (const [sdk, revision] of GENERATIONS) {
  test(`SDK ${sdk.name} logs in with OAuth, lists tools and real folders over MCP ${revision}`, async () => {
    const provider = new HeadlessProvider({ clientId: server.clientId, clientSecret: server.clientSecret });
    const wire = recordingFetch();
    const client = await connectWithOAuth(server.mcpUrl, provider, sdk, { fetch: wire.fetch });
    try {
      assert.equal(provider.redirects[0].searchParams.get('iss'), server.baseUrl);
      assert.equal(client.getServerVersion()?.name, 'mail_mcp');
      assert.match(client.getInstructions() ?? '', /\S/);

      const { tools } = await client.listTools();
      assert.deepEqual(tools.map((t) => t.name).slice(0, 4), ['list_mailboxes', 'list_mail_messages', 'get_mail_message', 'search_mail_messages']);
      const result = await client.callTool({ name: 'list_mailboxes', arguments: {} });
      assert.equal(result.isError ?? false, false, JSON.stringify(result));
      const names = result.structuredContent.mailboxes.map((m) => m.name);
      for (const n of ['INBOX', 'Drafts', 'Sent', 'Trash']) assert.ok(names.includes(n), `${n} in ${names}`);

      const methods = wire.posts.map((p) => p.body.method);
      const listPost = wire.posts.find((p) => p.body.method === 'tools/list');
      assert.equal(listPost.headers.get('mcp-protocol-version'), revision);
      if (revision === '2026-07-28') {
        assert.equal(client.getNegotiatedProtocolVersion(), revision);
        assert.equal(client.getProtocolEra(), 'modern');
        assert.ok(methods.includes('server/discover'), methods.join());
        assert.ok(!methods.includes('initialize'), methods.join());
        for (const { headers, body } of wire.posts.filter((p) => p.body.id !== undefined)) {
          assert.equal(headers.get('mcp-protocol-version'), '2026-07-28');
          assert.equal(headers.get('mcp-method'), body.method);
          assert.equal(body.params._meta['io.modelcontextprotocol/protocolVersion'], '2026-07-28');
        }
        const call = wire.posts.find((p) => p.body.method === 'tools/call');
        assert.equal(call.headers.get('mcp-name'), 'list_mailboxes');
      } else {
        assert.equal(methods[0], 'initialize');
        assert.ok(!methods.includes('server/discover'), methods.join());
      }
    } finally {
      await client.close();
    }
  });
}

test('the v2 client in auto mode finds 2026-07-28 on its own, and sees our discover result', async () => {
  const client = await connectWithToken(server.mcpUrl, await joseToken(server),
    { ...SDK_V2, clientOptions: { versionNegotiation: { mode: 'auto' } } });
  try {
    assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28');
    const discover = client.getDiscoverResult();
    assert.deepEqual(discover.supportedVersions, ['2026-07-28', '2025-11-25', '2025-06-18', '2025-03-26']);
    assert.deepEqual(discover.capabilities, { tools: { listChanged: false } });
    assert.equal(discover.cacheScope, 'public');
    assert.ok(discover.ttlMs > 0);
  } finally {
    await client.close();
  }
});

test('the v2 client in its default legacy mode still gets 2025-11-25 from the same server', async () => {
  const client = await connectWithToken(server.mcpUrl, await joseToken(server), { ...SDK_V2, clientOptions: {} });
  try {
    assert.equal(client.getNegotiatedProtocolVersion(), '2025-11-25');
    const { tools } = await client.listTools();
    assert.ok(tools.some((t) => t.name === 'list_mailboxes'));
  } finally {
    await client.close();
  }
});
