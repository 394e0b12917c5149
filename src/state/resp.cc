#include "state/resp.h"

#include <charconv>

namespace mail_mcp {
namespace {

enum class Parse { kDone, kIncomplete, kBad };

/// Parses one reply of a RESP stream; the grammar is small enough to read top-down. Positions
/// only move forward on success, so an incomplete reply is simply parsed again from its start
/// once more bytes have arrived (replies are small and bounded, so that costs little).
class Parser {
 public:
  Parser(std::string_view in, const RespLimits& limits) : in_(in), limits_(limits) {}

  Parse Value(size_t* pos, int depth, RespValue* out) {
    if (depth > limits_.max_depth) return Bad("replies nest too deeply");
    if (*pos >= in_.size()) return Parse::kIncomplete;
    const char kind = in_[*pos];
    size_t p = *pos + 1;
    std::string_view line;
    if (Parse r = Line(&p, &line); r != Parse::kDone) return r;
    switch (kind) {
      case '+':
        out->type = RespValue::Type::kSimpleString;
        out->text = line;
        break;
      case '-':
        out->type = RespValue::Type::kError;
        out->text = line;
        break;
      case ':':
        out->type = RespValue::Type::kInteger;
        if (!Integer(line, &out->integer)) return Bad("an integer reply is malformed");
        break;
      case ',':
        out->type = RespValue::Type::kDouble;
        out->text = line;
        break;
      case '(':
        out->type = RespValue::Type::kBigNumber;
        out->text = line;
        break;
      case '_':
        if (!line.empty()) return Bad("a null reply is malformed");
        out->type = RespValue::Type::kNull;
        break;
      case '#':
        if (line != "t" && line != "f") return Bad("a boolean reply is malformed");
        out->type = RespValue::Type::kBoolean;
        out->integer = line == "t";
        break;
      case '$':
      case '=':
      case '!':
        if (Parse r = Blob(kind, line, &p, out); r != Parse::kDone) return r;
        break;
      case '*':
      case '~':
      case '>':
      case '%':
        if (Parse r = Aggregate(kind, line, &p, depth, out); r != Parse::kDone) return r;
        break;
      default:
        return Bad("the server sent an unknown reply type");
    }
    *pos = p;
    return Parse::kDone;
  }

  const std::string& error() const { return error_; }

 private:
  Parse Bad(const char* why) {
    error_ = why;
    return Parse::kBad;
  }

  /// The text up to CRLF (bounded, so a server that never ends a line cannot grow the buffer).
  Parse Line(size_t* pos, std::string_view* line) {
    const size_t cr = in_.find_first_of("\r\n", *pos);
    if (cr != std::string_view::npos && in_[cr] == '\n') return Bad("a reply line does not end in CRLF");
    if (cr == std::string_view::npos) {
      return in_.size() - *pos > limits_.max_line_bytes ? Bad("a reply line is too long") : Parse::kIncomplete;
    }
    if (cr - *pos > limits_.max_line_bytes) return Bad("a reply line is too long");
    if (cr + 1 >= in_.size()) return Parse::kIncomplete;
    if (in_[cr + 1] != '\n') return Bad("a reply line does not end in CRLF");
    *line = in_.substr(*pos, cr - *pos);
    *pos = cr + 2;
    return Parse::kDone;
  }

  /// A signed decimal integer: an optional '-', then digits only, within int64.
  static bool Integer(std::string_view s, int64_t* out) {
    if (s.empty() || s[0] == '+') return false;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
    return ec == std::errc() && end == s.data() + s.size();
  }

  /// A length or count: -1 (null) or 0..max.
  Parse Length(std::string_view line, size_t max, const char* too_large, int64_t* n) {
    if (!Integer(line, n) || *n < -1) return Bad("a length in a reply is malformed");
    if (*n > int64_t(max)) return Bad(too_large);
    return Parse::kDone;
  }

  /// $len CRLF bytes CRLF (and RESP3's = verbatim and ! blob error, of the same shape).
  Parse Blob(char kind, std::string_view line, size_t* pos, RespValue* out) {
    int64_t n = 0;
    if (Parse r = Length(line, limits_.max_bulk_bytes, "a string in a reply is too large", &n); r != Parse::kDone)
      return r;
    if (n == -1) {
      if (kind != '$') return Bad("a null of this type is not allowed");
      out->type = RespValue::Type::kNull;
      return Parse::kDone;
    }
    const size_t len = size_t(n);
    if (in_.size() - *pos < len + 2) return Parse::kIncomplete;
    if (in_[*pos + len] != '\r' || in_[*pos + len + 1] != '\n') return Bad("a string in a reply does not end in CRLF");
    std::string_view body = in_.substr(*pos, len);
    if (kind == '=') {
      // A verbatim string starts with its three-letter format and a colon ("txt:").
      if (body.size() < 4 || body[3] != ':') return Bad("a verbatim string is malformed");
      body.remove_prefix(4);
    }
    out->type = kind == '!' ? RespValue::Type::kError : RespValue::Type::kBulkString;
    out->text = body;
    *pos += len + 2;
    return Parse::kDone;
  }

  Parse Aggregate(char kind, std::string_view line, size_t* pos, int depth, RespValue* out) {
    int64_t n = 0;
    if (Parse r = Length(line, limits_.max_elements, "a reply has too many elements", &n); r != Parse::kDone) return r;
    if (n == -1) {
      if (kind != '*') return Bad("a null of this type is not allowed");
      out->type = RespValue::Type::kNull;
      return Parse::kDone;
    }
    const size_t count = kind == '%' ? size_t(n) * 2 : size_t(n);  // a map's n is its number of pairs
    if (count > limits_.max_elements) return Bad("a reply has too many elements");
    out->type = kind == '%' ? RespValue::Type::kMap : RespValue::Type::kArray;
    out->elements.clear();
    out->elements.reserve(count);
    for (size_t i = 0; i < count; ++i) {
      out->elements.emplace_back();
      if (Parse r = Value(pos, depth + 1, &out->elements.back()); r != Parse::kDone) return r;
    }
    return Parse::kDone;
  }

  std::string_view in_;
  const RespLimits& limits_;
  std::string error_;
};

}  // namespace

std::optional<std::string> RespValue::String() const {
  if (type == Type::kSimpleString || type == Type::kBulkString) return text;
  return std::nullopt;
}

std::string EncodeRespCommand(const std::vector<std::string>& args) {
  std::string out = "*" + std::to_string(args.size()) + "\r\n";
  for (const std::string& a : args) {
    out += "$" + std::to_string(a.size()) + "\r\n";
    out += a;
    out += "\r\n";
  }
  return out;
}

StatusOr<std::optional<RespValue>> RespReader::Next() {
  std::string_view rest(buffer_);
  rest.remove_prefix(pos_);
  Parser parser(rest, limits_);
  size_t used = 0;
  RespValue value;
  switch (parser.Value(&used, 1, &value)) {
    case Parse::kBad:
      return Status::InvalidArgument("malformed reply from the Redis server: " + parser.error());
    case Parse::kIncomplete:
      if (rest.size() > limits_.max_reply_bytes)
        return Status::InvalidArgument("malformed reply from the Redis server: a reply is too large");
      return std::optional<RespValue>();
    case Parse::kDone:
      break;
  }
  pos_ += used;
  // Drop what has been returned once it is most of the buffer, so the buffer stays small.
  if (pos_ == buffer_.size() || pos_ > 4096) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  return std::optional<RespValue>(std::move(value));
}

}  // namespace mail_mcp
