#include "mcp/schema_validator.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

namespace mail_mcp {

using picojson::array;
using picojson::object;
using picojson::value;

namespace {

// ---- Value helpers that never mutate (see the header on picojson's get<double>()). ----

double AsDouble(const value& v) { return v.is<int64_t>() ? static_cast<double>(v.get<int64_t>()) : v.get<double>(); }

/// An integral double that fits int64 (2^63 itself does not).
bool IsIntegralDouble(const value& v) {
  if (!v.is<double>() || v.is<int64_t>()) return false;
  double d = v.get<double>();
  return std::floor(d) == d && d >= -9223372036854775808.0 && d < 9223372036854775808.0;
}

bool IsInteger(const value& v) { return v.is<int64_t>() || IsIntegralDouble(v); }

/// JSON equality; numbers compare by value, so 1 == 1.0.
bool JsonEquals(const value& a, const value& b) {
  if (a.is<double>() && b.is<double>()) {
    if (a.is<int64_t>() && b.is<int64_t>()) return a.get<int64_t>() == b.get<int64_t>();
    return AsDouble(a) == AsDouble(b);
  }
  if (a.is<picojson::null>()) return b.is<picojson::null>();
  if (a.is<bool>()) return b.is<bool>() && a.get<bool>() == b.get<bool>();
  if (a.is<std::string>()) return b.is<std::string>() && a.get<std::string>() == b.get<std::string>();
  if (a.is<array>()) {
    if (!b.is<array>()) return false;
    const array &x = a.get<array>(), &y = b.get<array>();
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i)
      if (!JsonEquals(x[i], y[i])) return false;
    return true;
  }
  if (a.is<object>()) {
    if (!b.is<object>()) return false;
    const object &x = a.get<object>(), &y = b.get<object>();
    if (x.size() != y.size()) return false;
    for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j)
      if (i->first != j->first || !JsonEquals(i->second, j->second)) return false;
    return true;
  }
  return false;
}

/// -1, 0, 1 as a <, ==, > b; exact when both are int64.
int CompareNumbers(const value& a, const value& b) {
  if (a.is<int64_t>() && b.is<int64_t>()) {
    int64_t x = a.get<int64_t>(), y = b.get<int64_t>();
    return x < y ? -1 : x > y;
  }
  double x = AsDouble(a), y = AsDouble(b);
  return x < y ? -1 : x > y;
}

std::string NumberText(const value& v) {
  if (v.is<int64_t>()) return std::to_string(v.get<int64_t>());
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.15g", v.get<double>());
  return buf;
}

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

const char* TypePhrase(const std::string& type) {
  if (type == "object") return "an object";
  if (type == "array") return "an array";
  if (type == "integer") return "an integer";
  if (type == "number") return "a number";
  if (type == "string") return "a string";
  if (type == "boolean") return "a boolean";
  if (type == "null") return "null";
  return nullptr;
}

bool HasType(const value& v, const std::string& type) {
  if (type == "object") return v.is<object>();
  if (type == "array") return v.is<array>();
  if (type == "integer") return IsInteger(v);
  if (type == "number") return v.is<double>();
  if (type == "string") return v.is<std::string>();
  if (type == "boolean") return v.is<bool>();
  if (type == "null") return v.is<picojson::null>();
  return false;
}

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

Status Invalid(const std::string& path, const std::string& what) { return Status::InvalidArgument(path + ": " + what); }
Status BadSchema(const std::string& path, const std::string& what) {
  return Status::Internal("invalid schema for " + path + ": " + what);
}

/// A schema keyword, or null when absent.
const value* Keyword(const object& schema, const char* name) {
  auto it = schema.find(name);
  return it == schema.end() ? nullptr : &it->second;
}

/// Reads an optional non-negative integer keyword (minLength, maxItems, ...) into *out.
Status CountKeyword(const object& schema, const char* name, const std::string& path, bool* present, int64_t* out) {
  const value* k = Keyword(schema, name);
  *present = k != nullptr;
  if (!k) return Status::OK();
  if (!k->is<int64_t>() || k->get<int64_t>() < 0)
    return BadSchema(path, std::string(name) + " must be a non-negative integer");
  *out = k->get<int64_t>();
  return Status::OK();
}

/// "at least 1", "at most 5" or "between 1 and 5", for length and size limits.
std::string RangeText(bool has_min, int64_t min, bool has_max, int64_t max) {
  if (has_min && has_max) return "between " + std::to_string(min) + " and " + std::to_string(max);
  if (has_min) return "at least " + std::to_string(min);
  return "at most " + std::to_string(max);
}

// ---- The validator. V is `const value` (check only) or `value` (check and normalize). ----

template <typename V>
Status Check(const value& schema, V& v, const std::string& path);

template <typename V>
Status CheckType(const object& schema, V& v, const std::string& path) {
  const value* t = Keyword(schema, "type");
  if (!t) return Status::OK();
  std::vector<std::string> types;
  if (t->is<std::string>()) {
    types.push_back(t->get<std::string>());
  } else if (t->is<array>()) {
    for (const value& e : t->get<array>()) {
      if (!e.is<std::string>()) return BadSchema(path, "type entries must be strings");
      types.push_back(e.get<std::string>());
    }
  } else {
    return BadSchema(path, "type must be a string or an array");
  }
  std::vector<std::string> phrases;
  for (const std::string& type : types) {
    const char* phrase = TypePhrase(type);
    if (!phrase) return BadSchema(path, "unknown type \"" + type + "\"");
    if (HasType(v, type)) {
      if constexpr (!std::is_const_v<V>) {
        /// Tools read integers with get<int64_t>(), which throws on a double such as 3.0.
        if (type == "integer" && IsIntegralDouble(v)) v = value(static_cast<int64_t>(v.template get<double>()));
      }
      return Status::OK();
    }
    phrases.push_back(phrase);
  }
  return Invalid(path, "must be " + Join(phrases, " or "));
}

Status CheckEnumConst(const object& schema, const value& v, const std::string& path) {
  if (const value* e = Keyword(schema, "enum")) {
    if (!e->is<array>()) return BadSchema(path, "enum must be an array");
    bool found = false;
    std::vector<std::string> options;
    for (const value& option : e->get<array>()) {
      if (JsonEquals(option, v)) found = true;
      options.push_back(option.serialize());
    }
    if (!found) return Invalid(path, "must be one of " + Join(options, ", "));
  }
  if (const value* c = Keyword(schema, "const")) {
    if (!JsonEquals(*c, v)) return Invalid(path, "must be " + c->serialize());
  }
  return Status::OK();
}

Status CheckNumber(const object& schema, const value& v, const std::string& path) {
  struct Bound {
    const char* keyword;
    const char* op;
    int failing_sign;
    bool exclusive;
  };
  static const Bound kBounds[] = {
      {"minimum", ">=", -1, false},
      {"exclusiveMinimum", ">", -1, true},
      {"maximum", "<=", 1, false},
      {"exclusiveMaximum", "<", 1, true},
  };
  std::vector<std::string> limits;
  bool failed = false;
  for (const Bound& b : kBounds) {
    const value* k = Keyword(schema, b.keyword);
    if (!k) continue;
    if (!k->is<double>()) return BadSchema(path, std::string(b.keyword) + " must be a number");
    limits.push_back(std::string(b.op) + " " + NumberText(*k));
    int c = CompareNumbers(v, *k);
    if (c == b.failing_sign || (b.exclusive && c == 0)) failed = true;
  }
  if (!failed) return Status::OK();
  const value* t = Keyword(schema, "type");
  bool integer = t && t->is<std::string>() && t->get<std::string>() == "integer";
  return Invalid(path, std::string("must be ") + (integer ? "an integer " : "a number ") + Join(limits, " and "));
}

Status CheckString(const object& schema, const std::string& s, const std::string& path) {
  bool has_min, has_max;
  int64_t min = 0, max = 0;
  Status st = CountKeyword(schema, "minLength", path, &has_min, &min);
  if (st.ok()) st = CountKeyword(schema, "maxLength", path, &has_max, &max);
  if (!st.ok()) return st;
  if (!has_min && !has_max) return Status::OK();
  size_t n = CodePoints(s);
  if ((has_min && n < static_cast<uint64_t>(min)) || (has_max && n > static_cast<uint64_t>(max)))
    return Invalid(path, "must be " + RangeText(has_min, min, has_max, max) + " characters long");
  return Status::OK();
}

template <typename V>
Status CheckArray(const object& schema, V& v, const std::string& path) {
  auto& items = v.template get<array>();
  bool has_min, has_max;
  int64_t min = 0, max = 0;
  Status st = CountKeyword(schema, "minItems", path, &has_min, &min);
  if (st.ok()) st = CountKeyword(schema, "maxItems", path, &has_max, &max);
  if (!st.ok()) return st;
  if ((has_min && items.size() < static_cast<uint64_t>(min)) || (has_max && items.size() > static_cast<uint64_t>(max)))
    return Invalid(path, "must have " + RangeText(has_min, min, has_max, max) + " items");
  if (const value* item_schema = Keyword(schema, "items")) {
    for (size_t i = 0; i < items.size(); ++i) {
      st = Check(*item_schema, items[i], path + "[" + std::to_string(i) + "]");
      if (!st.ok()) return st;
    }
  }
  return Status::OK();
}

template <typename V>
Status CheckObject(const object& schema, V& v, const std::string& path) {
  auto& members = v.template get<object>();
  const object* properties = nullptr;
  if (const value* p = Keyword(schema, "properties")) {
    if (!p->is<object>()) return BadSchema(path, "properties must be an object");
    properties = &p->get<object>();
  }
  const value* additional = Keyword(schema, "additionalProperties");
  if (additional && !additional->is<bool>() && !additional->is<object>())
    return BadSchema(path, "additionalProperties must be a boolean or a schema");

  /// Unknown members first: a misspelt name also looks like a missing required one, and this
  /// message lists the valid names.
  for (auto& [name, member] : members) {
    if (properties && properties->count(name)) continue;
    if (!additional || (additional->is<bool>() && additional->get<bool>())) continue;
    if (additional->is<bool>()) {
      std::vector<std::string> names;
      if (properties)
        for (const auto& p : *properties) names.push_back(p.first);
      return Invalid(path + "." + name, names.empty() ? "unknown property; none are accepted here"
                                                      : "unknown property; expected one of: " + Join(names, ", "));
    }
    Status st = Check(*additional, member, path + "." + name);
    if (!st.ok()) return st;
  }
  if (const value* required = Keyword(schema, "required")) {
    if (!required->is<array>()) return BadSchema(path, "required must be an array");
    for (const value& name : required->get<array>()) {
      if (!name.is<std::string>()) return BadSchema(path, "required entries must be strings");
      if (!members.count(name.get<std::string>())) return Invalid(path + "." + name.get<std::string>(), "is required");
    }
  }
  if (properties) {
    for (const auto& [name, property_schema] : *properties) {
      auto it = members.find(name);
      if (it == members.end()) continue;
      Status st = Check(property_schema, it->second, path + "." + name);
      if (!st.ok()) return st;
    }
  }
  return Status::OK();
}

/// oneOf / anyOf. Alternatives are tried without normalizing; the one that matched is then re-run
/// on the mutable value, so a failed alternative never leaves a trace.
template <typename V>
Status CheckAlternatives(const object& schema, const char* keyword, V& v, const std::string& path) {
  const value* alternatives = Keyword(schema, keyword);
  if (!alternatives) return Status::OK();
  if (!alternatives->is<array>() || alternatives->get<array>().empty())
    return BadSchema(path, std::string(keyword) + " must be a non-empty array");
  const bool exactly_one = std::string(keyword) == "oneOf";
  const value* match = nullptr;
  int matches = 0;
  std::vector<std::string> reasons;
  const std::string prefix = path + ": ";
  for (const value& alternative : alternatives->get<array>()) {
    Status st = Check(alternative, static_cast<const value&>(v), path);
    if (st.code() == Status::Code::kInternal) return st;
    if (st.ok()) {
      if (!match) match = &alternative;
      ++matches;
      continue;
    }
    const std::string& m = st.message();
    reasons.push_back(m.compare(0, prefix.size(), prefix) == 0 ? m.substr(prefix.size()) : m);
  }
  if (matches == 0) return Invalid(path, Join(reasons, "; or "));
  if (exactly_one && matches > 1) return Invalid(path, "matches more than one allowed form");
  if constexpr (!std::is_const_v<V>) return Check(*match, v, path);
  return Status::OK();
}

template <typename V>
Status Check(const value& schema, V& v, const std::string& path) {
  if (schema.is<bool>()) return schema.get<bool>() ? Status::OK() : Invalid(path, "is not allowed");
  if (!schema.is<object>()) return BadSchema(path, "a schema must be an object or a boolean");
  const object& s = schema.get<object>();

  Status st = CheckType(s, v, path);
  if (st.ok()) st = CheckEnumConst(s, v, path);
  if (!st.ok()) return st;
  if (v.template is<double>()) st = CheckNumber(s, v, path);
  else if (v.template is<std::string>()) st = CheckString(s, v.template get<std::string>(), path);
  else if (v.template is<array>()) st = CheckArray(s, v, path);
  else if (v.template is<object>()) st = CheckObject(s, v, path);
  if (st.ok()) st = CheckAlternatives(s, "anyOf", v, path);
  if (st.ok()) st = CheckAlternatives(s, "oneOf", v, path);
  return st;
}

// ---- Schema self-check. ----

const std::set<std::string>& KnownKeywords() {
  static const std::set<std::string> kKnown = {
      // enforced
      "type", "properties", "required", "additionalProperties", "enum", "const", "minimum", "maximum",
      "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "items", "minItems", "maxItems", "oneOf",
      "anyOf",
      // annotations
      "$schema", "$comment", "title", "description", "default", "examples", "format", "deprecated", "readOnly",
      "writeOnly"};
  return kKnown;
}

Status CheckSubschema(const value& schema, const std::string& path) {
  if (schema.is<bool>()) return Status::OK();
  if (!schema.is<object>()) return BadSchema(path, "a schema must be an object or a boolean");
  const object& s = schema.get<object>();
  for (const auto& [keyword, arg] : s) {
    if (!KnownKeywords().count(keyword)) return BadSchema(path, "unsupported keyword \"" + keyword + "\"");
    if (keyword == "properties") {
      if (!arg.is<object>()) return BadSchema(path, "properties must be an object");
      for (const auto& [name, sub] : arg.get<object>()) {
        Status st = CheckSubschema(sub, path + "." + name);
        if (!st.ok()) return st;
      }
    } else if (keyword == "items" || (keyword == "additionalProperties" && arg.is<object>())) {
      Status st = CheckSubschema(arg, path + (keyword == "items" ? "[]" : ".*"));
      if (!st.ok()) return st;
    } else if (keyword == "oneOf" || keyword == "anyOf") {
      if (!arg.is<array>()) return BadSchema(path, keyword + " must be an array");
      for (const value& sub : arg.get<array>()) {
        Status st = CheckSubschema(sub, path);
        if (!st.ok()) return st;
      }
    }
  }
  /// Validating a value of every type against the schema exercises each keyword's type checks
  /// (CheckType, CountKeyword, ...) without duplicating them here.
  static const value kProbes[] = {value(),        value(true),    value(int64_t{0}), value(0.5), value(std::string()),
                                  value(array()), value(object())};
  for (const value& probe : kProbes) {
    Status st = Check(schema, probe, path);
    if (st.code() == Status::Code::kInternal) return st;
  }
  return Status::OK();
}

}  // namespace

Status ValidateJson(const value& schema, const value& instance, const std::string& path) {
  return Check(schema, instance, path);
}

Status ValidateToolArguments(const value& input_schema, value* arguments) {
  if (!arguments->is<object>()) return Invalid("arguments", "must be an object");
  return Check(input_schema, *arguments, "arguments");
}

Status CheckSchemaSupported(const value& schema) {
  const value* type = schema.is<object>() ? Keyword(schema.get<object>(), "type") : nullptr;
  if (!type || !type->is<std::string>() || type->get<std::string>() != "object")
    return BadSchema("the root", "MCP requires \"type\": \"object\" at the root");
  return CheckSubschema(schema, "$");
}

}  // namespace mail_mcp
