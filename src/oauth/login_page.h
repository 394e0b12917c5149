// The HTML pages of the authorization endpoint: the consent and login page, and a plain error page.
//
// GET /oauth/authorize shows the consent and login page: which client asks (its sealed name), where
// the person will return to, and what it may do, as one checkbox per offered scope (the person may
// untick any; those that cannot be undone are marked); then the mailbox credentials. The form posts
// back to the same endpoint with the OAuth parameters carried in hidden inputs. After a
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
// Form fields posted by the login page: the hidden ones, then `grant` once per ticked permission
// (its scope), email, full_name, imap_username, imap_password, smtp_same ("1" when checked, absent
// otherwise), smtp_username, smtp_password, and `cancel` ("1") when the person pressed Cancel
// instead of the sign-in button. The SMTP fields are always posted (hiding them is CSS only);
// ignore them when smtp_same is "1".
//
// Thread-safety: the functions may be called from any thread; each template is parsed once.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/status.h"

namespace mail_mcp {

/// One thing the client asks to be allowed, as a checkbox.
struct PermissionChoice {
  std::string id;     // unique, [a-z]+: the checkbox is "grant_<id>"
  std::string scope;  // posted as grant=<scope> when ticked
  std::string label;  // e.g. "Send mail as you"
  std::string detail;
  bool sensitive = false;  // marked: what it does cannot be undone
  bool checked = true;
};

struct LoginPageModel {
  /// The client's display name (`generate --name`); empty: "An AI assistant".
  std::string client_name;
  /// The host the person returns to after signing in ("claude.ai"); empty: a loopback redirect,
  /// shown as "an app on this computer".
  std::string return_host;
  /// The permissions offered, in display order.
  std::vector<PermissionChoice> permissions;
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
  /// For a client that signs in with its mail provider: the provider's name ("Google") and which
  /// accounts work there. The sign-in column then holds "Continue with <provider>" instead of the
  /// mailbox fields.
  std::string provider, provider_account_hint;
};

std::string RenderLoginPage(const LoginPageModel& model);

/// The page the provider sign-in's callback shows when it failed (templates/provider.mustache): the
/// reasons, which provider and servers it was about, and how to start over.
struct ProviderPageModel {
  std::string title;         // e.g. "Mailbox not connected"
  std::string provider;      // "Google", "Microsoft", or a host name
  std::string account_hint;  // "a Google account (Gmail or Google Workspace)"
  std::string imap_server, smtp_server;
  std::string problem;  // the heading of `errors`, e.g. "We couldn't connect your mailbox"
  std::vector<std::string> errors;
};
std::string RenderProviderPage(const ProviderPageModel& model);
/// A page with a heading and one message; both are plain text.
std::string RenderErrorPage(std::string_view title, std::string_view message);

/// Whether the compiled-in templates parse; a failure is a build bug (the renderers then return a
/// bare fallback page). Cheap after the first call; meant for a start-up self-check.
Status CheckPageTemplates();

}  // namespace mail_mcp
