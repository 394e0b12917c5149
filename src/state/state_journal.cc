#include "state/state_journal.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>

#include "state/state_store.h"

namespace mail_mcp {
namespace {

constexpr char kJournal[] = "state.journal";
constexpr char kLock[] = "state.lock";

Status SysError(const std::string& what) {
  return Status::Unavailable("STATE_DIR: " + what + ": " + std::strerror(errno));
}

Status WriteAll(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return SysError("write failed");
    done += size_t(n);
  }
  return Status::OK();
}

/// A decimal number as FormatJournalLine writes it: digits only, no leading zero (so a line reads
/// back to itself).
bool Number(const std::string& s, int64_t* out) {
  if (s.empty() || s[0] == '-' || s[0] == '+' || (s.size() > 1 && s[0] == '0')) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= line.size()) {
    size_t space = line.find(' ', start);
    if (space == std::string::npos) space = line.size();
    out.push_back(line.substr(start, space - start));
    start = space + 1;
  }
  return out;
}

}  // namespace

std::string FormatJournalLine(const JournalRecord& r) {
  std::string line(1, r.kind);
  line += ' ' + r.id;
  if (r.kind == 'g') line += ' ' + std::to_string(r.generation);
  line += ' ' + std::to_string(r.expires_at) + '\n';
  return line;
}

bool ParseJournalLine(const std::string& line, JournalRecord* r) {
  std::vector<std::string> f = Fields(line);
  if (f.empty() || f[0].size() != 1) return false;
  const char kind = f[0][0];
  const size_t want = kind == 'g' ? 4 : (kind == 'c' || kind == 'r') ? 3 : 0;
  if (f.size() != want || !IsValidStateId(f[1])) return false;
  r->kind = kind;
  r->id = f[1];
  r->generation = 0;
  if (kind == 'g' && !Number(f[2], &r->generation)) return false;
  return Number(f.back(), &r->expires_at);
}

StatusOr<std::unique_ptr<StateJournal>> StateJournal::Open(const std::string& dir, std::vector<JournalRecord>* records,
                                                           size_t* skipped) {
  // mkdir -p, one component at a time.
  for (size_t i = 1; i <= dir.size(); ++i) {
    if (i != dir.size() && dir[i] != '/') continue;
    std::string part = dir.substr(0, i);
    if (::mkdir(part.c_str(), 0700) != 0 && errno != EEXIST) return SysError("cannot create " + part);
  }
  const std::string lock_path = dir + "/" + kLock;
  int lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd < 0) return SysError("cannot open " + lock_path);
  if (::flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(lock_fd);
    return Status::Unavailable("STATE_DIR: " + dir +
                               " is in use by another mail_mcp process (replicas must share state through STATE_URL)");
  }
  std::unique_ptr<StateJournal> journal(new StateJournal(dir, lock_fd));
  *skipped = 0;
  std::ifstream in(dir + "/" + kJournal, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    JournalRecord r;
    // getline at end of file without a newline returns the torn line: eof() tells it apart.
    if (!in.eof() && ParseJournalLine(line, &r)) {
      records->push_back(std::move(r));
      ++journal->lines_;
    } else {
      ++*skipped;
    }
  }
  if (Status s = journal->OpenForAppend(); !s.ok()) return s;
  return journal;
}

StateJournal::~StateJournal() {
  if (fd_ >= 0) ::close(fd_);
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the lock
}

Status StateJournal::OpenForAppend() {
  if (fd_ >= 0) ::close(fd_);
  const std::string path = dir_ + "/" + kJournal;
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd_ < 0) return SysError("cannot write " + path);
  return Status::OK();
}

Status StateJournal::Append(const JournalRecord& record) {
  if (Status s = WriteAll(fd_, FormatJournalLine(record)); !s.ok()) return s;
  if (::fdatasync(fd_) != 0) return SysError("fdatasync failed");
  ++lines_;
  return Status::OK();
}

Status StateJournal::Rewrite(const std::vector<JournalRecord>& records) {
  std::string data;
  for (const JournalRecord& r : records) data += FormatJournalLine(r);
  const std::string path = dir_ + "/" + kJournal, tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return SysError("cannot create " + tmp);
  Status s = WriteAll(fd, data);
  if (s.ok() && ::fsync(fd) != 0) s = SysError("fsync failed");
  if (::close(fd) != 0 && s.ok()) s = SysError("close failed");
  if (s.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) s = SysError("cannot replace " + path);
  if (!s.ok()) {
    ::unlink(tmp.c_str());
    return s;
  }
  // The rename is durable once the folder is.
  if (int dir_fd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  lines_ = records.size();
  return OpenForAppend();
}

}  // namespace mail_mcp
