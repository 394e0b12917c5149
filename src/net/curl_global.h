// Process-wide libcurl initialisation.
//
// curl_global_init is not thread-safe and must run before any easy handle is created. Every mail
// module that creates a handle calls EnsureCurlGlobalInit() first instead of relying on main() to
// remember it; the call is cheap after the first time.
//
// Thread-safety: safe to call from any number of threads at once (std::call_once).
#pragma once

namespace mail_mcp {

/// Runs curl_global_init(CURL_GLOBAL_DEFAULT) exactly once per process. curl_global_cleanup is
/// never called: the process exits instead, and other threads may still hold handles.
void EnsureCurlGlobalInit();

}  // namespace mail_mcp
