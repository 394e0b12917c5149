#include "tools/tool_args.h"

#include "testing.h"

using namespace mail_mcp;

namespace {

picojson::object Args(const std::string& json) {
  picojson::value v;
  picojson::parse(v, json);
  return v.is<picojson::object>() ? v.get<picojson::object>() : picojson::object();
}

}  // namespace

TEST(UidsArg, OneUidIsNotBulk) {
  bool bulk = true;
  auto uids = UidsArg(Args(R"({"uid":7})"), &bulk);
  ASSERT_OK(uids);
  EXPECT_FALSE(bulk);
  EXPECT_TRUE(*uids == std::vector<uint32_t>{7});
}

TEST(UidsArg, ManyUidsAreSortedAndDeduplicated) {
  bool bulk = false;
  auto uids = UidsArg(Args(R"({"uids":[9,3,4294967295,3,5]})"), &bulk);
  ASSERT_OK(uids);
  EXPECT_TRUE(bulk);
  EXPECT_TRUE(*uids == (std::vector<uint32_t>{3, 5, 9, 4294967295u}));
}

TEST(UidsArg, NeedsExactlyOneOfUidAndUids) {
  bool bulk = false;
  EXPECT_FALSE(UidsArg(Args(R"({})"), &bulk).ok());
  EXPECT_FALSE(UidsArg(Args(R"({"uid":1,"uids":[2]})"), &bulk).ok());
  EXPECT_FALSE(UidsArg(Args(R"({"uids":[]})"), &bulk).ok());
}
