#include "tools/attachment_links.h"

#include "imap/imap_fetch.h"
#include "mime/mail_date.h"
#include "mime/transfer_encoding.h"
#include "tools/upstream_error.h"
#include "util/ascii.h"

namespace mail_mcp {
namespace {

/// Names the part uniquely and forever: UIDVALIDITY changes whenever UIDs could be reused.
std::string Identity(const AttachmentSource& s, const std::string& part) {
  const std::string host = ToLowerAscii(s.account->servers.imap_host);
  return "v1\n" + host + "\n" + std::to_string(s.account->servers.imap_port) + "\n" + s.account->imap_username + "\n" +
         s.folder + "\n" + std::to_string(s.uidvalidity) + "\n" + std::to_string(s.uid) + "\n" + part;
}

}  // namespace

/// The raw response is dropped before decoding, so at most the encoded and the decoded copy are
/// alive at once.
PartBytes ServerPartBytes(ImapSession& imap, uint32_t uid, const BodyPart& part) {
  return [&imap, uid, &part]() -> StatusOr<std::string> {
    std::string encoded;
    {
      ImapCommand fetch("UID FETCH");
      fetch.Number(uid).Raw("(BODY.PEEK[" + part.part + "])");
      auto r = imap.RunOk(fetch);
      if (!r.ok()) return Status::Unavailable(ImapFailure(r.status().message()));
      auto fetched = ParseFetchResponses(r->untagged);
      if (!fetched.ok()) return Status::Unavailable(ImapFailure(fetched.status().message()));
      for (auto& m : *fetched) {
        auto it = m.sections.find("BODY[" + part.part + "]");
        if (m.uid == uid && it != m.sections.end()) encoded = std::move(it->second);
      }
    }
    if (encoded.empty() && part.size > 0) return Status::NotFound(ImapFailure("the server did not return the part"));
    return DecodeTransferEncoding(encoded, part.encoding);
  };
}

std::optional<uint64_t> AddAttachmentLink(const AttachmentStore& store, const AttachmentSource& source,
                                          const std::string& part_key, uint64_t encoded_size, const ObjectInfo& info,
                                          const PartBytes& bytes, picojson::object* entry) {
  if (encoded_size > kMaxPublishedPartBytes) {
    (*entry)["error"] =
        picojson::value("too large to publish (over " + std::to_string(kMaxPublishedPartBytes >> 20) + " MiB)");
    return std::nullopt;
  }
  auto link = store.Publish(Identity(source, part_key), info, bytes);
  if (!link.ok()) {
    (*entry)["error"] = picojson::value("attachment store: " + link.status().message());
    return std::nullopt;
  }
  (*entry)["url"] = picojson::value(link->url);
  (*entry)["expires_at"] = picojson::value(UnixTimeToIso(link->expires_at));
  return link->size;
}

}  // namespace mail_mcp
