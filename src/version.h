// The version printed by `mail_mcp --version` and reported as MCP serverInfo.version.
#pragma once

#define MAIL_MCP_VERSION "0.1.0"
