#include "oauth/login_page.h"

#include <kainjow/mustache.hpp>

#include "oauth/templates.h"

namespace mail_mcp {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

/// Served if a template failed to parse, which tests rule out; it holds nothing from the request.
constexpr char kFallbackPage[] =
    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error</title></head>"
    "<body><p>Internal error: page template unavailable.</p></body></html>";

/// Parsed once (C++11 guarantees thread-safe initialisation of function-local statics) and never
/// modified afterwards.
const mustache& LoginTemplate() {
  static const mustache compiled{std::string(templates::kLogin)};
  return compiled;
}
const mustache& ProviderTemplate() {
  static const mustache compiled{std::string(templates::kProvider)};
  return compiled;
}
const mustache& ErrorTemplate() {
  static const mustache compiled{std::string(templates::kError)};
  return compiled;
}

std::string Render(const mustache& compiled, const data& values) {
  if (!compiled.is_valid()) return kFallbackPage;
  // kainjow's render() is not const (it may record an error from a partial or lambda), so threads
  // must not share one instance: each call renders its own copy of the parsed tree, which is a
  // read of the shared template and costs far less than parsing again.
  mustache instance = compiled;
  std::string out = instance.render(values);
  if (!instance.is_valid()) return kFallbackPage;
  return out;
}

/// Mustache list data of name/value pairs (both keys always set: a missing key would make mustache
/// look it up in the outer context).
data HiddenFields(const std::vector<std::pair<std::string, std::string>>& fields) {
  data hidden{data::type::list};
  for (const auto& [name, value] : fields) {
    data field;
    field.set("name", name);
    field.set("value", value);
    hidden.push_back(field);
  }
  return hidden;
}

}  // namespace

std::string RenderLoginPage(const LoginPageModel& model) {
  data d;
  // Every key a section reads is always set, in the page and in each list item: a missing key
  // would make mustache look it up in the enclosing context instead.
  d.set("named", data(!model.client_name.empty()));
  d.set("client_name", model.client_name);
  d.set("return_host", model.return_host);
  d.set("returns_here", data(model.return_host.empty()));
  data permissions{data::type::list};
  for (const PermissionChoice& p : model.permissions) {
    data item;
    item.set("id", p.id);
    item.set("scope", p.scope);
    item.set("label", p.label);
    item.set("detail", p.detail);
    item.set("sensitive", data(p.sensitive));
    item.set("checked", data(p.checked));
    permissions.push_back(item);
  }
  d.set("permissions", permissions);
  d.set("imap_server", model.imap_server);
  d.set("smtp_server", model.smtp_server);
  d.set("has_errors", data(!model.errors.empty()));
  data errors{data::type::list};
  for (const std::string& e : model.errors) errors.push_back(data(e));
  d.set("errors", errors);
  d.set("hidden", HiddenFields(model.hidden));
  d.set("email", model.email);
  d.set("full_name", model.full_name);
  d.set("imap_username", model.imap_username);
  d.set("smtp_username", model.smtp_username);
  d.set("smtp_same", data(model.smtp_same));
  d.set("action", model.action);
  d.set("with_provider", data(!model.provider.empty()));
  d.set("provider", model.provider);
  d.set("provider_account_hint", model.provider_account_hint);
  return Render(LoginTemplate(), d);
}

std::string RenderProviderPage(const ProviderPageModel& model) {
  data d;
  d.set("title", model.title);
  d.set("provider", model.provider);
  d.set("account_hint", model.account_hint);
  d.set("imap_server", model.imap_server);
  d.set("smtp_server", model.smtp_server);
  d.set("problem", model.problem);
  d.set("has_errors", data(!model.errors.empty()));
  data errors{data::type::list};
  for (const std::string& e : model.errors) errors.push_back(data(e));
  d.set("errors", errors);
  return Render(ProviderTemplate(), d);
}

std::string RenderErrorPage(std::string_view title, std::string_view message) {
  data d;
  d.set("title", std::string(title));
  d.set("message", std::string(message));
  return Render(ErrorTemplate(), d);
}

Status CheckPageTemplates() {
  if (!LoginTemplate().is_valid())
    return Status::Internal("templates/login.mustache: " + LoginTemplate().error_message());
  if (!ProviderTemplate().is_valid())
    return Status::Internal("templates/provider.mustache: " + ProviderTemplate().error_message());
  if (!ErrorTemplate().is_valid())
    return Status::Internal("templates/error.mustache: " + ErrorTemplate().error_message());
  return Status::OK();
}

}  // namespace mail_mcp
