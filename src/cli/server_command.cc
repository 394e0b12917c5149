#include "cli/server_command.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <condition_variable>
#include <ctime>
#include <iostream>
#include <thread>

#include "config/config.h"
#include "http/app_context.h"
#include "http/attachment_routes.h"
#include "http/discovery_routes.h"
#include "http/http_server.h"
#include "http/mcp_routes.h"
#include "http/oauth_routes.h"
#include "http/upstream_routes.h"
#include "net/curl_global.h"
#include "state/open_state_store.h"
#include "store/file_object_store.h"
#include "store/s3_object_store.h"
#include "tools/all_tools.h"
#include "tools/mail_scopes.h"
#include "util/memory_budget.h"
#include "version.h"

namespace mail_mcp {
namespace {

constexpr char kInstructions[] =
    "Tools for the user's own mailbox over IMAP/SMTP. Start with list_mailboxes to learn the folder "
    "names (use the names exactly as returned). Messages are identified by folder + uid.";

int64_t UnixNow() { return int64_t(std::time(nullptr)); }

/// Where SSL_CERT_FILE's value came from. The environment wins over .env (config/dotenv.h), so a
/// bundle exported by the system silently replaced the one in .env (issue 19, item 5): say which.
std::string CaBundleSource(const std::string& in_use) {
  const char* exported = std::getenv("SSL_CERT_FILE");
  if (exported && *exported) return "the environment, which wins over .env";
  for (const SettingInfo& s : AllSettings())
    if (std::string(s.name) == "SSL_CERT_FILE" && in_use == s.default_value) return "the default";
  return ".env";
}

/// Runs the embedded store's retention sweep at start and then hourly, until Stop().
class RetentionSweeper {
 public:
  RetentionSweeper(const FileObjectStore& store, std::function<int64_t()> clock)
      : thread_([this, &store, clock] {
          std::unique_lock<std::mutex> lock(mutex_);
          do {
            size_t removed = store.RemoveOlderThan(clock(), AttachmentStore::kRetention);
            if (removed) std::cerr << "mail_mcp: removed " << removed << " expired attachment(s)\n";
          } while (!wake_.wait_for(lock, std::chrono::hours(1), [this] { return stopping_; }));
        }) {}
  ~RetentionSweeper() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // last: started after the members it uses
};

/// Where the state lives, for the start-up line (no credentials).
std::string StateStoreDescription(const Config& config) {
  const RedisOptions& r = config.state_redis;
  if (!r.configured()) return "embedded in " + config.state_dir;
  return std::string(r.tls ? "rediss://" : "redis://") + r.host + ":" + std::to_string(r.port) + "/" +
         std::to_string(r.db);
}

}  // namespace

int RunServerCommand(const std::vector<std::string>& args) {
  if (!args.empty()) {
    if (args[0] == "--help" || args[0] == "-h") {
      std::cout << "Usage: mail_mcp server\n\nServes OAuth 2.1 and the MCP endpoint on HOST:PORT. Configuration comes "
                   "from the environment and .env (see .env.sample).\n";
      return 0;
    }
    std::cerr << "mail_mcp server: unexpected argument '" << args[0] << "'\n";
    return 2;
  }
  auto config = LoadConfigFromEnvironment(".env");
  if (!config.ok()) {
    std::cerr << "mail_mcp server: " << config.status().message() << "\n";
    return 1;
  }
  // Every IMAP/SMTP login verifies certificates against this bundle: one that cannot be read would
  // fail every sign-in later with a certificate error, so it stops start-up now.
  const std::string ca_source = CaBundleSource(config->mail.ca_file);
  if (::access(config->mail.ca_file.c_str(), R_OK) != 0) {
    std::cerr << "mail_mcp server: configuration error: SSL_CERT_FILE: cannot read '" << config->mail.ca_file << "' ("
              << ca_source << "): " << std::strerror(errno) << "\n";
    return 1;
  }

  // Block the stop signals in every thread; one thread waits for them and stops the server.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);
  EnsureCurlGlobalInit();

  /// Declared before `app`, so that it outlives every session the app's parts hold.
  MemoryBudget upstream_memory(config->upstream_memory_budget_bytes);
  AppContext app;
  app.config = *config;
  app.config.mail.memory_budget = &upstream_memory;
  app.clock = UnixNow;
  // Client ids and tokens sealed before scopes existed keep working, as everything they allowed then.
  app.tokens =
      std::make_unique<TokenService>(app.config.encryption_key, app.config.base_url, app.clock, AllMailScopes());
  auto state = OpenStateStore(app.config.state_redis, app.config.state_dir, app.config.base_url,
                              app.config.encryption_key, app.clock);
  if (!state.ok()) {
    std::cerr << "mail_mcp server: configuration error: " << state.status().message() << "\n";
    return 1;
  }
  app.state = std::move(*state);
  // The refresh grant of accounts that sign in with their provider renews the provider's tokens too.
  HttpFetchOptions idp_fetch;
  idp_fetch.ca_file = app.config.mail.ca_file;
  idp_fetch.connect_timeout_ms = app.config.mail.connect_timeout_ms;
  idp_fetch.timeout_ms = app.config.mail.command_timeout_ms;
  UpstreamRefresher refresher = [&app, idp_fetch](const SessionToken& session, const ClientRegistration& client) {
    return RefreshUpstream(session, client, app.config.idp, idp_fetch, app.clock());
  };
  app.token_endpoint =
      std::make_unique<TokenEndpoint>(app.tokens.get(), app.state.get(), app.McpUrl(), app.clock, std::move(refresher));
  app.sign_in_throttle =
      std::make_unique<SignInThrottle>(app.state.get(), app.config.login_max_failures, app.config.login_window_seconds);
  app.tools = std::make_unique<ToolRegistry>();
  RegisterAllTools(*app.tools);
  app.mcp = std::make_unique<McpHandler>(*app.tools,
                                         ServerInfo{"mail_mcp", MAIL_MCP_VERSION, kInstructions, "Mail (IMAP/SMTP)"});

  // Attachments: S3 when configured, else the embedded store under ATTACHMENTS_DIR.
  const FileObjectStore* embedded = nullptr;
  std::unique_ptr<ObjectStore> backend;
  if (app.config.UsesS3()) {
    auto s3 = std::make_unique<S3ObjectStore>(app.config.s3, S3Timeouts{});
    if (Status s = s3->Init(); !s.ok()) {
      std::cerr << "mail_mcp server: configuration error: " << s.message() << "\n";
      return 1;
    }
    backend = std::move(s3);
  } else {
    auto files =
        std::make_unique<FileObjectStore>(app.config.attachments_dir, app.config.base_url, app.config.encryption_key);
    if (Status s = files->Init(); !s.ok())
      std::cerr << "mail_mcp: warning: " << s.message() << "; attachments cannot be published\n";
    embedded = files.get();
    backend = std::move(files);
  }
  app.attachments =
      std::make_unique<AttachmentStore>(std::move(backend), app.config.encryption_key, app.clock,
                                        std::chrono::milliseconds(app.config.attachment_publish_timeout_ms));
  app.imap_pool = std::make_unique<ImapSessionPool>(app.config.encryption_key, app.config.imap_pool);
  app.upstream_limits = std::make_unique<UpstreamLimits>(size_t(app.config.max_mail_calls_per_account),
                                                         size_t(app.config.max_mail_calls_per_client));
  std::unique_ptr<RetentionSweeper> sweeper;
  if (embedded) sweeper = std::make_unique<RetentionSweeper>(*embedded, app.clock);

  HttpServerOptions options;
  options.host = app.config.host;
  options.port = app.config.port;
  options.worker_threads = size_t(app.config.worker_threads);
  options.trusted_proxies = app.config.trusted_proxies;
  options.max_connections_per_client = size_t(app.config.max_connections_per_client);
  options.header_timeout_ms = app.config.header_timeout_ms;
  options.body_timeout_ms = app.config.body_timeout_ms;
  HttpServer server(options);
  RegisterDiscoveryRoutes(server, app);
  RegisterOAuthRoutes(server, app);
  RegisterUpstreamRoutes(server, app);
  RegisterMcpRoutes(server, app);
  if (embedded) RegisterAttachmentRoutes(server, app, *embedded);

  std::thread stopper([&server, stop_signals] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    std::cerr << "mail_mcp: " << (sig == SIGTERM ? "SIGTERM" : "SIGINT") << ", finishing in-flight requests\n";
    server.Stop();
  });
  Status run = server.Run([&](int port) {
    // What an operator most often gets wrong is in this one line: the public URL, the CA bundle (an
    // exported SSL_CERT_FILE wins over .env), where attachments go, and whose address is the client.
    std::cerr << "mail_mcp " << MAIL_MCP_VERSION << " listening on " << options.host << ":" << port << " (BASE_URL "
              << app.config.base_url << "; CA bundle " << app.config.mail.ca_file << " from " << ca_source
              << "; attachments "
              << (app.config.UsesS3() ? "in S3 bucket " + app.config.s3.bucket : "in " + app.config.attachments_dir)
              << "; client address "
              << (app.config.trusted_proxies.empty() ? "the TCP peer" : "forwarded by TRUSTED_PROXIES")
              << "; state: " << StateStoreDescription(app.config) << ")\n";
  });
  if (!run.ok()) {
    std::cerr << "mail_mcp server: " << run.message() << "\n";
    pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
    return 1;
  }
  stopper.join();
  /// In-flight requests are done and have given their sessions back: log every one of them out.
  const size_t logged_out = app.imap_pool->Shutdown(std::chrono::seconds(5));
  std::cerr << "mail_mcp: logged out " << logged_out << " pooled IMAP session(s)\n";
  std::cerr << "mail_mcp: stopped\n";
  return 0;
}

}  // namespace mail_mcp
