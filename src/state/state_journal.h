// The embedded state store's file under STATE_DIR: a journal of what must survive a restart
// (used codes, refresh-token generations, revoked grants), one short text line per change.
//
// Durability: each record is one write() of one whole line to a file opened O_APPEND, followed by
// fdatasync, before the change is acknowledged: a revocation the client was told about survives a
// crash. A torn last line (a crash mid-write) is skipped when the journal is read. Rewrite()
// replaces the journal by a snapshot of the live records through a temporary file, fsync and
// rename (then fsync of the folder), so a reader sees the old journal or the new one, never a
// mix: that is how the file stays bounded (EmbeddedStateStore rewrites it when most of it is
// dead). A lock file (flock) keeps a second process from using the same folder: two servers
// appending to one journal would each miss the other's changes.
//
// Lines: `c ID EXPIRES` (code used), `g ID GENERATION EXPIRES` (newest refresh generation),
// `r ID EXPIRES` (grant revoked). IDs are IsValidStateId; numbers are decimal.
//
// Thread-safety: not thread-safe; EmbeddedStateStore calls it under its lock.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "util/status.h"

namespace mail_mcp {

struct JournalRecord {
  char kind = 0;  // 'c', 'g' or 'r'
  std::string id;
  int64_t generation = 0;  // 'g' only
  int64_t expires_at = 0;
};

class StateJournal {
 public:
  /// Creates `dir` (mode 0700) if needed, takes its lock and reads the journal into `records`
  /// (in file order; malformed lines are skipped and counted in `*skipped`). Unavailable when the
  /// folder cannot be created or written, or another process holds it.
  static StatusOr<std::unique_ptr<StateJournal>> Open(const std::string& dir, std::vector<JournalRecord>* records,
                                                      size_t* skipped);
  ~StateJournal();

  /// Appends one record durably.
  Status Append(const JournalRecord& record);
  /// Replaces the journal by `records` atomically.
  Status Rewrite(const std::vector<JournalRecord>& records);
  /// Records appended since the last Rewrite (or in the file read by Open).
  size_t lines() const { return lines_; }

 private:
  StateJournal(std::string dir, int lock_fd) : dir_(std::move(dir)), lock_fd_(lock_fd) {}
  Status OpenForAppend();

  std::string dir_;
  int lock_fd_ = -1;
  int fd_ = -1;
  size_t lines_ = 0;
};

/// One record as its journal line (with the newline); ParseJournalLine reads one back (without it).
std::string FormatJournalLine(const JournalRecord& record);
bool ParseJournalLine(const std::string& line, JournalRecord* record);

}  // namespace mail_mcp
