#include "imap/imap_quote.h"

#include "testing.h"

using namespace mail_mcp;

TEST(ImapQuote, EscapesQuoteAndBackslash) {
  EXPECT_EQ(QuoteImapString("a \"b\" \\c").value_or("?"), "\"a \\\"b\\\" \\\\c\"");
  EXPECT_EQ(QuoteImapString("").value_or("?"), "\"\"");
}

TEST(ImapQuote, RefusesWhatAQuotedStringCannotHold) {
  EXPECT_FALSE(QuoteImapString("a\r\nA1 LOGOUT").has_value());
  EXPECT_FALSE(QuoteImapString("a\nb").has_value());
  EXPECT_FALSE(QuoteImapString(std::string_view("a\0b", 3)).has_value());
  EXPECT_FALSE(QuoteImapString("ü").has_value());
}

TEST(ImapQuote, MailboxArgumentEncodesAndQuotes) {
  EXPECT_EQ(MailboxArgument("日本語").value_or("?"), "\"&ZeVnLIqe-\"");
  EXPECT_EQ(MailboxArgument("R&D \"x\"").value_or("?"), "\"R&-D \\\"x\\\"\"");
  EXPECT_EQ(MailboxArgument("inbox").value_or("?"), "\"INBOX\"");
  EXPECT_FALSE(MailboxArgument("").has_value());
  EXPECT_FALSE(MailboxArgument("\xFF").has_value());
}

TEST(ImapQuote, MailboxArgumentTurnsLineBreaksIntoBase64) {
  // Control characters are legal (if odd) in names; modified UTF-7 keeps them off the wire.
  EXPECT_EQ(MailboxArgument("a\r\nb").value_or("?"), "\"a&AA0ACg-b\"");
}
