// Everything the HTTP routes share, built once by `mail_mcp server` and read-only afterwards
// (the members that change — the state store, rate-limit windows, pooled IMAP sessions, the MCP
// handler's caches — lock internally).
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
#include "oauth/sign_in_throttle.h"
#include "oauth/token_endpoint.h"
#include "oauth/tokens.h"
#include "state/state_store.h"
#include "store/attachment_store.h"
#include "tools/upstream_limits.h"

namespace mail_mcp {

struct AppContext {
  Config config;
  std::function<int64_t()> clock;  // Unix seconds
  std::unique_ptr<TokenService> tokens;
  std::unique_ptr<StateStore> state;  // used codes, login failures, grants (STATE_URL or STATE_DIR)
  std::unique_ptr<TokenEndpoint> token_endpoint;
  std::unique_ptr<SignInThrottle> sign_in_throttle;
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
