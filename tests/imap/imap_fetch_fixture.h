// Real Dovecot 2.3 output for the IMAP parser tests (tests/imap/imap_*_test.cc).
//
// Message 1 of the captured folder is a multipart/mixed holding a multipart/alternative, a PDF
// with RFC 2231 parameters, a multipart message/rfc822 and a single-part message/rfc822; its
// subject and text hold "{5}" at line ends and lines that look like tagged and untagged
// responses. Message 2 is a plain message without MIME headers.
//
// Thread-safety: constant data.
#pragma once

/// Captured from Dovecot 2.3 (EXAMINE of a test folder, then FETCH 1:2 (UID FLAGS ENVELOPE RFC822.SIZE
/// INTERNALDATE BODYSTRUCTURE) and UID FETCH 1 (BODY.PEEK[1.1] BODY.PEEK[HEADER.FIELDS (Subject)])).
const char kDovecotFetch[] =
    "* 1 FETCH (UID 1 FLAGS (\\Seen \\Recent) RFC822.SIZE 1484 INTERNALDATE \"27-Nov-2026 09:05:20 +0000\" ENVELOPE "
    "(\"Mon, 3 Feb 2025 10:00:00 +0100\" {55}\r\n"
    "=?UTF-8?Q?Gr=C3=BC=C3=9Fe?= nested \"quoted\" (paren) {5} ((\"=?UTF-8?B?SsO8cmdlbg==?=\" NIL \"juergen\" "
    "\"example.test\")) ((\"=?UTF-8?B?SsO8cmdlbg==?=\" NIL \"juergen\" \"example.test\")) "
    "((\"=?UTF-8?B?SsO8cmdlbg==?=\" NIL \"juergen\" \"example.test\")) ((NIL NIL \"team\" NIL)(NIL NIL \"a\" "
    "\"example.test\")(\"B, Bee\" NIL \"b\" \"example.test\")(NIL NIL NIL NIL)(NIL NIL \"c\" \"example.test\")) ((NIL "
    "NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) NIL \"<parent@example.test>\" \"<nested-1@example.test>\") "
    "BODYSTRUCTURE (((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 43 3 NIL NIL NIL "
    "NIL)(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 12 0 NIL NIL NIL NIL) \"alternative\" "
    "(\"boundary\" \"alt\") NIL NIL NIL)(\"application\" \"pdf\" (\"name*\" \"utf-8''r%C3%A9sum%C3%A9.pdf\") "
    "\"<pdf1@example.test>\" \"My CV\" \"base64\" 12 NIL (\"attachment\" (\"size\" \"12\" \"filename*\" "
    "\"utf-8''r%C3%A9sum%C3%A9.pdf\")) NIL NIL)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 333 (\"Sun, 2 Feb 2025 "
    "09:00:00 +0000\" \"inner message\" ((\"Inner\" NIL \"inner\" \"example.test\")) ((\"Inner\" NIL \"inner\" "
    "\"example.test\")) ((\"Inner\" NIL \"inner\" \"example.test\")) ((NIL NIL \"x\" \"example.test\")) NIL NIL NIL "
    "NIL) ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 0 NIL NIL NIL NIL)(\"image\" \"png\" "
    "(\"name\" \"a.png\") NIL NIL \"base64\" 12 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"in\") NIL NIL NIL) 17 NIL "
    "(\"inline\" NIL) NIL NIL)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 65 (NIL \"single inner\" ((\"Single\" NIL "
    "\"s\" \"example.test\")) ((\"Single\" NIL \"s\" \"example.test\")) ((\"Single\" NIL \"s\" \"example.test\")) NIL "
    "NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 9 0 NIL NIL NIL NIL) 3 NIL NIL "
    "NIL NIL) \"mixed\" (\"boundary\" \"outer\") NIL NIL NIL))\r\n"
    "* 2 FETCH (UID 2 FLAGS (\\Seen \\Recent) RFC822.SIZE 60 INTERNALDATE \"27-Nov-2026 09:05:20 +0000\" ENVELOPE (NIL "
    "\"plain\" ((NIL NIL \"plain\" \"example.test\")) ((NIL NIL \"plain\" \"example.test\")) ((NIL NIL \"plain\" "
    "\"example.test\")) NIL NIL NIL NIL NIL) BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL "
    "\"7bit\" 16 1 NIL NIL NIL NIL))\r\n"
    "* 1 FETCH (UID 1 BODY[1.1] {43}\r\n"
    "Hello =C3=BC\r\n"
    "A001 OK fake\r\n"
    "* 1 EXISTS\r\n"
    "{5} BODY[HEADER.FIELDS (SUBJECT)] {68}\r\n"
    "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= nested \"quoted\" (paren) {5}\r\n"
    "\r\n"
    ")\r\n"
    "";
