// Extracting one command's result from the server transcript curl records for a transfer.
//
// A CurlMailHandle transcript holds every line the server sent during one curl_easy_perform: when
// curl had to (re)connect, first the greeting and the CAPABILITY/STARTTLS/login exchanges, then
// the command's own untagged responses and its tagged completion. Tagged replies mark the
// boundaries, so the command's responses are the untagged ones after the last tagged reply but one.
//
// Parsing the transcript with literals in mind is also how ImapConnection notices that curl, which
// reads line by line and knows nothing of literals, stopped inside one (a message line that looks
// like curl's tagged completion): the transcript then ends in an unfinished literal and does not
// parse.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "mail/imap_response.h"
#include "util/status.h"

namespace mail_mcp {

struct ImapCommandResult {
  std::string untagged;     // the command's untagged responses, byte-exact, each ending in CRLF
  ImapResponse completion;  // its tagged OK, NO or BAD
};

/// InvalidArgument when the transcript does not parse or does not end in a tagged response.
StatusOr<ImapCommandResult> LastImapCommand(std::string_view transcript);

}  // namespace mail_mcp
