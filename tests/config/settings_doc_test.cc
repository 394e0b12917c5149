// .env.sample, the README's configuration table and the code's list of settings name the same
// variables, and the README states each default as the code defines it.
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "config/config.h"
#include "testing.h"

using namespace mail_mcp;

namespace {

std::string ReadFile(const char* path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::set<std::string> CodeSettings() {
  std::set<std::string> names;
  for (const SettingInfo& s : AllSettings()) names.insert(s.name);
  return names;
}

/// The README's "## Configuration" section: from its heading to the next "## ".
std::string ReadmeConfigurationSection() {
  std::string readme = ReadFile("README.md");
  size_t start = readme.find("\n## Configuration\n");
  if (start == std::string::npos) return "";
  size_t end = readme.find("\n## ", start + 1);
  return readme.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

/// The `quoted` spans of `text`, in order.
std::vector<std::string> BacktickSpans(const std::string& text) {
  std::vector<std::string> spans;
  for (size_t open = text.find('`'); open != std::string::npos; open = text.find('`', open)) {
    size_t close = text.find('`', open + 1);
    if (close == std::string::npos) break;
    spans.push_back(text.substr(open + 1, close - open - 1));
    open = close + 1;
  }
  return spans;
}

bool IsSettingName(const std::string& s) {
  if (s.empty() || s[0] < 'A' || s[0] > 'Z') return false;
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

/// Table rows of the section: `NAME`[, `NAME`…] | `default`[, `default`…] | meaning.
std::map<std::string, std::string> ReadmeDefaults() {
  std::map<std::string, std::string> out;
  std::istringstream lines(ReadmeConfigurationSection());
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("| `", 0) != 0) continue;
    size_t bar1 = line.find('|', 1), bar2 = line.find('|', bar1 + 1);
    std::vector<std::string> names = BacktickSpans(line.substr(1, bar1 - 1));
    std::vector<std::string> defaults = BacktickSpans(line.substr(bar1 + 1, bar2 - bar1 - 1));
    for (size_t i = 0; i < names.size(); ++i)
      if (IsSettingName(names[i])) out[names[i]] = i < defaults.size() ? defaults[i] : "";
  }
  return out;
}

}  // namespace

TEST(SettingsDoc, EnvSampleListsExactlyTheSettingsTheCodeReads) {
  std::string sample = ReadFile(".env.sample");
  ASSERT_TRUE(!sample.empty());
  std::set<std::string> documented;
  std::istringstream lines(sample);
  std::string line;
  // Both "NAME=value" and the commented-out "# NAME=value" count as documenting NAME.
  while (std::getline(lines, line)) {
    if (line.rfind("# ", 0) == 0) line.erase(0, 2);
    size_t eq = line.find('=');
    if (eq != std::string::npos && IsSettingName(line.substr(0, eq))) documented.insert(line.substr(0, eq));
  }
  EXPECT_TRUE(documented == CodeSettings());
  for (const std::string& name : CodeSettings())
    if (!documented.count(name)) testing::Fail(__FILE__, __LINE__, ".env.sample lacks " + name);
  for (const std::string& name : documented)
    if (!CodeSettings().count(name)) testing::Fail(__FILE__, __LINE__, ".env.sample names unknown " + name);
}

TEST(SettingsDoc, ReadmeTableListsExactlyTheSettingsWithTheirDefaults) {
  std::map<std::string, std::string> readme = ReadmeDefaults();
  ASSERT_TRUE(!readme.empty());
  for (const SettingInfo& s : AllSettings()) {
    auto it = readme.find(s.name);
    if (it == readme.end()) {
      testing::Fail(__FILE__, __LINE__, std::string("README's configuration table lacks ") + s.name);
      continue;
    }
    if (*s.default_value && it->second != s.default_value)
      testing::Fail(__FILE__, __LINE__,
                    std::string(s.name) + ": README says default `" + it->second + "`, the code " + s.default_value);
  }
  for (const auto& [name, _] : readme)
    if (!CodeSettings().count(name)) testing::Fail(__FILE__, __LINE__, "README documents unknown setting " + name);
}
