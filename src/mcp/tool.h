// Tool: one MCP tool, as listed by tools/list and run by tools/call.
//
// A Tool describes itself (name, title, description, JSON Schemas for its arguments and its
// structured result, behaviour hints, the OAuth scope a caller needs to use it) and runs with arguments that McpHandler
// has already validated against input_schema() (so a tool may rely on types, required members, enums and ranges the
// schema states; integers arrive as int64). It reports failures the model should see and may act
// on (a folder that does not exist, a rejected login) as ToolResult::Error, never by throwing:
// McpHandler turns an escaping exception into an opaque "internal error".
//
// Thread-safety: Tools are immutable after construction and Call runs concurrently on many
// threads, so Call must not modify shared state without its own synchronisation.
#pragma once

#include <string>
#include <utility>

#include <picojson.h>

#include "util/scope_set.h"

namespace mail_mcp {

/// Per-call state the transport hands to tools through McpHandler (whose account, how to reach
/// it). Opaque to the protocol layer: the tools layer derives what it needs from it
/// (tools/mail_tool.h) and the HTTP layer fills that in per request; McpHandler only passes it on.
class ToolContext {
 public:
  virtual ~ToolContext() = default;
};

/// MCP ToolAnnotations hints. Spec defaults when absent are read-only false, destructive true,
/// idempotent false, open-world true; every tool states all four explicitly.
struct ToolAnnotations {
  bool read_only = false;
  bool destructive = true;  // meaningful only when !read_only
  bool idempotent = false;  // meaningful only when !read_only
  bool open_world = true;
};

struct ToolResult {
  /// The structured result (an object conforming to the tool's output_schema); unused on error.
  picojson::value structured;
  bool is_error = false;
  /// On error: what the model is told. Must never contain secrets.
  std::string error_text;

  static ToolResult Ok(picojson::value structured) {
    ToolResult r;
    r.structured = std::move(structured);
    return r;
  }
  static ToolResult Error(std::string text) {
    ToolResult r;
    r.is_error = true;
    r.error_text = std::move(text);
    return r;
  }
};

class Tool {
 public:
  virtual ~Tool() = default;

  /// Unique, case-sensitive, [A-Za-z0-9_.-]{1,128} (MCP 2025-11-25 naming guidance).
  virtual std::string name() const = 0;
  /// Human-readable display name; also sent as annotations.title.
  virtual std::string title() const = 0;
  /// What the tool does, written for the model choosing among tools.
  virtual std::string description() const = 0;
  /// A JSON Schema with "type":"object" at the root; see schema_validator.h for what is enforced.
  virtual picojson::value input_schema() const = 0;
  /// A JSON Schema with "type":"object" at the root describing ToolResult::structured.
  virtual picojson::value output_schema() const = 0;
  virtual ToolAnnotations annotations() const = 0;
  /// The OAuth scope a caller's grant must hold for the tool to be listed or called; McpHandler
  /// enforces it, so the tool itself never checks.
  virtual std::string required_scope() const = 0;
  /// Scopes one call needs beyond required_scope(), from its validated arguments: an option that
  /// changes the mailbox on a tool that otherwise only reads it. McpHandler checks them before Call.
  virtual ScopeSet ExtraScopesFor(const picojson::object& /*arguments*/) const { return {}; }
  /// Runs the tool. `arguments` has passed input_schema().
  virtual ToolResult Call(const picojson::object& arguments, const ToolContext& ctx) const = 0;
};

}  // namespace mail_mcp
