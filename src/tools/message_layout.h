// Which parts of a message a reader sees as its text and which as its attachments, decided from the
// MIME structure (the server's BODYSTRUCTURE, or our own parse of the message when that is unusable).
//
// A mail client shows every inline text part, in order, not only the first: Apple Mail sends text,
// image, text; list software appends a text footer; a digest is a run of parts. The rules:
// - multipart/alternative shows one of its parts: the last one with non-empty text (RFC 2046
//   §5.1.4 orders them by increasing preference, and mail clients show that one, which is the HTML
//   when there is HTML). The text of the other alternatives is not shown to the person, so it is not
//   text here either: a plain alternative that says something else than the HTML must not reach
//   the assistant unseen. Everything else in any alternative (inline images, calendars) is an
//   attachment. The HTML parts of the last alternative with HTML are the message's HTML.
// - multipart/related shows its root (the "start" part, else the first, RFC 2387); the other parts
//   are resources the root refers to and are attachments (as inline images always were).
// - any other multipart (mixed, digest, parallel, report, unknown): every part, in order.
// - the messages of a multipart/digest (RFC 2046 §5.1.5) are its content, shown inline as mail
//   clients show them: each message's text (laid out by these rules) follows a heading made of its
//   From, Date and Subject, and the message is also an attachment (as a whole). A digest message
//   marked as an attachment, and an attached message anywhere else, is only an attachment.
// - a text/plain or text/html leaf (a bare "text" is text/plain, RFC 2045 §5.2) is text unless its
//   Content-Disposition is "attachment" or it carries a file name; a named one is an attachment
//   unless the message has no other text, in which case the named inline parts are the text.
// - everything else is an attachment, and an attached message (message/rfc822, message/global)
//   is one attachment as a whole.
//
// Thread-safety: pure functions; the result points into the BodyPart tree it was made from.
#pragma once

#include <map>
#include <vector>

#include "imap/imap_bodystructure.h"

namespace mail_mcp {

struct MessageLayout {
  std::vector<const BodyPart*> text;         // the text/plain and text/html parts shown, in reading order
  std::vector<const BodyPart*> html;         // the HTML parts, in order (the message's HTML)
  std::vector<const BodyPart*> attachments;  // in document order
  /// The first text part of each digest message shown inline -> that message (message/rfc822).
  std::map<const BodyPart*, const BodyPart*> headings;
};

MessageLayout LayOutMessage(const BodyPart& root);

/// True for text/plain and text/html leaves (and a bare "text"), whatever their disposition.
bool IsTextLeaf(const BodyPart& p);

}  // namespace mail_mcp
