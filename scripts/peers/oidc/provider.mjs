// The OpenID Provider test peer: npm oidc-provider (a certified implementation) standing in for Google and
// Microsoft sign-in, on 127.0.0.1 only. Started by scripts/peers/start-oidc; Dovecot (passdb oauth2) checks
// the access tokens it issues by introspection, and Exim through Dovecot.
//
// Environment (defaults in brackets):
//   OP_PORT [19080]                 issuer http://127.0.0.1:OP_PORT
//   AT_TTL [60]                     access token lifetime, seconds (short, so refresh is exercised)
//   SHORT_AT_TTL [4]                the access token lifetime of the client mcp-mail-short
//   RT_TTL [86400]                  refresh token and grant lifetime, seconds
//   OP_PID_FILE                     written once listening
// Clients (secret mcp-mail-secret; native application type, so any port of
// http://127.0.0.1/oauth/upstream/callback is a registered redirect URI, RFC 8252 §7.3):
//   mcp-mail         client_secret_basic
//   mcp-mail-post    client_secret_post
//   mcp-mail-short   client_secret_post, access tokens live SHORT_AT_TTL seconds, refresh tokens rotate at
//                    every use (as Microsoft's do; reusing a rotated one revokes the grant)
//   mcp-mail-norefresh  client_secret_post, never gets a refresh token (a provider that refuses offline access)
//   dovecot / dovecot-secret        the resource server: may only introspect
// Accounts (login form): test@example.test / testpass (has a mailbox), other@example.test / otherpass.
//
// Login UI: GET /interaction/:uid is a plain HTML form, POST /interaction/:uid/login signs in, GET
// /interaction/:uid/abort answers access_denied; consent is granted without asking. Test control (loopback
// test peer only): POST /test/revoke?account=EMAIL revokes every grant of that account, as a user removing the
// app's access in their provider account does.
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const env = process.env;
const PORT = Number(env.OP_PORT || 19080);
const ISSUER = `http://127.0.0.1:${PORT}`;
const SECRET = 'mcp-mail-secret';
const AT_TTL = Number(env.AT_TTL || 60);
const SHORT_AT_TTL = Number(env.SHORT_AT_TTL || 4);
const RT_TTL = Number(env.RT_TTL || 86400);
const ACCOUNTS = new Map([['test@example.test', 'testpass'], ['other@example.test', 'otherpass']]);
// The mail scopes of Google and Microsoft, so provisioning can ask for what the real providers need.
const MAIL_SCOPES = ['https://mail.google.com/', 'https://outlook.office.com/IMAP.AccessAsUser.All',
  'https://outlook.office.com/SMTP.Send'];

/// In-memory storage that also knows each account's grants (oidc-provider's own memory adapter is not
/// exported and cannot list them), for /test/revoke.
const store = new Map();
const grantsOfAccount = new Map();
class Adapter {
  constructor(model) { this.model = model; }
  key(id) { return `${this.model}:${id}`; }
  async upsert(id, payload, expiresIn) {
    store.set(this.key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
    const add = (map, k, v) => map.set(k, (map.get(k) || new Set()).add(v));
    if (payload.grantId) add(store, `members:${payload.grantId}`, this.key(id));
    if (this.model === 'Grant') add(grantsOfAccount, payload.accountId, id);
    if (this.model === 'Session') store.set(`sessionUid:${payload.uid}`, id);
  }
  async find(id) {
    const entry = store.get(this.key(id));
    if (!entry || entry.expiresAt <= Date.now()) return undefined;
    return entry.payload;
  }
  async findByUid(uid) { return this.find(store.get(`sessionUid:${uid}`)); }
  async findByUserCode() { return undefined; }
  async consume(id) { const e = store.get(this.key(id)); if (e) e.payload.consumed = Math.floor(Date.now() / 1000); }
  async destroy(id) { store.delete(this.key(id)); }
  async revokeByGrantId(grantId) {
    for (const key of store.get(`members:${grantId}`) || []) store.delete(key);
    store.delete(`members:${grantId}`);
  }
}

const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
const client = (id, method) => ({
  client_id: id, client_secret: SECRET, application_type: 'native', token_endpoint_auth_method: method,
  redirect_uris: ['http://127.0.0.1/oauth/upstream/callback'], grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
});

const configuration = {
  adapter: Adapter,
  clients: [
    client('mcp-mail', 'client_secret_basic'),
    client('mcp-mail-post', 'client_secret_post'),
    client('mcp-mail-short', 'client_secret_post'),
    client('mcp-mail-norefresh', 'client_secret_post'),
    // Dovecot (and Exim through Dovecot) introspects tokens with these credentials (HTTP Basic).
    { client_id: 'dovecot', client_secret: 'dovecot-secret', redirect_uris: [], grant_types: [], response_types: [],
      token_endpoint_auth_method: 'client_secret_basic' },
  ],
  jwks: { keys: [{ ...jwk, kid: 'op-rs256', alg: 'RS256', use: 'sig' }] },
  cookies: { keys: ['mail_mcp-test-op-cookie-key'] },
  scopes: ['openid', 'offline_access', 'email', 'profile', ...MAIL_SCOPES],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
  // The ID token carries the claims itself (as Google's and Microsoft's do), not only the userinfo endpoint.
  conformIdTokenClaims: false,
  async findAccount(ctx, id) {
    if (!ACCOUNTS.has(id)) return undefined;
    return {
      accountId: id,
      async claims() { return { sub: id, email: id, email_verified: true, name: id.split('@')[0], preferred_username: id }; },
    };
  },
  // "email" in the introspection response: Dovecot's username_attribute.
  async extraTokenClaims(ctx, token) {
    if (token.kind === 'AccessToken' && token.accountId) return { email: token.accountId };
    return undefined;
  },
  pkce: { required: () => true },
  // Like Google's access_type=offline: clients with the refresh_token grant always get one (oidc-provider's
  // default also wants scope offline_access and prompt=consent); mcp-mail-norefresh never does.
  issueRefreshToken: async (ctx, c) => c.clientId !== 'mcp-mail-norefresh' && c.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: (ctx) => ctx.oidc.client.clientId === 'mcp-mail-short',
  ttl: {
    AccessToken: (ctx, token, c) => (c?.clientId === 'mcp-mail-short' ? SHORT_AT_TTL : AT_TTL),
    AuthorizationCode: 60, IdToken: 3600, RefreshToken: RT_TTL, Grant: RT_TTL, Interaction: 600, Session: 86400,
  },
  features: {
    devInteractions: { enabled: false },
    revocation: { enabled: true, allowedPolicy: async (ctx, c, token) => c.clientId === token.clientId },
    introspection: {
      enabled: true,
      // Only the resource server (and a token's own client) may introspect, and a refresh token is never
      // reported active to the resource server: Dovecot sends no token_type_hint, so it would otherwise let a
      // refresh token log in to IMAP.
      async allowedPolicy(ctx, c, token) {
        if (token.kind === 'RefreshToken' && c.clientId !== token.clientId) return false;
        return c.clientId === 'dovecot' || c.clientId === token.clientId;
      },
    },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  renderError(ctx, out) {
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = `error: ${out.error}\n${out.error_description || ''}\n`;
  },
};

const provider = new Provider(ISSUER, configuration);
const log = (...a) => console.log(new Date().toISOString(), ...a);

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const loginPage = (uid, clientId, error) => `<!doctype html><html><head><meta charset="utf-8"><title>Sign in</title></head><body>
<h1>Sign in to the test provider</h1><p>Client: ${esc(clientId)}</p>${error ? `<p id="error">${esc(error)}</p>` : ''}
<form method="post" action="/interaction/${esc(uid)}/login">
<input name="email" type="email"> <input name="password" type="password"> <button type="submit">Sign in</button></form>
<p><a href="/interaction/${esc(uid)}/abort">Cancel</a></p></body></html>`;

async function readForm(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}
async function finish(ctx, result) {
  ctx.status = 303;
  ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: true }));
}

async function revokeAccount(ctx) {
  const account = new URL(ctx.url, ISSUER).searchParams.get('account') || '';
  const grants = [...(grantsOfAccount.get(account) || [])];
  for (const grantId of grants) {
    await new Adapter('Grant').revokeByGrantId(grantId);
    await new Adapter('Grant').destroy(grantId);
  }
  grantsOfAccount.delete(account);
  log(`revoked ${grants.length} grant(s) of ${account}`);
  ctx.type = 'json';
  ctx.body = { revoked: grants.length };
}

provider.use(async (ctx, next) => {
  if (ctx.path === '/test/revoke' && ctx.method === 'POST') return revokeAccount(ctx);
  const m = ctx.path.match(/^\/interaction\/([A-Za-z0-9_-]+)(\/login|\/abort)?$/);
  if (!m) {
    await next();
    log(`${ctx.method} ${ctx.path} -> ${ctx.status}`);
    return;
  }
  const [, uid, action] = m;
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (details.uid !== uid) ctx.throw(400, 'interaction mismatch');
  const { prompt, params } = details;
  if (action === '/abort') return finish(ctx, { error: 'access_denied', error_description: 'The user cancelled the sign-in.' });
  if (action === '/login' && ctx.method === 'POST') {
    const form = await readForm(ctx.req);
    const email = String(form.email || '').trim().toLowerCase();
    if (ACCOUNTS.get(email) !== String(form.password ?? '')) {
      ctx.status = 401;
      ctx.type = 'html';
      ctx.body = loginPage(uid, params.client_id, 'Invalid email or password');
      return;
    }
    log(`login ok for ${email}`);
    return finish(ctx, { login: { accountId: email } });
  }
  if (ctx.method !== 'GET') ctx.throw(405);
  if (prompt.name === 'login') {
    ctx.type = 'html';
    ctx.body = loginPage(uid, params.client_id);
    return;
  }
  if (prompt.name === 'consent') {
    // Grant everything that was asked for.
    const missing = prompt.details;
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session.accountId, clientId: params.client_id });
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes || {})) grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    return finish(ctx, { consent: details.grantId ? {} : { grantId } });
  }
  ctx.throw(400, `unsupported prompt ${prompt.name}`);
});

provider.on('server_error', (ctx, err) => console.error('server_error', err));
provider.on('grant.error', (ctx, err) => console.error('grant.error', err.message, err.error_description || ''));

const server = provider.listen(PORT, '127.0.0.1', () => {
  if (env.OP_PID_FILE) writeFileSync(env.OP_PID_FILE, `${process.pid}\n`);
  log(`oidc-provider ready: issuer ${ISSUER}, access tokens ${AT_TTL}s (mcp-mail-short ${SHORT_AT_TTL}s)`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
