// Puts fixture messages into folders of the test Dovecot (over IMAPS, with Python's imaplib: an
// independent IMAP client) and returns their UIDs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CA_PATH, IMAP, USER, PASSWORD } from './peers.mjs';

const APPEND = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/imap_append.py');

/** Appends each Buffer in `messages` to `folder` (created if missing); returns their UIDs in order. */
export function appendMessages(folder, messages, port = IMAP.tlsPort) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mail_mcp-fixtures-'));
  try {
    const files = messages.map((m, i) => { const f = path.join(dir, `${i}.eml`); fs.writeFileSync(f, m); return f; });
    const uids = [];
    for (let i = 0; i < files.length; i += 200) {
      const r = spawnSync('python3', [APPEND, '127.0.0.1', String(port), CA_PATH, USER, PASSWORD, folder, ...files.slice(i, i + 200)],
        { encoding: 'utf8', maxBuffer: 64 << 20 });
      if (r.status !== 0) throw new Error(`append failed: ${r.stderr}`);
      uids.push(...r.stdout.trim().split('\n').filter(Boolean).map(Number));
    }
    return uids;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A small plain message. */
export function simpleMessage(i, subject = `Message ${i}`) {
  return Buffer.from(`Message-ID: <simple-${i}-${Date.now()}@example.test>\r\nDate: Mon, 06 Jan 2025 10:${String(i % 60).padStart(2, '0')}:00 +0000\r\n` +
    `From: Sender ${i} <sender${i}@example.test>\r\nTo: test@example.test\r\nSubject: ${subject}\r\nMIME-Version: 1.0\r\n` +
    `Content-Type: text/plain; charset=utf-8\r\n\r\nBody of message ${i}.\r\n`);
}

const FETCH_RAW = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/imap_fetch_raw.py');
/** The raw bytes of message `uid` in `folder` (ASCII folder names only), read with Python's imaplib. */
export function fetchRaw(folder, uid, port = IMAP.tlsPort) {
  const r = spawnSync('python3', [FETCH_RAW, '127.0.0.1', String(port), CA_PATH, USER, PASSWORD, folder, String(uid)], { maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`fetch failed: ${r.stderr}`);
  return r.stdout;
}

const INSPECT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/imap_inspect.py');
/** What Python's imaplib sees (ASCII folder names): `uids FOLDER`, `status FOLDER...` or `list`; see imap_inspect.py. */
export function inspectImap(command, args = [], port = IMAP.tlsPort) {
  const r = spawnSync('python3', [INSPECT, '127.0.0.1', String(port), CA_PATH, USER, PASSWORD, command, ...args],
    { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`imap_inspect ${command} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
