// The text a reader sees of a message read by tools/message_content.h, shared by get_mail_message
// (which shows it) and forward_mail_message (which quotes it below the note): each text part shown,
// in order, HTML rendered without the text a person would not see (mime/html_to_text.h), a digest
// message's text under its From/Date/Subject heading; and the HTML parts as sent.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "mime/address_list.h"
#include "tools/message_content.h"

namespace mail_mcp {

struct BodyText {
  std::string text;        // the readable text, parts separated by a blank line
  std::string html;        // the HTML parts as sent, each ending in a line break
  bool from_html = false;  // some of `text` is rendered HTML
  size_t hidden = 0;       // pieces of hidden text left out
};

/// "Name <address>, address" as a mail client lists them.
std::string AddressLine(const std::vector<MailAddress>& list);

/// The message's text as a reader sees it: each text part shown, in order (HTML rendered, text a
/// person would not see left out and counted), blank ones skipped, a blank line between parts; a
/// digest message's text under its heading.
BodyText ReadableText(const MessageContent& c);

}  // namespace mail_mcp
