// The headers every HTML page we serve carries (the sign-in pages and their error pages).
//
// No framing (clickjacking), nothing loaded from elsewhere, no caching of a page that may hold a code
// or a half-typed form, no Referer leaking a query string. Browsers apply form-action also to the
// redirect that follows a form post, so the origins the page's form may end up at are allowed: the
// MCP client's redirect URI, and for provider sign-in the provider's authorization endpoint.
//
// Thread-safety: pure function on the response.
#pragma once

#include <string>
#include <vector>

#include "http/http_types.h"

namespace mail_mcp {

/// Sets `html` as the body with `status` and the headers above; each URL in `form_targets` adds its
/// origin to form-action ("" and unparsable entries add nothing).
void SecureHtml(HttpResponse& res, int status, std::string html, const std::vector<std::string>& form_targets = {});

}  // namespace mail_mcp
