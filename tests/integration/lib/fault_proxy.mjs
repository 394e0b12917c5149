// A TCP proxy in front of a real server that can break one connection on cue: fault injection for
// what a real server will not do on demand (a connection that dies silently while idle, or right
// after the client sent a command). Bytes pass through unchanged (TLS included: the proxy never
// looks inside). Each client write on loopback arrives as one chunk, so "the client's Nth write"
// is one IMAP command (or a NOOP pipelined with one).
import net from 'node:net';

/**
 * Starts a proxy on 127.0.0.1 to `target` ({host, port}). Returns { port, connections(), cutOnNextWrite(),
 * cutAfterWrites(n), close() }:
 * - cutOnNextWrite(): the next chunk any client sends is dropped and that connection is cut
 *   (the server never sees it: a connection that died while idle);
 * - cutAfterWrites(n): the nth chunk from now is forwarded, then that connection is cut before
 *   any answer can come back (the server got the command; the client learns nothing).
 * Both fire once. connections() counts the connections accepted so far.
 */
export async function startFaultProxy(target) {
  const sockets = new Set();
  let accepted = 0;
  let fault = null; // { writesLeft, forward }
  const server = net.createServer((client) => {
    accepted += 1;
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    const cut = () => { client.destroy(); upstream.destroy(); };
    client.on('data', (chunk) => {
      if (fault && --fault.writesLeft === 0) {
        const { forward } = fault;
        fault = null;
        if (forward) upstream.end(chunk); // delivered, then FIN; nothing comes back to the client
        client.destroy();
        if (!forward) upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    client.on('close', cut);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    connections: () => accepted,
    cutOnNextWrite() { fault = { writesLeft: 1, forward: false }; },
    cutAfterWrites(n) { fault = { writesLeft: n, forward: true }; },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
