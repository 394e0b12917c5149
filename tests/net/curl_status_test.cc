#include "net/curl_status.h"

#include "testing.h"

using namespace mail_mcp;

using Code = Status::Code;

TEST(CurlStatus, OkIsOk) { EXPECT_OK(CurlToStatus(CURLE_OK, nullptr, "IMAP", "h", 1)); }

TEST(CurlStatus, LoginDeniedIsUnauthenticated) {
  Status s = CurlToStatus(CURLE_LOGIN_DENIED, "", "IMAP", "imap.example.test", 993);
  EXPECT_EQ(s.code(), Code::kUnauthenticated);
  EXPECT_EQ(s.message(), "login failed: the IMAP server rejected the username or password");
  s = CurlToStatus(CURLE_LOGIN_DENIED, "Authentication failed: 535", "SMTP", "smtp.example.test", 587);
  EXPECT_EQ(s.message(), "login failed: the SMTP server rejected the username or password");
}

TEST(CurlStatus, NoUsableSaslMechanismIsNotABadPassword) {
  Status s = CurlToStatus(CURLE_LOGIN_DENIED, "No known authentication mechanisms supported", "IMAP", "h", 143);
  EXPECT_EQ(s.code(), Code::kUnavailable);
  EXPECT_CONTAINS(s.message(), "no login method");
}

TEST(CurlStatus, ConnectionProblemsNameTheServer) {
  Status s = CurlToStatus(CURLE_COULDNT_CONNECT, "Failed to connect to h port 993: Connection refused", "IMAP",
                          "imap.example.test", 993);
  EXPECT_EQ(s.code(), Code::kUnavailable);
  EXPECT_CONTAINS(s.message(), "could not connect to the IMAP server imap.example.test:993 (Failed to connect");
  s = CurlToStatus(CURLE_COULDNT_RESOLVE_HOST, nullptr, "SMTP", "[2001:db8::1]", 465);
  EXPECT_CONTAINS(s.message(), "could not connect to the SMTP server [2001:db8::1]:465");
}

TEST(CurlStatus, TimeoutsTellConnectingFromWaiting) {
  Status s = CurlToStatus(CURLE_OPERATION_TIMEDOUT, "Connection timed out after 10001 milliseconds", "IMAP", "h", 993);
  EXPECT_EQ(s.code(), Code::kUnavailable);
  EXPECT_CONTAINS(s.message(), "could not connect to the IMAP server h:993 (timed out)");
  s = CurlToStatus(CURLE_OPERATION_TIMEDOUT, "Operation timed out after 30000 milliseconds", "IMAP", "h", 993);
  EXPECT_EQ(s.message(), "the IMAP server h:993 timed out");
}

TEST(CurlStatus, TlsProblems) {
  for (CURLcode c : {CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR}) {
    Status s = CurlToStatus(c, "", "IMAP", "imap.example.test", 993);
    EXPECT_EQ(s.code(), Code::kUnavailable);
    EXPECT_CONTAINS(s.message(), "TLS certificate of imap.example.test could not be verified");
  }
  Status s = CurlToStatus(CURLE_USE_SSL_FAILED, "STARTTLS not supported.", "SMTP", "smtp.example.test", 587);
  EXPECT_EQ(s.code(), Code::kUnavailable);
  EXPECT_EQ(s.message(), "the SMTP server smtp.example.test:587 does not offer STARTTLS (required)");
  EXPECT_EQ(CurlToStatus(CURLE_SSL_CONNECT_ERROR, "", "IMAP", "h", 993).code(), Code::kUnavailable);
}

TEST(CurlStatus, RefusedCommands) {
  EXPECT_EQ(CurlToStatus(CURLE_QUOTE_ERROR, "", "IMAP", "h", 993).code(), Code::kInvalidArgument);
  EXPECT_EQ(CurlToStatus(CURLE_REMOTE_ACCESS_DENIED, "", "IMAP", "h", 993).code(), Code::kInvalidArgument);
  EXPECT_EQ(CurlToStatus(CURLE_REMOTE_FILE_NOT_FOUND, "", "IMAP", "h", 993).code(), Code::kNotFound);
  EXPECT_EQ(CurlToStatus(CURLE_TOO_LARGE, "", "IMAP", "h", 993).code(), Code::kResourceExhausted);
}

TEST(CurlStatus, DetailIsPrintableAndShort) {
  std::string errbuf = "bad\r\nthing\x01" + std::string(1000, 'x');
  Status s = CurlToStatus(CURLE_RECV_ERROR, errbuf.c_str(), "IMAP", "h", 993);
  EXPECT_EQ(s.code(), Code::kUnavailable);
  EXPECT_CONTAINS(s.message(), "(badthing");
  EXPECT_EQ(s.message().find('\r'), std::string::npos);
  EXPECT_LT(s.message().size(), 300u);
}
