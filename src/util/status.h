// Status: the outcome of an operation that can fail, carried as a value.
//
// mail_mcp never lets exceptions cross layers: a function that can fail returns a Status (or a
// StatusOr<T> when it also produces a value). A Status has a Code for programs to branch on and a
// message for people; messages must never contain secrets (passwords, tokens, keys). Both types
// are [[nodiscard]]: a call whose failure nobody looks at is a compile warning, and a caller that
// really does not care says so (and why) in a comment at the call.
//
// Thread-safety: a Status is an immutable value; copies can be used from any thread.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace mail_mcp {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,    // the caller's input is malformed
    kNotFound,           // the thing asked for does not exist
    kUnauthenticated,    // a credential, token or signature did not check out
    kPermissionDenied,   // authenticated but not allowed
    kExpired,            // a token or link is past its lifetime
    kUnavailable,        // a peer (IMAP, SMTP, S3) could not be reached or timed out
    kResourceExhausted,  // a size or rate limit was hit
    kInternal,           // a bug or an environment failure (e.g. no entropy)
  };

  Status() = default;  // OK
  static Status OK() { return Status(); }
  static Status Error(Code code, std::string message) { return Status(code, std::move(message)); }
  static Status InvalidArgument(std::string m) { return Status(Code::kInvalidArgument, std::move(m)); }
  static Status NotFound(std::string m) { return Status(Code::kNotFound, std::move(m)); }
  static Status Unauthenticated(std::string m) { return Status(Code::kUnauthenticated, std::move(m)); }
  static Status PermissionDenied(std::string m) { return Status(Code::kPermissionDenied, std::move(m)); }
  static Status Expired(std::string m) { return Status(Code::kExpired, std::move(m)); }
  static Status Unavailable(std::string m) { return Status(Code::kUnavailable, std::move(m)); }
  static Status ResourceExhausted(std::string m) { return Status(Code::kResourceExhausted, std::move(m)); }
  static Status Internal(std::string m) { return Status(Code::kInternal, std::move(m)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  Code code_ = Code::kOk;
  std::string message_;
};

/// A value or the Status explaining why there is none.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design, like absl::StatusOr
  StatusOr(Status status) : status_(std::move(status)) {}  // NOLINT

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }
  const T& operator*() const& { return *value_; }
  T& operator*() & { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace mail_mcp
