#include "state/resp.h"

#include "testing.h"

using namespace mail_mcp;

namespace {

/// Feeds `bytes` whole and returns the first reply (or the error).
StatusOr<std::optional<RespValue>> ReadOne(std::string_view bytes, RespLimits limits = {}) {
  RespReader r(limits);
  r.Feed(bytes);
  return r.Next();
}

RespValue Parsed(std::string_view bytes) {
  auto v = ReadOne(bytes);
  if (!v.ok() || !*v) return RespValue{RespValue::Type::kError, "unparsed", 0, {}};
  return **v;
}

bool Malformed(std::string_view bytes, RespLimits limits = {}) {
  auto v = ReadOne(bytes, limits);
  return !v.ok() && v.status().code() == Status::Code::kInvalidArgument;
}

}  // namespace

TEST(Resp, EncodesCommandsAsArraysOfBinarySafeBulkStrings) {
  EXPECT_EQ(EncodeRespCommand({"SET", "k", "a\r\nb"}), "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$4\r\na\r\nb\r\n");
  EXPECT_EQ(EncodeRespCommand({"GET", ""}), "*2\r\n$3\r\nGET\r\n$0\r\n\r\n");
}

TEST(Resp, ReadsEveryResp2Type) {
  EXPECT_TRUE(Parsed("+OK\r\n").IsOk());
  RespValue err = Parsed("-WRONGPASS invalid username-password pair\r\n");
  EXPECT_TRUE(err.IsError());
  EXPECT_EQ(err.text, "WRONGPASS invalid username-password pair");
  EXPECT_EQ(Parsed(":-42\r\n").integer, -42);
  EXPECT_EQ(Parsed("$5\r\nhe\r\no\r\n").String().value_or(""), "he\r\no");  // binary-safe
  EXPECT_EQ(Parsed("$0\r\n\r\n").String().value_or("x"), "");
  EXPECT_TRUE(Parsed("$-1\r\n").IsNull());
  EXPECT_TRUE(Parsed("*-1\r\n").IsNull());
  RespValue exec = Parsed("*3\r\n:1\r\n:1\r\n:600000\r\n");
  ASSERT_EQ(exec.elements.size(), 3u);
  EXPECT_EQ(exec.elements[2].integer, 600000);
}

TEST(Resp, ReadsTheResp3TypesAServerMaySend) {
  EXPECT_TRUE(Parsed("_\r\n").IsNull());
  EXPECT_EQ(Parsed("#t\r\n").integer, 1);
  EXPECT_EQ(Parsed(",1.5\r\n").text, "1.5");
  EXPECT_EQ(Parsed("(123456789012345678901234567890\r\n").text, "123456789012345678901234567890");
  EXPECT_EQ(Parsed("=8\r\ntxt:abcd\r\n").String().value_or(""), "abcd");
  EXPECT_TRUE(Parsed("!3\r\nERR\r\n").IsError());
  RespValue map = Parsed("%1\r\n+server\r\n+redis\r\n");
  EXPECT_EQ(map.type, RespValue::Type::kMap);
  EXPECT_EQ(map.elements.size(), 2u);
  EXPECT_EQ(Parsed("~2\r\n:1\r\n:2\r\n").elements.size(), 2u);
}

TEST(Resp, AReplySplitAnywhereIsReadOnceComplete) {
  const std::string whole = "*2\r\n$3\r\nabc\r\n:7\r\n+OK\r\n";
  for (size_t cut = 0; cut <= whole.size(); ++cut) {
    RespReader r;
    r.Feed(whole.substr(0, cut));
    auto first = r.Next();
    ASSERT_OK(first);
    if (cut < 17) {  // the first reply is 17 bytes
      EXPECT_FALSE(first->has_value());
      r.Feed(whole.substr(cut));
      first = r.Next();
      ASSERT_OK(first);
    } else {
      r.Feed(whole.substr(cut));
    }
    ASSERT_TRUE(first->has_value());
    EXPECT_EQ((*first)->elements[0].text, "abc");
    auto second = r.Next();
    ASSERT_OK(second);
    ASSERT_TRUE(second->has_value());
    EXPECT_TRUE((*second)->IsOk());
    EXPECT_EQ(r.buffered(), 0u);
  }
}

TEST(Resp, MalformedRepliesAreErrorsNotGuesses) {
  EXPECT_TRUE(Malformed("?what\r\n"));
  EXPECT_TRUE(Malformed("+OK\n"));                      // a bare LF
  EXPECT_TRUE(Malformed(":12a\r\n"));                   // not a number
  EXPECT_TRUE(Malformed(":+1\r\n"));                    // no sign but minus
  EXPECT_TRUE(Malformed(":99999999999999999999\r\n"));  // out of int64
  EXPECT_TRUE(Malformed("$-2\r\n"));
  EXPECT_TRUE(Malformed("$3\r\nabcd\r\n"));  // longer than said
  EXPECT_TRUE(Malformed("#x\r\n"));
  EXPECT_TRUE(Malformed("_x\r\n"));
  EXPECT_TRUE(Malformed("%-1\r\n"));        // only arrays and bulk strings may be null
  EXPECT_TRUE(Malformed("=3\r\nabc\r\n"));  // a verbatim string without its format
}

TEST(Resp, LimitsBoundWhatAServerCanMakeUsHold) {
  RespLimits small;
  small.max_bulk_bytes = 8;
  small.max_elements = 4;
  small.max_depth = 3;
  small.max_line_bytes = 16;
  small.max_reply_bytes = 64;
  EXPECT_TRUE(Malformed("$9\r\n", small));  // refused before the bytes arrive
  EXPECT_TRUE(Malformed("*5\r\n", small));
  EXPECT_TRUE(Malformed("%3\r\n", small));                         // 3 pairs are 6 elements
  EXPECT_TRUE(Malformed("*1\r\n*1\r\n*1\r\n:1\r\n", small));       // too deep
  EXPECT_TRUE(Malformed("+" + std::string(17, 'a'), small));       // a line that never ends
  EXPECT_TRUE(Malformed("*4\r\n" + std::string(70, ':'), small));  // a reply that never completes
  EXPECT_FALSE(Malformed("*1\r\n*1\r\n:1\r\n", small));
  EXPECT_FALSE(Malformed("$8\r\n12345678\r\n", small));
}
