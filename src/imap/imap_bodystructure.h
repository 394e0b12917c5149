// BODYSTRUCTURE (RFC 3501 §7.4.2, with extension data) as a tree of MIME parts, each knowing the
// section number to FETCH it with.
//
// Part numbers follow RFC 3501 §6.4.5: a multipart's children are 1..n under their parent's
// number ("2.1", "2.2"); a message that is not multipart has the single part "1"; the body of an
// attached message/rfc822 numbered N is "N.1" when it is single-part, and its parts "N.1", "N.2"...
// when it is multipart. A multipart itself is fetched as "TEXT" at the top, "N.TEXT" inside an
// attached message N, and by its own number inside another multipart.
//
// Strings stay raw (parameter values may hold RFC 2231 or RFC 2047 encodings: the MIME layer
// decodes them); type, subtype, encoding, disposition and parameter names are lower-cased. A part
// without a subtype (servers send "Content-Type: text" as "text" "") is text/plain when it is text
// or has no type (RFC 2045 §5.2), application/octet-stream otherwise. The
// input is untrusted: nesting is bounded, unknown extension data is skipped, and anything
// malformed is InvalidArgument.
//
// Thread-safety: plain values and a pure function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "imap/imap_envelope.h"
#include "imap/imap_response.h"
#include "util/status.h"

namespace mail_mcp {

struct BodyPart {
  std::string part;                           // the section number, see above ("1", "2.1", "TEXT", "3.TEXT")
  std::string type, subtype;                  // lower case: "text", "plain"; "multipart", "mixed"
  std::map<std::string, std::string> params;  // lower-case names, raw values (charset, name, boundary)
  std::string id, description;                // Content-ID, Content-Description; raw, "" when NIL
  std::string encoding;                       // lower case: "7bit", "base64", "quoted-printable"...; "" for multipart
  uint64_t size = 0;                          // encoded size in bytes (0 for multipart)
  uint64_t lines = 0;                         // text/* and message/rfc822 only
  std::string md5;                            // extension data; rarely sent
  std::string disposition;                    // lower case: "inline", "attachment" or ""
  std::map<std::string, std::string> disposition_params;  // lower-case names: "filename", "size"...
  std::vector<std::string> language;
  std::string location;
  std::vector<BodyPart> children;    // multipart parts, or the one body of a message/rfc822
  std::optional<Envelope> envelope;  // message/rfc822 (and message/global) only

  bool is_multipart() const { return type == "multipart"; }
  bool is_message() const { return envelope.has_value(); }
};

/// Parses a BODYSTRUCTURE (or BODY) value of a FETCH response. `max_depth` bounds nesting of
/// multiparts and attached messages together.
StatusOr<BodyPart> ParseBodyStructure(const ImapValue& value, size_t max_depth = 32);

}  // namespace mail_mcp
