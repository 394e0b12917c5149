// Translation of libcurl failures on IMAP/SMTP transfers into Status values for people.
//
// curl reports a CURLcode plus an optional detail line in the CURLOPT_ERRORBUFFER. The mail tools
// and the login form show these errors to end users, so each class of failure gets one short,
// human sentence naming the server ("could not connect to the IMAP server imap.example.com:993
// (...)") and a Code that callers can branch on: a rejected password is kUnauthenticated, anything
// about reaching or trusting the server is kUnavailable, a command the server refused is
// kInvalidArgument or kNotFound.
//
// The password never appears: it is not in the URL (CURLOPT_PASSWORD carries it) and curl does
// not echo it into the error buffer; the detail is still cut short and stripped of control bytes.
//
// Thread-safety: pure function.
#pragma once

#include <curl/curl.h>

#include <string_view>

#include "util/status.h"

namespace mail_mcp {

/// `protocol` is "IMAP" or "SMTP"; `errbuf` may be null or empty. `host` is as configured (an IPv6
/// literal keeps its brackets). CURLE_OK maps to OK.
Status CurlToStatus(CURLcode code, const char* errbuf, std::string_view protocol, std::string_view host, int port);

}  // namespace mail_mcp
