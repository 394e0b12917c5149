#include "http/discovery_routes.h"

#include <picojson.h>

#include "tools/mail_scopes.h"

namespace mail_mcp {
namespace {

picojson::value Strings(std::initializer_list<const char*> items) {
  picojson::array a;
  for (const char* s : items) a.emplace_back(s);
  return picojson::value(a);
}

/// Every scope, in the consent page's order: what a client may ask for. MCP clients that get no
/// scope in the 401 challenge ask for all of these, and the person then chooses on the page.
picojson::value ScopesSupported() {
  picojson::array a;
  for (const MailScope& s : MailScopes()) a.emplace_back(s.name);
  return picojson::value(a);
}

std::string ProtectedResourceMetadata(const AppContext& app) {
  picojson::object o;
  o["resource"] = picojson::value(app.McpUrl());  // exactly the MCP URL: clients compare it literally
  picojson::array servers{picojson::value(app.config.base_url)};
  o["authorization_servers"] = picojson::value(servers);
  o["bearer_methods_supported"] = Strings({"header"});
  o["scopes_supported"] = ScopesSupported();
  o["resource_name"] = picojson::value("mail_mcp");
  return picojson::value(o).serialize();
}

std::string AuthorizationServerMetadata(const AppContext& app) {
  const std::string& base = app.config.base_url;
  picojson::object o;
  o["issuer"] = picojson::value(base);
  o["authorization_endpoint"] = picojson::value(base + "/oauth/authorize");
  o["token_endpoint"] = picojson::value(base + "/oauth/token");
  o["response_types_supported"] = Strings({"code"});
  o["response_modes_supported"] = Strings({"query"});
  o["grant_types_supported"] = Strings({"authorization_code", "refresh_token"});
  o["code_challenge_methods_supported"] = Strings({"S256"});
  o["token_endpoint_auth_methods_supported"] = Strings({"client_secret_basic", "client_secret_post"});
  o["authorization_response_iss_parameter_supported"] = picojson::value(true);
  o["scopes_supported"] = ScopesSupported();
  return picojson::value(o).serialize();
}

}  // namespace

void RegisterDiscoveryRoutes(HttpServer& server, const AppContext& app) {
  // Built once: the documents depend only on BASE_URL.
  auto json_route = [&server](const std::string& path, std::string body) {
    server.Route(
        "GET", path,
        [body](const HttpRequest&, HttpResponse& res) {
          res.Json(200, body);
          res.SetHeader("Cache-Control", "public, max-age=3600");
        },
        Cors::kAnyOrigin);
  };
  std::string resource = ProtectedResourceMetadata(app);
  json_route("/.well-known/oauth-protected-resource", resource);
  json_route("/.well-known/oauth-protected-resource/mcp", resource);
  json_route("/.well-known/oauth-authorization-server", AuthorizationServerMetadata(app));
  server.Route("GET", "/health", [](const HttpRequest&, HttpResponse& res) {
    res.Json(200, R"({"status":"ok"})");
    res.SetHeader("Cache-Control", "no-store");
  });
}

}  // namespace mail_mcp
