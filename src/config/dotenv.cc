#include "config/dotenv.h"

#include <fstream>
#include <sstream>

#include "util/ascii.h"

extern char** environ;

namespace mail_mcp {
namespace {

bool IsNameChar(char c, bool first) {
  return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (!first && c >= '0' && c <= '9');
}

/// Blanks around a line or value; a trailing CR too, so that files saved with CRLF read the same.
std::string_view TrimBlanks(std::string_view s) { return TrimRight(TrimLeft(s, " \t"), " \t\r"); }

}  // namespace

StatusOr<EnvMap> ParseDotEnv(std::string_view text) {
  EnvMap out;
  int line_no = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = TrimBlanks(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    if (line.substr(0, 7) == "export ") line = TrimBlanks(line.substr(7));
    size_t eq = line.find('=');
    auto bad = [&](const char* why) {
      return Status::InvalidArgument(".env line " + std::to_string(line_no) + ": " + why);
    };
    if (eq == std::string_view::npos || eq == 0) return bad("expected KEY=value");
    std::string_view key = TrimBlanks(line.substr(0, eq));
    for (size_t i = 0; i < key.size(); ++i)
      if (!IsNameChar(key[i], i == 0)) return bad("invalid variable name");
    std::string_view raw = TrimBlanks(line.substr(eq + 1));
    std::string value;
    if (!raw.empty() && (raw.front() == '"' || raw.front() == '\'')) {
      char q = raw.front();
      size_t i = 1;
      bool closed = false;
      for (; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == q) {
          closed = true;
          break;
        }
        if (q == '"' && c == '\\' && i + 1 < raw.size()) {
          char e = raw[++i];
          value += e == 'n' ? '\n' : e;
        } else {
          value += c;
        }
      }
      if (!closed) return bad("unterminated quoted value");
      std::string_view rest = TrimBlanks(raw.substr(i + 1));
      if (!rest.empty() && rest.front() != '#') return bad("text after the closing quote");
    } else {
      // Unquoted: an inline comment starts at " #".
      size_t hash = raw.find(" #");
      value = std::string(TrimBlanks(raw.substr(0, hash)));
    }
    out[std::string(key)] = value;
  }
  return out;
}

EnvMap ReadProcessEnvironment() {
  EnvMap out;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    size_t eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    out.emplace(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
  }
  return out;
}

StatusOr<EnvMap> ReadEnvironmentWithDotEnv(const std::string& path) {
  EnvMap env = ReadProcessEnvironment();
  std::ifstream in(path, std::ios::binary);
  if (!in) return env;
  std::stringstream buf;
  buf << in.rdbuf();
  auto file = ParseDotEnv(buf.str());
  if (!file.ok()) return Status::InvalidArgument(path + ": " + file.status().message());
  for (auto& [k, v] : *file) env.emplace(k, v);  // emplace keeps the environment's value
  return env;
}

}  // namespace mail_mcp
