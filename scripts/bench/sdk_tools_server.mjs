// The reference for scripts/bench-imap-pool's HTTP part: a minimal MCP server made with the official
// TypeScript SDK (@modelcontextprotocol/sdk), Streamable HTTP, stateless with JSON responses, as the
// SDK's own stateless example builds it (a Server and a transport per request), answering tools/list
// with the result object mail_mcp sends (our 9 tools, read from a file) to requests whose bearer
// token matches. No mail, no sessions: the cost of the SDK's HTTP and JSON-RPC path.
//   node sdk_tools_server.mjs PORT TOOLS_RESULT_JSON_FILE BEARER_TOKEN   (prints "ready PORT")
import http from 'node:http';
import fs from 'node:fs';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const [port, resultFile, bearer] = process.argv.slice(2);
const toolsResult = JSON.parse(fs.readFileSync(resultFile, 'utf8'));

function makeServer() {
  const server = new Server({ name: 'sdk-reference', version: '1.0.0' }, { capabilities: { tools: { listChanged: false } } });
  server.setRequestHandler(ListToolsRequestSchema, async () => toolsResult);
  return server;
}

const httpServer = http.createServer(async (req, res) => {
  if (req.method !== 'POST' || req.url !== '/mcp') {
    res.writeHead(404).end();
    return;
  }
  if (req.headers.authorization !== `Bearer ${bearer}`) {
    res.writeHead(401, { 'WWW-Authenticate': 'Bearer' }).end();
    return;
  }
  const server = makeServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  res.on('close', () => {
    transport.close();
    server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res);
});
httpServer.keepAliveTimeout = 5000;
httpServer.listen(Number(port), '127.0.0.1', () => console.log(`ready ${httpServer.address().port}`));
