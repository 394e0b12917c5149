#include "net/curl_status.h"

#include <cstring>
#include <string>

namespace mail_mcp {
namespace {

/// curl's own detail line, printable and short (it may echo server text).
std::string Detail(CURLcode code, const char* errbuf) {
  const char* raw = (errbuf && *errbuf) ? errbuf : curl_easy_strerror(code);
  std::string out;
  for (const char* p = raw; *p && out.size() < 200; ++p) {
    unsigned char c = static_cast<unsigned char>(*p);
    if (c >= 0x20 && c != 0x7f) out += *p;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool Contains(const char* errbuf, const char* needle) { return errbuf && std::strstr(errbuf, needle) != nullptr; }

}  // namespace

Status CurlToStatus(CURLcode code, const char* errbuf, std::string_view protocol, std::string_view host, int port) {
  if (code == CURLE_OK) return Status::OK();
  const std::string proto(protocol);
  const std::string where = std::string(host) + ":" + std::to_string(port);
  const std::string server = "the " + proto + " server " + where;
  const std::string detail = " (" + Detail(code, errbuf) + ")";

  switch (code) {
    case CURLE_LOGIN_DENIED:
      // curl also uses LOGIN_DENIED when it finds no SASL mechanism it can use.
      if (Contains(errbuf, "No known authentication mechanism"))
        return Status::Unavailable(server + " offers no login method that mail_mcp supports");
      return Status::Unauthenticated("login failed: the " + proto + " server rejected the username or password");

    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
      return Status::Unavailable("could not connect to " + server + detail);

    case CURLE_OPERATION_TIMEDOUT:
      // The same code covers a slow TCP connect, a slow resolver and a slow command.
      if (Contains(errbuf, "Connection timed out") || Contains(errbuf, "Resolving timed out"))
        return Status::Unavailable("could not connect to " + server + " (timed out)");
      return Status::Unavailable(server + " timed out");

    case CURLE_USE_SSL_FAILED:
      return Status::Unavailable(server + " does not offer STARTTLS (required)");

    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
      return Status::Unavailable("TLS certificate of " + std::string(host) + " could not be verified" + detail);

    case CURLE_SSL_CONNECT_ERROR:
      return Status::Unavailable("TLS handshake with " + server + " failed" + detail);

    case CURLE_QUOTE_ERROR:
    case CURLE_REMOTE_ACCESS_DENIED:
      return Status::InvalidArgument(server + " refused the command");

    case CURLE_REMOTE_FILE_NOT_FOUND:
      return Status::NotFound(server + " reports that the mailbox or message does not exist");

    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return Status::Unavailable("the connection to " + server + " failed" + detail);

    case CURLE_TOO_LARGE:
    case CURLE_OUT_OF_MEMORY:
      return Status::ResourceExhausted("a response from " + server + " was too large" + detail);

    default:
      return Status::Internal(proto + " request to " + where + " failed" + detail);
  }
}

}  // namespace mail_mcp
