#include "cli/generate_command.h"

#include "testing.h"

using namespace mail_mcp;

namespace {
StatusOr<GenerateOptions> Parse(std::vector<std::string> args) { return ParseGenerateArgs(args); }
}  // namespace

TEST(GenerateArgs, DefaultsPortsAndSslByPort) {
  auto o = Parse({"--imap-host=imap.gmail.com", "--smtp-host=smtp.gmail.com"});
  ASSERT_OK(o);
  EXPECT_EQ(o->servers.imap_port, 993);
  EXPECT_TRUE(o->servers.imap_ssl);
  EXPECT_EQ(o->servers.smtp_port, 587);
  EXPECT_FALSE(o->servers.smtp_ssl);
  EXPECT_EQ(o->redirect_uris.size(), 5u);
}

TEST(GenerateArgs, SslFollowsTheChosenPortUnlessForced) {
  auto o = Parse({"--imap-host", "i.test", "--imap-port", "143", "--smtp-host=s.test", "--smtp-port=465"});
  ASSERT_OK(o);
  EXPECT_FALSE(o->servers.imap_ssl);
  EXPECT_TRUE(o->servers.smtp_ssl);
  o = Parse({"--imap-host=i.test", "--imap-port=10993", "--imap-ssl", "--smtp-host=s.test", "--no-smtp-ssl",
             "--smtp-port=465"});
  ASSERT_OK(o);
  EXPECT_TRUE(o->servers.imap_ssl);
  EXPECT_FALSE(o->servers.smtp_ssl);
  o = Parse({"--imap-host=i.test", "--no-imap-ssl", "--smtp-host=s.test"});
  ASSERT_OK(o);
  EXPECT_FALSE(o->servers.imap_ssl);
}

TEST(GenerateArgs, RedirectUriIsRepeatableAndReplacesDefaults) {
  auto o = Parse({"--imap-host=i.test", "--smtp-host=s.test", "--redirect-uri=https://a.test/cb", "--redirect-uri",
                  "http://127.0.0.1/cb"});
  ASSERT_OK(o);
  ASSERT_EQ(o->redirect_uris.size(), 2u);
  EXPECT_EQ(o->redirect_uris[0], "https://a.test/cb");
  EXPECT_EQ(o->redirect_uris[1], "http://127.0.0.1/cb");
}

TEST(GenerateArgs, ErrorsAreClear) {
  EXPECT_CONTAINS(Parse({"--smtp-host=s.test"}).status().message(), "--imap-host is required");
  EXPECT_CONTAINS(Parse({"--imap-host=i.test"}).status().message(), "--smtp-host is required");
  EXPECT_CONTAINS(Parse({"--imap-host=i.test", "--smtp-host=s.test", "--imap-port=0"}).status().message(),
                  "--imap-port");
  EXPECT_CONTAINS(Parse({"--imap-host=i.test", "--smtp-host=s.test", "--smtp-port=70000"}).status().message(),
                  "--smtp-port");
  EXPECT_CONTAINS(Parse({"--imap-host=i.test", "--smtp-host=s.test", "--bogus"}).status().message(),
                  "unknown option --bogus");
  EXPECT_CONTAINS(Parse({"--imap-host=i.test", "--smtp-host=s.test", "--imap-ssl", "--no-imap-ssl"}).status().message(),
                  "conflict");
  EXPECT_CONTAINS(Parse({"--imap-host=bad host", "--smtp-host=s.test"}).status().message(), "--imap-host");
  EXPECT_CONTAINS(Parse({"--imap-host=i.test\r\nX", "--smtp-host=s.test"}).status().message(), "--imap-host");
  EXPECT_CONTAINS(
      Parse({"--imap-host=i.test", "--smtp-host=s.test", "--redirect-uri=http://evil.test/cb"}).status().message(),
      "https");
  EXPECT_CONTAINS(Parse({"--imap-host=i.test", "--smtp-host=s.test", "stray"}).status().message(), "unexpected");
  EXPECT_CONTAINS(Parse({"--imap-host"}).status().message(), "needs a value");
  EXPECT_FALSE(Parse({""}).ok());
}

TEST(GenerateArgs, HelpIsNotAnError) {
  auto o = Parse({"--help"});
  ASSERT_OK(o);
  EXPECT_TRUE(o->help);
  EXPECT_CONTAINS(GenerateUsage(), "--redirect-uri");
}

TEST(GenerateOutput, MatchesTheOriginalLayout) {
  GenerateOptions o;
  o.servers = {"imap.gmail.com", 993, true, "smtp.gmail.com", 587, false};
  o.redirect_uris = {"http://127.0.0.1"};
  std::string out = FormatGeneratedClient("ID", "SECRET", o);
  EXPECT_CONTAINS(out,
                  "Client ID: ID\nClient Secret: SECRET\n\nIMAP: imap.gmail.com:993 (ssl=true)\n"
                  "SMTP: smtp.gmail.com:587 (ssl=false)\n");
  EXPECT_CONTAINS(out, "http://127.0.0.1 (any port)");
}

TEST(GenerateArgs, ProviderPresetsFillInTheirServers) {
  auto o = Parse({"--provider=google"});
  ASSERT_OK(o);
  EXPECT_TRUE(o->idp.kind == IdpKind::kGoogle);
  EXPECT_EQ(o->servers.imap_host, "imap.gmail.com");
  EXPECT_EQ(o->servers.smtp_host, "smtp.gmail.com");
  EXPECT_EQ(o->servers.smtp_port, 465);
  EXPECT_TRUE(o->servers.smtp_ssl);
  o = Parse({"--provider=microsoft"});
  ASSERT_OK(o);
  EXPECT_EQ(o->servers.imap_host, "outlook.office365.com");
  EXPECT_EQ(o->servers.smtp_host, "smtp.office365.com");
  EXPECT_EQ(o->servers.smtp_port, 587);
  EXPECT_FALSE(o->servers.smtp_ssl);
  // A host given explicitly wins, with the usual port default.
  o = Parse({"--provider=microsoft", "--smtp-host=smtp-hve.office365.com"});
  ASSERT_OK(o);
  EXPECT_EQ(o->servers.smtp_host, "smtp-hve.office365.com");
  EXPECT_EQ(o->servers.smtp_port, 587);
}

TEST(GenerateArgs, TheGenericProviderTakesAnIssuerOrEndpoints) {
  auto o = Parse({"--oauth-issuer=https://id.example", "--imap-host=i.test", "--smtp-host=s.test"});
  ASSERT_OK(o);
  EXPECT_TRUE(o->idp.kind == IdpKind::kGeneric);
  EXPECT_TRUE(o->NeedsDiscovery());
  EXPECT_EQ(o->idp.scopes, "openid email offline_access");
  o = Parse({"--oauth-authorize-url=https://id.example/a", "--oauth-token-url=https://id.example/t",
             "--oauth-scopes=openid mail", "--oauth-client-auth=basic", "--imap-host=i.test", "--smtp-host=s.test"});
  ASSERT_OK(o);
  EXPECT_FALSE(o->NeedsDiscovery());
  EXPECT_EQ(o->idp.scopes, "openid mail");
  EXPECT_TRUE(o->idp.client_secret_basic);
  EXPECT_EQ(o->oauth_client_auth, "basic");
  EXPECT_FALSE(Parse({"--imap-host=i.test", "--smtp-host=s.test"})->idp.enabled());
}

TEST(GenerateArgs, SignInOptionErrorsAreClear) {
  EXPECT_CONTAINS(Parse({"--provider=yahoo"}).status().message(), "google or microsoft");
  EXPECT_CONTAINS(Parse({"--provider=google", "--oauth-scopes=x"}).status().message(), "conflict");
  EXPECT_CONTAINS(Parse({"--oauth-token-url=https://x/t", "--imap-host=i", "--smtp-host=s"}).status().message(),
                  "go together");
  EXPECT_CONTAINS(Parse({"--oauth-scopes=x", "--imap-host=i", "--smtp-host=s"}).status().message(), "--oauth-issuer");
  EXPECT_CONTAINS(Parse({"--oauth-issuer=http://id.example", "--imap-host=i", "--smtp-host=s"}).status().message(),
                  "https");
  EXPECT_CONTAINS(
      Parse({"--oauth-issuer=https://id.example", "--oauth-client-auth=jwt", "--imap-host=i", "--smtp-host=s"})
          .status()
          .message(),
      "basic or post");
  EXPECT_CONTAINS(Parse({"--oauth-issuer=https://id.example", "--imap-host=i"}).status().message(),
                  "--smtp-host is required");
}

TEST(GenerateOutput, SaysHowUsersSignInAndTheRedirectUriToRegister) {
  GenerateOptions o;
  o.servers = PresetMailServers(IdpKind::kGoogle);
  o.redirect_uris = {"http://127.0.0.1"};
  o.idp.kind = IdpKind::kGoogle;
  std::string out = FormatGeneratedClient("ID", "SECRET", o, "https://mcp.example/oauth/upstream/callback");
  EXPECT_CONTAINS(out, "Sign-in: Google OAuth\n");
  EXPECT_CONTAINS(out, "redirect URI to register with the provider: https://mcp.example/oauth/upstream/callback");
}

TEST(GenerateArgs, ScopesDefaultToAllAndAcceptShortAndFullNames) {
  auto o = Parse({"--imap-host=i.test", "--smtp-host=s.test"});
  ASSERT_OK(o);
  EXPECT_EQ(o->scopes.ToString(), "mail:delete mail:draft mail:organize mail:read mail:send");
  EXPECT_EQ(o->name, "");
  o = Parse({"--imap-host=i.test", "--smtp-host=s.test", "--scopes=read"});
  ASSERT_OK(o);
  EXPECT_EQ(o->scopes.ToString(), "mail:read");
  o = Parse({"--imap-host=i.test", "--smtp-host=s.test", "--scopes", "read, mail:draft,send"});
  ASSERT_OK(o);
  EXPECT_EQ(o->scopes.ToString(), "mail:draft mail:read mail:send");
  o = Parse({"--imap-host=i.test", "--smtp-host=s.test", "--scopes=all"});
  ASSERT_OK(o);
  EXPECT_EQ(o->scopes.size(), 5u);
}

TEST(GenerateArgs, BadScopesAndNamesAreRefused) {
  auto bad = [](std::vector<std::string> extra) {
    std::vector<std::string> args{"--imap-host=i.test", "--smtp-host=s.test"};
    args.insert(args.end(), extra.begin(), extra.end());
    return Parse(args).status().message();
  };
  EXPECT_CONTAINS(bad({"--scopes=read,admin"}), "unknown scope 'admin'");
  EXPECT_CONTAINS(bad({"--scopes=read,admin"}), "known: read, organize, draft, send, delete");
  EXPECT_CONTAINS(bad({"--scopes=,"}), "at least one scope");
  EXPECT_CONTAINS(bad({"--scopes"}), "--scopes needs a value");
  EXPECT_CONTAINS(bad({"--name=" + std::string(65, 'n')}), "longer than 64");
  EXPECT_CONTAINS(bad({"--name=Claude\r\nX"}), "control characters");
  EXPECT_CONTAINS(bad({"--name=\xff"}), "UTF-8");
}

TEST(GenerateArgs, NameIsKeptAsGivenAndPrinted) {
  auto o =
      Parse({"--imap-host=i.test", "--smtp-host=s.test", "--name", "Claude (work) \xE2\x80\x94 Ada", "--scopes=read"});
  ASSERT_OK(o);
  EXPECT_EQ(o->name, "Claude (work) \xE2\x80\x94 Ada");
  std::string out = FormatGeneratedClient("ID", "SECRET", *o);
  EXPECT_CONTAINS(out, "Name: Claude (work) \xE2\x80\x94 Ada\n");
  EXPECT_CONTAINS(out, "Scopes: mail:read\n");
}
