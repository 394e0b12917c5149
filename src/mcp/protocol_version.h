// The MCP protocol revisions this server speaks, and which era each belongs to.
//
// Two eras share the one /mcp endpoint (MCP 2026-07-28, basic/versioning, "Backward Compatibility
// with Initialization-Based Versions": a dual-era server MAY serve both concurrently):
//   - legacy (2025-11-25, 2025-06-18, 2025-03-26): the client opens with `initialize`, which echoes
//     the client's requested revision when it is a legacy one listed here and otherwise offers
//     kLatestLegacyProtocolVersion (MCP lifecycle, "Version Negotiation"). The revisions differ in
//     ways our replies tolerate: fields added later (tool titles, outputSchema, structuredContent)
//     are ignored by older clients.
//   - stateless (2026-07-28): no handshake; every request names its revision in
//     `params._meta["io.modelcontextprotocol/protocolVersion"]` and the MCP-Protocol-Version header.
// A request naming a revision not listed here gets the 2026-07-28 UnsupportedProtocolVersionError,
// which lists kSupportedProtocolVersions (see request_metadata.h).
//
// Thread-safety: constants and pure functions.
#pragma once

#include <array>
#include <string_view>

namespace mail_mcp {

/// The stateless revision (per-request `_meta`, server/discover, no initialize).
inline constexpr std::string_view kStatelessProtocolVersion = "2026-07-28";

/// What initialize offers when the client asks for a revision it cannot have there.
inline constexpr std::string_view kLatestLegacyProtocolVersion = "2025-11-25";

/// Every revision we serve, newest first: server/discover's supportedVersions and the `supported`
/// list of UnsupportedProtocolVersionError.
inline constexpr std::array<std::string_view, 4> kSupportedProtocolVersions = {"2026-07-28", "2025-11-25", "2025-06-18",
                                                                               "2025-03-26"};

/// Servers must assume this revision when a request has no MCP-Protocol-Version header and nothing
/// else identifies the version (MCP 2025-06-18 and later, transports).
inline constexpr std::string_view kDefaultProtocolVersion = "2025-03-26";

bool IsSupportedProtocolVersion(std::string_view version);
/// A supported revision of the initialize era (what initialize may echo).
bool IsLegacyProtocolVersion(std::string_view version);
/// The stateless revision.
bool IsStatelessProtocolVersion(std::string_view version);

}  // namespace mail_mcp
