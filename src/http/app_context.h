// Everything the HTTP routes share, built once by `mail_mcp server` and read-only afterwards
// (the members that change — used codes, rate-limit windows, pooled IMAP sessions — lock internally).
//
// Thread-safety: safe to share between worker threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "config/config.h"
#include "imap/imap_session_pool.h"
#include "mcp/mcp_handler.h"
#include "mcp/tool_registry.h"
#include "oauth/login_rate_limiter.h"
#include "oauth/token_endpoint.h"
#include "oauth/tokens.h"
#include "oauth/used_codes.h"
#include "store/attachment_store.h"
#include "tools/upstream_limits.h"

namespace mail_mcp {

struct AppContext {
  Config config;
  std::function<int64_t()> clock;  // Unix seconds
  std::unique_ptr<TokenService> tokens;
  std::unique_ptr<UsedCodes> used_codes;
  std::unique_ptr<TokenEndpoint> token_endpoint;
  std::unique_ptr<LoginRateLimiter> login_limiter;
  std::unique_ptr<ToolRegistry> tools;
  std::unique_ptr<McpHandler> mcp;
  std::unique_ptr<AttachmentStore> attachments;
  /// Logged-in IMAP sessions kept between calls; null runs every call on its own connection.
  std::unique_ptr<ImapSessionPool> imap_pool;
  /// Mail calls in flight per mailbox and per client address; null: no caps.
  std::unique_ptr<UpstreamLimits> upstream_limits;

  std::string McpUrl() const { return config.base_url + "/mcp"; }
  std::string ResourceMetadataUrl() const { return config.base_url + "/.well-known/oauth-protected-resource/mcp"; }
};

}  // namespace mail_mcp
