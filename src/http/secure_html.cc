#include "http/secure_html.h"

#include "util/url.h"

namespace mail_mcp {

void SecureHtml(HttpResponse& res, int status, std::string html, const std::vector<std::string>& form_targets) {
  std::string form_action = "'self'";
  for (const std::string& target : form_targets)
    if (auto u = ParseHttpUrl(target)) form_action += " " + u->Origin();
  res.Html(status, std::move(html));
  res.SetHeader("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action " + form_action +
                    "; frame-ancestors 'none'; base-uri 'none'");
  res.SetHeader("X-Frame-Options", "DENY");
  res.SetHeader("Referrer-Policy", "no-referrer");
  res.SetHeader("Cache-Control", "no-store");
  res.SetHeader("Pragma", "no-cache");
  res.SetHeader("X-Content-Type-Options", "nosniff");
}

}  // namespace mail_mcp
