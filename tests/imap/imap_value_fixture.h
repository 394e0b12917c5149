// IMAP values and BODYSTRUCTUREs written as text in tests, parsed as a server's response would be.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "imap/imap_bodystructure.h"
#include "imap/imap_response.h"

namespace mail_mcp {

/// The value `text` ("(...)", an atom, a string) as it would arrive in an untagged response.
inline ImapValue ImapValueFromText(const std::string& text) {
  ImapResponse r;
  auto used = ParseImapResponse("* X " + text + "\r\n", &r);
  if (!used.ok() || r.values.size() != 2) return {};
  return r.values[1];
}

/// A BODYSTRUCTURE as a server sends it; an empty part when it does not parse.
inline BodyPart BodyStructureFromText(const std::string& text) {
  auto body = ParseBodyStructure(ImapValueFromText(text));
  return body.ok() ? *body : BodyPart{};
}

}  // namespace mail_mcp
