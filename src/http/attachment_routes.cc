#include "http/attachment_routes.h"

#include "store/content_disposition.h"

namespace mail_mcp {

void RegisterAttachmentRoutes(HttpServer& server, const AppContext& app, const FileObjectStore& store) {
  server.Route("GET", "/attachments/*", [&app, &store](const HttpRequest& req, HttpResponse& res) {
    res.SetHeader("Cache-Control", "private, no-store");
    res.SetHeader("Referrer-Policy", "no-referrer");
    auto key = store.KeyOfSignedUrl(app.config.base_url + req.path + "?" + req.query, app.clock());
    if (!key.ok()) {
      res.Json(403, R"({"error":"forbidden","error_description":"this attachment link is invalid or has expired"})");
      return;
    }
    auto where = store.Locate(*key);
    if (!where.ok()) {
      res.Json(404, R"({"error":"not_found","error_description":"this attachment is no longer stored"})");
      return;
    }
    res.SetHeader("Content-Disposition", AttachmentDisposition(where->info.filename));
    res.SetHeader("X-Content-Type-Options", "nosniff");
    res.SetHeader("Content-Security-Policy", "sandbox; default-src 'none'");
    res.content_type = SafeContentType(where->info.content_type);
    res.file_path = where->path;
  });
}

}  // namespace mail_mcp
