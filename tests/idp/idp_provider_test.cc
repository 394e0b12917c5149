#include "idp/idp_provider.h"

#include "testing.h"
#include "util/url_encoding.h"

using namespace mail_mcp;

namespace {

IdpSettings Settings() {
  IdpSettings s;
  s.google = {"g-id.apps.googleusercontent.com", "g-secret"};
  s.microsoft = {"00000000-1111-2222-3333-444444444444", "m-secret"};
  s.generic = {"o-id", "o-secret"};
  return s;
}

IdpRegistration Kind(IdpKind kind) {
  IdpRegistration r;
  r.kind = kind;
  return r;
}

IdpRegistration Generic(std::string issuer, std::string authorize, std::string token) {
  IdpRegistration r = Kind(IdpKind::kGeneric);
  r.issuer = std::move(issuer);
  r.authorization_endpoint = std::move(authorize);
  r.token_endpoint = std::move(token);
  return r;
}

ParamMap QueryOf(const std::string& url) { return *ParseUrlEncoded(url.substr(url.find('?') + 1)); }

}  // namespace

TEST(IdpProvider, GoogleAsksForGmailAndAnOfflineRefreshToken) {
  auto p = ResolveIdp(Kind(IdpKind::kGoogle), Settings());
  ASSERT_OK(p);
  const std::string url = IdpAuthorizationUrl(*p, "https://mcp.example/oauth/upstream/callback", "STATE", "CHALLENGE");
  EXPECT_EQ(url.substr(0, url.find('?')), "https://accounts.google.com/o/oauth2/v2/auth");
  ParamMap q = QueryOf(url);
  EXPECT_EQ(q.find("client_id")->second, "g-id.apps.googleusercontent.com");
  EXPECT_EQ(q.find("scope")->second, "openid email https://mail.google.com/");
  EXPECT_EQ(q.find("access_type")->second, "offline");
  EXPECT_EQ(q.find("prompt")->second, "consent");
  EXPECT_EQ(q.find("code_challenge_method")->second, "S256");
  EXPECT_EQ(q.find("code_challenge")->second, "CHALLENGE");
  EXPECT_EQ(q.find("state")->second, "STATE");
  EXPECT_EQ(q.find("redirect_uri")->second, "https://mcp.example/oauth/upstream/callback");
  EXPECT_EQ(q.find("response_type")->second, "code");
  EXPECT_TRUE(p->requires_iss);
  EXPECT_FALSE(q.count("client_secret"));
}

TEST(IdpProvider, MicrosoftUsesTheTenantAndOutlookScopes) {
  IdpSettings s = Settings();
  s.microsoft_tenant = "contoso.onmicrosoft.com";
  auto p = ResolveIdp(Kind(IdpKind::kMicrosoft), s);
  ASSERT_OK(p);
  EXPECT_EQ(p->token_endpoint, "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
  ParamMap q = QueryOf(IdpAuthorizationUrl(*p, "https://x/cb", "s", "c"));
  EXPECT_EQ(q.find("scope")->second,
            "openid email offline_access https://outlook.office.com/IMAP.AccessAsUser.All "
            "https://outlook.office.com/SMTP.Send");
  EXPECT_FALSE(p->requires_iss);
  EXPECT_TRUE(p->userinfo_endpoint.empty());
}

TEST(IdpProvider, MissingAppCredentialsNameTheVariables) {
  IdpSettings s;
  EXPECT_CONTAINS(ResolveIdp(Kind(IdpKind::kGoogle), s).status().message(),
                  "GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET");
  EXPECT_CONTAINS(ResolveIdp(Kind(IdpKind::kMicrosoft), s).status().message(), "MICROSOFT_CLIENT_ID");
  EXPECT_CONTAINS(ResolveIdp(Kind(IdpKind::kGeneric), s).status().message(), "OAUTH_CLIENT_ID");
  EXPECT_FALSE(ResolveIdp(Kind(IdpKind::kNone), Settings()).ok());
}

TEST(IdpProvider, IssuerRules) {
  auto google = *ResolveIdp(Kind(IdpKind::kGoogle), Settings());
  EXPECT_TRUE(IssuerMatches(google, "https://accounts.google.com", ""));
  EXPECT_TRUE(IssuerMatches(google, "accounts.google.com", ""));
  EXPECT_FALSE(IssuerMatches(google, "https://accounts.google.com.evil.example", ""));

  auto microsoft = *ResolveIdp(Kind(IdpKind::kMicrosoft), Settings());
  const std::string tid = "9188040d-6c67-4c5b-b112-36a304b66dad";
  EXPECT_TRUE(IssuerMatches(microsoft, "https://login.microsoftonline.com/" + tid + "/v2.0", tid));
  EXPECT_FALSE(IssuerMatches(microsoft, "https://login.microsoftonline.com/" + tid + "/v2.0", "other"));
  EXPECT_FALSE(IssuerMatches(microsoft, "https://login.microsoftonline.com/common/v2.0", ""));

  IdpRegistration r = Generic("https://id.example", "https://id.example/auth", "https://id.example/token");
  auto generic = *ResolveIdp(r, Settings());
  EXPECT_TRUE(IssuerMatches(generic, "https://id.example", ""));
  EXPECT_FALSE(IssuerMatches(generic, "https://id.example/", ""));
  r.issuer.clear();
  EXPECT_TRUE(IssuerMatches(*ResolveIdp(r, Settings()), "anything", ""));  // explicit endpoints: no issuer known
}

TEST(IdpProvider, AnEndpointWithAQueryKeepsIt) {
  IdpRegistration r = Generic("", "https://id.example/auth?tenant=x", "https://id.example/token");
  const std::string url = IdpAuthorizationUrl(*ResolveIdp(r, Settings()), "https://x/cb", "s", "c");
  EXPECT_EQ(url.substr(0, url.find('&')), "https://id.example/auth?tenant=x");
}

TEST(IdpProvider, PresetMailServersAndTenantNames) {
  MailServers g = PresetMailServers(IdpKind::kGoogle);
  EXPECT_EQ(g.imap_host, "imap.gmail.com");
  EXPECT_EQ(g.smtp_port, 465);
  EXPECT_TRUE(g.smtp_ssl);
  MailServers m = PresetMailServers(IdpKind::kMicrosoft);
  EXPECT_EQ(m.imap_host, "outlook.office365.com");
  EXPECT_EQ(m.smtp_host, "smtp.office365.com");
  EXPECT_EQ(m.smtp_port, 587);
  EXPECT_FALSE(m.smtp_ssl);
  EXPECT_TRUE(PresetMailServers(IdpKind::kGeneric).imap_host.empty());
  for (const char* ok :
       {"common", "organizations", "consumers", "contoso.onmicrosoft.com", "9188040d-6c67-4c5b-b112-36a304b66dad"})
    EXPECT_OK(CheckMicrosoftTenant(ok));
  for (const char* bad : {"", "a/b", "common?x=1", "a b"}) EXPECT_FALSE(CheckMicrosoftTenant(bad).ok());
}
