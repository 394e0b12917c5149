// The authorization server's endpoints: GET/POST /oauth/authorize (the login form) and
// POST /oauth/token.
// Thread-safety: handlers are safe to run concurrently.
#pragma once

#include "http/app_context.h"
#include "http/http_server.h"

namespace mail_mcp {

void RegisterOAuthRoutes(HttpServer& server, const AppContext& app);

}  // namespace mail_mcp
