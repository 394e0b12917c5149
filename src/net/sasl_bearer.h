// SASL login with an OAuth bearer token (RFC 7628 OAUTHBEARER, and the XOAUTH2 that Google and
// Microsoft document): what CurlMailHandle checks before sending a token, and how it words a refusal.
//
// A server that refuses a token answers with a continuation whose text is base64 of a JSON object,
// Google's {"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}, Dovecot's
// {"status":"invalid_token"}, before its final NO/535. curl hides both behind one code
// (CURLE_LOGIN_DENIED), so the refusal is read back from the transcript of the server's lines and
// turned into a sentence for the person signing in.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "util/status.h"

namespace mail_mcp {

/// CURLOPT_LOGIN_OPTIONS for a bearer login: both mechanisms, nothing else; curl prefers OAUTHBEARER
/// when the server offers both.
inline constexpr char kBearerLoginOptions[] = "AUTH=OAUTHBEARER;AUTH=XOAUTH2";

/// InvalidArgument unless `username` is non-empty without control bytes (XOAUTH2 separates its fields
/// with 0x01, so one in a name would forge a field) or ',' and '=' (OAUTHBEARER's gs2 header would
/// need them escaped, which curl does not do), and `token` is an RFC 6750 b64token
/// (1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="). Nothing is echoed.
Status CheckBearerLogin(std::string_view username, std::string_view token);

/// What the server said when it refused a token, from the transcript of its lines: ": <its final
/// reply text>" followed by " (<the decoded error challenge, in words>)", each part only when present;
/// "" when the transcript holds neither. Printable ASCII only, bounded in length.
std::string DescribeBearerRejection(std::string_view transcript);

}  // namespace mail_mcp
