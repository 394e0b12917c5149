#include "http/http_types.h"

#include <strings.h>

#include "util/ascii.h"

namespace mail_mcp {

bool HeaderNameLess::operator()(const std::string& a, const std::string& b) const {
  return strcasecmp(a.c_str(), b.c_str()) < 0;
}

std::string HttpRequest::Header(std::string_view name) const {
  auto it = headers.find(std::string(name));
  return it == headers.end() ? "" : it->second;
}

bool HttpRequest::HasHeader(std::string_view name) const { return headers.count(std::string(name)) > 0; }

bool HttpRequest::ReadBody(HttpResponse& res) {
  if (!body_reader) return true;
  auto reader = std::move(body_reader);
  body_reader = nullptr;
  return reader(*this, res);
}

void HttpResponse::SetHeader(std::string name, std::string value) {
  for (auto& h : headers) {
    if (EqualsIgnoreCase(h.first, name)) {
      h.second = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

void HttpResponse::Json(int s, std::string b) {
  status = s;
  content_type = "application/json";
  body = std::move(b);
}

void HttpResponse::Html(int s, std::string b) {
  status = s;
  content_type = "text/html; charset=utf-8";
  body = std::move(b);
}

void HttpResponse::Redirect(std::string location) {
  status = 302;
  SetHeader("Location", std::move(location));
}

}  // namespace mail_mcp
