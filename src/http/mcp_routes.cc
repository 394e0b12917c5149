#include "http/mcp_routes.h"

#include <atomic>
#include <optional>
#include <utility>

#include <picojson.h>

#include "http/client_address.h"
#include "mcp/json_rpc.h"
#include "mcp/request_metadata.h"
#include "tools/mail_tool.h"
#include "util/ascii.h"
#include "util/media_type.h"
#include "util/url.h"

namespace mail_mcp {
namespace {

/// 401 with the RFC 6750 challenge, which points the client at the protected-resource metadata
/// (RFC 9728) so it can find the authorization server. `error_description` is one of our own
/// fixed sentences (no quote or backslash), so it can stand in the header's quoted-string as is.
void Unauthorized(const AppContext& app, HttpResponse& res, const std::string& error_description) {
  std::string challenge = "Bearer resource_metadata=\"" + app.ResourceMetadataUrl() + "\"";
  if (!error_description.empty())
    challenge += ", error=\"invalid_token\", error_description=\"" + error_description + "\"";
  res.SetHeader("WWW-Authenticate", challenge);
  picojson::object body;
  body["error"] = picojson::value("invalid_token");
  body["error_description"] = picojson::value(error_description.empty() ? "authorization required" : error_description);
  res.Json(401, picojson::value(std::move(body)).serialize());
}

/// 403 for a call outside the token's grant: the step-up challenge of MCP authorization ("Scope
/// Challenge Handling", RFC 6750 §3.1), naming the scopes a new authorization should ask for. Scope
/// names are scope-tokens (no quote or backslash: ScopeSet guarantees it), so they stand in the
/// quoted-string as they are. The body is McpHandler's JSON-RPC error.
std::string InsufficientScopeChallenge(const AppContext& app, const ScopeSet& scope) {
  return "Bearer error=\"insufficient_scope\", scope=\"" + scope.ToString() + "\", resource_metadata=\"" +
         app.ResourceMetadataUrl() + "\", error_description=\"this call needs permission the sign-in did not grant\"";
}

/// A JSON-RPC error outside any request (transport-level rejections still speak JSON-RPC): id null.
void TransportError(HttpResponse& res, int status, int code, const std::string& message) {
  res.Json(status, JsonRpcErrorBody(picojson::value(), code, message));
}

/// application/json, parsed as a media type: "application/jsonx" and "application/json-patch+json"
/// are other types. A charset, if given, must be UTF-8 (RFC 8259 §8.1: JSON between systems is).
bool IsJsonContentType(const std::string& content_type) {
  auto type = ParseMediaType(content_type);
  if (!type || !type->Is("application", "json")) return false;
  auto charset = type->Parameter("charset");
  return !charset || EqualsIgnoreCase(*charset, "utf-8");
}

/// The headers MCP 2026-07-28 mirrors from the body; McpHandler checks them against it.
McpRequestHeaders MirroredHeaders(const HttpRequest& req) {
  McpRequestHeaders h;
  auto copy = [&req](const char* name, std::optional<std::string>* out) {
    if (req.HasHeader(name)) *out = req.Header(name);
  };
  copy("MCP-Protocol-Version", &h.protocol_version);
  copy("Mcp-Method", &h.method);
  copy("Mcp-Name", &h.name);
  return h;
}

/// Runs the checks every method shares; false when a response has been written.
bool CheckOriginAndHost(const AppContext& app, const HttpRequest& req, HttpResponse& res) {
  if (req.HasHeader("Origin") && !IsAllowedOrigin(app.config, req.Header("Origin"))) {
    res.LogField("reason", "origin_not_allowed");
    TransportError(res, 403, kJsonRpcForbidden, "Forbidden: origin not allowed");
    return false;
  }
  if (IsLoopbackHost(app.config.host) || app.config.host == "::1") {
    if (!IsAllowedLoopbackHost(app.config, req.Header("Host"))) {
      res.LogField("reason", "host_not_allowed");
      TransportError(res, 403, kJsonRpcForbidden, "Forbidden: host not allowed");
      return false;
    }
  }
  return true;
}

void HandlePost(const AppContext& app, HttpRequest& req, HttpResponse& res) {
  if (!CheckOriginAndHost(app, req, res)) return;
  std::string auth = req.Header("Authorization");
  if (auth.empty()) {
    res.LogField("reason", "token_missing");
    return Unauthorized(app, res, "");
  }
  if (auth.size() < 8 || !StartsWithIgnoreCase(auth, "Bearer ")) {
    res.LogField("reason", "not_bearer");
    return Unauthorized(app, res, "use a Bearer token");
  }
  std::string token = auth.substr(7);
  while (!token.empty() && token.front() == ' ') token.erase(0, 1);
  auto session = app.tokens->OpenAccessToken(token);
  if (!session.ok()) {
    bool expired = session.status().code() == Status::Code::kExpired;
    res.LogField("reason", expired ? "token_expired" : "token_invalid");
    return Unauthorized(app, res, expired ? "the access token has expired" : "the access token is invalid");
  }
  // Revoked (POST /oauth/revoke, or a refresh token or code replayed): see README, "Revocation".
  if (app.state->IsGrantRevoked(session->grant.id)) {
    res.LogField("reason", "token_revoked");
    return Unauthorized(app, res, "the access token has been revoked");
  }
  if (!IsJsonContentType(req.Header("Content-Type"))) {
    res.LogField("reason", "content_type");
    return TransportError(res, 415, -32600, "Unsupported Media Type: Content-Type must be application/json");
  }
  if (AcceptQuality(req.Header("Accept"), "application", "json") == 0) {
    res.LogField("reason", "accept");
    return TransportError(res, 406, -32600, "Not Acceptable: Accept must allow application/json");
  }
  // Only now is the body read: a request refused above (a multipart upload without a token, say)
  // is never parsed.
  if (!req.ReadBody(res)) return;
  // This request's own flag for "the mail provider refused the account's token" (MailConnectOptions).
  std::atomic<bool> bearer_refused{false};
  MailConnectOptions connect = app.config.mail;
  connect.bearer_refused = &bearer_refused;
  MailContext ctx(&session->account, &connect, app.attachments.get(), app.imap_pool.get());
  ctx.upstream_limits = app.upstream_limits.get();
  // The client as the log shows it (behind TRUSTED_PROXIES, the address they forward); IPv6 by its
  // /64, as the sign-in throttle counts, so one host cannot multiply its cap by rotating addresses.
  ctx.client = ClientCounterKey(req.remote_addr);
  McpReply reply = app.mcp->Handle(req.body, MirroredHeaders(req), session->scopes, ctx);
  // A tool call that failed because the provider no longer accepts the token: 401, so the client
  // refreshes (our refresh renews the provider's token, or answers invalid_grant when access was
  // revoked). A call that did something first (a message sent, its copy not saved) keeps its result.
  if (bearer_refused.load() && session->account.UsesBearerToken() && reply.tool_error) {
    res.LogField("reason", "provider_token_refused");
    if (!reply.tool.empty()) res.LogField("tool", reply.tool);
    return Unauthorized(app, res, "the mail provider did not accept the access token");
  }
  if (!reply.step_up_scope.empty())
    res.SetHeader("WWW-Authenticate", InsufficientScopeChallenge(app, reply.step_up_scope));
  if (!reply.method.empty()) res.LogField("rpc_method", reply.method);
  if (!reply.tool.empty()) res.LogField("tool", reply.tool);
  if (reply.error_code != 0) res.LogField("rpc_error", std::to_string(reply.error_code));
  if (reply.tool_error) res.LogField("tool_error", "true");
  if (!reply.step_up_scope.empty()) res.LogField("reason", "insufficient_scope");
  res.status = reply.http_status;
  if (!reply.body.empty()) res.Json(reply.http_status, std::move(reply.body));
}

void HandleNoStream(const AppContext& app, const HttpRequest& req, HttpResponse& res) {
  if (!CheckOriginAndHost(app, req, res)) return;
  res.SetHeader("Allow", "POST, OPTIONS");
  TransportError(res, 405, -32000, "Method Not Allowed: this server is stateless and offers no event stream");
}

}  // namespace

bool IsAllowedOrigin(const Config& config, const std::string& origin) {
  auto o = ParseHttpUrl(origin);
  if (!o || !o->path.empty() || o->has_query) return false;
  std::string normal = o->Origin();
  auto base = ParseHttpUrl(config.base_url);
  if (base && base->Origin() == normal) return true;
  // A local development server (loopback BASE_URL) is reachable only from this machine, whose own
  // pages (MCP Inspector on another port, say) are as trusted as the user; DNS rebinding attacks come
  // with a foreign host name, which stays refused.
  if (base && IsLoopbackHost(base->host) && IsLoopbackHost(o->host)) return true;
  for (const auto& allowed : config.allowed_origins)
    if (allowed == normal) return true;
  return false;
}

bool IsAllowedLoopbackHost(const Config& config, const std::string& host) {
  if (host.empty()) return false;
  auto u = ParseHttpUrl("http://" + host);
  if (!u || !u->path.empty()) return false;
  if (IsLoopbackHost(u->host)) return true;
  auto base = ParseHttpUrl(config.base_url);
  return base && base->host == u->host;
}

void RegisterMcpRoutes(HttpServer& server, const AppContext& app) {
  server.Route(
      "POST", "/mcp", [&app](HttpRequest& q, HttpResponse& r) { HandlePost(app, q, r); }, Cors::kEchoOrigin, 1 << 20,
      RouteTraits{.handler_reads_body = true});
  server.Route(
      "GET", "/mcp", [&app](const HttpRequest& q, HttpResponse& r) { HandleNoStream(app, q, r); }, Cors::kEchoOrigin);
  server.Route(
      "DELETE", "/mcp", [&app](const HttpRequest& q, HttpResponse& r) { HandleNoStream(app, q, r); },
      Cors::kEchoOrigin);
}

}  // namespace mail_mcp
