// Proves the FROM-scratch image without a Docker engine: reads Dockerfile.scratch's final stage,
// lays exactly the files it copies into an empty folder, and runs the image's command there the way
// a container would: its own pid and mount namespaces, that folder as `/`, the image's WORKDIR, ENV
// and numeric USER, no supplementary groups. The network namespace is shared, so the server and the
// test peers meet on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './binary.mjs';
import { freePort } from './server.mjs';

export const DOCKERFILE = path.join(ROOT, 'Dockerfile.scratch');
const HOST_PATH = '/usr/sbin:/usr/bin:/sbin:/bin';

/** Dockerfile lines with continuations joined and comments dropped. */
function instructions(text) {
  const out = [];
  let cur = '';
  for (const raw of text.split('\n')) {
    if (/^\s*#/.test(raw)) continue;
    const line = raw.replace(/\s+$/, '');
    if (line.endsWith('\\')) { cur += line.slice(0, -1) + ' '; continue; }
    cur += line;
    if (cur.trim()) out.push(cur.trim());
    cur = '';
  }
  return out;
}

/**
 * The final stage of a Dockerfile as data: { copies: [{ from, chown, srcs, dest }], env, user,
 * workdir, expose, entrypoint, cmd }. Throws on any other instruction, so nothing the image does
 * can escape the test.
 */
export function parseFinalStage(text) {
  const all = instructions(text);
  const lastFrom = all.map((l) => /^FROM\s/i.test(l)).lastIndexOf(true);
  if (lastFrom < 0) throw new Error('no FROM');
  const stage = { base: all[lastFrom].split(/\s+/)[1], copies: [], env: {}, user: null, workdir: '/', expose: [], entrypoint: [], cmd: [] };
  for (const line of all.slice(lastFrom + 1)) {
    const [, op, rest] = line.match(/^(\S+)\s+(.*)$/);
    const json = () => JSON.parse(rest);
    switch (op.toUpperCase()) {
      case 'COPY': {
        const words = rest.split(/\s+/);
        const flags = {};
        while (words[0].startsWith('--')) { const [k, v] = words.shift().slice(2).split('='); flags[k] = v; }
        if (Object.keys(flags).some((k) => k !== 'from' && k !== 'chown')) throw new Error(`COPY flag not understood: ${line}`);
        stage.copies.push({ from: flags.from || null, chown: flags.chown || null, dest: words.pop(), srcs: words });
        break;
      }
      case 'ENV':
        for (const m of rest.matchAll(/(\w+)=("[^"]*"|\S+)/g)) stage.env[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
        break;
      case 'USER': stage.user = rest.trim(); break;
      case 'WORKDIR': stage.workdir = path.posix.resolve(stage.workdir, rest.trim()); break;
      case 'EXPOSE': stage.expose.push(...rest.split(/\s+/)); break;
      case 'ENTRYPOINT': stage.entrypoint = json(); break;
      case 'CMD': stage.cmd = json(); break;
      default: throw new Error(`instruction not understood by the image test: ${line}`);
    }
  }
  return stage;
}

/** "uid:gid" -> numbers (numeric only: scratch has no name lookup before /etc/passwd exists). */
function ids(spec) {
  const m = /^(\d+)(?::(\d+))?$/.exec(spec);
  if (!m) throw new Error(`not a numeric uid[:gid]: ${spec}`);
  return { uid: Number(m[1]), gid: Number(m[2] ?? m[1]) };
}
export const userOf = (stage) => ids(stage.user || '0');

/** mkdir -p inside the root, owned by root, 0755 (what COPY does for missing parents). */
function mkdirs(root, rel) {
  let cur = root;
  for (const part of rel.split('/').filter(Boolean)) {
    cur = path.join(cur, part);
    if (!fs.existsSync(cur)) { fs.mkdirSync(cur); fs.chmodSync(cur, 0o755); }
  }
  return cur;
}

/** Copies a host file or folder to `dest` in the root with COPY's rules (a folder's contents, mode kept). */
function copyInto(src, dest, owner) {
  const st = fs.statSync(src);
  if (st.isDirectory()) {
    if (!fs.existsSync(dest)) { fs.mkdirSync(dest); fs.chmodSync(dest, 0o755); if (owner) fs.chownSync(dest, owner.uid, owner.gid); }
    for (const name of fs.readdirSync(src)) copyInto(path.join(src, name), path.join(dest, name), owner);
    return;
  }
  fs.copyFileSync(src, dest);
  // Image files are world-readable; executables keep their x bits.
  fs.chmodSync(dest, st.mode & 0o111 ? 0o755 : 0o644);
  if (owner) fs.chownSync(dest, owner.uid, owner.gid);
}

/**
 * Builds the final stage's filesystem in a fresh folder. `fromStage(stageName, path)` returns the
 * host file or folder standing for a path in an earlier build stage (the test says what the builder
 * made); sources without --from come from the repository, as from the build context.
 */
export function assembleRoot(stage, fromStage) {
  if (stage.base !== 'scratch') throw new Error(`final stage is FROM ${stage.base}, not scratch`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mail_mcp-image-'));
  fs.chmodSync(root, 0o755);
  for (const c of stage.copies) {
    const owner = c.chown ? ids(c.chown) : null;
    for (const src of c.srcs) {
      const host = c.from ? fromStage(c.from, src) : path.join(ROOT, src);
      const isDir = fs.statSync(host).isDirectory();
      let dest = c.dest;
      if (!isDir && (dest.endsWith('/') || c.srcs.length > 1)) dest = path.posix.join(dest, path.posix.basename(src));
      mkdirs(root, path.posix.dirname(dest));
      copyInto(host, path.join(root, dest), owner);
    }
  }
  mkdirs(root, stage.workdir);
  return root;
}

/** Every path in the root (relative, folders with a trailing /) with its owner and mode. */
export function listTree(root) {
  const out = [];
  const walk = (rel) => {
    for (const name of fs.readdirSync(path.join(root, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const st = fs.lstatSync(path.join(root, r));
      out.push({ path: st.isDirectory() ? `${r}/` : r, uid: st.uid, gid: st.gid, mode: st.mode & 0o7777, size: st.size });
      if (st.isDirectory()) walk(r);
    }
  };
  walk('');
  return out;
}

/** The unshare command line that runs `args` in the root as the image's user, in its WORKDIR. */
function containerArgv(root, stage, args) {
  const { uid, gid } = userOf(stage);
  // --root is chroot(2) done by unshare itself, which (unlike chroot(1)) can also enter WORKDIR;
  // --setgid also drops the supplementary groups, as a container's USER does.
  return ['--fork', '--pid', '--mount', '--kill-child=SIGTERM', `--root=${root}`, `--wd=${stage.workdir}`,
    `--setgid=${gid}`, `--setuid=${uid}`, ...args];
}
const containerEnv = (stage, env) => ({ PATH: HOST_PATH, ...stage.env, ...env });

/** Runs `ENTRYPOINT args…` to completion in the root (like `docker run --rm IMAGE args…`). */
export function runInRoot(root, stage, args, env = {}) {
  const r = spawnSync('unshare', containerArgv(root, stage, [...stage.entrypoint, ...args]), { env: containerEnv(stage, env), encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The host pid of unshare's child (the image's process, pid 1 in its namespace). */
async function childPid(pid) {
  for (let i = 0; i < 200; i++) {
    try {
      const kids = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
      if (kids) return Number(kids.split(/\s+/)[0]);
    } catch { /* not started yet */ }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('unshare started no child');
}

/**
 * Starts the image's default command (ENTRYPOINT + CMD) in the root on loopback `port` (default: a
 * free one) with `env` added (BASE_URL, PORT, HOST are set here). Returns { baseUrl, mcpUrl, pid,
 * logs(), stop() }.
 */
export async function startImage(root, stage, env, port) {
  port ??= await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn('unshare', containerArgv(root, stage, [...stage.entrypoint, ...stage.cmd]),
    { env: containerEnv(stage, { BASE_URL: baseUrl, PORT: String(port), HOST: '127.0.0.1', ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '', stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const pid = await childPid(child.pid);
  const deadline = Date.now() + 10000;
  for (;;) {
    try { if ((await fetch(`${baseUrl}/health`)).ok) break; } catch { /* not up yet */ }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start in the root: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port, baseUrl, mcpUrl: `${baseUrl}/mcp`, pid, exited,
    logs: () => ({ stdout, stderr }),
    async stop() {
      // SIGTERM to the server itself (what `docker stop` sends to pid 1); unshare exits with it.
      try { process.kill(pid, 'SIGTERM'); } catch { /* already gone */ }
      return exited;
    },
  };
}
