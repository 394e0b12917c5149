// The physical floor for scripts/bench-imap-pool: the fewest IMAP commands a client can send for
// each call, one after another, over Node's TLS, with no MCP, no HTTP and no parsing beyond finding
// the tagged reply. Enough for the seeded test mailboxes (no literal there holds a line that looks
// like a tagged reply).
import tls from 'node:tls';

export class RawImap {
  /** Connects (TCP + TLS), waits for the greeting and logs in. */
  static async connect({ host, port, ca, user, password }) {
    const c = new RawImap();
    c.socket = tls.connect({ host, port, ca, servername: 'localhost' });
    c.socket.setNoDelay(true);
    c.socket.setEncoding('latin1');
    c.buffer = '';
    c.waiting = null;
    c.socket.on('data', (d) => { c.buffer += d; c.check(); });
    c.socket.on('error', (e) => { if (c.waiting) c.waiting.reject(e); });
    await new Promise((resolve, reject) => {
      c.waiting = { done: () => c.buffer.includes('\r\n'), resolve, reject };
      c.check();
    });
    c.buffer = '';
    c.next = 0;
    await c.command(`LOGIN "${user}" "${password}"`);
    return c;
  }

  check() {
    if (this.waiting && this.waiting.done()) {
      const { resolve } = this.waiting;
      this.waiting = null;
      const text = this.buffer;
      this.buffer = '';
      resolve(text);
    }
  }

  /** Sends one command and resolves with its whole response once the tagged OK arrives. */
  command(text) {
    const tag = `b${++this.next}`;
    const mark = `${tag} `;
    let at = -1;
    return new Promise((resolve, reject) => {
      this.waiting = {
        done: () => {
          const line = this.buffer.indexOf(`\r\n${mark}`);
          at = this.buffer.startsWith(mark) ? 0 : line < 0 ? -1 : line + 2;
          return at >= 0 && this.buffer.indexOf('\r\n', at) >= 0;
        },
        resolve: (response) => {
          if (response.startsWith(`${mark}OK`, at)) resolve(response);
          else reject(new Error(`${text.split(' ')[0]}: ${response.slice(at, at + 200)}`));
        },
        reject,
      };
      this.socket.write(`${tag} ${text}\r\n`);
      this.check();
    });
  }

  /** LOGOUT without waiting for the reply, then close. */
  close() {
    this.socket.end(`b${++this.next} LOGOUT\r\n`);
  }
}

/** The number in "* N EXISTS" of a SELECT/EXAMINE/NOOP response (or `fallback`). */
export function existsIn(response, fallback) {
  const m = [...response.matchAll(/\* (\d+) EXISTS/g)].pop();
  return m ? Number(m[1]) : fallback;
}

/** The UIDs of an ESEARCH response ("* ESEARCH (TAG ..) UID ALL 1:3,7 COUNT 4"), newest first. */
export function esearchUids(response) {
  const m = response.match(/ ALL ([\d:,]+)/);
  if (!m) return [];
  const uids = [];
  for (const part of m[1].split(',')) {
    const [a, b] = part.split(':').map(Number);
    for (let u = a; u <= (b || a); u++) uids.push(u);
  }
  return uids.sort((x, y) => y - x);
}
