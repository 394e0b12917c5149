// Metadata routes: OAuth discovery (RFC 9728 protected resource, RFC 8414 authorization server) and
// the health check.
// Thread-safety: handlers only read the AppContext.
#pragma once

#include "http/app_context.h"
#include "http/http_server.h"

namespace mail_mcp {

void RegisterDiscoveryRoutes(HttpServer& server, const AppContext& app);

}  // namespace mail_mcp
