// UpstreamLimits: how many mail tool calls (the ones that reach IMAP or SMTP) may be in flight at
// once per mailbox and per client address. A call over either cap is refused at once with a tool
// error that says so, instead of waiting: a waiting call holds an HTTP worker, and 64 calls to a
// mail server that stalls used to hold every worker, so /health and tools/list (which need no mail
// server) waited too. The IMAP session pool's own per-account cap (IMAP_POOL_MAX_PER_ACCOUNT, with
// its short wait) still decides how many of a mailbox's admitted calls talk to IMAP at once.
//
// Thread-safety: safe from any number of threads; a Slot belongs to one call.
#pragma once

#include <cstddef>
#include <string>

#include "net/mail_account.h"
#include "util/keyed_limiter.h"
#include "util/status.h"

namespace mail_mcp {

class UpstreamLimits {
 public:
  /// A call's places under both caps, given back when it is destroyed.
  class Slot {
   public:
    Slot(Slot&& other) noexcept;
    Slot& operator=(Slot&&) = delete;
    Slot(const Slot&) = delete;
    ~Slot();

   private:
    friend class UpstreamLimits;
    Slot(UpstreamLimits* limits, std::string account, std::string client)
        : limits_(limits), account_(std::move(account)), client_(std::move(client)) {}
    UpstreamLimits* limits_;
    std::string account_, client_;
  };

  UpstreamLimits(size_t per_account, size_t per_client) : per_account_(per_account), per_client_(per_client) {}

  /// Places for a call on `account` from `client` (the client's address; "" counts as one client),
  /// or ResourceExhausted saying which cap is full.
  StatusOr<Slot> Acquire(const MailAccount& account, const std::string& client);

 private:
  KeyedLimiter per_account_;
  KeyedLimiter per_client_;
};

}  // namespace mail_mcp
