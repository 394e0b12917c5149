// Where the real test peers started by scripts/peers/start listen (all on 127.0.0.1), and how to log in.
// Port variables are the ones the start scripts read, so an override reaches both sides.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const env = (name, fallback) => Number(process.env[name] || fallback);

export const PEERS_DIR = process.env.PEERS_DIR || '/tmp/mail_mcp-peers';
export const SCRIPTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../scripts/peers');
export const HOST = '127.0.0.1';
/** Self-signed cert (CN=localhost, SAN IP:127.0.0.1 and DNS:localhost) served by every TLS peer. */
export const CA_PATH = join(PEERS_DIR, 'tls', 'cert.pem');
export const readCa = () => readFileSync(CA_PATH, 'utf8');

export const USER = 'test@example.test';
export const PASSWORD = 'testpass';
/** A second account on the same Dovecot (tests that accounts never share a pooled IMAP session). */
export const OTHER_USER = 'other@example.test';
export const OTHER_PASSWORD = 'otherpass';
/** Dovecot's config (for doveadm) and its log, where logins and logouts show. */
export const DOVECOT_CONF = join(PEERS_DIR, 'dovecot', 'etc', 'dovecot.conf');
export const DOVECOT_LOG = join(PEERS_DIR, 'dovecot', 'log', 'dovecot.log');
/** Dovecot's passwd-file (re-read when it changes): a test may change a password there. */
export const DOVECOT_USERS = join(PEERS_DIR, 'dovecot', 'etc', 'users');

export const IMAP = { host: HOST, starttlsPort: env('IMAP_PORT', 10143), tlsPort: env('IMAPS_PORT', 10993) };
export const LMTP = { host: HOST, port: env('LMTP_PORT', 10024) };
export const SMTP = { host: HOST, starttlsPort: env('SUB_PORT', 10587), tlsPort: env('SMTPS_PORT', 10465) };
/** Second Dovecot that hides MOVE; not started by `start`: run scripts/peers/start-dovecot with DOVECOT_HIDE_MOVE=1,
 *  TLS_DIR=$PEERS_DIR/tls and these ports (state dir under PEERS_DIR, so scripts/peers/stop stops it too). */
export const IMAP_NO_MOVE = {
  host: HOST, starttlsPort: 10144, tlsPort: 10994, lmtpPort: 10025, stateDir: join(PEERS_DIR, 'dovecot-nomove'),
};
/** The provider sign-in stand-ins, only when started with WITH_OAUTH=1 (scripts/peers/start): an OpenID provider
 *  (scripts/peers/oidc/provider.mjs: its clients and accounts), a Dovecot taking its tokens over XOAUTH2/OAUTHBEARER,
 *  an Exim that authenticates through that Dovecot, and one that refuses every login after it. */
export const OIDC = {
  issuer: `http://${HOST}:19080`, secret: 'mcp-mail-secret', otherUser: 'other@example.test', otherPassword: 'otherpass',
  imap: { host: HOST, starttlsPort: 11143, tlsPort: 11993 },
  smtp: { host: HOST, starttlsPort: 11587, tlsPort: 11465 },
  smtpRefusing: { host: HOST, starttlsPort: 11588, tlsPort: 11466 },
  // A pair offering XOAUTH2 and no OAUTHBEARER, as Microsoft's servers do.
  xoauth2Only: { imap: { host: HOST, starttlsPort: 12143, tlsPort: 12993 }, smtp: { host: HOST, starttlsPort: 12587, tlsPort: 12465 } },
};
/** radosgw, only when started with WITH_S3=1; verifies SigV4. */
export const S3 = {
  endpoint: `http://${HOST}:${env('RGW_PORT', 17480)}`, region: 'us-east-1',
  accessKeyId: 'TESTACCESSKEY0000000', secretAccessKey: 'testsecretkey0000000000000000000000000000',
};
