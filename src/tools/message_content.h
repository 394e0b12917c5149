// What get_mail_message reads of one message's body: the parts that make up its text (raw bytes,
// still transfer-encoded) and its attachments (with their exact decoded sizes where they can be
// known), with as few IMAP round trips as the server allows.
//
// Normally the server's BODYSTRUCTURE is the map: one more FETCH brings every text part (together
// at most kMaxTextBytes, at most kMaxTextParts parts), the header block of each digest message
// shown inline and, when the server has BINARY (RFC 3516), the decoded size of each base64 or
// quoted-printable attachment (BINARY.SIZE). A server that
// cannot decode a part's encoding refuses the whole FETCH ([UNKNOWN-CTE]); it is then repeated
// without the sizes.
//
// When the BODYSTRUCTURE is missing or unusable (the server could not split the message: a
// multipart whose boundary is an RFC 2231-encoded parameter, or nothing readable at all) and the
// message is at most kMaxParsedMessageBytes, the whole message is fetched and split by our own MIME
// parser (mime/message.h); its part numbers are then ours, and attachment bytes come from memory.
//
// Thread-safety: not thread-safe (uses the caller's IMAP session); the result is a plain value.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "imap/imap_fetch.h"
#include "imap/imap_session.h"
#include "mime/message.h"
#include "mime/message_headers.h"
#include "tools/message_layout.h"

namespace mail_mcp {

/// Text is read up to this many encoded bytes in all; no body window reaches further.
constexpr uint64_t kMaxTextBytes = 8u << 20;
/// At most this many text parts are read (a thousand one-line parts are not a body to read).
constexpr size_t kMaxTextParts = 200;
/// A message whose structure the server cannot give is parsed here when at most this big.
constexpr uint64_t kMaxParsedMessageBytes = 16u << 20;

struct MessageContent {
  std::unique_ptr<BodyPart> root;  // the structure `layout` points into (heap: its address is stable)
  MessageLayout layout;
  std::map<std::string, std::string> text;  // raw bytes of each text part read, by part number
  std::map<std::string, uint64_t> sizes;    // exact decoded size of attachments, by part number
  /// The header fields of each digest message shown inline (layout.headings), by its part number.
  std::map<std::string, MessageHeaders> headings;
  /// Set when the message was split here: the parsed message, which attachment bytes come from.
  std::shared_ptr<const MimePart> parsed;
};

/// False when the server's structure of a message cannot be what a reader sees: a multipart whose
/// boundary is an RFC 2231-encoded parameter (the server saw no parts), or nothing readable at all
/// (no attachment and no text part with any bytes: servers report a message they could not split
/// as one empty part).
bool StructureIsUsable(const BodyPart& root);

/// Reads the body of message `uid`, whose head (kFullFetchItems) is `head`.
StatusOr<MessageContent> ReadMessageContent(ImapSession& imap, uint32_t uid, const FetchedMessage& head);

/// For a message split here: the decoded bytes of attachment `part`, or NotFound.
StatusOr<std::string> ParsedPartBytes(const MimePart& message, const std::string& part);

}  // namespace mail_mcp
