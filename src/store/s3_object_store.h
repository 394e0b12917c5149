// S3ObjectStore: attachments in an S3 bucket (AWS, or an S3-compatible store such as Ceph or MinIO).
//
// Requests are plain HTTP(S) through libcurl, header-signed with our SigV4 signer (payload SHA-256
// included); download links are SigV4 presigned GETs that carry the Content-Disposition and
// Content-Type S3 must answer with (response-content-disposition, response-content-type), inside
// the signature. KeyOfSignedUrl accepts a link only if it is exactly one of ours: same scheme, host
// and port, our bucket, our access key id and region, unexpired, and a signature we recompute.
//
// Addressing: AWS by default, virtual-hosted (https://<bucket>.s3.<region>.amazonaws.com/<key>)
// or path-style (https://s3.<region>.amazonaws.com/<bucket>/<key>); with AWS_S3_ENDPOINT,
// <endpoint>/<bucket>/<key> or <scheme>://<bucket>.<endpoint host>[:port]/<key>.
//
// Metadata: the filename travels as x-amz-meta-filename, percent-encoded UTF-8 (S3 metadata must
// be ASCII), and Content-Type as itself. curl never follows redirects, speaks only http(s), verifies
// TLS against SSL_CERT_FILE, and every response body is bounded. Error messages name the bucket,
// the key and S3's error code, never the secret or a header signature.
//
// Thread-safety: immutable after construction; every call uses its own curl handle, so calls are
// safe from any number of threads.
#pragma once

#include <string>

#include "store/object_store.h"
#include "store/sigv4.h"

namespace mail_mcp {

/// One HTTP exchange's outcome (defined in the .cc).
struct S3Response;

struct S3Timeouts {
  long connect_ms = 10000;  // TCP + TLS handshake
  long request_ms = 60000;  // one whole request, transfer included
};

/// Where the bucket is and how to sign for it: the server's AWS_* settings (config/config.h).
struct S3Options {
  std::string access_key_id;
  std::string secret_access_key;
  std::string region;
  std::string bucket;
  /// AWS_S3_ENDPOINT: the origin of an S3-compatible store (Ceph, MinIO, R2, …), such as
  /// http://127.0.0.1:17480; empty means AWS itself (https://s3.<region>.amazonaws.com).
  std::string endpoint;
  /// Path-style URLs (endpoint/bucket/key) instead of virtual-hosted (bucket.endpoint/key).
  bool path_style = false;
  std::string ca_file;  // the CA bundle TLS is verified against
};

class S3ObjectStore : public ObjectStore {
 public:
  /// Never fails; a bucket, region or endpoint it cannot use is reported by Init() and by every
  /// request.
  S3ObjectStore(const S3Options& options, S3Timeouts timeouts);

  /// OK when the configuration is usable (no network access): the server checks it at startup.
  Status Init() const { return config_status_; }

  StatusOr<std::optional<ObjectHead>> Head(const std::string& key,
                                           StoreDeadline deadline = kNoStoreDeadline) const override;
  Status Put(const std::string& key, const ObjectInfo& info, const std::string& bytes,
             StoreDeadline deadline = kNoStoreDeadline) const override;
  StatusOr<StoredObject> Get(const std::string& key, size_t max_bytes) const override;
  std::string SignedUrl(const std::string& key, const ObjectInfo& info, int64_t now, int64_t lifetime_s) const override;
  StatusOr<std::string> KeyOfSignedUrl(const std::string& url, int64_t now) const override;

  /// The object's URL without a query: what SignedUrl signs and requests go to.
  std::string ObjectUrl(const std::string& key) const;

 private:
  /// One signed request for `key`; `upload` is the PUT body (streamed from the caller's string).
  /// A 2xx body larger than `max_body` aborts the transfer with ResourceExhausted.
  Status Perform(const char* method, const std::string& key, const SigV4Pairs& headers, const std::string* upload,
                 size_t max_body, S3Response* response, StoreDeadline deadline = kNoStoreDeadline) const;
  /// The Status for a non-2xx answer to `method` on `key`.
  Status HttpError(const char* method, const std::string& key, const S3Response& response) const;
  /// The path of `key`'s object, encoded: "/<key>" or "/<bucket>/<key>".
  std::string ObjectPath(const std::string& key) const;

  SigV4Credentials credentials_;
  std::string bucket_;
  std::string scheme_;       // "https" or "http"
  std::string host_;         // the Host header: "<bucket>.s3.<region>.amazonaws.com", "127.0.0.1:17480"
  std::string origin_;       // scheme://host[:port]
  std::string host_name_;    // host_ without the port, for messages
  int port_ = 0;             // effective port, for messages
  std::string path_prefix_;  // "" (virtual-hosted) or "/<bucket>" (path-style)
  std::string ca_file_;
  S3Timeouts timeouts_;
  Status config_status_;
};

}  // namespace mail_mcp
