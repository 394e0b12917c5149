#include "store/file_object_store.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include <picojson.h>

#include "crypto/constant_time.h"
#include "crypto/random.h"
#include "crypto/sha256.h"
#include "util/hex.h"
#include "util/json_parse.h"
#include "util/url_encoding.h"

namespace mail_mcp {
namespace {

constexpr char kKeyPrefix[] = "attachments/";
constexpr size_t kMaxInfoBytes = 64 * 1024;

bool IsHexName(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

Status SysError(const std::string& what) { return Status::Unavailable(what + ": " + std::strerror(errno)); }

/// Writes `data` to `path` through a temporary file and a rename, so readers see all or nothing.
Status WriteAtomically(const std::string& path, const std::string& data) {
  std::string tmp = path + ".tmp-" + RandomHex(8);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return SysError("attachment store: cannot create a file");
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      Status s = SysError("attachment store: write failed");
      ::close(fd);
      ::unlink(tmp.c_str());
      return s;
    }
    done += size_t(n);
  }
  if (::close(fd) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
    Status s = SysError("attachment store: cannot store a file");
    ::unlink(tmp.c_str());
    return s;
  }
  return Status::OK();
}

}  // namespace

FileObjectStore::FileObjectStore(std::string dir, std::string base_url, const std::string& key_secret)
    : dir_(std::move(dir)), base_url_(std::move(base_url)), link_key_(DeriveKey(key_secret, "attachment links")) {
  while (dir_.size() > 1 && dir_.back() == '/') dir_.pop_back();
}

Status FileObjectStore::Init() const {
  // mkdir -p, one component at a time.
  for (size_t i = 1; i <= dir_.size(); ++i) {
    if (i != dir_.size() && dir_[i] != '/') continue;
    std::string part = dir_.substr(0, i);
    if (::mkdir(part.c_str(), 0700) != 0 && errno != EEXIST) return SysError("ATTACHMENTS_DIR: cannot create " + part);
  }
  if (::access(dir_.c_str(), W_OK | X_OK) != 0) return SysError("ATTACHMENTS_DIR: " + dir_ + " is not writable");
  return Status::OK();
}

StatusOr<std::string> FileObjectStore::FileName(const std::string& key) const {
  std::string name = key.rfind(kKeyPrefix, 0) == 0 ? key.substr(sizeof kKeyPrefix - 1) : "";
  if (!IsHexName(name)) return Status::InvalidArgument("not an attachment key");
  return name;
}

/// Local files: the deadline does not apply (a disk is not a peer that hangs).
StatusOr<std::optional<ObjectHead>> FileObjectStore::Head(const std::string& key, StoreDeadline) const {
  auto name = FileName(key);
  if (!name.ok()) return name.status();
  struct stat st {};
  if (::stat((dir_ + "/" + *name).c_str(), &st) != 0) {
    if (errno == ENOENT) return std::optional<ObjectHead>();
    return SysError("attachment store");
  }
  return std::optional<ObjectHead>(ObjectHead{int64_t(st.st_mtime), uint64_t(st.st_size)});
}

Status FileObjectStore::Put(const std::string& key, const ObjectInfo& info, const std::string& bytes,
                            StoreDeadline) const {
  auto name = FileName(key);
  if (!name.ok()) return name.status();
  picojson::object meta;
  meta["filename"] = picojson::value(info.filename);
  meta["content_type"] = picojson::value(info.content_type);
  // The info first: Head() looks only at the data file, which must never exist without its info.
  if (Status s = WriteAtomically(dir_ + "/" + *name + ".json", picojson::value(meta).serialize()); !s.ok()) return s;
  return WriteAtomically(dir_ + "/" + *name, bytes);
}

StatusOr<FileObjectStore::Located> FileObjectStore::Locate(const std::string& key) const {
  auto name = FileName(key);
  if (!name.ok()) return name.status();
  Located out{dir_ + "/" + *name, {}};
  std::ifstream in(out.path + ".json", std::ios::binary);
  if (!in) return Status::NotFound("the attachment is no longer stored");
  std::string text(kMaxInfoBytes, '\0');
  in.read(text.data(), std::streamsize(text.size()));
  text.resize(size_t(in.gcount()));
  auto v = ParseJson(text);
  if (!v.ok() || !v->is<picojson::object>()) return Status::Internal("attachment store: unreadable object info");
  const auto& o = v->get<picojson::object>();
  auto str = [&o](const char* name) {
    auto it = o.find(name);
    return it != o.end() && it->second.is<std::string>() ? it->second.get<std::string>() : std::string();
  };
  out.info = {str("filename"), str("content_type")};
  if (::access(out.path.c_str(), R_OK) != 0) return Status::NotFound("the attachment is no longer stored");
  return out;
}

StatusOr<StoredObject> FileObjectStore::Get(const std::string& key, size_t max_bytes) const {
  auto where = Locate(key);
  if (!where.ok()) return where.status();
  std::ifstream in(where->path, std::ios::binary | std::ios::ate);
  if (!in) return Status::NotFound("the attachment is no longer stored");
  auto size = size_t(in.tellg());
  if (size > max_bytes)
    return Status::ResourceExhausted("the attachment has " + std::to_string(size) + " bytes, more than the " +
                                     std::to_string(max_bytes) + " allowed");
  StoredObject out{where->info, std::string(size, '\0')};
  in.seekg(0);
  in.read(out.bytes.data(), std::streamsize(size));
  if (size_t(in.gcount()) != size) return Status::Unavailable("attachment store: short read");
  return out;
}

std::string FileObjectStore::Signature(const std::string& key, int64_t expires) const {
  return HexEncode(HmacSha256(link_key_, "GET\n" + key + "\n" + std::to_string(expires)));
}

std::string FileObjectStore::SignedUrl(const std::string& key, const ObjectInfo&, int64_t now,
                                       int64_t lifetime_s) const {
  int64_t expires = now + lifetime_s;
  return base_url_ + "/" + key + "?expires=" + std::to_string(expires) + "&signature=" + Signature(key, expires);
}

StatusOr<std::string> FileObjectStore::KeyOfSignedUrl(const std::string& url, int64_t now) const {
  const Status foreign = Status::InvalidArgument("not a link to this server's attachment store");
  std::string prefix = base_url_ + "/" + kKeyPrefix;
  if (url.compare(0, prefix.size(), prefix) != 0) return foreign;
  size_t q = url.find('?', prefix.size());
  if (q == std::string::npos) return Status::InvalidArgument("attachment link without a signature");
  std::string key = kKeyPrefix + url.substr(prefix.size(), q - prefix.size());
  if (!FileName(key).ok()) return foreign;
  auto params = ParseUrlEncoded(std::string_view(url).substr(q + 1));
  if (!params || params->size() != 2 || params->count("expires") != 1 || params->count("signature") != 1)
    return Status::InvalidArgument("malformed attachment link");
  const std::string& expires_text = params->find("expires")->second;
  if (expires_text.empty() || expires_text.size() > 12 ||
      expires_text.find_first_not_of("0123456789") != std::string::npos)
    return Status::InvalidArgument("malformed attachment link");
  int64_t expires = std::stoll(expires_text);
  if (!ConstantTimeEquals(params->find("signature")->second, Signature(key, expires)))
    return Status::InvalidArgument("attachment link has a bad signature");
  if (expires <= now) return Status::Expired("attachment link expired");
  return key;
}

size_t FileObjectStore::RemoveOlderThan(int64_t now, int64_t max_age_s) const {
  DIR* d = ::opendir(dir_.c_str());
  if (!d) return 0;
  size_t removed = 0;
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    std::string path = dir_ + "/" + name;
    struct stat st {};
    if (name == "." || name == ".." || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    bool stale = now - int64_t(st.st_mtime) > max_age_s;
    bool leftover = name.find(".tmp-") != std::string::npos && now - int64_t(st.st_mtime) > 3600;
    if (IsHexName(name) && stale) {
      // The data file first: without it the object is gone for Head(), and its info is swept next.
      if (::unlink(path.c_str()) == 0) ++removed;
      ::unlink((path + ".json").c_str());
    } else if (leftover || (name.size() == 69 && name.compare(64, 5, ".json") == 0 && stale &&
                            ::access((dir_ + "/" + name.substr(0, 64)).c_str(), F_OK) != 0)) {
      ::unlink(path.c_str());
    }
  }
  ::closedir(d);
  return removed;
}

}  // namespace mail_mcp
