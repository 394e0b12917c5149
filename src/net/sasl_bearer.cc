#include "net/sasl_bearer.h"

#include <optional>

#include "crypto/base64.h"
#include "util/ascii.h"
#include "util/json_parse.h"

namespace mail_mcp {
namespace {

constexpr size_t kMaxChallengeChars = 4096;
constexpr size_t kMaxTextChars = 200;

bool IsB64TokenChar(char c) {
  return IsAsciiAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
}

/// Printable ASCII of `text`, cut to kMaxTextChars: server text ends up in messages for people.
std::string Printable(std::string_view text) {
  std::string out;
  for (char c : Trim(text)) {
    if (out.size() >= kMaxTextChars) {
      out += "...";
      break;
    }
    if (c >= 0x20 && c < 0x7f) out += c;
  }
  return out;
}

/// The base64 text of a SASL continuation ("+ <b64>" in IMAP, "334 <b64>" in SMTP), or "".
std::string_view ChallengeText(std::string_view line) {
  if (line.size() > 2 && line.substr(0, 2) == "+ ") return Trim(line.substr(2));
  if (line.size() > 4 && line.substr(0, 4) == "334 ") return Trim(line.substr(4));
  return {};
}

/// The text of a refusal: "<tag> NO|BAD <text>" in IMAP, "4xx/5xx <text>" in SMTP; nullopt otherwise.
std::optional<std::string_view> RefusalText(std::string_view line) {
  if (line.size() >= 4 && (line[0] == '4' || line[0] == '5') && AllDigits(line.substr(0, 3)) &&
      (line[3] == ' ' || line[3] == '-'))
    return line.substr(4);
  const size_t space = line.find(' ');
  if (space == std::string_view::npos || space == 0 || line[0] == '*' || line[0] == '+') return std::nullopt;
  std::string_view rest = line.substr(space + 1);
  if (StartsWithIgnoreCase(rest, "NO ") || StartsWithIgnoreCase(rest, "BAD ")) return rest.substr(rest.find(' ') + 1);
  return std::nullopt;
}

std::string JsonString(const picojson::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end()) return "";
  if (it->second.is<std::string>()) return it->second.get<std::string>();
  if (it->second.is<int64_t>()) return std::to_string(it->second.get<int64_t>());
  return "";
}

/// RFC 7628 §3.2.2 statuses (Dovecot) and the HTTP-style codes Google sends, in words.
std::string StatusMeaning(const std::string& status) {
  if (status == "401" || status == "invalid_token") return "the token is invalid, expired or revoked";
  if (status == "403" || status == "insufficient_scope") return "the token lacks a permission (scope) the server needs";
  if (status == "400" || status == "invalid_request") return "the server could not use the token";
  return "";
}

/// The decoded error challenge in words, or "" when `b64` is not base64 of a JSON object.
std::string DescribeChallenge(std::string_view b64) {
  if (b64.empty() || b64.size() > kMaxChallengeChars) return "";
  auto json = Base64Decode(b64);
  if (!json) return "";
  auto o = ParseJsonObject(*json, 4);
  if (!o.ok()) return "";
  const std::string status = Printable(JsonString(*o, "status")), scope = Printable(JsonString(*o, "scope"));
  std::string out;
  if (!status.empty()) {
    out = "error " + status;
    if (std::string meaning = StatusMeaning(status); !meaning.empty()) out += ": " + meaning;
  }
  if (!scope.empty()) out += std::string(out.empty() ? "" : "; ") + "needs scope " + scope;
  return out;
}

}  // namespace

Status CheckBearerLogin(std::string_view username, std::string_view token) {
  if (username.empty()) return Status::InvalidArgument("the username for the access token is empty");
  for (char c : username) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == ',' || c == '=')
      return Status::InvalidArgument("the username for the access token contains a character it cannot have");
  }
  size_t i = 0;
  while (i < token.size() && IsB64TokenChar(token[i])) ++i;
  if (i == 0) return Status::InvalidArgument("the access token is not a bearer token");
  while (i < token.size() && token[i] == '=') ++i;
  if (i != token.size()) return Status::InvalidArgument("the access token is not a bearer token");
  return Status::OK();
}

std::string DescribeBearerRejection(std::string_view transcript) {
  std::string challenge, refusal;
  size_t pos = 0;
  while (pos < transcript.size()) {
    size_t end = transcript.find('\n', pos);
    if (end == std::string_view::npos) end = transcript.size();
    std::string_view line = TrimRight(transcript.substr(pos, end - pos), "\r");
    pos = end + 1;
    if (std::string_view b64 = ChallengeText(line); !b64.empty()) {
      if (std::string words = DescribeChallenge(b64); !words.empty()) challenge = words;
    } else if (auto text = RefusalText(line)) {
      refusal = Printable(*text);
    }
  }
  std::string out;
  if (!refusal.empty()) out += ": " + refusal;
  if (!challenge.empty()) out += " (" + challenge + ")";
  return out;
}

}  // namespace mail_mcp
