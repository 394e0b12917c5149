// GET /attachments/<key>?expires=…&signature=…: downloads from the embedded attachment store.
//
// Registered only when attachments live in the embedded store (no S3 configured). The link's
// signature and expiry are checked before anything is read; a refused link is a 403 whatever the
// reason, as S3 answers, so the endpoint tells a prober nothing. Files are streamed with headers
// that make a browser download rather than render them: an attachment is untrusted content served
// from our own origin, where rendering HTML would be cross-site scripting.
//
// Thread-safety: handlers run concurrently; the store is thread-safe.
#pragma once

#include "http/app_context.h"
#include "http/http_server.h"
#include "store/file_object_store.h"

namespace mail_mcp {

void RegisterAttachmentRoutes(HttpServer& server, const AppContext& app, const FileObjectStore& store);

}  // namespace mail_mcp
