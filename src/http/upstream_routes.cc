#include "http/upstream_routes.h"

#include <future>

#include "http/oauth_routes.h"
#include "http/secure_html.h"
#include "imap/imap_login_check.h"
#include "oauth/login_page.h"
#include "oauth/provider_signin.h"
#include "smtp/smtp_login_check.h"
#include "tools/upstream_error.h"

namespace mail_mcp {
namespace {

std::string HostPort(const std::string& host, int port) { return host + ":" + std::to_string(port); }

/// The problem page's frame for a client with `servers` signing in with `provider`.
ProviderPageModel PageFor(const MailServers& servers, const IdpProvider& provider) {
  ProviderPageModel m;
  m.title = "Sign in with " + provider.name;
  m.provider = provider.name;
  m.account_hint = provider.account_hint;
  m.imap_server = HostPort(servers.imap_host, servers.imap_port);
  m.smtp_server = HostPort(servers.smtp_host, servers.smtp_port);
  return m;
}

HttpFetchOptions FetchOptions(const AppContext& app) {
  HttpFetchOptions o;
  o.ca_file = app.config.mail.ca_file;
  o.connect_timeout_ms = app.config.mail.connect_timeout_ms;
  o.timeout_ms = app.config.mail.command_timeout_ms;
  return o;
}

/// A failed sign-in: the reasons, on the provider page when the request is known. Starting over is
/// connecting again from the assistant (the request's client id is not kept, see SignInState).
void ShowProblem(const AppContext& app, const ProviderCallback& cb, const std::vector<std::string>& reasons,
                 HttpResponse& res) {
  if (!cb.have_request) return SecureHtml(res, cb.http_status, RenderErrorPage(cb.title, cb.message));
  auto provider = ResolveIdp(cb.request.idp, app.config.idp);
  if (!provider.ok()) return SecureHtml(res, cb.http_status, RenderErrorPage(cb.title, cb.message));
  ProviderPageModel page = PageFor(cb.request.servers, *provider);
  page.title = cb.title;
  page.problem = "We couldn't connect your mailbox";
  page.errors = reasons;
  SecureHtml(res, cb.http_status, RenderProviderPage(page));
}

void HandleCallback(const AppContext& app, const HttpRequest& req, HttpResponse& res) {
  auto query = ParseUrlEncoded(req.query);
  if (!query) return SecureHtml(res, 400, RenderErrorPage("Sign-in failed", "The sign-in response is malformed."));
  ProviderCallbackContext ctx{app.tokens.get(),
                              app.used_codes.get(),
                              &app.config.idp,
                              FetchOptions(app),
                              app.config.base_url + kUpstreamCallbackPath,
                              app.clock()};
  ProviderCallback cb = FinishProviderSignIn(*query, ctx);
  if (!cb.signed_in) return ShowProblem(app, cb, {cb.message}, res);

  // Both logins are checked live and in parallel with the provider's token, as the password form does:
  // a provider that lets IMAP in but refuses SMTP (SMTP AUTH disabled for the mailbox) is found now.
  const MailAccount& account = cb.account;
  auto imap = std::async(std::launch::async, [&] { return CheckImapLogin(account, app.config.mail); });
  auto smtp = std::async(std::launch::async, [&] { return CheckSmtpLogin(account, app.config.mail); });
  Status imap_status = imap.get(), smtp_status = smtp.get();
  std::vector<std::string> problems;
  if (!imap_status.ok()) problems.push_back(ImapFailure(imap_status.message()));
  if (!smtp_status.ok()) problems.push_back(SmtpFailure(smtp_status.message()));
  if (!problems.empty()) {
    const bool rejected =
        imap_status.code() == Status::Code::kUnauthenticated || smtp_status.code() == Status::Code::kUnauthenticated;
    cb.http_status = rejected ? 403 : 502;  // 502: a mail server could not be reached
    cb.title = "Mailbox not connected";
    problems.insert(problems.begin(), "You signed in with " + cb.provider_name + " as " + account.email +
                                          ", but the mail servers did not let that account in:");
    return ShowProblem(app, cb, problems, res);
  }
  AuthorizeRequest request;
  request.redirect_uri = cb.request.redirect_uri;
  request.state = cb.request.state;
  request.code_challenge = cb.request.code_challenge;
  request.resource = cb.request.resource;
  RedirectWithCode(app, request, cb.request.client_fingerprint, cb.request.scopes, account, cb.upstream, res);
}

}  // namespace

bool AddProviderSignIn(const AppContext& app, const AuthorizeCheck& check, LoginPageModel* page,
                       std::vector<std::string>* form_targets, HttpResponse& res) {
  auto provider = ResolveIdp(check.client.idp, app.config.idp);
  if (!provider.ok()) {
    SecureHtml(res, 500, RenderErrorPage("Sign-in is not available", provider.status().message() + "."));
    return false;
  }
  page->provider = provider->name;
  page->provider_account_hint = provider->account_hint;
  form_targets->push_back(provider->authorization_endpoint);
  return true;
}

void RedirectToProvider(const AppContext& app, const AuthorizeCheck& check, const ScopeSet& granted,
                        HttpResponse& res) {
  auto provider = ResolveIdp(check.client.idp, app.config.idp);
  if (!provider.ok())
    return SecureHtml(res, 500, RenderErrorPage("Sign-in is not available", provider.status().message() + "."));
  auto url = StartProviderSignIn(check, granted, *provider, *app.tokens, app.config.base_url + kUpstreamCallbackPath);
  if (!url.ok()) return SecureHtml(res, 500, RenderErrorPage("Sign-in failed", "The server could not start it."));
  res.Redirect(*url);
  res.status = 303;  // after a POST, the browser GETs the provider
  res.SetHeader("Cache-Control", "no-store");
  res.SetHeader("Referrer-Policy", "no-referrer");
}

void RegisterUpstreamRoutes(HttpServer& server, const AppContext& app) {
  server.Route("GET", kUpstreamCallbackPath,
               [&app](const HttpRequest& q, HttpResponse& r) { HandleCallback(app, q, r); });
}

}  // namespace mail_mcp
