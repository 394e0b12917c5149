// Small fake upstreams on loopback for fault injection: an IMAP server and an SMTP server (both
// implicit TLS with the test peers' certificate, so mail_mcp's verification stays on) that behave
// until a chosen command and then stall, trickle, hang up or send too much, and an HTTP server that
// stands in for a hanging S3 endpoint. Real servers will not misbehave on demand; these only do
// what a test tells them. Plus `healthWatch`, which probes /health while a slow call is running.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import tls from 'node:tls';
import { PEERS_DIR } from './peers.mjs';

const CRLF = '\r\n';
const tlsOptions = () => ({
  key: fs.readFileSync(path.join(PEERS_DIR, 'tls', 'key.pem')),
  cert: fs.readFileSync(path.join(PEERS_DIR, 'tls', 'cert.pem')),
});

async function listen(server, sockets) {
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  server.on('tlsClientError', () => {});
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Writes `text` one byte every `ms` until done or the socket closes. */
export function trickle(socket, text, ms = 1000) {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= text.length) { clearInterval(timer); return; }
    socket.write(text[i++]);
  }, ms);
  socket.on('close', () => clearInterval(timer));
}

/** Writes `chunk` again and again (as fast as the peer reads) until the socket closes. */
export function flood(socket, chunk) {
  const pump = () => { while (!socket.destroyed && socket.write(chunk)); };
  socket.on('drain', pump);
  pump();
}

/**
 * A fake IMAP server. Logs anyone in (LOGIN: it offers no SASL mechanism), answers CAPABILITY, SELECT/EXAMINE (3 messages), NOOP and
 * LOGOUT, and OK to anything else, except: `fault(socket, tag, line)` runs instead of the answer
 * for each command matching `faultOn` (a RegExp; default FETCH).
 * `greeting: false` makes it silent from the start (TLS completes, no greeting ever comes).
 * Returns { port, commands (every line received), close() }.
 */
export async function startFakeImap({ faultOn = /^\S+ (UID )?FETCH /i, fault, greeting = true } = {}) {
  const sockets = new Set();
  const commands = [];
  const server = tls.createServer(tlsOptions(), (socket) => {
    socket.on('error', () => {});
    if (!greeting) return;
    socket.write(`* OK [CAPABILITY IMAP4rev1] fake ready${CRLF}`);
    let buffer = '';
    socket.on('data', (data) => {
      buffer += data.toString('latin1');
      for (let nl; (nl = buffer.indexOf('\n')) >= 0;) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        commands.push(line);
        const [tag, verb = ''] = line.split(' ');
        if (fault && faultOn.test(line)) { fault(socket, tag, line); continue; }
        socket.write(answer(tag, verb.toUpperCase()));
      }
    });
  });
  return { ...(await listen(server, sockets)), commands };
}

function answer(tag, verb) {
  switch (verb) {
    case 'CAPABILITY': return `* CAPABILITY IMAP4rev1${CRLF}${tag} OK done${CRLF}`;
    case 'LOGIN': return `${tag} OK [CAPABILITY IMAP4rev1 UIDPLUS] Logged in${CRLF}`;
    case 'SELECT': case 'EXAMINE':
      return `* 3 EXISTS${CRLF}* FLAGS (\\Seen)${CRLF}* OK [UIDVALIDITY 7] v${CRLF}* OK [UIDNEXT 4] n${CRLF}` +
        `${tag} OK [${verb === 'SELECT' ? 'READ-WRITE' : 'READ-ONLY'}] done${CRLF}`;
    case 'LOGOUT': return `* BYE bye${CRLF}${tag} OK done${CRLF}`;
    default: return `${tag} OK done${CRLF}`;
  }
}

/**
 * A fake SMTP submission server (implicit TLS, AUTH PLAIN/LOGIN accepted, every recipient taken).
 * `onDataEnd(socket)` decides what happens once the whole message (up to CRLF.CRLF) arrived;
 * `onData(socket)`, when given, runs at DATA instead of the 354. Returns { port, messages, close() }.
 */
export async function startFakeSmtp({ onDataEnd = (s) => s.write(`250 2.0.0 queued${CRLF}`), onData } = {}) {
  const sockets = new Set();
  const messages = [];
  const server = tls.createServer(tlsOptions(), (socket) => {
    socket.on('error', () => {});
    socket.write(`220 fake.test ESMTP${CRLF}`);
    let buffer = '';
    let inData = false;
    let authStep = 0;
    socket.on('data', (data) => {
      buffer += data.toString('latin1');
      if (inData) {
        const end = buffer.indexOf(`${CRLF}.${CRLF}`);
        if (end < 0) return;
        messages.push(buffer.slice(0, end + 2));
        buffer = buffer.slice(end + 5);
        inData = false;
        onDataEnd(socket);
        return;
      }
      for (let nl; !inData && (nl = buffer.indexOf('\n')) >= 0;) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        const verb = line.split(' ')[0].toUpperCase();
        if (authStep > 0) { authStep -= 1; socket.write(authStep ? `334 UGFzc3dvcmQ6${CRLF}` : `235 2.7.0 ok${CRLF}`); continue; }
        if (verb === 'EHLO') socket.write(`250-fake.test${CRLF}250-SIZE 10000000${CRLF}250 AUTH PLAIN LOGIN${CRLF}`);
        else if (verb === 'AUTH') {
          const parts = line.split(' ');
          if (parts[1].toUpperCase() === 'LOGIN') { authStep = 2; socket.write(`334 VXNlcm5hbWU6${CRLF}`); }
          else if (parts.length > 2) socket.write(`235 2.7.0 ok${CRLF}`);
          else { authStep = 1; socket.write(`334 ${CRLF}`); }
        } else if (verb === 'DATA') {
          if (onData) { onData(socket); return; }
          inData = true;
          socket.write(`354 go ahead${CRLF}`);
        } else if (verb === 'QUIT') socket.end(`221 bye${CRLF}`);
        else socket.write(`250 ok${CRLF}`);
      }
    });
  });
  return { ...(await listen(server, sockets)), messages };
}

/** An HTTP server that accepts requests and never answers them (a hung S3 endpoint); counts them. */
export async function startHangingHttp() {
  const sockets = new Set();
  let requests = 0;
  const server = http.createServer((req) => { requests += 1; req.resume(); });
  return { ...(await listen(server, sockets)), requests: () => requests };
}

/**
 * Probes `${baseUrl}/health` (or `url` with fetch options `init`) every `everyMs` until stop(); stop()
 * returns { probes, failures, maxMs }. Each probe must answer 200 within `timeoutMs` or it counts as a failure.
 */
export function healthWatch(baseUrl, { everyMs = 100, timeoutMs = 2000, url = `${baseUrl}/health`, init = {} } = {}) {
  const result = { probes: 0, failures: 0, maxMs: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = Date.now();
      try {
        const r = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
        await r.text();
        if (!r.ok) result.failures += 1;
      } catch { result.failures += 1; }
      result.probes += 1;
      result.maxMs = Math.max(result.maxMs, Date.now() - t0);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return { async stop() { running = false; await loop; return result; } };
}
