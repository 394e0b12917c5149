// The HTML templates compiled into the binary from templates/*.mustache (scripts/embed-templates).
#pragma once

namespace mail_mcp::templates {

extern const char kLogin[];  // templates/login.mustache
extern const char kError[];  // templates/error.mustache

}  // namespace mail_mcp::templates
