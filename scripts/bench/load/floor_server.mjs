// The floor for scripts/bench-load: node:http answering every POST with the same bytes mail_mcp sends
// for tools/list (BODY_FILE), with no authorization and no JSON-RPC: what loopback HTTP with this
// client costs at all. Environment: PORT, BODY_FILE.
import fs from 'node:fs';
import http from 'node:http';

const body = fs.readFileSync(process.env.BODY_FILE);
http.createServer((req, res) => {
  if (req.url === '/health') return res.end('ok');
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
