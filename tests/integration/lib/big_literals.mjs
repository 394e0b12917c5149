// Memory under hostile IMAP servers: concurrent tool calls whose IMAP server answers with a literal
// of LITERAL_BYTES (100 MB) where the call needs far less, and the server's peak RSS (VmHWM) after
// them. Used by tests/integration/upstream_faults.test.mjs (the ceiling) and scripts/bench-memory
// (before/after figures).
import fs from 'node:fs';
import { joseToken } from './tokens.mjs';
import { flood, startFakeImap } from './fake_upstreams.mjs';

export const LITERAL_BYTES = 100_000_000;
const CHUNK = 'x'.repeat(1 << 16);

/** Answers with `head`, then floods literal bytes until the client hangs up (or LITERAL_BYTES are out). */
function sendLiteral(socket, head) {
  socket.write(head);
  let left = LITERAL_BYTES;
  const pump = () => {
    while (left > 0 && !socket.destroyed) {
      left -= CHUNK.length;
      if (!socket.write(CHUNK)) return;
    }
  };
  socket.on('drain', pump);
  pump();
}

/** What each scenario calls, and how its fake server answers the FETCH that matters. */
export const SCENARIOS = {
  // A page of summaries: the ENVELOPE's subject comes as a 100 MB literal.
  list: {
    tool: 'list_mail_messages', args: { folder: 'INBOX', per_page: 3 },
    fault: (s) => sendLiteral(s, `* 1 FETCH (UID 1 FLAGS () ENVELOPE (NIL {${LITERAL_BYTES}}\r\n`),
  },
  // A text part announced and sent at 100 MB (the tool asks for its first 8 MiB).
  text: {
    tool: 'get_mail_message', args: { folder: 'INBOX', uid: 1 },
    fault: (s, tag, line) => {
      if (/BODYSTRUCTURE/.test(line)) {
        s.write(`* 1 FETCH (UID 1 FLAGS () RFC822.SIZE ${LITERAL_BYTES} INTERNALDATE "06-Jan-2025 10:00:00 +0000" ` +
          'ENVELOPE (NIL "big" NIL NIL NIL NIL NIL NIL NIL "<big@example.test>") ' +
          `BODYSTRUCTURE ("TEXT" "PLAIN" ("CHARSET" "us-ascii") NIL NIL "7BIT" ${LITERAL_BYTES} 1000000 NIL NIL NIL NIL) ` +
          `BODY[HEADER.FIELDS (REFERENCES)] {2}\r\n\r\n)\r\n${tag} OK done\r\n`);
      } else {
        sendLiteral(s, `* 1 FETCH (UID 1 BODY[1]<0> {${LITERAL_BYTES}}\r\n`);
      }
    },
  },
  // An attachment announced at 30 MB (to be published) and sent at 100 MB.
  attachment: {
    tool: 'get_mail_message', args: { folder: 'INBOX', uid: 1 },
    fault: (s, tag, line) => {
      if (/BODYSTRUCTURE/.test(line)) {
        s.write(`* 1 FETCH (UID 1 FLAGS () RFC822.SIZE ${LITERAL_BYTES} INTERNALDATE "06-Jan-2025 10:00:00 +0000" ` +
          'ENVELOPE (NIL "big" NIL NIL NIL NIL NIL NIL NIL "<big@example.test>") BODYSTRUCTURE (' +
          '("TEXT" "PLAIN" ("CHARSET" "us-ascii") NIL NIL "7BIT" 5 1 NIL NIL NIL NIL)' +
          '("APPLICATION" "OCTET-STREAM" ("NAME" "big.bin") NIL NIL "BASE64" 30000000 NIL ("ATTACHMENT" ("FILENAME" "big.bin")) NIL NIL)' +
          ` "MIXED" ("BOUNDARY" "b") NIL NIL NIL) BODY[HEADER.FIELDS (REFERENCES)] {2}\r\n\r\n)\r\n${tag} OK done\r\n`);
      } else if (/BODY\.PEEK\[1\]/.test(line)) {
        s.write(`* 1 FETCH (UID 1 BODY[1] {5}\r\nhello)\r\n${tag} OK done\r\n`);
      } else {
        sendLiteral(s, `* 1 FETCH (UID 1 BODY[2] {${LITERAL_BYTES}}\r\n`);
      }
    },
  },
};

/**
 * Runs `concurrency` calls of `scenario` against `server` at once, each for its own account (so the
 * per-account pool cap does not serialize them), against one fake IMAP server. Returns
 * { results: [{ isError, text }], peakRssMiB } where peakRssMiB is the server's VmHWM afterwards.
 */
export async function runBigLiterals(server, scenario, concurrency = 8) {
  const { tool, args, fault } = SCENARIOS[scenario];
  const imap = await startFakeImap({ fault });
  try {
    const results = await Promise.all(Array.from({ length: concurrency }, async (_, i) => {
      const token = await joseToken(server, { imap_port: imap.port, imap_ssl: true, imap_username: `big${i}@example.test` });
      const r = await fetch(server.mcpUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: tool, arguments: args } }),
      }).then((res) => res.json());
      return { isError: r.result?.isError ?? false, text: r.result?.content?.[0]?.text ?? JSON.stringify(r) };
    }));
    return { results, peakRssMiB: peakRssMiB(server.child.pid) };
  } finally { await imap.close(); }
}

/** VmHWM of process `pid`, in MiB. */
export function peakRssMiB(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m[1]) / 1024;
}
