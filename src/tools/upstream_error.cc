#include "tools/upstream_error.h"

namespace mail_mcp {
namespace {

std::string Framed(std::string_view protocol, std::string_view message) {
  std::string out(protocol);
  out += ": ";
  out += message;
  return out;
}

}  // namespace

std::string ImapFailure(std::string_view message) { return Framed("IMAP", message); }
std::string SmtpFailure(std::string_view message) { return Framed("SMTP", message); }

ToolResult ImapError(const Status& s, std::string_view context) {
  if (context.empty()) return ToolResult::Error(ImapFailure(s.message()));
  return ToolResult::Error(ImapFailure(std::string(context) + ": " + s.message()));
}

}  // namespace mail_mcp
