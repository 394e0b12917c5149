// The HTML pages of the authorization endpoint: the mailbox login form and a plain error page.
//
// GET /oauth/authorize shows the login page; the person enters their mailbox credentials and the
// form posts back to the same endpoint with the OAuth parameters carried in hidden inputs. After a
// failed IMAP/SMTP check the page is shown again with the reasons and the non-secret fields filled
// in; password values are never rendered back. Requests that cannot be redirected to the client
// (unknown client, unregistered redirect URI) get the error page with HTTP 400 instead.
//
// Every value is HTML-escaped (& < > " ' become entities) and every attribute in the templates is
// double-quoted, so model strings may hold anything. The pages need no script and load nothing
// from elsewhere; they are meant to be served with
//   default-src 'none'; style-src 'unsafe-inline'; form-action 'self' <redirect origin>;
//   frame-ancestors 'none'; base-uri 'none'
//
// Form fields posted by the login page: the hidden ones, then email, full_name, imap_username,
// imap_password, smtp_same ("1" when checked, absent otherwise), smtp_username, smtp_password.
// The SMTP fields are always posted (hiding them is CSS only); ignore them when smtp_same is "1".
//
// Thread-safety: the functions may be called from any thread; each template is parsed once.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/status.h"

namespace mail_mcp {

struct LoginPageModel {
  std::string imap_server;  // shown as is, e.g. "imap.example.com:993"
  std::string smtp_server;  // e.g. "smtp.example.com:465"
  /// Reasons the last attempt failed, one line each ("IMAP: login failed …"); none on first show.
  std::vector<std::string> errors;
  /// OAuth parameters to post back, in order, each as <input type="hidden" name="…" value="…">.
  std::vector<std::pair<std::string, std::string>> hidden;
  /// Re-filled after an error; there are deliberately no password members.
  std::string email, full_name, imap_username, smtp_username;
  bool smtp_same = true;  // "use the same credentials for SMTP" checkbox
  std::string action = "/oauth/authorize";
};

std::string RenderLoginPage(const LoginPageModel& model);

/// The page of a client that signs in with its mail provider (templates/provider.mustache): "Continue
/// with <provider>" (a form posting `hidden` to `action`), or, after a failed sign-in, the reasons and
/// how to start over.
struct ProviderPageModel {
  std::string title;         // e.g. "Sign in with Google"
  std::string app;           // who is asking, e.g. "An AI assistant"
  std::string provider;      // "Google", "Microsoft", or a host name
  std::string account_hint;  // "a Google account (Gmail or Google Workspace)"
  std::string imap_server, smtp_server;
  std::string problem;              // the heading of `errors`, e.g. "We couldn't sign you in"
  std::vector<std::string> errors;  // none on first show
  bool show_continue = false;       // the form with the button
  std::vector<std::pair<std::string, std::string>> hidden;
  std::string action = "/oauth/authorize";
};
std::string RenderProviderPage(const ProviderPageModel& model);
/// A page with a heading and one message; both are plain text.
std::string RenderErrorPage(std::string_view title, std::string_view message);

/// Whether the compiled-in templates parse; a failure is a build bug (the renderers then return a
/// bare fallback page). Cheap after the first call; meant for a start-up self-check.
Status CheckPageTemplates();

}  // namespace mail_mcp
