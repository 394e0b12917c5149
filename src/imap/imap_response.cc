#include "imap/imap_response.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <utility>

#include "util/ascii.h"

namespace mail_mcp {
namespace {

constexpr std::string_view kStatusNames[] = {"OK", "NO", "BAD", "BYE", "PREAUTH"};

bool IsStatusName(std::string_view word) {
  for (std::string_view name : kStatusNames)
    if (EqualsIgnoreCase(word, name)) return true;
  return false;
}

bool IsControl(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f;
}

/// One pass over one response. Positions only move forward, and every loop consumes at least one
/// byte or stops, so the work is linear in the input.
class Parser {
 public:
  Parser(std::string_view in, const ImapParseLimits& limits) : in_(in), limits_(limits) {}

  Status Parse(ImapResponse* r) {
    if (AtEnd()) return Truncated();
    if (in_[0] == '+') {
      r->kind = ImapResponse::Kind::kContinuation;
      ++pos_;
      if (!AtEnd() && in_[pos_] == ' ') ++pos_;
      return RestOfLine(&r->text);
    }
    if (in_[0] == '*') {
      r->kind = ImapResponse::Kind::kUntagged;
      ++pos_;
    } else {
      r->kind = ImapResponse::Kind::kTagged;
      while (!AtEnd() && in_[pos_] != ' ' && !AtLineEnd()) {
        char c = in_[pos_];
        if (IsControl(c) || c == '(' || c == ')' || c == '"' || c == '{') return Malformed("invalid tag");
        ++pos_;
      }
      if (pos_ == 0) return Malformed("empty tag");
      r->tag = std::string(in_.substr(0, pos_));
    }
    if (AtEnd()) return Truncated();
    if (in_[pos_] != ' ') return Malformed("expected a space after the tag");
    ++pos_;

    // Status responses carry free text that need not tokenize (unbalanced quotes, parentheses...).
    size_t word_end = pos_;
    while (word_end < in_.size() &&
           ((in_[word_end] >= 'A' && in_[word_end] <= 'Z') || (in_[word_end] >= 'a' && in_[word_end] <= 'z')))
      ++word_end;
    std::string_view word = in_.substr(pos_, word_end - pos_);
    bool word_ends = word_end == in_.size() || in_[word_end] == ' ' || in_[word_end] == '\r' || in_[word_end] == '\n';
    if (IsStatusName(word) && word_ends) {
      ImapValue status;
      status.text = std::string(word);
      r->values.push_back(std::move(status));
      pos_ = word_end;
      if (!AtEnd() && in_[pos_] == ' ') ++pos_;
      return RestOfLine(&r->text);
    }
    if (r->kind == ImapResponse::Kind::kTagged) return Malformed("a tagged response must be OK, NO or BAD");

    Status s = ParseValues(&r->values, 0);
    if (!s.ok()) return s;
    if (r->values.empty()) return Malformed("empty response");
    return ConsumeLineEnd();
  }

  size_t pos() const { return pos_; }

 private:
  bool AtEnd() const { return pos_ >= in_.size(); }
  bool AtLineEnd() const {
    if (AtEnd()) return false;
    if (in_[pos_] == '\n') return true;
    return in_[pos_] == '\r' && pos_ + 1 < in_.size() && in_[pos_ + 1] == '\n';
  }
  Status ConsumeLineEnd() {
    if (AtEnd() || (in_[pos_] == '\r' && pos_ + 1 == in_.size())) return Truncated();
    if (!AtLineEnd()) return Malformed("expected the end of the line");
    pos_ += in_[pos_] == '\r' ? 2 : 1;
    return Status::OK();
  }

  static Status Truncated() { return Status::InvalidArgument("truncated IMAP response"); }
  static Status Malformed(const char* what) {
    return Status::InvalidArgument(std::string("malformed IMAP response (") + what + ")");
  }

  Status CountValue() {
    if (++values_ > limits_.max_values) return Status::ResourceExhausted("the response has too many values");
    return Status::OK();
  }

  /// Everything up to the line end, which is consumed.
  Status RestOfLine(std::string* text) {
    size_t lf = in_.find('\n', pos_);
    if (lf == std::string_view::npos) return Truncated();
    size_t end = (lf > pos_ && in_[lf - 1] == '\r') ? lf - 1 : lf;
    *text = std::string(in_.substr(pos_, end - pos_));
    pos_ = lf + 1;
    return Status::OK();
  }

  /// Values separated by spaces, up to the line end (depth 0, not consumed) or the ')' that closes
  /// the list being read (consumed).
  Status ParseValues(std::vector<ImapValue>* out, size_t depth) {
    while (true) {
      while (!AtEnd() && in_[pos_] == ' ') ++pos_;
      if (AtEnd()) return Truncated();
      char c = in_[pos_];
      if (c == '\r' || c == '\n') {
        if (depth > 0) return Malformed("line ends inside a parenthesized list");
        return Status::OK();
      }
      if (c == ')') {
        if (depth == 0) return Malformed("unbalanced ')'");
        ++pos_;
        return Status::OK();
      }
      Status s = CountValue();
      if (!s.ok()) return s;
      ImapValue value;
      if (c == '(') {
        if (depth + 1 > limits_.max_depth) return Status::ResourceExhausted("the response is nested too deeply");
        ++pos_;
        value.kind = ImapValue::Kind::kList;
        s = ParseValues(&value.items, depth + 1);
      } else if (c == '"') {
        value.kind = ImapValue::Kind::kString;
        s = ParseQuoted(&value.text);
      } else if (c == '{' || (c == '~' && pos_ + 1 < in_.size() && in_[pos_ + 1] == '{')) {
        value.kind = ImapValue::Kind::kString;
        s = ParseLiteral(&value.text);
      } else {
        s = ParseAtom(&value.text);
        if (s.ok() && EqualsIgnoreCase(value.text, "NIL")) {
          value.kind = ImapValue::Kind::kNil;
          value.text.clear();
        }
      }
      if (!s.ok()) return s;
      out->push_back(std::move(value));
    }
  }

  /// "..." with \" and \\ as the only escapes; no CR, LF or NUL inside.
  Status ParseQuoted(std::string* out) {
    ++pos_;  // the opening quote
    while (true) {
      if (AtEnd()) return Truncated();
      char c = in_[pos_++];
      if (c == '"') return Status::OK();
      if (c == '\\') {
        if (AtEnd()) return Truncated();
        c = in_[pos_++];
        if (c != '"' && c != '\\') return Malformed("invalid escape in a quoted string");
      } else if (c == '\r' || c == '\n' || c == '\0') {
        return Malformed("line end inside a quoted string");
      }
      out->push_back(c);
    }
  }

  /// {n}CRLF or ~{n}CRLF (RFC 3516 literal8) followed by n bytes of anything. "{n+}" (RFC 7888)
  /// is accepted too although only clients should send it.
  Status ParseLiteral(std::string* out) {
    if (in_[pos_] == '~') ++pos_;
    ++pos_;  // '{'
    uint64_t n = 0;
    size_t digits = 0;
    while (!AtEnd() && in_[pos_] >= '0' && in_[pos_] <= '9') {
      if (++digits > 19) return Malformed("literal size too large");
      n = n * 10 + static_cast<uint64_t>(in_[pos_++] - '0');
    }
    if (digits == 0) return AtEnd() ? Truncated() : Malformed("literal without a size");
    if (!AtEnd() && in_[pos_] == '+') ++pos_;
    if (AtEnd()) return Truncated();
    if (in_[pos_] != '}') return Malformed("literal size not closed by '}'");
    ++pos_;
    Status s = ConsumeLineEnd();
    if (!s.ok()) return s;
    if (n > in_.size() - pos_) return Status::InvalidArgument("truncated IMAP response (literal longer than the data)");
    out->assign(in_.data() + pos_, static_cast<size_t>(n));
    pos_ += static_cast<size_t>(n);
    return Status::OK();
  }

  /// Atom characters up to a space, parenthesis, quote or line end. A '[' opens a section that
  /// runs to its matching ']' and may hold spaces, lists and quoted strings, so that FETCH items
  /// such as BODY[HEADER.FIELDS (FROM TO)]<0> stay one atom.
  Status ParseAtom(std::string* out) {
    const size_t start = pos_;
    size_t brackets = 0;
    while (!AtEnd()) {
      char c = in_[pos_];
      if (c == '\r' || c == '\n') {
        if (brackets > 0) return Malformed("unclosed '['");
        break;
      }
      if (IsControl(c)) return Malformed("control character");
      if (brackets == 0 && (c == ' ' || c == '(' || c == ')' || c == '"')) break;
      if (c == '[') {
        if (++brackets > limits_.max_depth) return Status::ResourceExhausted("the response is nested too deeply");
      } else if (c == ']' && brackets > 0) {
        --brackets;
      } else if (c == '"' && brackets > 0) {
        std::string ignored;
        Status s = ParseQuoted(&ignored);
        if (!s.ok()) return s;
        continue;
      }
      ++pos_;
    }
    if (AtEnd() && brackets > 0) return Truncated();
    if (pos_ == start) return Malformed("unexpected character");
    out->assign(in_.data() + start, pos_ - start);
    return Status::OK();
  }

  std::string_view in_;
  const ImapParseLimits& limits_;
  size_t pos_ = 0;
  size_t values_ = 0;
};

}  // namespace

bool ImapValue::IsAtom(std::string_view name) const { return kind == Kind::kAtom && EqualsIgnoreCase(text, name); }

std::string ImapResponse::status() const {
  if (kind == Kind::kContinuation || values.empty() || values[0].kind != ImapValue::Kind::kAtom) return "";
  if (!IsStatusName(values[0].text)) return "";
  return ToUpperAscii(values[0].text);
}

std::string ImapResponse::name() const {
  if (kind == Kind::kContinuation) return "";
  for (const ImapValue& v : values) {
    if (v.kind != ImapValue::Kind::kAtom) return "";
    bool number = !v.text.empty();
    for (char c : v.text) number = number && c >= '0' && c <= '9';
    if (!number) return ToUpperAscii(v.text);
  }
  return "";
}

StatusOr<size_t> ParseImapResponse(std::string_view input, ImapResponse* response, const ImapParseLimits& limits) {
  *response = ImapResponse();
  Parser parser(input, limits);
  Status s = parser.Parse(response);
  if (!s.ok()) return s;
  return parser.pos();
}

StatusOr<std::vector<ImapResponse>> ParseImapResponses(std::string_view input, const ImapParseLimits& limits) {
  std::vector<ImapResponse> out;
  size_t pos = 0;
  while (pos < input.size()) {
    ImapResponse response;
    auto used = ParseImapResponse(input.substr(pos), &response, limits);
    if (!used.ok()) return used.status();
    pos += *used;
    out.push_back(std::move(response));
  }
  return out;
}

namespace {

/// The response starting at `line` (its first line, without the line end) is a continuation or
/// a status response, whose text runs to the end of the line whatever it holds.
bool IsFreeTextLine(std::string_view line) {
  if (!line.empty() && line[0] == '+') return true;
  size_t space = line.find(' ');
  if (space == std::string_view::npos) return false;
  size_t word_start = space + 1, word_end = word_start;
  while (word_end < line.size() &&
         ((line[word_end] >= 'A' && line[word_end] <= 'Z') || (line[word_end] >= 'a' && line[word_end] <= 'z')))
    ++word_end;
  return IsStatusName(line.substr(word_start, word_end - word_start)) &&
         (word_end == line.size() || line[word_end] == ' ');
}

/// The size announced by a literal marker ("{12}", "{12+}", "~{12}") ending `line`, if any.
std::optional<uint64_t> TrailingLiteralSize(std::string_view line) {
  if (line.empty() || line.back() != '}') return std::nullopt;
  size_t end = line.size() - 1;
  if (end > 0 && line[end - 1] == '+') --end;
  size_t begin = end;
  while (begin > 0 && line[begin - 1] >= '0' && line[begin - 1] <= '9') --begin;
  if (begin == end || begin == 0 || line[begin - 1] != '{') return std::nullopt;
  if (end - begin > 15) return std::numeric_limits<uint64_t>::max();  // absurd; the parser says so
  uint64_t n = 0;
  for (size_t i = begin; i < end; ++i) n = n * 10 + static_cast<uint64_t>(line[i] - '0');
  return n;
}

}  // namespace

std::optional<uint64_t> ImapNumber(const ImapValue& value) {
  if (value.kind != ImapValue::Kind::kAtom || value.text.empty() || value.text.size() > 19) return std::nullopt;
  uint64_t n = 0;
  for (char c : value.text) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  return n;
}

std::vector<ImapValue> ImapResponseCode(std::string_view text) {
  if (text.empty() || text[0] != '[') return {};
  size_t close = text.find(']');
  if (close == std::string_view::npos || close == 1) return {};
  std::string line = "* ";
  line.append(text.data() + 1, close - 1);
  line += "\r\n";
  ImapResponse r;
  if (!ParseImapResponse(line, &r).ok() || r.kind != ImapResponse::Kind::kUntagged) return {};
  if (!r.status().empty()) return {};  // "[OK ...]" is not a response code
  return std::move(r.values);
}

void ImapResponseReader::ReleaseMemory() {
  if (buffered() != 0) return;
  std::string().swap(buffer_);
  start_ = scan_ = line_start_ = 0;
  first_line_ = true;
}

StatusOr<bool> ImapResponseReader::Next(ImapResponse* response) {
  while (scan_ < buffer_.size()) {
    const size_t lf = buffer_.find('\n', scan_);
    if (lf == std::string::npos) {
      scan_ = buffer_.size();
      return false;
    }
    std::string_view line(buffer_.data() + line_start_, lf - line_start_);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const bool free_text = first_line_ && IsFreeTextLine(line);
    first_line_ = false;
    std::optional<uint64_t> literal = free_text ? std::nullopt : TrailingLiteralSize(line);
    if (literal) {
      if (*literal > (uint64_t{1} << 48)) return Status::ResourceExhausted("a literal in the response is too large");
      scan_ = line_start_ = lf + 1 + static_cast<size_t>(*literal);
      continue;
    }
    // The response ends at this line end.
    const size_t end = lf + 1;
    std::string_view span(buffer_.data() + start_, end - start_);
    auto used = ParseImapResponse(span, response, limits_);
    if (!used.ok()) return used.status();
    if (*used != span.size()) return Status::InvalidArgument("malformed IMAP response (unexpected line end)");
    start_ = scan_ = line_start_ = end;
    first_line_ = true;
    if (start_ >= (size_t{64} << 10) && start_ * 2 >= buffer_.size()) {
      buffer_.erase(0, start_);
      scan_ -= start_;
      line_start_ -= start_;
      start_ = 0;
    }
    return true;
  }
  return false;
}

}  // namespace mail_mcp
