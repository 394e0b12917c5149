// The official MCP TypeScript SDKs as real OAuth clients, headless: the SDK does discovery (RFC 9728
// then RFC 8414), PKCE, the resource indicator, the code exchange and refresh; our provider plays
// the browser by submitting the login form and capturing the code from the redirect.
//
// Two generations, used unmodified: SDK_V1 is @modelcontextprotocol/sdk 1.x (MCP 2025-11-25, the
// initialize handshake); SDK_V2 is @modelcontextprotocol/client 2.x pinned to MCP 2026-07-28
// (server/discover, per-request _meta and Mcp-* headers; its default 'legacy' mode would speak
// 2025-11-25 instead).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import * as v2 from '@modelcontextprotocol/client';
import { submitLogin } from './oauth_flow.mjs';

/** What differs between the SDK generations; connectWithOAuth and connectWithToken take one. */
export const SDK_V1 = {
  name: 'v1', Client, Transport: StreamableHTTPClientTransport, UnauthorizedError, clientOptions: {},
  finishAuth: (transport, provider) => transport.finishAuth(provider.capturedCode),
};
export const SDK_V2 = {
  name: 'v2', Client: v2.Client, Transport: v2.StreamableHTTPClientTransport, UnauthorizedError: v2.UnauthorizedError,
  clientOptions: { versionNegotiation: { mode: { pin: '2026-07-28' } } },
  // v2 checks the callback's iss (RFC 9207) against the issuer it discovered before redeeming the code.
  finishAuth: (transport, provider) => transport.finishAuth(provider.redirects.at(-1).searchParams),
};

export const REDIRECT_URI = 'http://127.0.0.1:13199/callback'; // loopback: allowed on any port, never served

/** Plays the person at the browser; `loginFields.grant` (scopes) unticks every other permission. */
export class HeadlessProvider {
  /** `signIn(authUrl)` plays the browser and returns the response that redirects to the client (default: our
   *  login form, filled with `loginFields`). */
  constructor({ clientId, clientSecret, authMethod = 'client_secret_basic', loginFields = {}, signIn }) {
    Object.assign(this, { clientId, clientSecret, authMethod, loginFields });
    this.signIn = signIn || ((authUrl) => submitLogin(authUrl, this.loginFields, { onPage: (p) => this.pages.push(p) }));
    this.store = {};
    this.authorizeUrls = [];
    this.redirects = [];
    this.pages = []; // each login page seen: { offered, checked, html, ... } (parseLoginForm)
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
  // v2 only: it binds what it stores to the issuer it discovered (SEP-2352) and asks for it back.
  saveDiscoveryState(s) { this.store.discovery = s; }
  discoveryState() { return this.store.discovery; }
  async redirectToAuthorization(authUrl) {
    this.authorizeUrls.push(authUrl.toString());
    const post = await this.signIn(authUrl);
    const loc = post.headers.get('location');
    if (post.status !== 302 || !loc) throw new Error(`login POST ${post.status}: ${(await post.text()).slice(0, 500)}`);
    const cb = new URL(loc);
    this.redirects.push(cb);
    if (cb.searchParams.get('state') !== this.store.state) throw new Error('state mismatch');
    this.capturedCode = cb.searchParams.get('code');
  }
}

/** Connects a client of `sdk` to `mcpUrl`, running the OAuth flow when needed. `fetch` (optional) sees every request. */
export async function connectWithOAuth(mcpUrl, provider, sdk = SDK_V1, { fetch } = {}) {
  const transport = () => new sdk.Transport(new URL(mcpUrl), { authProvider: provider, ...(fetch && { fetch }) });
  const connect = async () => {
    const client = new sdk.Client({ name: 'mail_mcp-tests', version: '1.0.0' }, sdk.clientOptions);
    await client.connect(transport());
    return client;
  };
  try {
    return await connect();
  } catch (e) {
    if (!(e instanceof sdk.UnauthorizedError) || !provider.capturedCode) throw e;
    await sdk.finishAuth(transport(), provider);
    return connect();
  }
}

/** A client of `sdk` that sends a fixed bearer token (no OAuth). */
export async function connectWithToken(mcpUrl, token, sdk = SDK_V1) {
  const transport = new sdk.Transport(new URL(mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  const client = new sdk.Client({ name: 'mail_mcp-tests', version: '1.0.0' }, sdk.clientOptions);
  await client.connect(transport);
  return client;
}
