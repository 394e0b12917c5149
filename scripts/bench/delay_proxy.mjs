// A TCP proxy that adds network latency, for scripts/bench-imap-pool: what a remote IMAP provider
// looks like from a server (this kernel has no netem qdisc). Bytes are forwarded in order, unchanged;
// each chunk is held ONE_WAY_MS in each direction, so a request/response costs 2 * ONE_WAY_MS more.
// The first chunk a client sends is held one round trip longer: the TCP handshake a real remote
// connection pays before the client can send anything.
//   node delay_proxy.mjs LISTEN_PORT TARGET_PORT ONE_WAY_MS     (prints "ready PORT" when listening)
import net from 'node:net';

const [listenPort, targetPort, oneWayMs] = process.argv.slice(2).map(Number);

/** Forwards chunks to `to` in order, each `delay` ms after it arrived (the first one `first` ms). */
function delayedPipe(from, to, delay, first = delay) {
  const queue = [];
  let timer = null;
  let ended = false;
  let isFirst = true;
  const pump = () => {
    timer = null;
    const now = performance.now();
    while (queue.length && queue[0].at <= now) to.write(queue.shift().chunk);
    if (queue.length) timer = setTimeout(pump, Math.max(0, queue[0].at - now));
    else if (ended) to.end();
  };
  from.on('data', (chunk) => {
    queue.push({ chunk, at: performance.now() + (isFirst ? first : delay) });
    isFirst = false;
    if (!timer) timer = setTimeout(pump, Math.max(0, queue[0].at - performance.now()));
  });
  from.on('end', () => {
    ended = true;
    if (!timer && !queue.length) to.end();
  });
}

// Half-open sockets: each direction's end is forwarded after the data queued before it.
const server = net.createServer({ allowHalfOpen: true }, (client) => {
  client.setNoDelay(true);
  const upstream = net.connect({ port: targetPort, host: '127.0.0.1', allowHalfOpen: true });
  upstream.setNoDelay(true);
  delayedPipe(client, upstream, oneWayMs, 3 * oneWayMs);
  delayedPipe(upstream, client, oneWayMs);
  const close = () => { client.destroy(); upstream.destroy(); };
  client.on('error', close);
  upstream.on('error', close);
});
server.listen(listenPort, '127.0.0.1', () => console.log(`ready ${server.address().port}`));
