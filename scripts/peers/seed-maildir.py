#!/usr/bin/env python3
"""Seed a Maildir INBOX with N synthetic messages by writing files directly (10k in ~1.5 s; IMAP APPEND is
far slower). Deterministic content (fixed random seed): every 10th topic repeats, 70% are \\Seen, every 50th
is \\Flagged, every 100th has a base64 attachment. Run `doveadm index` afterwards so the first SELECT is fast.
usage: seed-maildir.py MAILDIR N [UID GID]"""
import base64, os, random, sys, time

maildir, n = sys.argv[1], int(sys.argv[2])
uid, gid = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) > 4 else (-1, -1)
rnd = random.Random(42)
for sub in ("cur", "new", "tmp"):
    os.makedirs(os.path.join(maildir, sub), exist_ok=True)
senders = [f"Sender {i} <sender{i}@example{i % 7}.test>" for i in range(50)]
topics = ["invoice", "meeting", "report", "travel", "newsletter", "project alpha", "project beta", "lunch",
          "deploy", "security"]
words = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et "
         "dolore magna aliqua quarterly budget roadmap kubernetes postgres outage customer renewal contract").split()
start = int(time.time()) - 365 * 86400   # spread over the last year
t0 = time.time()
for i in range(n):
    ts = start + int(i * (365 * 86400) / n)
    body = "\r\n".join(" ".join(rnd.choice(words) for _ in range(14)) for _ in range(20))
    date = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(ts))
    hdr = (f"Return-Path: <sender{i % 50}@example{i % 50 % 7}.test>\r\n"
           f"Message-ID: <seed-{i}@example.test>\r\nDate: {date}\r\nFrom: {senders[i % 50]}\r\n"
           f"To: Test User <test@example.test>\r\nSubject: [{topics[i % 10]}] Test message {i}\r\n"
           "MIME-Version: 1.0\r\n")
    if i % 100 == 0:
        att = base64.encodebytes(rnd.randbytes(3000)).replace(b"\n", b"\r\n").decode()
        msg = (hdr + 'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\n'
               "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n--b1\r\n"
               f'Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="file{i}.bin"\r\n'
               "Content-Transfer-Encoding: base64\r\n\r\n" + att + "--b1--\r\n")
    else:
        msg = hdr + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n"
    data = msg.encode()
    flags = "FS" if i % 50 == 0 else ("S" if i % 10 < 7 else "")
    # Maildir name: unique base, S= size hint, :2,FLAGS (letters sorted)
    path = os.path.join(maildir, "cur", f"{ts}.M{i}P{os.getpid()}.seed,S={len(data)}:2,{flags}")
    with open(path, "wb") as f:
        f.write(data)
    os.utime(path, (ts, ts))   # Maildir mtime becomes the INTERNALDATE
    if uid >= 0:
        os.chown(path, uid, gid)
if uid >= 0:
    for root, _dirs, _files in os.walk(maildir):
        os.chown(root, uid, gid)
print(f"wrote {n} messages to {maildir} in {time.time() - t0:.2f}s")
