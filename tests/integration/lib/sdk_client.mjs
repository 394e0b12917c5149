// The official MCP TypeScript SDK as a real OAuth client, headless: the SDK does discovery (RFC 9728
// then RFC 8414), PKCE, the resource indicator, the code exchange and refresh; our provider plays
// the browser by submitting the login form and capturing the code from the redirect.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { submitLogin } from './oauth_flow.mjs';

export const REDIRECT_URI = 'http://127.0.0.1:13199/callback'; // loopback: allowed on any port, never served

export class HeadlessProvider {
  constructor({ clientId, clientSecret, authMethod = 'client_secret_basic', loginFields = {} }) {
    Object.assign(this, { clientId, clientSecret, authMethod, loginFields });
    this.store = {};
    this.authorizeUrls = [];
    this.redirects = [];
  }
  get redirectUrl() { return REDIRECT_URI; }
  get clientMetadata() {
    return { client_name: 'mail_mcp-tests', redirect_uris: [REDIRECT_URI], grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'], token_endpoint_auth_method: this.authMethod };
  }
  clientInformation() { return { client_id: this.clientId, client_secret: this.clientSecret, token_endpoint_auth_method: this.authMethod }; }
  tokens() { return this.store.tokens; }
  saveTokens(t) { this.store.tokens = t; }
  saveCodeVerifier(v) { this.store.verifier = v; }
  codeVerifier() { return this.store.verifier; }
  state() { return (this.store.state = crypto.randomUUID()); }
  invalidateCredentials(scope) { if (scope === 'all' || scope === 'tokens') delete this.store.tokens; }
  async redirectToAuthorization(authUrl) {
    this.authorizeUrls.push(authUrl.toString());
    const post = await submitLogin(authUrl, this.loginFields);
    const loc = post.headers.get('location');
    if (post.status !== 302 || !loc) throw new Error(`login POST ${post.status}: ${(await post.text()).slice(0, 500)}`);
    const cb = new URL(loc);
    this.redirects.push(cb);
    if (cb.searchParams.get('state') !== this.store.state) throw new Error('state mismatch');
    this.capturedCode = cb.searchParams.get('code');
  }
}

/** Connects an SDK client to `mcpUrl`, running the OAuth flow when needed. */
export async function connectWithOAuth(mcpUrl, provider) {
  const connect = async () => {
    const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider });
    const client = new Client({ name: 'mail_mcp-tests', version: '1.0.0' });
    await client.connect(transport);
    return client;
  };
  try {
    return await connect();
  } catch (e) {
    if (!(e instanceof UnauthorizedError) || !provider.capturedCode) throw e;
    const t = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider });
    await t.finishAuth(provider.capturedCode);
    return connect();
  }
}

/** A client that sends a fixed bearer token (no OAuth). */
export async function connectWithToken(mcpUrl, token) {
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  const client = new Client({ name: 'mail_mcp-tests', version: '1.0.0' });
  await client.connect(transport);
  return client;
}
