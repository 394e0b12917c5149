#include "http/oauth_routes.h"

#include <future>

#include "http/secure_html.h"
#include "http/upstream_routes.h"
#include "imap/imap_login_check.h"
#include "oauth/authorize_request.h"
#include "oauth/login_page.h"
#include "oauth/redirect_uris.h"
#include "smtp/smtp_login_check.h"
#include "tools/mail_scopes.h"
#include "tools/upstream_error.h"
#include "util/url.h"

namespace mail_mcp {
namespace {

constexpr size_t kMaxFormBytes = 64 * 1024;
constexpr size_t kMaxFieldLength = 1024;

void ErrorPage(HttpResponse& res, int status, const std::string& title, const std::string& message) {
  SecureHtml(res, status, RenderErrorPage(title, message));
}

std::string HostPort(const std::string& host, int port) { return host + ":" + std::to_string(port); }

/// The checkboxes for what `check` offers, in MailScopes() order, ticked when in `ticked`.
std::vector<PermissionChoice> Permissions(const ScopeSet& offered, const ScopeSet& ticked) {
  std::vector<PermissionChoice> out;
  for (const MailScope& s : MailScopes()) {
    if (!offered.Contains(s.name)) continue;
    out.push_back(PermissionChoice{.id = s.short_name,
                                   .scope = s.name,
                                   .label = s.label,
                                   .detail = s.detail,
                                   .sensitive = s.sensitive(),
                                   .checked = ticked.Contains(s.name)});
  }
  return out;
}

LoginPageModel PageFor(const AuthorizeCheck& check) {
  LoginPageModel m;
  m.client_name = check.client.name;
  m.return_host = ReturnHost(check.request.redirect_uri);
  m.permissions = Permissions(check.offered, check.offered);
  m.imap_server = HostPort(check.client.servers.imap_host, check.client.servers.imap_port);
  m.smtp_server = HostPort(check.client.servers.smtp_host, check.client.servers.smtp_port);
  m.hidden = AuthorizeParams(check.request);
  return m;
}

/// Common to GET and POST: shows the error page or redirects, and returns false, when the request is bad.
bool CheckOrRespond(const AuthorizeCheck& check, const AppContext& app, HttpResponse& res) {
  switch (check.outcome) {
    case AuthorizeCheck::Outcome::kOk:
      return true;
    case AuthorizeCheck::Outcome::kErrorPage:
      ErrorPage(res, 400, "Invalid sign-in request", check.error_description);
      return false;
    case AuthorizeCheck::Outcome::kErrorRedirect:
      res.Redirect(ErrorRedirect(check, app.config.base_url));
      res.SetHeader("Cache-Control", "no-store");
      return false;
  }
  return false;
}

bool HasControlChars(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}

bool LooksLikeEmail(const std::string& s) {
  size_t at = s.rfind('@');
  return s.size() <= 254 && at != std::string::npos && at > 0 && at + 1 < s.size() &&
         s.find(' ') == std::string::npos && s.find_first_of("<>,;\"") == std::string::npos;
}

std::string Field(const ParamMap& form, const char* name) {
  auto it = form.find(name);
  return it == form.end() ? "" : it->second;
}

void HandleAuthorizeGet(const AppContext& app, const HttpRequest& req, HttpResponse& res) {
  auto params = ParseUrlEncoded(req.query);
  if (!params) return ErrorPage(res, 400, "Invalid sign-in request", "The query string is malformed.");
  AuthorizeCheck check = CheckAuthorizeRequest(*params, *app.tokens, app.McpUrl());
  if (!CheckOrRespond(check, app, res)) return;
  LoginPageModel page = PageFor(check);
  std::vector<std::string> form_targets{check.request.redirect_uri};
  if (check.client.idp.enabled() && !AddProviderSignIn(app, check, &page, &form_targets, res)) return;
  SecureHtml(res, 200, RenderLoginPage(page), form_targets);
}

/// What the person ticked: the `grant` fields, of which only those offered count (a crafted form
/// cannot add a scope the request and the client's ceiling did not allow).
ScopeSet TickedScopes(const ParamMap& form, const ScopeSet& offered) {
  ScopeSet ticked;
  auto [begin, end] = form.equal_range("grant");
  for (auto it = begin; it != end; ++it)
    if (offered.Contains(it->second)) ticked.Add(it->second);
  return ticked;
}

void HandleAuthorizePost(const AppContext& app, const HttpRequest& req, HttpResponse& res) {
  auto form = ParseUrlEncoded(req.body);
  if (!form) return ErrorPage(res, 400, "Invalid sign-in request", "The form data is malformed.");
  AuthorizeCheck check = CheckAuthorizeRequest(*form, *app.tokens, app.McpUrl());
  if (!CheckOrRespond(check, app, res)) return;
  if (!Field(*form, "cancel").empty()) {
    // The person declined (RFC 6749 §4.1.2.1): the client hears so, with its state and our iss.
    check.error = "access_denied";
    check.error_description = "the person declined to grant access";
    res.Redirect(ErrorRedirect(check, app.config.base_url));
    res.SetHeader("Cache-Control", "no-store");
    return;
  }

  const ScopeSet granted = TickedScopes(*form, check.offered);
  LoginPageModel page = PageFor(check);
  page.permissions = Permissions(check.offered, granted);
  if (check.client.idp.enabled()) {
    // Signing in with the provider: what the person allowed goes with them there and back.
    std::vector<std::string> form_targets{check.request.redirect_uri};
    if (!AddProviderSignIn(app, check, &page, &form_targets, res)) return;
    if (!granted.empty()) return RedirectToProvider(app, check, granted, res);
    page.errors = {"Tick at least one thing it may do, or press Cancel."};
    return SecureHtml(res, 400, RenderLoginPage(page), form_targets);
  }
  page.email = Field(*form, "email");
  page.full_name = Field(*form, "full_name");
  page.imap_username = Field(*form, "imap_username");
  page.smtp_username = Field(*form, "smtp_username");
  page.smtp_same = !Field(*form, "smtp_same").empty();
  auto show = [&](int status, std::vector<std::string> errors) {
    page.errors = std::move(errors);
    SecureHtml(res, status, RenderLoginPage(page), {check.request.redirect_uri});
  };

  const int64_t now = app.clock();
  if (int64_t wait = app.login_limiter->RetryAfter(req.remote_addr, now); wait > 0) {
    res.SetHeader("Retry-After", std::to_string(wait));
    return show(429, {"Too many failed sign-in attempts from your network. Try again in " +
                      std::to_string((wait + 59) / 60) + " minute(s)."});
  }

  MailAccount account;
  account.servers = check.client.servers;
  account.email = page.email;
  account.full_name = page.full_name;
  account.imap_username = page.imap_username;
  account.imap_password = Field(*form, "imap_password");
  account.smtp_username = page.smtp_same ? account.imap_username : page.smtp_username;
  account.smtp_password = page.smtp_same ? account.imap_password : Field(*form, "smtp_password");

  std::vector<std::string> problems;
  if (granted.empty()) problems.push_back("Tick at least one thing it may do, or press Cancel.");
  if (!LooksLikeEmail(account.email)) problems.push_back("Enter a valid email address.");
  if (account.imap_username.empty() || account.imap_password.empty())
    problems.push_back("Enter your IMAP username and password.");
  if (!page.smtp_same && (account.smtp_username.empty() || account.smtp_password.empty()))
    problems.push_back("Enter your SMTP username and password, or use the same credentials as IMAP.");
  for (const std::string* v : {&account.email, &account.full_name, &account.imap_username, &account.imap_password,
                               &account.smtp_username, &account.smtp_password}) {
    if (v->size() > kMaxFieldLength || HasControlChars(*v)) {
      problems.push_back("A field is too long or contains control characters.");
      break;
    }
  }
  if (!problems.empty()) return show(400, problems);

  // Both logins are checked live and in parallel: the user learns about a wrong SMTP password now,
  // not when the assistant first tries to send.
  auto imap =
      std::async(std::launch::async, [&] { return CheckImapLogin(account, app.config.mail, app.imap_pool.get()); });
  auto smtp = std::async(std::launch::async, [&] { return CheckSmtpLogin(account, app.config.mail); });
  Status imap_status = imap.get(), smtp_status = smtp.get();
  if (!imap_status.ok()) problems.push_back(ImapFailure(imap_status.message()));
  if (!smtp_status.ok()) problems.push_back(SmtpFailure(smtp_status.message()));
  if (!problems.empty()) {
    app.login_limiter->RecordFailure(req.remote_addr, now);
    bool rejected =
        imap_status.code() == Status::Code::kUnauthenticated || smtp_status.code() == Status::Code::kUnauthenticated;
    return show(rejected ? 403 : 502, problems);  // 502: a mail server could not be reached
  }

  RedirectWithCode(app, check.request, ClientFingerprint(check.request.client_id), granted, account, UpstreamGrant{},
                   res);
}

void HandleToken(const AppContext& app, const HttpRequest& req, HttpResponse& res) {
  res.SetHeader("Cache-Control", "no-store");
  res.SetHeader("Pragma", "no-cache");
  std::string type = req.Header("Content-Type");
  if (type.rfind("application/x-www-form-urlencoded", 0) != 0)
    return res.Json(
        400, R"({"error":"invalid_request","error_description":"the body must be application/x-www-form-urlencoded"})");
  auto form = ParseUrlEncoded(req.body);
  if (!form) return res.Json(400, R"({"error":"invalid_request","error_description":"the form data is malformed"})");
  TokenReply reply = app.token_endpoint->Handle(*form, req.Header("Authorization"));
  if (reply.basic_challenge) res.SetHeader("WWW-Authenticate", "Basic realm=\"mail_mcp\"");
  res.Json(reply.status, reply.body);
}

}  // namespace

void RedirectWithCode(const AppContext& app, const AuthorizeRequest& request, const std::string& client_fingerprint,
                      const ScopeSet& granted, const MailAccount& account, const UpstreamGrant& upstream,
                      HttpResponse& res) {
  AuthorizationGrant grant{.account = account,
                           .code_challenge = request.code_challenge,
                           .redirect_uri = request.redirect_uri,
                           .client_fingerprint = client_fingerprint,
                           .scopes = granted,
                           .upstream = upstream};
  auto code = app.tokens->IssueCode(grant);
  if (!code.ok()) return ErrorPage(res, 500, "Sign-in failed", "The server could not issue a code.");
  std::vector<std::pair<std::string, std::string>> params{{"code", *code}};
  if (!request.state.empty()) params.emplace_back("state", request.state);
  params.emplace_back("iss", app.config.base_url);
  res.Redirect(AppendQuery(request.redirect_uri, params));
  res.SetHeader("Cache-Control", "no-store");
  res.SetHeader("Referrer-Policy", "no-referrer");
}

void RegisterOAuthRoutes(HttpServer& server, const AppContext& app) {
  server.Route("GET", "/oauth/authorize",
               [&app](const HttpRequest& q, HttpResponse& r) { HandleAuthorizeGet(app, q, r); });
  server.Route(
      "POST", "/oauth/authorize", [&app](const HttpRequest& q, HttpResponse& r) { HandleAuthorizePost(app, q, r); },
      Cors::kNone, kMaxFormBytes);
  server.Route(
      "POST", "/oauth/token", [&app](const HttpRequest& q, HttpResponse& r) { HandleToken(app, q, r); },
      Cors::kAnyOrigin, kMaxFormBytes);
}

}  // namespace mail_mcp
