// scripts/bench-memory: peak RSS of one server while 8 calls at once meet 100 MB IMAP literals.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../tests/integration/lib/server.mjs';
import { runBigLiterals, SCENARIOS } from '../../tests/integration/lib/big_literals.mjs';

const here = path.resolve(process.env.MAIL_MCP_BINARY || 'mail_mcp');
const binaries = [['this tree', here]];
if (process.env.BEFORE_BINARY) binaries.push(['before', path.resolve(process.env.BEFORE_BINARY)]);

/** Runs `scenario` against a fresh server from `binary` (in a child process: the test helpers read
 *  MAIL_MCP_BINARY when loaded); returns its peak RSS and the answers, counted. */
function measure(binary, scenario) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--measure', scenario],
    { env: { ...process.env, MAIL_MCP_BINARY: binary }, encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out);
}

async function measureHere(scenario) {
  const server = await startServer({ env: { MAIL_COMMAND_TIMEOUT_MS: '60000' } });
  try {
    const t0 = Date.now();
    const { results, peakRssMiB } = await runBigLiterals(server, scenario);
    const answers = {};
    for (const r of results) {
      let text = r.text;
      if (!r.isError) { const m = JSON.parse(text); text = m.attachments?.[0]?.error ?? 'ok'; }
      answers[text] = (answers[text] || 0) + 1;
    }
    return { peakRssMiB, ms: Date.now() - t0, answers };
  } finally { await server.stop(); }
}

if (process.argv[2] === '--measure') {
  process.stdout.write(JSON.stringify(await measureHere(process.argv[3])));
  process.exit(0);
}

console.log('| scenario (8 calls at once, 100 MB literals) | binary | peak RSS | time | answers |');
console.log('|---|---|---|---|---|');
for (const scenario of Object.keys(SCENARIOS)) {
  const rows = [];
  for (const [name, binary] of binaries) rows.push([name, measure(binary, scenario)]);
  for (const [name, m] of rows) {
    const answers = Object.entries(m.answers).map(([t, n]) => `${n}× ${t}`).join('; ');
    console.log(`| ${scenario} | ${name} | ${m.peakRssMiB.toFixed(1)} MiB | ${(m.ms / 1000).toFixed(1)} s | ${answers} |`);
  }
  if (rows.length === 2) console.log(`| ${scenario} | before / this tree | ${(rows[1][1].peakRssMiB / rows[0][1].peakRssMiB).toFixed(1)}× | | |`);
}
