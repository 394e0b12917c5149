// A loopback reverse proxy that adds "Authorization: Bearer <token>": lets tools without OAuth
// support (the MCP conformance suite) test our protected /mcp endpoint. The Host and Origin headers
// pass through untouched, so DNS-rebinding checks still see what the tool sent.
import http from 'node:http';

export async function startBearerProxy(targetPort, token) {
  const server = http.createServer((req, res) => {
    const headers = { ...req.headers, authorization: `Bearer ${token}` };
    const up = http.request({ host: '127.0.0.1', port: targetPort, path: req.url, method: req.method, headers }, (r) => {
      res.writeHead(r.statusCode, r.headers);
      r.pipe(res);
    });
    up.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
    req.pipe(up);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/mcp`, close: () => new Promise((r) => server.close(r)) };
}
