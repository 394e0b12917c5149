#include "imap/search_query.h"

#include "testing.h"

using namespace mail_mcp;

namespace {

/// Tokens as one line: atoms bare, strings in <angle brackets> so that the two kinds differ.
std::string Render(const std::vector<SearchToken>& tokens) {
  std::string out;
  for (const SearchToken& t : tokens) {
    if (!out.empty()) out += ' ';
    out += t.kind == SearchToken::Kind::kAtom ? t.text : "<" + t.text + ">";
  }
  return out;
}

/// The parse of `query` rendered, or "ERROR: message".
std::string Parse(std::string_view query) {
  StatusOr<std::vector<SearchToken>> r = ParseSearchQuery(query);
  if (!r.ok()) return "ERROR: " + r.status().message();
  return Render(*r);
}

/// The error message for `query`, or "" (which fails the EXPECT_CONTAINS) when it parsed.
std::string ErrorOf(std::string_view query) {
  StatusOr<std::vector<SearchToken>> r = ParseSearchQuery(query);
  if (r.ok()) return "";
  EXPECT_TRUE(r.status().code() == Status::Code::kInvalidArgument);
  return r.status().message();
}

std::string Build(std::string_view query, const SearchFilters& f) {
  StatusOr<std::vector<SearchToken>> r = BuildSearchCriteria(query, f);
  if (!r.ok()) return "ERROR: " + r.status().message();
  return Render(*r);
}

}  // namespace

// ---- Keywords ----

TEST(SearchQuery, AcceptsEveryFlagKeyAndUpperCasesIt) {
  for (const char* key : {"ALL", "ANSWERED", "DELETED", "DRAFT", "FLAGGED", "NEW", "OLD", "RECENT", "SEEN",
                          "UNANSWERED", "UNDELETED", "UNDRAFT", "UNFLAGGED", "UNSEEN"}) {
    EXPECT_EQ(Parse(key), std::string(key));
    std::string lower = key;
    for (char& c : lower) c = static_cast<char>(c - 'A' + 'a');
    EXPECT_EQ(Parse(lower), std::string(key));
  }
  EXPECT_EQ(Parse("UnSeen"), "UNSEEN");
}

TEST(SearchQuery, StringKeysTakeAtomsOrQuotedStringsAsData) {
  for (const char* key : {"BCC", "BODY", "CC", "FROM", "SUBJECT", "TEXT", "TO"}) {
    EXPECT_EQ(Parse(std::string(key) + " alice@example.com"), std::string(key) + " <alice@example.com>");
    EXPECT_EQ(Parse(std::string(key) + " \"two words\""), std::string(key) + " <two words>");
  }
  EXPECT_EQ(Parse("from Alice"), "FROM <Alice>");  // the keyword is upper-cased, the text is not
  EXPECT_EQ(Parse("SUBJECT \"\""), "SUBJECT <>");
  // A string argument that spells a keyword is still just text.
  EXPECT_EQ(Parse("SUBJECT SEEN"), "SUBJECT <SEEN>");
}

TEST(SearchQuery, HeaderTakesANameAndAString) {
  EXPECT_EQ(Parse("HEADER List-Id \"<dev.example.org>\""), "HEADER <List-Id> <<dev.example.org>>");
  EXPECT_EQ(Parse("HEADER X-Spam \"\""), "HEADER <X-Spam> <>");
  EXPECT_CONTAINS(ErrorOf("HEADER List-Id"), "expected a string after HEADER List-Id");
  EXPECT_CONTAINS(ErrorOf("HEADER \"Bad:Name\" x"), "header name");
  EXPECT_CONTAINS(ErrorOf("HEADER \"two words\" x"), "header name");
}

TEST(SearchQuery, DateKeysNormaliseBothDateForms) {
  for (const char* key : {"BEFORE", "ON", "SENTBEFORE", "SENTON", "SENTSINCE", "SINCE"}) {
    EXPECT_EQ(Parse(std::string(key) + " 1-jan-2025"), std::string(key) + " 01-Jan-2025");
    EXPECT_EQ(Parse(std::string(key) + " 2025-03-09"), std::string(key) + " 09-Mar-2025");
  }
  EXPECT_EQ(Parse("SINCE \"01-FEB-1994\""), "SINCE 01-Feb-1994");  // RFC 3501 allows a quoted date
  EXPECT_EQ(Parse("SINCE 2024-02-29"), "SINCE 29-Feb-2024");
}

TEST(SearchQuery, NumberKeysTakeUnsigned32BitNumbers) {
  EXPECT_EQ(Parse("LARGER 10000"), "LARGER 10000");
  EXPECT_EQ(Parse("SMALLER 0"), "SMALLER 0");
  EXPECT_EQ(Parse("LARGER 4294967295"), "LARGER 4294967295");
  EXPECT_EQ(Parse("LARGER 007"), "LARGER 7");
  EXPECT_EQ(Parse("OLDER 3600"), "OLDER 3600");
  EXPECT_EQ(Parse("younger 60"), "YOUNGER 60");
}

TEST(SearchQuery, KeywordKeysTakeFlagAtomsKeepingCase) {
  EXPECT_EQ(Parse("KEYWORD $Forwarded"), "KEYWORD $Forwarded");
  EXPECT_EQ(Parse("unkeyword Junk"), "UNKEYWORD Junk");
  EXPECT_CONTAINS(ErrorOf("KEYWORD \\Seen"), "have their own search keys");
  EXPECT_CONTAINS(ErrorOf("KEYWORD a*b"), "expected a flag keyword after KEYWORD");
  EXPECT_CONTAINS(ErrorOf("KEYWORD \"two words\""), "expected a flag keyword");
  EXPECT_CONTAINS(ErrorOf("KEYWORD caf\xC3\xA9"), "expected a flag keyword");
}

TEST(SearchQuery, SequenceSetsAsKeysAndAfterUid) {
  EXPECT_EQ(Parse("1:5"), "1:5");
  EXPECT_EQ(Parse("1,3:*,7"), "1,3:*,7");
  EXPECT_EQ(Parse("*"), "*");
  EXPECT_EQ(Parse("UID 100:200"), "UID 100:200");
  EXPECT_EQ(Parse("uid 4294967295"), "UID 4294967295");
  EXPECT_CONTAINS(ErrorOf("1,,2"), "empty element");
  EXPECT_CONTAINS(ErrorOf("1,"), "empty element");
  EXPECT_CONTAINS(ErrorOf("UID ,"), "empty element");
  EXPECT_CONTAINS(ErrorOf("UID 0"), "start at 1");
  EXPECT_CONTAINS(ErrorOf("UID 1:4294967296"), "larger than 4294967295");
  EXPECT_CONTAINS(ErrorOf("UID 1:2:3"), "is not a number");
  EXPECT_CONTAINS(ErrorOf("UID \"1:5\""), "not quoted");
  EXPECT_CONTAINS(ErrorOf("UID"), "expected a sequence set after UID");
}

TEST(SearchQuery, TopLevelKeysAreKeptInOrder) {
  EXPECT_EQ(Parse("FROM alice@example.com SINCE 01-Jan-2025 UNSEEN"),
            "FROM <alice@example.com> SINCE 01-Jan-2025 UNSEEN");
  EXPECT_EQ(Parse("  UNSEEN   FLAGGED  "), "UNSEEN FLAGGED");
}

// ---- NOT, OR and parentheses ----

TEST(SearchQuery, NotAndOrTakeWholeKeys) {
  EXPECT_EQ(Parse("NOT SEEN"), "NOT SEEN");
  EXPECT_EQ(Parse("OR FROM a FROM b"), "OR FROM <a> FROM <b>");
  EXPECT_EQ(Parse("OR OR FROM a FROM b FROM c"), "OR OR FROM <a> FROM <b> FROM <c>");
  EXPECT_EQ(Parse("NOT OR SEEN (FROM a SUBJECT b)"), "NOT OR SEEN ( FROM <a> SUBJECT <b> )");
  EXPECT_EQ(Parse("not not header x y"), "NOT NOT HEADER <x> <y>");
}

TEST(SearchQuery, ParenthesesGroupAndNest) {
  EXPECT_EQ(Parse("(FROM a SUBJECT b)"), "( FROM <a> SUBJECT <b> )");
  EXPECT_EQ(Parse("((SEEN))"), "( ( SEEN ) )");
  EXPECT_EQ(Parse("OR (FROM a TO b)(FROM b TO a)"), "OR ( FROM <a> TO <b> ) ( FROM <b> TO <a> )");
  EXPECT_EQ(Parse("SUBJECT \"x\"(SEEN)"), "SUBJECT <x> ( SEEN )");
}

TEST(SearchQuery, NotAndOrArityErrorsNameTheOperator) {
  EXPECT_CONTAINS(ErrorOf("NOT"), "NOT at position 1 needs a search key after it (got none)");
  EXPECT_CONTAINS(ErrorOf("OR SEEN"), "OR at position 1 needs two search keys after it (got only one)");
  EXPECT_CONTAINS(ErrorOf("OR"), "OR at position 1 needs two search keys after it (got none)");
  EXPECT_CONTAINS(ErrorOf("(OR SEEN)"), "got only one before ')' at position 9");
  EXPECT_CONTAINS(ErrorOf("(NOT)"), "NOT at position 2 needs a search key");
}

TEST(SearchQuery, RejectsUnbalancedAndEmptyParentheses) {
  EXPECT_CONTAINS(ErrorOf("(SEEN"), "unbalanced '(' at position 1: missing ')'");
  EXPECT_CONTAINS(ErrorOf("((SEEN)"), "unbalanced '(' at position 1");
  EXPECT_CONTAINS(ErrorOf("SEEN)"), "unbalanced ')' at position 5");
  EXPECT_CONTAINS(ErrorOf(")"), "unbalanced ')' at position 1");
  EXPECT_CONTAINS(ErrorOf("()"), "empty parentheses at position 1");
  EXPECT_CONTAINS(ErrorOf("FROM )"), "expected a string after FROM at position 6 (got \")\")");
}

TEST(SearchQuery, RejectsNestingDeeperThanSixteen) {
  std::string ok = std::string(16, '(') + "SEEN" + std::string(16, ')');
  EXPECT_EQ(Parse(ok).substr(0, 4), "( ( ");
  std::string deep = std::string(17, '(') + "SEEN" + std::string(17, ')');
  EXPECT_CONTAINS(ErrorOf(deep), "nested deeper than 16 levels at position 17");
}

TEST(SearchQuery, RejectsMoreThanTwoHundredTerms) {
  std::string q;
  for (int i = 0; i < 200; ++i) q += "SEEN ";
  EXPECT_OK(ParseSearchQuery(q));
  EXPECT_CONTAINS(ErrorOf(q + "SEEN"), "too many terms (more than 200)");
  // Parentheses count as terms too.
  std::string nots;
  for (int i = 0; i < 201; ++i) nots += "NOT ";
  EXPECT_CONTAINS(ErrorOf(nots + "SEEN"), "too many terms");
}

// ---- Strings ----

TEST(SearchQuery, QuotedStringsUnescapeQuoteAndBackslash) {
  EXPECT_EQ(Parse("SUBJECT \"say \\\"hi\\\" to C:\\\\temp\""), "SUBJECT <say \"hi\" to C:\\temp>");
  EXPECT_EQ(Parse("SUBJECT \"  spaced  out  \""), "SUBJECT <  spaced  out  >");
  EXPECT_EQ(Parse("SUBJECT \"(not a group)\""), "SUBJECT <(not a group)>");
  EXPECT_EQ(Parse("SUBJECT \"brace { and } alone\""), "SUBJECT <brace { and } alone>");
  EXPECT_CONTAINS(ErrorOf("SUBJECT \"a\\nb\""), "invalid escape at position 11");
  EXPECT_CONTAINS(ErrorOf("SUBJECT \"a\\"), "invalid escape");
}

TEST(SearchQuery, UnquotedStringArgumentsMayHoldBackslashesAsData) {
  EXPECT_EQ(Parse("SUBJECT C:\\temp"), "SUBJECT <C:\\temp>");
}

TEST(SearchQuery, RejectsUnbalancedQuotes) {
  EXPECT_CONTAINS(ErrorOf("SUBJECT \"unterminated"), "unterminated quoted string starting at position 9");
  EXPECT_CONTAINS(ErrorOf("SUBJECT \"a\\\""), "unterminated quoted string");
  EXPECT_CONTAINS(ErrorOf("SUBJECT ab\"cd\""), "unexpected '\"' at position 11 inside a word");
  EXPECT_CONTAINS(ErrorOf("SUBJECT \"ab\"cd"), "expected a space after the quoted string");
}

TEST(SearchQuery, UnicodeStringsNeedUtf8Charset) {
  StatusOr<std::vector<SearchToken>> r = ParseSearchQuery("SUBJECT \"Grüße aus Köln\" FROM josé");
  ASSERT_OK(r);
  EXPECT_EQ(Render(*r), "SUBJECT <Grüße aus Köln> FROM <josé>");
  EXPECT_TRUE(NeedsUtf8Charset(*r));
  StatusOr<std::vector<SearchToken>> ascii = ParseSearchQuery("SUBJECT \"plain\" SINCE 2025-01-01");
  ASSERT_OK(ascii);
  EXPECT_FALSE(NeedsUtf8Charset(*ascii));
  EXPECT_TRUE(NeedsUtf8Charset(
      *BuildSearchCriteria("", SearchFilters{std::nullopt, std::nullopt, std::string("日本"), {}, {}, {}, {}, {}})));
}

TEST(SearchQuery, PositionsCountCharactersNotBytes) {
  EXPECT_CONTAINS(ErrorOf("SUBJECT \"é\" SINCE nope"), "at position 19");
}

TEST(SearchQuery, RejectsInvalidUtf8) {
  EXPECT_CONTAINS(ErrorOf("SUBJECT \"\xC3\x28\""), "not valid UTF-8");
  EXPECT_CONTAINS(ErrorOf("SUBJECT \xFF"), "invalid UTF-8 at position 9");
}

TEST(SearchQuery, RejectsStringsLongerThanOneThousandBytes) {
  EXPECT_OK(ParseSearchQuery("SUBJECT \"" + std::string(1000, 'x') + "\""));
  EXPECT_CONTAINS(ErrorOf("SUBJECT \"" + std::string(1001, 'x') + "\""), "longer than 1000 bytes");
  EXPECT_CONTAINS(ErrorOf("SUBJECT " + std::string(1001, 'x')), "longer than 1000 bytes");
  EXPECT_CONTAINS(ErrorOf(std::string(9000, ' ') + "SEEN"), "longer than 8192 bytes");
}

// ---- Injection and other rejections ----

TEST(SearchQuery, RejectsLineBreaksAndControlCharactersAnywhere) {
  EXPECT_CONTAINS(ErrorOf("SUBJECT \"a\r\nA1 LOGOUT\""), "control character in the quoted string at position 11");
  EXPECT_CONTAINS(ErrorOf("SUBJECT \"a\nb\""), "control character");
  EXPECT_CONTAINS(ErrorOf("SEEN\r\nA1 DELETE INBOX"), "control character 0x0D at position 5");
  EXPECT_CONTAINS(ErrorOf(std::string("SUBJECT a\0b", 11)), "control character 0x00 at position 10");
  EXPECT_CONTAINS(ErrorOf("SEEN\tFLAGGED"), "control character 0x09");
  EXPECT_CONTAINS(ErrorOf("SUBJECT \"\x7F\""), "control character");
}

TEST(SearchQuery, RejectsLiteralSyntaxAnywhere) {
  EXPECT_CONTAINS(ErrorOf("SUBJECT {5}"), "'{' at position 9 is not allowed outside a quoted string");
  EXPECT_CONTAINS(ErrorOf("{5}"), "'{' at position 1");
  EXPECT_CONTAINS(ErrorOf("SUBJECT abc{5+}"), "'{' at position 12");
  EXPECT_CONTAINS(ErrorOf("SUBJECT \"x {12}\""), "IMAP literal syntax \"{12}\"");
  EXPECT_CONTAINS(ErrorOf("SUBJECT \"x {3+}\""), "IMAP literal syntax \"{3+}\"");
}

TEST(SearchQuery, RejectsUnknownKeysWithAHint) {
  EXPECT_CONTAINS(ErrorOf("DELETE"), "unknown search key \"DELETE\" at position 1 (did you mean DELETED?)");
  EXPECT_CONTAINS(ErrorOf("SEEN unsen"), "did you mean UNSEEN?");
  EXPECT_CONTAINS(ErrorOf("BY x"), "supported:");  // no far-fetched guess for short words
  std::string gm = ErrorOf("X-GM-RAW \"has:attachment\"");
  EXPECT_CONTAINS(gm, "unknown search key \"X-GM-RAW\"");
  EXPECT_CONTAINS(gm, "supported: ALL, ANSWERED,");
  EXPECT_CONTAINS(ErrorOf("MODSEQ 5"), "unknown search key");
  EXPECT_CONTAINS(ErrorOf("-5"), "unknown search key \"-5\"");
  EXPECT_CONTAINS(ErrorOf("\"invoice\""), "text must follow a key such as TEXT");
}

TEST(SearchQuery, RejectsCharset) {
  EXPECT_CONTAINS(ErrorOf("CHARSET UTF-8 SUBJECT x"), "CHARSET at position 1 is not allowed");
  EXPECT_CONTAINS(ErrorOf("charset us-ascii ALL"), "CHARSET");
}

TEST(SearchQuery, RejectsBadDatesWithTheReason) {
  EXPECT_CONTAINS(ErrorOf("UNSEEN SINCE yesterday"),
                  "query: expected a date after SINCE at position 14 (got \"yesterday\": use YYYY-MM-DD");
  EXPECT_CONTAINS(ErrorOf("SINCE 31-Feb-2025"), "February 2025 has 28 days");
  EXPECT_CONTAINS(ErrorOf("SINCE 2025-02-29"), "February 2025 has 28 days");
  EXPECT_CONTAINS(ErrorOf("SINCE 2025-13-01"), "month 13 is not between 1 and 12");
  EXPECT_CONTAINS(ErrorOf("BEFORE 01-Foo-2025"), "unknown month \"Foo\"");
  EXPECT_CONTAINS(ErrorOf("ON 01/02/2025"), "expected a date after ON");
  EXPECT_CONTAINS(ErrorOf("SINCE"), "expected a date after SINCE (at position 1), but the query ended");
  EXPECT_CONTAINS(ErrorOf("SINCE (SEEN)"), "expected a date after SINCE at position 7");
}

TEST(SearchQuery, RejectsHugeNegativeAndNonNumbers) {
  EXPECT_CONTAINS(ErrorOf("LARGER 4294967296"), "larger than 4294967295");
  EXPECT_CONTAINS(ErrorOf("LARGER 99999999999999999999999"), "larger than 4294967295");
  EXPECT_CONTAINS(ErrorOf("LARGER -5"), "expected a number after LARGER at position 8 (got \"-5\"");
  EXPECT_CONTAINS(ErrorOf("SMALLER 1e3"), "use a whole number from 0 to 4294967295");
  EXPECT_CONTAINS(ErrorOf("SMALLER \"10\""), "expected a number");
  EXPECT_CONTAINS(ErrorOf("OLDER 0"), "from 1 to 4294967295");
  EXPECT_CONTAINS(ErrorOf("LARGER"), "expected a number after LARGER (at position 1), but the query ended");
}

TEST(SearchQuery, BlankQueryIsAll) {
  EXPECT_EQ(Parse(""), "ALL");
  EXPECT_EQ(Parse("   "), "ALL");
}

TEST(SearchQuery, WithinExtensionIsDetectedButNotFromFlagNames) {
  EXPECT_TRUE(NeedsWithinExtension(*ParseSearchQuery("NOT YOUNGER 60")));
  EXPECT_TRUE(NeedsWithinExtension(*ParseSearchQuery("OLDER 60")));
  EXPECT_FALSE(NeedsWithinExtension(*ParseSearchQuery("KEYWORD OLDER")));
  EXPECT_FALSE(NeedsWithinExtension(*ParseSearchQuery("SUBJECT OLDER")));
}

// ---- Dates ----

TEST(ToImapDate, AcceptsIsoImapAndDateTimeForms) {
  EXPECT_EQ(ToImapDate("2025-01-01").value(), "01-Jan-2025");
  EXPECT_EQ(ToImapDate("2025-1-5").value(), "05-Jan-2025");
  EXPECT_EQ(ToImapDate("5-dec-2024").value(), "05-Dec-2024");
  EXPECT_EQ(ToImapDate("05-DEC-2024").value(), "05-Dec-2024");
  EXPECT_EQ(ToImapDate("2025-06-30T23:59:59Z").value(), "30-Jun-2025");
  EXPECT_EQ(ToImapDate("2025-06-30T10:00:00.123+02:00").value(), "30-Jun-2025");
  EXPECT_EQ(ToImapDate("2025-06-30 10:00").value(), "30-Jun-2025");
  EXPECT_EQ(ToImapDate(" 2025-06-30 ").value(), "30-Jun-2025");
  EXPECT_EQ(ToImapDate("2000-02-29").value(), "29-Feb-2000");
}

TEST(ToImapDate, RejectsNonCalendarDatesAndOtherForms) {
  EXPECT_CONTAINS(ToImapDate("31-Feb-2025").status().message(), "February 2025 has 28 days");
  EXPECT_CONTAINS(ToImapDate("1900-02-29").status().message(), "February 1900 has 28 days");
  EXPECT_CONTAINS(ToImapDate("2025-04-31").status().message(), "April 2025 has 30 days");
  EXPECT_CONTAINS(ToImapDate("2025-00-10").status().message(), "month 0");
  EXPECT_CONTAINS(ToImapDate("2025-01-00").status().message(), "January 2025 has 31 days");
  EXPECT_CONTAINS(ToImapDate("0000-01-01").status().message(), "year 0000");
  for (const char* bad :
       {"", "yesterday", "2025/01/01", "01-01-2025", "25-01-01", "2025-01-01T", "2025-01-01T25:00", "2025-01-01Tfoo",
        "2025-001-01", "1-January-2025", "001-Jan-2025", "01-Jan-25", "2025-01-01x"}) {
    StatusOr<std::string> r = ToImapDate(bad);
    EXPECT_FALSE(r.ok());
    if (!r.ok()) EXPECT_TRUE(r.status().code() == Status::Code::kInvalidArgument);
  }
  EXPECT_CONTAINS(ToImapDate("yesterday").status().message(), "\"yesterday\" is not a valid date");
}

// ---- Structured filters ----

TEST(BuildSearchCriteria, NothingAtAllIsAll) {
  EXPECT_EQ(Build("", SearchFilters{}), "ALL");
  SearchFilters empty_strings;
  empty_strings.from = "";
  empty_strings.since = " ";
  EXPECT_EQ(Build("  ", empty_strings), "ALL");
}

TEST(BuildSearchCriteria, FiltersMapToKeysInFixedOrder) {
  SearchFilters f;
  f.flagged = true;
  f.unseen = true;
  f.before = "2025-02-01";
  f.since = "1-jan-2025";
  f.text = "invoice";
  f.subject = "Q1 \"report\"";
  f.to = "bob@example.com";
  f.from = "alice@example.com";
  EXPECT_EQ(Build("", f),
            "FROM <alice@example.com> TO <bob@example.com> SUBJECT <Q1 \"report\"> TEXT <invoice> "
            "SINCE 01-Jan-2025 BEFORE 01-Feb-2025 UNSEEN FLAGGED");
}

TEST(BuildSearchCriteria, FalseBooleansSearchForTheOpposite) {
  SearchFilters f;
  f.unseen = false;
  f.flagged = false;
  EXPECT_EQ(Build("", f), "SEEN UNFLAGGED");
}

TEST(BuildSearchCriteria, QueryIsParenthesizedWhenCombinedWithFilters) {
  SearchFilters f;
  f.since = "2025-01-01";
  EXPECT_EQ(Build("OR FROM a FROM b", f), "( OR FROM <a> FROM <b> ) SINCE 01-Jan-2025");
  EXPECT_EQ(Build("OR FROM a FROM b", SearchFilters{}), "OR FROM <a> FROM <b>");
}

TEST(BuildSearchCriteria, QueryErrorsAndFilterErrorsNameTheirSource) {
  SearchFilters f;
  f.since = "2025-02-30";
  EXPECT_EQ(Build("SEEN", f), "ERROR: since: \"2025-02-30\" is not a valid date: February 2025 has 28 days");
  SearchFilters g;
  g.subject = "a\r\nA1 LOGOUT";
  EXPECT_CONTAINS(Build("", g), "ERROR: subject: contains a control character");
  SearchFilters h;
  h.from = "x{5}";
  EXPECT_CONTAINS(Build("", h), "ERROR: from: contains IMAP literal syntax");
  SearchFilters i;
  i.text = std::string(1001, 'x');
  EXPECT_CONTAINS(Build("", i), "ERROR: text: longer than 1000 bytes");
  SearchFilters j;
  j.to = "\xFF";
  EXPECT_CONTAINS(Build("", j), "ERROR: to: is not valid UTF-8");
  SearchFilters ok;
  ok.unseen = true;
  EXPECT_CONTAINS(Build("FROM", ok), "ERROR: query: expected a string after FROM");
}
