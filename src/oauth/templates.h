// The HTML templates compiled into the binary from templates/*.mustache (scripts/embed-templates).
//
// Each is a NUL-terminated kainjow mustache 4.1 template, rendered by src/oauth/login_page.cc; the
// definitions live in the generated $(BUILD)/gen/templates.cc, so the binary stays a single file.
//
// Thread-safety: immutable constants.
#pragma once

namespace mail_mcp::templates {

extern const char kLogin[];     // templates/login.mustache
extern const char kError[];     // templates/error.mustache
extern const char kProvider[];  // templates/provider.mustache

}  // namespace mail_mcp::templates
