#include "cli/generate_command.h"

#include <argh.h>

#include <cstdio>
#include <iostream>
#include <set>

#include "config/config.h"
#include "crypto/random.h"
#include "http/upstream_routes.h"
#include "idp/idp_tokens.h"
#include "oauth/redirect_uris.h"
#include "tools/mail_scopes.h"
#include "util/mail_host.h"
#include "util/url.h"
#include "util/utf8.h"

namespace mail_mcp {
namespace {

constexpr const char* kValueOptions[] = {
    "imap-host",    "imap-port",        "smtp-host",    "smtp-port",           "scopes",          "redirect-uri",
    "name",         "provider",         "oauth-issuer", "oauth-authorize-url", "oauth-token-url", "oauth-userinfo-url",
    "oauth-scopes", "oauth-client-auth"};
/// The generic provider's options; none of them goes with --provider.
constexpr const char* kGenericOptions[] = {"oauth-issuer",       "oauth-authorize-url", "oauth-token-url",
                                           "oauth-userinfo-url", "oauth-scopes",        "oauth-client-auth"};
/// What a generic provider is asked for when --oauth-scopes is not given: the address (OpenID) and a
/// refresh token. A mail server usually wants a scope of its own too.
constexpr char kDefaultGenericScopes[] = "openid email offline_access";

/// The longest --name, in bytes: it heads the consent page, where a paragraph would hide the rest.
constexpr size_t kMaxClientNameBytes = 64;
constexpr const char* kFlagOptions[] = {"imap-ssl", "no-imap-ssl", "smtp-ssl", "no-smtp-ssl", "help", "h"};

Status ParsePort(const std::string& name, const std::string& text, int* port) {
  Status bad = Status::InvalidArgument("--" + name + " must be a port number from 1 to 65535");
  if (text.empty() || text.size() > 5) return bad;
  int p = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return bad;
    p = p * 10 + (c - '0');
  }
  if (p < 1 || p > 65535) return bad;
  *port = p;
  return Status::OK();
}

/// An endpoint given on the command line: https, or http to a loopback host (a local provider).
Status CheckEndpointOption(const std::string& name, const std::string& url) {
  auto u = ParseHttpUrl(url);
  if (!u || u->has_fragment || (u->scheme != "https" && !IsLoopbackHost(u->host)))
    return Status::InvalidArgument("--" + name + " must be an https URL (http only for localhost)");
  return Status::OK();
}

/// The sign-in options: --provider, or the generic --oauth-* set (see the usage text).
Status ParseSignIn(const argh::parser& cmd, GenerateOptions* o) {
  bool generic = false;
  for (const char* name : kGenericOptions) generic = generic || bool(cmd(name));
  if (cmd("provider")) {
    if (generic) return Status::InvalidArgument("--provider and the --oauth-* options conflict");
    auto kind = IdpKindFromName(cmd("provider").str());
    if (!kind || (*kind != IdpKind::kGoogle && *kind != IdpKind::kMicrosoft))
      return Status::InvalidArgument("--provider must be google or microsoft (other providers: --oauth-issuer)");
    o->idp.kind = *kind;
    return Status::OK();
  }
  if (!generic) return Status::OK();
  IdpRegistration& r = o->idp;
  r.kind = IdpKind::kGeneric;
  r.issuer = cmd("oauth-issuer").str();
  r.authorization_endpoint = cmd("oauth-authorize-url").str();
  r.token_endpoint = cmd("oauth-token-url").str();
  r.userinfo_endpoint = cmd("oauth-userinfo-url").str();
  r.scopes = cmd("oauth-scopes") ? cmd("oauth-scopes").str() : kDefaultGenericScopes;
  if (r.authorization_endpoint.empty() != r.token_endpoint.empty())
    return Status::InvalidArgument("--oauth-authorize-url and --oauth-token-url go together");
  if (r.issuer.empty() && r.token_endpoint.empty())
    return Status::InvalidArgument("give --oauth-issuer (discovery) or --oauth-authorize-url and --oauth-token-url");
  const std::pair<const char*, const std::string*> urls[] = {{"oauth-issuer", &r.issuer},
                                                             {"oauth-authorize-url", &r.authorization_endpoint},
                                                             {"oauth-token-url", &r.token_endpoint},
                                                             {"oauth-userinfo-url", &r.userinfo_endpoint}};
  for (const auto& [name, url] : urls)
    if (!url->empty())
      if (Status s = CheckEndpointOption(name, *url); !s.ok()) return s;
  if (r.scopes.empty() || r.scopes.size() > 1024) return Status::InvalidArgument("--oauth-scopes must not be empty");
  for (char c : r.scopes)
    if (c < 0x20 || c == 0x7f || c == '"' || c == '\\')
      return Status::InvalidArgument("--oauth-scopes holds a character a scope cannot have");
  if (cmd("oauth-client-auth")) {
    const std::string method = cmd("oauth-client-auth").str();
    if (method != "basic" && method != "post")
      return Status::InvalidArgument("--oauth-client-auth must be basic or post");
    r.client_secret_basic = method == "basic";
    o->oauth_client_auth = method;
  }
  return Status::OK();
}

/// "all", or full or short scope names separated by commas or spaces ("read,draft").
StatusOr<ScopeSet> ParseScopes(const std::string& text) {
  ScopeSet out;
  std::string item;
  auto take = [&]() -> Status {
    if (item.empty()) return Status::OK();
    if (item == "all") {
      out = out.Union(AllMailScopes());
    } else if (const MailScope* s = FindMailScope(item)) {
      out.Add(s->name);
    } else {
      std::string known;
      for (const MailScope& s : MailScopes()) known += std::string(known.empty() ? "" : ", ") + s.short_name;
      return Status::InvalidArgument("--scopes: unknown scope '" + item + "' (known: " + known + ", or all)");
    }
    item.clear();
    return Status::OK();
  };
  for (char c : text) {
    if (c == ',' || c == ' ') {
      if (Status st = take(); !st.ok()) return st;
    } else {
      item += c;
    }
  }
  if (Status st = take(); !st.ok()) return st;
  if (out.empty()) return Status::InvalidArgument("--scopes needs at least one scope");
  return out;
}

Status ValidateClientName(const std::string& name) {
  if (name.empty()) return Status::InvalidArgument("--name must not be empty");
  if (name.size() > kMaxClientNameBytes)
    return Status::InvalidArgument("--name is longer than " + std::to_string(kMaxClientNameBytes) + " bytes");
  if (!IsValidUtf8(name)) return Status::InvalidArgument("--name is not valid UTF-8");
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f) return Status::InvalidArgument("--name must not contain control characters");
  return Status::OK();
}

}  // namespace

std::string GenerateUsage() {
  return "Usage: mail_mcp generate --imap-host=HOST --smtp-host=HOST [options]\n"
         "       mail_mcp generate --provider=google|microsoft [options]\n"
         "       mail_mcp generate --oauth-issuer=URL --imap-host=HOST --smtp-host=HOST [options]\n"
         "\n"
         "Provisions an OAuth client for one IMAP/SMTP provider and prints its client ID and secret.\n"
         "Reads ENCRYPTION_KEY and BASE_URL from the environment or .env.\n"
         "Users sign in with their mailbox password, or with the provider's own OAuth:\n"
         "\n"
         "  --provider=NAME         google (Gmail, Google Workspace) or microsoft (Microsoft 365,\n"
         "                          Outlook.com): the provider's servers and sign-in; the server needs\n"
         "                          GOOGLE_CLIENT_ID/SECRET or MICROSOFT_CLIENT_ID/SECRET\n"
         "  --oauth-issuer=URL      any other OAuth 2.0 / OpenID provider, found by discovery\n"
         "                          (URL/.well-known/openid-configuration); the server needs\n"
         "                          OAUTH_CLIENT_ID/SECRET\n"
         "  --oauth-authorize-url=URL, --oauth-token-url=URL\n"
         "                          that provider's endpoints, without discovery\n"
         "  --oauth-userinfo-url=URL  where to read the address when the ID token has none\n"
         "  --oauth-scopes=SCOPES   space-separated (default: openid email offline_access)\n"
         "  --oauth-client-auth=basic|post  how the token endpoint authenticates the app\n"
         "                          (default: what discovery says, else post)\n"
         "\n"
         "Options:\n"
         "  --imap-host=HOST        IMAP server (required, unless --provider)\n"
         "  --imap-port=PORT        IMAP port (default 993)\n"
         "  --[no-]imap-ssl         implicit TLS for IMAP (default: on when the port is 993;\n"
         "                          off means STARTTLS, which is then required)\n"
         "  --smtp-host=HOST        SMTP submission server (required)\n"
         "  --smtp-port=PORT        SMTP port (default 587)\n"
         "  --[no-]smtp-ssl         implicit TLS for SMTP (default: on when the port is 465)\n"
         "  --redirect-uri=URI      an allowed OAuth redirect URI; repeat for several. Default:\n"
         "                          Claude's callbacks and http://127.0.0.1, http://localhost,\n"
         "                          http://[::1] on any port\n"
         "  --scopes=LIST           the most this client may ever be granted, comma-separated:\n"
         "                          read, organize, draft, send, delete, or all (default all).\n"
         "                          Read-only assistant: --scopes=read\n"
         "  --name=NAME             the client's name on the sign-in page, e.g. \"Claude\"\n"
         "  -h, --help              show this help\n";
}

StatusOr<GenerateOptions> ParseGenerateArgs(const std::vector<std::string>& args) {
  GenerateOptions o;
  // argh keeps one value per name, so the repeatable --redirect-uri is collected here first.
  std::vector<std::string> rest{"generate"};
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.empty()) return Status::InvalidArgument("empty argument");
    if (a.rfind("--redirect-uri=", 0) == 0) {
      o.redirect_uris.push_back(a.substr(15));
    } else if (a == "--redirect-uri") {
      if (i + 1 >= args.size()) return Status::InvalidArgument("--redirect-uri needs a value");
      o.redirect_uris.push_back(args[++i]);
    } else {
      rest.push_back(a);
    }
  }
  std::vector<const char*> argv;
  for (const auto& a : rest) argv.push_back(a.c_str());
  argh::parser cmd;
  for (const char* name : kValueOptions) cmd.add_param(std::string("--") + name);
  cmd.parse(int(argv.size()), argv.data());

  std::set<std::string> known_values(std::begin(kValueOptions), std::end(kValueOptions));
  std::set<std::string> known_flags(std::begin(kFlagOptions), std::end(kFlagOptions));
  for (const auto& [name, value] : cmd.params())
    if (!known_values.count(name))
      return Status::InvalidArgument(known_flags.count(name) ? "--" + name + " takes no value"
                                                             : "unknown option --" + name);
  for (const auto& name : cmd.flags()) {
    if (known_values.count(name)) return Status::InvalidArgument("--" + name + " needs a value");
    if (!known_flags.count(name)) return Status::InvalidArgument("unknown option --" + name);
  }
  if (cmd.pos_args().size() > 1) return Status::InvalidArgument("unexpected argument '" + cmd.pos_args()[1] + "'");
  if (cmd["help"] || cmd["h"]) {
    o.help = true;
    return o;
  }

  if (Status st = ParseSignIn(cmd, &o); !st.ok()) return st;
  MailServers& s = o.servers;
  /// A preset's servers unless given: hosts, and the ports and TLS modes that go with them.
  const MailServers preset = PresetMailServers(o.idp.kind);
  s.imap_host = cmd("imap-host") ? cmd("imap-host").str() : preset.imap_host;
  s.smtp_host = cmd("smtp-host") ? cmd("smtp-host").str() : preset.smtp_host;
  if (s.imap_host.empty()) return Status::InvalidArgument("--imap-host is required");
  if (s.smtp_host.empty()) return Status::InvalidArgument("--smtp-host is required");
  if (!IsValidMailHost(s.imap_host))
    return Status::InvalidArgument("--imap-host '" + s.imap_host + "' is not a host name or IP address");
  if (!IsValidMailHost(s.smtp_host))
    return Status::InvalidArgument("--smtp-host '" + s.smtp_host + "' is not a host name or IP address");
  s.imap_port = cmd("imap-host") || preset.imap_host.empty() ? 993 : preset.imap_port;
  s.smtp_port = cmd("smtp-host") || preset.smtp_host.empty() ? 587 : preset.smtp_port;
  if (cmd("imap-port")) {
    if (Status st = ParsePort("imap-port", cmd("imap-port").str(), &s.imap_port); !st.ok()) return st;
  }
  if (cmd("smtp-port")) {
    if (Status st = ParsePort("smtp-port", cmd("smtp-port").str(), &s.smtp_port); !st.ok()) return st;
  }
  if (cmd["imap-ssl"] && cmd["no-imap-ssl"]) return Status::InvalidArgument("--imap-ssl and --no-imap-ssl conflict");
  if (cmd["smtp-ssl"] && cmd["no-smtp-ssl"]) return Status::InvalidArgument("--smtp-ssl and --no-smtp-ssl conflict");
  s.imap_ssl = cmd["imap-ssl"] ? true : cmd["no-imap-ssl"] ? false : s.imap_port == 993;
  s.smtp_ssl = cmd["smtp-ssl"] ? true : cmd["no-smtp-ssl"] ? false : s.smtp_port == 465;

  o.scopes = AllMailScopes();
  if (cmd("scopes")) {
    auto scopes = ParseScopes(cmd("scopes").str());
    if (!scopes.ok()) return scopes.status();
    o.scopes = std::move(*scopes);
  }
  if (cmd("name")) {
    o.name = cmd("name").str();
    if (Status st = ValidateClientName(o.name); !st.ok()) return st;
  }

  if (o.redirect_uris.empty()) o.redirect_uris = DefaultRedirectUris();
  for (const auto& uri : o.redirect_uris)
    if (Status st = ValidateRedirectUriEntry(uri); !st.ok()) return st;
  return o;
}

std::string FormatGeneratedClient(const std::string& client_id, const std::string& client_secret,
                                  const GenerateOptions& o, const std::string& callback) {
  auto tf = [](bool b) { return b ? "true" : "false"; };
  std::string out = "Client ID: " + client_id + "\nClient Secret: " + client_secret + "\n\n";
  out += "IMAP: " + o.servers.imap_host + ":" + std::to_string(o.servers.imap_port) +
         " (ssl=" + tf(o.servers.imap_ssl) + ")\n";
  out += "SMTP: " + o.servers.smtp_host + ":" + std::to_string(o.servers.smtp_port) +
         " (ssl=" + tf(o.servers.smtp_ssl) + ")\n";
  if (!o.name.empty()) out += "Name: " + o.name + "\n";
  out += "Scopes: " + o.scopes.ToString() + "\n";
  if (o.idp.kind == IdpKind::kGoogle || o.idp.kind == IdpKind::kMicrosoft) {
    out += std::string("Sign-in: ") + (o.idp.kind == IdpKind::kGoogle ? "Google" : "Microsoft") + " OAuth\n";
  } else if (o.idp.kind == IdpKind::kGeneric) {
    out += "Sign-in: OAuth at " + (o.idp.issuer.empty() ? o.idp.authorization_endpoint : o.idp.issuer) +
           " (scopes: " + o.idp.scopes + ")\n";
  }
  if (o.idp.enabled()) out += "  redirect URI to register with the provider: " + callback + "\n";
  out += "Redirect URIs:\n";
  for (const auto& uri : o.redirect_uris) {
    out += "  " + uri;
    if (uri.rfind("http://", 0) == 0) out += " (any port)";
    out += "\n";
  }
  return out;
}

int RunGenerateCommand(const std::vector<std::string>& args) {
  auto options = ParseGenerateArgs(args);
  if (!options.ok()) {
    std::cerr << "mail_mcp generate: " << options.status().message() << "\n\n" << GenerateUsage();
    return 2;
  }
  if (options->help) {
    std::cout << GenerateUsage();
    return 0;
  }
  auto config = LoadConfigFromEnvironment(".env");
  if (!config.ok()) {
    std::cerr << "mail_mcp generate: " << config.status().message() << "\n";
    return 1;
  }
  if (options->NeedsDiscovery()) {
    HttpFetchOptions fetch;
    fetch.ca_file = config->mail.ca_file;
    auto found = DiscoverIdp(options->idp.issuer, fetch);
    if (!found.ok()) {
      std::cerr << "mail_mcp generate: discovery at " << options->idp.issuer << " failed: " << found.status().message()
                << "\n(give --oauth-authorize-url and --oauth-token-url instead)\n";
      return 1;
    }
    const IdpRegistration given = options->idp;
    options->idp = *found;
    options->idp.scopes = given.scopes;
    if (!options->oauth_client_auth.empty()) options->idp.client_secret_basic = options->oauth_client_auth == "basic";
    if (!given.userinfo_endpoint.empty()) options->idp.userinfo_endpoint = given.userinfo_endpoint;
  }
  if (options->idp.enabled()) {
    if (auto provider = ResolveIdp(options->idp, config->idp); !provider.ok())
      std::cerr << "mail_mcp generate: warning: " << provider.status().message() << " before users sign in\n";
  }
  TokenService tokens(config->encryption_key, config->base_url);
  ClientRegistration client{options->servers, RandomHex(32), options->redirect_uris, options->scopes, options->name};
  client.idp = options->idp;
  auto client_id = tokens.IssueClientId(client);
  if (!client_id.ok()) {
    std::cerr << "mail_mcp generate: " << client_id.status().message() << "\n";
    return 1;
  }
  std::cout << FormatGeneratedClient(*client_id, client.client_secret, *options,
                                     config->base_url + kUpstreamCallbackPath);
  return 0;
}

}  // namespace mail_mcp
