#include "idp/idp_provider.h"

#include "util/ascii.h"
#include "util/url.h"
#include "util/url_encoding.h"

namespace mail_mcp {
namespace {

constexpr char kGoogleIssuer[] = "https://accounts.google.com";
constexpr char kMicrosoftLogin[] = "https://login.microsoftonline.com/";

IdpProvider Google(const IdpSettings& settings) {
  IdpProvider p;
  p.kind = IdpKind::kGoogle;
  p.name = "Google";
  p.account_hint = "a Google account (Gmail or Google Workspace)";
  p.issuer = kGoogleIssuer;
  p.issuer_rule = IssuerRule::kGoogle;
  /// Google's discovery document says authorization_response_iss_parameter_supported.
  p.requires_iss = true;
  p.authorization_endpoint = "https://accounts.google.com/o/oauth2/v2/auth";
  p.token_endpoint = "https://oauth2.googleapis.com/token";
  p.userinfo_endpoint = "https://openidconnect.googleapis.com/v1/userinfo";
  /// https://mail.google.com/ is the only scope Gmail's IMAP and SMTP accept.
  p.scopes = "openid email https://mail.google.com/";
  /// Google issues a refresh token only for access_type=offline, and only at a consent: without
  /// prompt=consent a second sign-in of the same person would come back without one.
  p.extra_authorize_params = {{"access_type", "offline"}, {"prompt", "consent"}};
  p.credentials = settings.google;
  return p;
}

IdpProvider Microsoft(const IdpSettings& settings) {
  IdpProvider p;
  p.kind = IdpKind::kMicrosoft;
  p.name = "Microsoft";
  p.account_hint = "a Microsoft account (Microsoft 365 work or school, or Outlook.com)";
  const std::string base = kMicrosoftLogin + settings.microsoft_tenant;
  /// The v2.0 endpoints issue ID tokens whose iss names the user's own tenant (its id), whatever
  /// tenant the URL names ("common" takes anyone), so the issuer is checked against the token's tid.
  p.issuer = base + "/v2.0";
  p.issuer_rule = IssuerRule::kMicrosoftTenant;
  p.authorization_endpoint = base + "/oauth2/v2.0/authorize";
  p.token_endpoint = base + "/oauth2/v2.0/token";
  /// Microsoft's userinfo is a Microsoft Graph resource, which an Outlook-audience token cannot call:
  /// the address comes from the ID token.
  p.scopes =
      "openid email offline_access https://outlook.office.com/IMAP.AccessAsUser.All "
      "https://outlook.office.com/SMTP.Send";
  /// A person signed in to several Microsoft accounts chooses which mailbox to connect.
  p.extra_authorize_params = {{"prompt", "select_account"}};
  p.credentials = settings.microsoft;
  return p;
}

IdpProvider Generic(const IdpRegistration& r, const IdpSettings& settings) {
  IdpProvider p;
  p.kind = IdpKind::kGeneric;
  auto host = ParseHttpUrl(r.issuer.empty() ? r.authorization_endpoint : r.issuer);
  p.name = host ? host->host : "your provider";
  p.account_hint = "your account at " + p.name;
  p.issuer = r.issuer;
  p.issuer_rule = r.issuer.empty() ? IssuerRule::kUnknown : IssuerRule::kExact;
  p.requires_iss = r.iss_parameter_supported && !r.issuer.empty();
  p.authorization_endpoint = r.authorization_endpoint;
  p.token_endpoint = r.token_endpoint;
  p.userinfo_endpoint = r.userinfo_endpoint;
  p.scopes = r.scopes;
  p.client_secret_basic = r.client_secret_basic;
  p.credentials = settings.generic;
  return p;
}

}  // namespace

const char* IdpKindName(IdpKind kind) {
  switch (kind) {
    case IdpKind::kNone:
      return "";
    case IdpKind::kGoogle:
      return "google";
    case IdpKind::kMicrosoft:
      return "microsoft";
    case IdpKind::kGeneric:
      return "oauth";
  }
  return "";
}

std::optional<IdpKind> IdpKindFromName(std::string_view name) {
  for (IdpKind k : {IdpKind::kNone, IdpKind::kGoogle, IdpKind::kMicrosoft, IdpKind::kGeneric})
    if (name == IdpKindName(k)) return k;
  return std::nullopt;
}

StatusOr<IdpProvider> ResolveIdp(const IdpRegistration& registration, const IdpSettings& settings) {
  IdpProvider p;
  const char* variables = "";
  switch (registration.kind) {
    case IdpKind::kNone:
      return Status::InvalidArgument("this client signs in with a password, not with a provider");
    case IdpKind::kGoogle:
      p = Google(settings);
      variables = "GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET";
      break;
    case IdpKind::kMicrosoft:
      p = Microsoft(settings);
      variables = "MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET";
      break;
    case IdpKind::kGeneric:
      p = Generic(registration, settings);
      variables = "OAUTH_CLIENT_ID and OAUTH_CLIENT_SECRET";
      break;
  }
  if (!p.credentials.configured())
    return Status::InvalidArgument("sign-in with " + p.name + " is not configured on this server: set " + variables);
  return p;
}

bool IssuerMatches(const IdpProvider& provider, const std::string& iss, const std::string& tid) {
  switch (provider.issuer_rule) {
    case IssuerRule::kExact:
      return iss == provider.issuer;
    case IssuerRule::kGoogle:
      return iss == kGoogleIssuer || iss == "accounts.google.com";
    case IssuerRule::kMicrosoftTenant:
      return !tid.empty() && tid.size() <= 64 && iss == kMicrosoftLogin + tid + "/v2.0";
    case IssuerRule::kUnknown:
      return true;
  }
  return false;
}

std::string IdpAuthorizationUrl(const IdpProvider& provider, const std::string& redirect_uri, const std::string& state,
                                const std::string& code_challenge) {
  std::vector<std::pair<std::string, std::string>> params{{"response_type", "code"},
                                                          {"client_id", provider.credentials.client_id},
                                                          {"redirect_uri", redirect_uri},
                                                          {"scope", provider.scopes},
                                                          {"state", state},
                                                          {"code_challenge", code_challenge},
                                                          {"code_challenge_method", "S256"}};
  params.insert(params.end(), provider.extra_authorize_params.begin(), provider.extra_authorize_params.end());
  const std::string& base = provider.authorization_endpoint;
  return base + (base.find('?') == std::string::npos ? '?' : '&') + EncodeParams(params);
}

MailServers PresetMailServers(IdpKind kind) {
  switch (kind) {
    case IdpKind::kGoogle:
      return {"imap.gmail.com", 993, true, "smtp.gmail.com", 465, true};
    case IdpKind::kMicrosoft:
      return {"outlook.office365.com", 993, true, "smtp.office365.com", 587, false};
    default:
      return {};
  }
}

Status CheckMicrosoftTenant(const std::string& tenant) {
  if (tenant.empty() || tenant.size() > 255) return Status::InvalidArgument("must be a tenant name or id");
  for (char c : tenant)
    if (!IsAsciiAlnum(c) && c != '-' && c != '.')
      return Status::InvalidArgument(
          "must be common, organizations, consumers, a tenant id or a domain name (letters, digits, '-', '.')");
  return Status::OK();
}

}  // namespace mail_mcp
