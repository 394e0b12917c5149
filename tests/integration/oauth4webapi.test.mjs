// The authorization server checked step by step by oauth4webapi, an independent, strict OAuth client:
// metadata, the `iss` parameter in the authorization response (RFC 9207), the code exchange, refresh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as oauth from 'oauth4webapi';
import { startServer } from './lib/server.mjs';
import { submitLogin } from './lib/oauth_flow.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const insecure = { [oauth.allowInsecureRequests]: true }; // http on loopback only
const redirect_uri = 'http://localhost:8976/oauth/callback';

test('oauth4webapi validates metadata, the authorization response and both grants', async () => {
  const issuer = new URL(server.baseUrl);
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }));
  assert.equal(as.issuer, server.baseUrl);
  assert.deepEqual(as.code_challenge_methods_supported, ['S256']);
  assert.equal(as.authorization_response_iss_parameter_supported, true);
  assert.equal(as.registration_endpoint, undefined);

  const client = { client_id: server.clientId };
  const clientAuth = oauth.ClientSecretPost(server.clientSecret);
  const verifier = oauth.generateRandomCodeVerifier(), state = oauth.generateRandomState();
  const authUrl = new URL(as.authorization_endpoint);
  for (const [k, v] of Object.entries({ client_id: client.client_id, redirect_uri, response_type: 'code', state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', resource: server.mcpUrl }))
    authUrl.searchParams.set(k, v);
  const post = await submitLogin(authUrl);
  assert.equal(post.status, 302);
  assert.equal(post.headers.get('cache-control'), 'no-store');
  const params = oauth.validateAuthResponse(as, client, new URL(post.headers.get('location')), state);
  const resp = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, redirect_uri, verifier,
    { additionalParameters: { resource: server.mcpUrl }, ...insecure });
  assert.equal(resp.headers.get('cache-control'), 'no-store');
  assert.equal(resp.headers.get('pragma'), 'no-cache');
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, resp);
  assert.equal(tokens.token_type, 'bearer');
  assert.equal(tokens.expires_in, 28800);
  const refreshed = await oauth.processRefreshTokenResponse(as, client,
    await oauth.refreshTokenGrantRequest(as, client, clientAuth, tokens.refresh_token, insecure));
  assert.ok(refreshed.access_token);
});

test('protected resource metadata names exactly the MCP URL', async () => {
  for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp']) {
    const r = await fetch(server.baseUrl + path);
    assert.equal(r.status, 200);
    const m = await r.json();
    assert.equal(m.resource, server.mcpUrl);
    assert.deepEqual(m.authorization_servers, [server.baseUrl]);
    assert.deepEqual(m.bearer_methods_supported, ['header']);
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
  }
});
