// The little state an otherwise stateless server needs, behind one interface with two homes:
// EmbeddedStateStore (in this process, revocations persisted under STATE_DIR; the default) and
// RedisStateStore (STATE_URL: shared by every replica).
//
// What is kept, and only this (values are ids, counters and expiries, never a credential):
// - used authorization codes, by the code's id, until the code expires (single use);
// - failed-login counters, by a caller-chosen key (a client address, a mailbox username), in fixed windows;
// - grants: for each refresh-token family (one per sign-in, its id sealed in every access and
//   refresh token issued from it), the generation of its newest refresh token, or that it is
//   revoked, until the family's last token expires.
//
// Failure policy (README, "Running several replicas"): an operation that needs the store fails
// with Unavailable when it cannot be reached (codes, refresh and sign-in then fail closed), except
// IsGrantRevoked, which never fails: it answers from the last state it knew, so access tokens keep
// working while a shared store is down.
//
// Thread-safety: implementations are safe to call from any number of threads.
#pragma once

#include <cstdint>
#include <string>

#include "util/status.h"

namespace mail_mcp {

/// Failed logins counted under one key in its current window.
struct FailureWindow {
  int64_t count = 0;
  int64_t seconds_left = 0;  // until the window ends (0 when there is none)
};

/// What presenting a refresh token of some generation found.
enum class RefreshUse {
  kRotated,  // it was the newest: the family moved on to the next generation
  kReused,   // an older generation was presented again: the family is now revoked (RFC 9700 §4.14)
  kRevoked,  // the family had been revoked before
};

/// How the store is, for /health and logs.
struct StoreHealth {
  bool reachable = true;
  std::string detail;  // why not, without secrets
};

class StateStore {
 public:
  virtual ~StateStore() = default;

  /// Records code `id` as used until `expires_at` (Unix seconds): true the first time, false on
  /// every later use.
  virtual StatusOr<bool> UseCode(const std::string& id, int64_t expires_at) = 0;

  /// The failures counted under `key` in its current window.
  virtual StatusOr<FailureWindow> LoginFailures(const std::string& key) = 0;
  /// Counts one failure under `key`; the first failure opens a window of `window_seconds`.
  virtual StatusOr<FailureWindow> AddLoginFailure(const std::string& key, int64_t window_seconds) = 0;

  /// Presents generation `generation` of family `grant`; a family the store does not know starts
  /// at the generation presented. On kRotated the family's newest generation is `generation + 1`,
  /// kept until `expires_at` (the new refresh token's expiry).
  virtual StatusOr<RefreshUse> UseRefreshToken(const std::string& grant, int64_t generation, int64_t expires_at) = 0;
  /// Ends `grant`: its refresh tokens and access tokens stop working; kept until `expires_at`.
  virtual Status RevokeGrant(const std::string& grant, int64_t expires_at) = 0;
  /// Whether `grant` was revoked, as far as the store knows (see the failure policy above).
  virtual bool IsGrantRevoked(const std::string& grant) = 0;

  virtual StoreHealth Health() = 0;
  /// "embedded" or "redis", for logs.
  virtual const char* kind() const = 0;
};

/// Ids the stores accept: what our tokens carry (base64url, 1 to 64 characters). Anything else is
/// refused before it reaches a key or the journal.
bool IsValidStateId(const std::string& id);

}  // namespace mail_mcp
