#include "net/curl_mail_handle.h"

#include <curl/curl.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

#include "net/curl_global.h"
#include "net/curl_status.h"
#include "net/sasl_bearer.h"
#include "util/byte_size.h"
#include "util/mail_host.h"

namespace mail_mcp {
namespace {

static_assert(CURL_ERROR_SIZE <= 256, "errbuf_ is too small");

/// The host as it goes into a URL: IPv6 literals need brackets.
std::string UrlHost(const std::string& host) {
  if (host.find(':') != std::string::npos && host.front() != '[') return "[" + host + "]";
  return host;
}

/// The CA bundle at `path`, parsed once and shared by every TLS connection; null when it cannot be
/// read. Given CURLOPT_CAINFO, curl parses the file for each connection and keeps its own copy for
/// the connection's life: with Debian's bundle (~145 certificates) that was 450 KiB per pooled IMAP
/// session, and milliseconds of parsing per connect. Parsed chains are only ever read (mbedTLS
/// verifies against a chain without changing it, from any number of threads) and live as long as
/// the process; a file that failed to parse is tried again on the next connection.
const mbedtls_x509_crt* SharedCaChain(const std::string& path) {
  struct Free {
    void operator()(mbedtls_x509_crt* chain) const {
      mbedtls_x509_crt_free(chain);
      delete chain;
    }
  };
  static std::mutex mutex;
  static auto* chains = new std::map<std::string, std::unique_ptr<mbedtls_x509_crt, Free>>();
  std::lock_guard<std::mutex> lock(mutex);
  auto& chain = (*chains)[path];
  if (!chain) {
    std::unique_ptr<mbedtls_x509_crt, Free> parsed(new mbedtls_x509_crt);
    mbedtls_x509_crt_init(parsed.get());
    /// As curl does: a bundle where some certificates do not parse still serves the others.
    if (mbedtls_x509_crt_parse_file(parsed.get(), path.c_str()) < 0) return nullptr;
    chain = std::move(parsed);
  }
  return chain.get();
}

/// curl's hook into each connection's mbedTLS configuration (CURLOPT_SSL_CTX_FUNCTION): trust the
/// shared chain. Verification itself is unchanged: curl requires it (MBEDTLS_SSL_VERIFY_REQUIRED)
/// and checks the host name.
CURLcode UseSharedCaChain(CURL*, void* ssl_config, void* ca_file) {
  const mbedtls_x509_crt* chain = SharedCaChain(*static_cast<const std::string*>(ca_file));
  if (!chain) return CURLE_SSL_CACERT_BADFILE;
  mbedtls_ssl_conf_ca_chain(static_cast<mbedtls_ssl_config*>(ssl_config), const_cast<mbedtls_x509_crt*>(chain),
                            nullptr);
  return CURLE_OK;
}

}  // namespace

MailEndpoint ImapEndpoint(const MailAccount& account) {
  const MailServers& s = account.servers;
  return {
      "IMAP", s.imap_host, s.imap_port, s.imap_ssl, account.imap_username, account.imap_password, account.bearer_token};
}

MailEndpoint SmtpEndpoint(const MailAccount& account) {
  const MailServers& s = account.servers;
  return {
      "SMTP", s.smtp_host, s.smtp_port, s.smtp_ssl, account.smtp_username, account.smtp_password, account.bearer_token};
}

std::string MailEndpointUrl(const MailEndpoint& endpoint) {
  // A raw stream rides on curl's HTTP(S) connect: with CONNECT_ONLY curl stops after TCP and TLS.
  std::string scheme = endpoint.protocol == "SMTP" ? "smtp" : endpoint.protocol == kRawStreamProtocol ? "http" : "imap";
  if (endpoint.implicit_tls) scheme += 's';
  return scheme + "://" + UrlHost(endpoint.host) + ":" + std::to_string(endpoint.port) + "/";
}

CurlMailHandle::CurlMailHandle(MailEndpoint endpoint, MailConnectOptions options, size_t max_response_bytes)
    : endpoint_(std::move(endpoint)), options_(std::move(options)), max_response_bytes_(max_response_bytes) {
  errbuf_[0] = '\0';
  setup_status_ = SetUp();
}

CurlMailHandle::~CurlMailHandle() {
  if (curl_) curl_easy_cleanup(curl_);
}

Status CurlMailHandle::SetUp() {
  const std::string& proto = endpoint_.protocol;
  const bool raw = proto == kRawStreamProtocol;
  if (proto != "IMAP" && proto != "SMTP" && !raw) return Status::Internal("unknown mail protocol");
  if (!IsValidMailHost(UrlHost(endpoint_.host)))
    return Status::InvalidArgument("the " + proto + " server host name is not valid");
  if (endpoint_.port < 1 || endpoint_.port > 65535)
    return Status::InvalidArgument("the " + proto + " server port is not valid");
  const bool bearer = !endpoint_.bearer_token.empty();
  if (bearer) {
    if (Status s = CheckBearerLogin(endpoint_.username, endpoint_.bearer_token); !s.ok()) return s;
  }

  EnsureCurlGlobalInit();
  curl_ = curl_easy_init();
  if (!curl_) return Status::Internal("could not create a curl handle");

  const std::string url = MailEndpointUrl(endpoint_);
  const char* protocols = proto == "SMTP" ? "smtp,smtps" : raw ? "http,https" : "imap,imaps";
  /// curl's connect phase includes the greeting, STARTTLS and the login, so connect_timeout_ms
  /// bounds all of them (a server that delays failed logins can exceed it). The server response
  /// timeout also bounds the wait for the LOGOUT/QUIT reply on close, where curl ignores
  /// CURLOPT_TIMEOUT_MS.
  const long timeout_ms = options_.command_timeout_ms;
  CURLcode rc = CURLE_OK;
  auto set = [&](CURLoption option, auto value) {
    if (rc == CURLE_OK) rc = curl_easy_setopt(curl_, option, value);
  };
  set(CURLOPT_ERRORBUFFER, errbuf_);
  set(CURLOPT_URL, url.c_str());
  set(CURLOPT_PROTOCOLS_STR, protocols);
  set(CURLOPT_USERNAME, endpoint_.username.c_str());
  if (bearer) {
    /// Only the two bearer mechanisms: curl takes OAUTHBEARER when the server lists it, else XOAUTH2, and
    /// without this list it would fall back to PLAIN with an empty password.
    set(CURLOPT_XOAUTH2_BEARER, endpoint_.bearer_token.c_str());
    set(CURLOPT_LOGIN_OPTIONS, kBearerLoginOptions);
  } else {
    set(CURLOPT_PASSWORD, endpoint_.password.c_str());
  }
  set(CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  set(CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  /// No CURLOPT_CAINFO: the CA bundle is parsed once for all connections (SharedCaChain).
  set(CURLOPT_SSL_CTX_FUNCTION, &UseSharedCaChain);
  set(CURLOPT_SSL_CTX_DATA, static_cast<void*>(&options_.ca_file));
  set(CURLOPT_SSL_VERIFYPEER, 1L);
  set(CURLOPT_SSL_VERIFYHOST, 2L);
  set(CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  set(CURLOPT_TIMEOUT_MS, timeout_ms);
  set(CURLOPT_SERVER_RESPONSE_TIMEOUT_MS, timeout_ms);
  set(CURLOPT_NOSIGNAL, 1L);
  set(CURLOPT_TCP_KEEPALIVE, 1L);
  set(CURLOPT_SASL_IR, 1L);
  // A raw stream offers no ALPN: the server speaks its own protocol, not HTTP.
  if (raw) set(CURLOPT_SSL_ENABLE_ALPN, 0L);
  set(CURLOPT_HEADERFUNCTION, &CurlMailHandle::OnHeader);
  set(CURLOPT_HEADERDATA, static_cast<void*>(this));
  set(CURLOPT_WRITEFUNCTION, &CurlMailHandle::OnBody);
  set(CURLOPT_WRITEDATA, static_cast<void*>(this));
  if (rc != CURLE_OK) return Status::Internal(std::string("could not configure curl: ") + curl_easy_strerror(rc));
  return Status::OK();
}

size_t CurlMailHandle::OnHeader(char* data, size_t size, size_t count, void* self) {
  auto* handle = static_cast<CurlMailHandle*>(self);
  const size_t n = size * count;
  if (handle->transcript_.size() + n > handle->max_response_bytes_) {
    handle->overflow_ = true;
    return 0;  // curl aborts the transfer with CURLE_WRITE_ERROR
  }
  handle->transcript_.append(data, n);
  return n;
}

size_t CurlMailHandle::OnBody(char*, size_t size, size_t count, void*) {
  /// Body lines are a filtered copy of what OnHeader already recorded; discarding them also keeps
  /// curl from writing to stdout, its default.
  return size * count;
}

Status CurlMailHandle::Perform(std::string_view request) {
  if (!setup_status_.ok()) return setup_status_;

  /// curl URL-decodes CURLOPT_CUSTOMREQUEST before sending it (imap.c/smtp.c
  /// *_parse_custom_request): escape '%' so "%25" or "%41" in a search string goes out verbatim.
  std::string escaped;
  escaped.reserve(request.size());
  for (char c : request) {
    if (c == '%') escaped += "%25";
    else escaped += c;
  }
  if (curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, escaped.c_str()) != CURLE_OK)
    return Status::Internal("could not configure curl");
  return PerformConfigured();
}

Status CurlMailHandle::PerformConfigured() {
  transcript_.clear();
  overflow_ = false;
  errbuf_[0] = '\0';
  if (!setup_status_.ok()) return setup_status_;
  const CURLcode rc = curl_easy_perform(curl_);
  if (overflow_) {
    return Status::ResourceExhausted("the response from the " + endpoint_.protocol + " server is larger than " +
                                     ByteSizeText(max_response_bytes_));
  }
  return Finish(rc);
}

Status CurlMailHandle::Finish(int curl_code) {
  const auto rc = static_cast<CURLcode>(curl_code);
  Status s = CurlToStatus(rc, errbuf_, endpoint_.protocol, endpoint_.host, endpoint_.port);
  if (s.code() == Status::Code::kUnauthenticated && !endpoint_.bearer_token.empty()) {
    if (options_.bearer_refused) options_.bearer_refused->store(true);
    return Status::Unauthenticated("login failed: the " + endpoint_.protocol + " server rejected the access token" +
                                   DescribeBearerRejection(transcript_));
  }
  return s;
}

std::string CurlMailHandle::ServerName() const {
  return "the " + endpoint_.protocol + " server " + endpoint_.host + ":" + std::to_string(endpoint_.port);
}

Status CurlMailHandle::ConnectOnly() {
  transcript_.clear();
  overflow_ = false;
  errbuf_[0] = '\0';
  if (!setup_status_.ok()) return setup_status_;
  CURLcode rc = curl_easy_setopt(curl_, CURLOPT_CONNECT_ONLY, 1L);
  if (rc == CURLE_OK) rc = curl_easy_perform(curl_);
  if (overflow_) return Status::ResourceExhausted("the greeting from " + ServerName() + " is too large");
  return Finish(rc);
}

StatusOr<bool> CurlMailHandle::Wait(bool for_write, Deadline deadline) {
  curl_socket_t socket = CURL_SOCKET_BAD;
  if (!curl_ || curl_easy_getinfo(curl_, CURLINFO_ACTIVESOCKET, &socket) != CURLE_OK || socket == CURL_SOCKET_BAD)
    return Status::Unavailable("the connection to " + ServerName() + " is closed");
  while (true) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{socket, static_cast<short>(for_write ? POLLOUT : POLLIN), 0};
    const int n = poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 60000)));
    if (n > 0) return true;  // readable, writable, or an error/hang-up that the next call reports
    if (n < 0 && errno != EINTR) return Status::Unavailable("waiting for " + ServerName() + " failed");
  }
}

Status CurlMailHandle::Send(std::string_view bytes, Deadline deadline) {
  while (!bytes.empty()) {
    size_t sent = 0;
    const CURLcode rc = curl_ ? curl_easy_send(curl_, bytes.data(), bytes.size(), &sent) : CURLE_SEND_ERROR;
    if (rc == CURLE_OK) {
      bytes.remove_prefix(sent);
      continue;
    }
    if (rc != CURLE_AGAIN) return Status::Unavailable("the connection to " + ServerName() + " failed while sending");
    auto ready = Wait(true, deadline);
    if (!ready.ok()) return ready.status();
    if (!*ready) return Status::Unavailable(ServerName() + " timed out");
  }
  return Status::OK();
}

StatusOr<size_t> CurlMailHandle::Receive(char* buffer, size_t size, Deadline deadline) {
  while (true) {
    size_t received = 0;
    const CURLcode rc = curl_ ? curl_easy_recv(curl_, buffer, size, &received) : CURLE_RECV_ERROR;
    if (rc == CURLE_OK) {
      if (received == 0) return Status::Unavailable(ServerName() + " closed the connection");
      return received;
    }
    if (rc != CURLE_AGAIN) return Status::Unavailable("the connection to " + ServerName() + " failed while receiving");
    auto ready = Wait(false, deadline);
    if (!ready.ok()) return ready.status();
    if (!*ready) return Status::Unavailable(ServerName() + " timed out");
  }
}

CurlMailHandle::IdleState CurlMailHandle::PollIdle(char* buffer, size_t size, size_t* received) {
  *received = 0;
  if (!curl_) return IdleState::kClosed;
  /// curl_easy_recv never blocks on a connect-only handle: CURLE_AGAIN means nothing is there.
  const CURLcode rc = curl_easy_recv(curl_, buffer, size, received);
  if (rc == CURLE_AGAIN) return IdleState::kQuiet;
  if (rc != CURLE_OK || *received == 0) return IdleState::kClosed;
  return IdleState::kData;
}

void CurlMailHandle::Shutdown() {
  curl_socket_t socket = CURL_SOCKET_BAD;
  if (curl_ && curl_easy_getinfo(curl_, CURLINFO_ACTIVESOCKET, &socket) == CURLE_OK && socket != CURL_SOCKET_BAD)
    shutdown(socket, SHUT_RDWR);
}

void CurlMailHandle::SetCloseTimeout(long timeout_ms) {
  if (curl_) curl_easy_setopt(curl_, CURLOPT_SERVER_RESPONSE_TIMEOUT_MS, timeout_ms);
}

}  // namespace mail_mcp
