#include "mcp/schema_validator.h"

#include "testing.h"

using namespace mail_mcp;
using picojson::object;
using picojson::value;

namespace {

value Json(const std::string& text) {
  value v;
  std::string err = picojson::parse(v, text);
  if (!err.empty()) ::testing::Fail(__FILE__, __LINE__, "bad JSON: " + text);
  return v;
}

const char* kSchema = R"({
  "type": "object",
  "properties": {
    "folder": {"type": "string", "minLength": 1, "maxLength": 5},
    "page": {"type": "integer", "minimum": 1},
    "limit": {"type": "integer", "minimum": 1, "maximum": 50},
    "ratio": {"type": "number", "exclusiveMinimum": 0, "maximum": 1.5},
    "order": {"type": "string", "enum": ["newest", "oldest"]},
    "flag": {"type": "boolean"},
    "ids": {"type": "array", "items": {"type": "integer", "minimum": 1}, "minItems": 1, "maxItems": 3},
    "filter": {"type": "object", "properties": {"from": {"type": "string"}},
               "additionalProperties": false},
    "uid": {"oneOf": [{"type": "string", "minLength": 1}, {"type": "integer", "minimum": 1}]},
    "note": {"type": ["string", "null"], "description": "free text", "default": null}
  },
  "required": ["folder"],
  "additionalProperties": false
})";

/// The message of validating `args` against kSchema ("" when valid).
std::string Error(const std::string& args) {
  value v = Json(args);
  Status st = ValidateToolArguments(Json(kSchema), &v);
  return st.ok() ? "" : st.message();
}

}  // namespace

TEST(SchemaValidator, AcceptsConformingArguments) {
  EXPECT_EQ(Error(R"({"folder":"INBOX","page":2,"limit":50,"ratio":0.5,"order":"oldest",
                     "flag":true,"ids":[1,2],"filter":{"from":"a@b"},"uid":"7","note":null})"),
            "");
  EXPECT_EQ(Error(R"({"folder":"x","uid":3,"note":"hi"})"), "");
}

TEST(SchemaValidator, RejectsArgumentsThatAreNotAnObject) {
  value v = Json("[1]");
  Status st = ValidateToolArguments(Json(kSchema), &v);
  EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(st.message(), "arguments: must be an object");
}

TEST(SchemaValidator, NamesTheArgumentWithTheWrongType) {
  EXPECT_EQ(Error(R"({"folder":5})"), "arguments.folder: must be a string");
  EXPECT_EQ(Error(R"({"folder":"a","page":"2"})"), "arguments.page: must be an integer");
  EXPECT_EQ(Error(R"({"folder":"a","page":1.5})"), "arguments.page: must be an integer");
  EXPECT_EQ(Error(R"({"folder":"a","flag":"yes"})"), "arguments.flag: must be a boolean");
  EXPECT_EQ(Error(R"({"folder":"a","ratio":"1"})"), "arguments.ratio: must be a number");
  EXPECT_EQ(Error(R"({"folder":"a","ids":3})"), "arguments.ids: must be an array");
  EXPECT_EQ(Error(R"({"folder":"a","filter":[]})"), "arguments.filter: must be an object");
  EXPECT_EQ(Error(R"({"folder":"a","note":1})"), "arguments.note: must be a string or null");
}

TEST(SchemaValidator, ReportsMissingRequiredArguments) { EXPECT_EQ(Error("{}"), "arguments.folder: is required"); }

TEST(SchemaValidator, ReportsUnknownArgumentsListingTheKnownOnes) {
  EXPECT_EQ(Error(R"({"folder":"a","fodler":"b"})"),
            "arguments.fodler: unknown property; expected one of: filter, flag, folder, ids, limit, "
            "note, order, page, ratio, uid");
  EXPECT_EQ(Error(R"({"folder":"a","filter":{"to":"x"}})"),
            "arguments.filter.to: unknown property; expected one of: from");
}

TEST(SchemaValidator, ReportsOutOfRangeNumbers) {
  EXPECT_EQ(Error(R"({"folder":"a","page":0})"), "arguments.page: must be an integer >= 1");
  EXPECT_EQ(Error(R"({"folder":"a","limit":51})"), "arguments.limit: must be an integer >= 1 and <= 50");
  EXPECT_EQ(Error(R"({"folder":"a","ratio":0})"), "arguments.ratio: must be a number > 0 and <= 1.5");
  EXPECT_EQ(Error(R"({"folder":"a","ratio":1.6})"), "arguments.ratio: must be a number > 0 and <= 1.5");
  EXPECT_EQ(Error(R"({"folder":"a","page":-9223372036854775808})"), "arguments.page: must be an integer >= 1");
}

TEST(SchemaValidator, CountsStringLengthInCodePoints) {
  EXPECT_EQ(Error(R"({"folder":""})"), "arguments.folder: must be between 1 and 5 characters long");
  EXPECT_EQ(Error(R"({"folder":"abcdef"})"), "arguments.folder: must be between 1 and 5 characters long");
  EXPECT_EQ(Error("{\"folder\":\"\xc3\xa9t\xc3\xa9\xc3\xa9\xc3\xa9\"}"), "");  // 5 code points, 9 bytes
}

TEST(SchemaValidator, ReportsEnumViolationsListingTheChoices) {
  EXPECT_EQ(Error(R"({"folder":"a","order":"random"})"), R"(arguments.order: must be one of "newest", "oldest")");
}

TEST(SchemaValidator, ChecksArrayItemsAndSize) {
  EXPECT_EQ(Error(R"({"folder":"a","ids":[1,0]})"), "arguments.ids[1]: must be an integer >= 1");
  EXPECT_EQ(Error(R"({"folder":"a","ids":[]})"), "arguments.ids: must have between 1 and 3 items");
  EXPECT_EQ(Error(R"({"folder":"a","ids":[1,2,3,4]})"), "arguments.ids: must have between 1 and 3 items");
}

TEST(SchemaValidator, ExplainsEachAlternativeOfAOneOf) {
  EXPECT_EQ(Error(R"({"folder":"a","uid":0})"), "arguments.uid: must be a string; or must be an integer >= 1");
  EXPECT_EQ(Error(R"({"folder":"a","uid":true})"), "arguments.uid: must be a string; or must be an integer");
}

TEST(SchemaValidator, RejectsAValueMatchingMoreThanOneOneOfAlternative) {
  value schema = Json(R"({"oneOf":[{"type":"integer"},{"type":"number"}]})");
  Status st = ValidateJson(schema, Json("3"), "x");
  EXPECT_EQ(st.message(), "x: matches more than one allowed form");
  EXPECT_OK(ValidateJson(Json(R"({"anyOf":[{"type":"integer"},{"type":"number"}]})"), Json("3"), "x"));
}

TEST(SchemaValidator, NormalizesIntegralFloatsToInt64WhereAnIntegerIsExpected) {
  value v = Json(R"({"folder":"a","page":2.0,"ids":[1e1],"uid":3.0,"ratio":1.0})");
  ASSERT_OK(ValidateToolArguments(Json(kSchema), &v));
  EXPECT_TRUE(v.get("page").is<int64_t>());
  EXPECT_EQ(v.get("page").get<int64_t>(), 2);
  EXPECT_EQ(v.get("ids").get(0).get<int64_t>(), 10);
  EXPECT_TRUE(v.get("uid").is<int64_t>());
  EXPECT_FALSE(v.get("ratio").is<int64_t>());  // a number stays as sent
}

TEST(SchemaValidator, ValidateJsonLeavesInt64ValuesIntact) {
  // picojson's own get<double>() and operator== would turn these into doubles in place.
  value schema = Json(R"({"type":"object","properties":{"n":{"type":"number","enum":[1,2],"minimum":0}}})");
  value v = Json(R"({"n":2})");
  EXPECT_OK(ValidateJson(schema, v, "x"));
  EXPECT_TRUE(v.get("n").is<int64_t>());
  EXPECT_TRUE(schema.get("properties").get("n").get("minimum").is<int64_t>());
}

TEST(SchemaValidator, HonoursBooleanSchemasAndAdditionalPropertySchemas) {
  EXPECT_OK(ValidateJson(Json("true"), Json("[1]"), "x"));
  EXPECT_EQ(ValidateJson(Json("false"), Json("1"), "x").message(), "x: is not allowed");
  value schema = Json(R"({"type":"object","additionalProperties":{"type":"integer"}})");
  EXPECT_OK(ValidateJson(schema, Json(R"({"a":1})"), "x"));
  EXPECT_EQ(ValidateJson(schema, Json(R"({"a":"1"})"), "x").message(), "x.a: must be an integer");
}

TEST(SchemaValidator, ChecksConst) {
  EXPECT_EQ(ValidateJson(Json(R"({"const":"a"})"), Json(R"("b")"), "x").message(), R"(x: must be "a")");
}

TEST(SchemaValidator, ReportsMalformedSchemasAsInternal) {
  Status st = ValidateJson(Json(R"({"type":"integer","minimum":"1"})"), Json("3"), "x");
  EXPECT_EQ(st.code(), Status::Code::kInternal);
  EXPECT_EQ(ValidateJson(Json(R"({"type":"int"})"), Json("3"), "x").code(), Status::Code::kInternal);
}

TEST(SchemaValidator, CheckSchemaSupportedAcceptsTheSubsetAndRejectsTheRest) {
  EXPECT_OK(CheckSchemaSupported(Json(kSchema)));
  EXPECT_OK(CheckSchemaSupported(Json(R"({"type":"object","additionalProperties":false})")));
  EXPECT_FALSE(CheckSchemaSupported(Json(R"({"type":"array"})")).ok());
  Status typo = CheckSchemaSupported(Json(R"({"type":"object","properties":{"n":{"type":"integer","minimun":1}}})"));
  EXPECT_FALSE(typo.ok());
  EXPECT_CONTAINS(typo.message(), "minimun");
  EXPECT_FALSE(
      CheckSchemaSupported(Json(R"({"type":"object","properties":{"s":{"type":"string","pattern":"^a"}}})")).ok());
  EXPECT_FALSE(
      CheckSchemaSupported(Json(R"({"type":"object","properties":{"s":{"type":"string","maxLength":-1}}})")).ok());
  EXPECT_FALSE(CheckSchemaSupported(Json(R"({"type":"object","properties":{"s":{"items":{"type":"strin"}}}})")).ok());
}
