// How the mail tools word a failure of the IMAP or SMTP server (or of reaching it).
//
// Every such message starts with the protocol, "IMAP: …" or "SMTP: …", so that the user and the
// assistant can tell a mailbox problem from a bad argument (which carries no prefix). The prefix is
// added here and only here: imap/, smtp/ and net/ word their messages without naming the protocol
// at the start ("every recipient was refused: …", "login failed: the IMAP server rejected …"), so
// no message reads "SMTP: SMTP: …".
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "mcp/tool.h"
#include "util/status.h"

namespace mail_mcp {

/// "IMAP: " + `message`.
std::string ImapFailure(std::string_view message);
/// "SMTP: " + `message`.
std::string SmtpFailure(std::string_view message);

/// The tool result for the IMAP failure `s`: "IMAP: <message>", or "IMAP: <context>: <message>" when
/// `context` says which step failed.
ToolResult ImapError(const Status& s, std::string_view context = {});

}  // namespace mail_mcp
