// The MCP protocol revisions this server speaks, for initialize and the MCP-Protocol-Version header.
//
// initialize echoes the client's requested revision when it is listed here and otherwise offers
// kLatestProtocolVersion (MCP lifecycle, "Version Negotiation"); the HTTP layer answers 400 to a
// request whose MCP-Protocol-Version header names a revision not listed here (MCP transports,
// "Protocol Version Header"). The three revisions differ in ways this server's replies tolerate:
// fields added later (tool titles, outputSchema, structuredContent) are ignored by older clients.
//
// Thread-safety: constants and pure functions.
#pragma once

#include <array>
#include <string_view>

namespace mail_mcp {

inline constexpr std::string_view kLatestProtocolVersion = "2025-11-25";

/// Newest first.
inline constexpr std::array<std::string_view, 3> kSupportedProtocolVersions = {
    "2025-11-25", "2025-06-18", "2025-03-26"};

/// Servers must assume this revision when a request has no MCP-Protocol-Version header and nothing
/// else identifies the version (MCP 2025-06-18 and later, transports).
inline constexpr std::string_view kDefaultProtocolVersion = "2025-03-26";

bool IsSupportedProtocolVersion(std::string_view version);

}  // namespace mail_mcp
