// The IMAP search-query parser (src/imap/search_query.h): the `query` an assistant hands to
// search_mail_messages, with the structured filters, turned into the UID SEARCH command.
//
// The input is the query, then optionally "\n" and the filters from, to, subject, text, since and
// before, one per line. Whatever the parser accepts must build a valid command (ImapCommand refuses
// anything that would change the command's structure), and on the wire nothing but the literal
// announcements and the final CRLF may break a line. Seeds: tests/fuzz/corpus/search_query (queries
// from the unit tests).
#include <string>

#include "fuzz_support.h"
#include "imap/imap_command.h"
#include "imap/search_query.h"

using namespace mail_mcp;

namespace {

void CheckWireForm(const std::vector<SearchToken>& criteria) {
  ImapCommand search("UID SEARCH");
  if (NeedsUtf8Charset(criteria)) search.Atom("CHARSET").Atom("UTF-8");
  (void)NeedsWithinExtension(criteria);
  for (const SearchToken& t : criteria) {
    if (t.kind == SearchToken::Kind::kString) search.String(t.text);
    else search.Atom(t.text);
  }
  FUZZ_CHECK(search.status().ok(), "accepted criteria do not make a valid command");
  for (LiteralSupport support : {LiteralSupport::kSynchronizing, LiteralSupport::kLiteralPlus}) {
    std::vector<std::string> segments = search.Segments("A1", support);
    FUZZ_CHECK(!segments.empty(), "no wire form");
    std::string wire;
    for (const std::string& s : segments) wire += s;
    // Outside literals, a line ends only in "{n}\r\n" or at the end; literal bytes are the user's
    // text, which the parser guarantees has no CR, LF or NUL either.
    for (size_t i = 0; i < wire.size(); ++i) {
      FUZZ_CHECK(wire[i] != '\0', "NUL on the wire");
      if (wire[i] == '\r' || wire[i] == '\n') {
        bool crlf = wire[i] == '\r' && i + 1 < wire.size() && wire[i + 1] == '\n';
        FUZZ_CHECK(crlf && (i + 2 == wire.size() || (i > 0 && wire[i - 1] == '}')), "a bare line break on the wire");
        ++i;
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string_view> lines = fuzz::Split(fuzz::AsView(data, size), '\n', 7);
  if (auto criteria = ParseSearchQuery(lines[0]); criteria.ok()) CheckWireForm(*criteria);

  SearchFilters filters;
  std::optional<std::string>* fields[] = {&filters.from, &filters.to,    &filters.subject,
                                          &filters.text, &filters.since, &filters.before};
  for (size_t i = 1; i < lines.size(); ++i) *fields[i - 1] = std::string(lines[i]);
  if (size > 0) filters.unseen = (data[0] & 1) != 0;
  if (size > 0 && (data[0] & 2)) filters.flagged = (data[0] & 4) != 0;
  if (auto criteria = BuildSearchCriteria(lines[0], filters); criteria.ok()) CheckWireForm(*criteria);

  if (auto date = ToImapDate(lines.back()); date.ok()) {
    FUZZ_CHECK(date->size() == 11 && (*date)[2] == '-' && (*date)[6] == '-', "a date that is not DD-Mon-YYYY");
  }
  return 0;
}
