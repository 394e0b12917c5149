// The competitor for scripts/bench-load: the official TypeScript MCP SDK (@modelcontextprotocol/sdk,
// the low-level Server) over its Streamable HTTP transport in stateless JSON mode, the SDK's own
// recipe for a server without sessions (a new Server and transport per request). It answers
// tools/list with the very list mail_mcp returns (TOOLS_FILE) and checks the bearer token by
// comparison, the cheapest authorization there is, so it is measured doing less than mail_mcp
// (which decrypts a JWE per request). Environment: PORT, TOKEN, TOOLS_FILE.
import fs from 'node:fs';
import http from 'node:http';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const tools = JSON.parse(fs.readFileSync(process.env.TOOLS_FILE, 'utf8'));
const expected = `Bearer ${process.env.TOKEN}`;

http.createServer((req, res) => {
  if (req.url === '/health') return res.end('ok');
  if (req.headers.authorization !== expected) {
    res.writeHead(401, { 'www-authenticate': 'Bearer' });
    return res.end();
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const server = new Server({ name: 'sdk', version: '1' }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => { transport.close(); server.close(); });
    await server.connect(transport);
    await transport.handleRequest(req, res, JSON.parse(Buffer.concat(chunks).toString('utf8')));
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
