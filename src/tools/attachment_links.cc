#include "tools/attachment_links.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>

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

/// The entry's url and expires_at, or its error; the stored size when the store knows it.
std::optional<uint64_t> SetLink(const StatusOr<AttachmentLink>& link, picojson::object* entry) {
  if (!link.ok()) {
    (*entry)["error"] = picojson::value("attachment store: " + link.status().message());
    return std::nullopt;
  }
  (*entry)["url"] = picojson::value(link->url);
  (*entry)["expires_at"] = picojson::value(UnixTimeToIso(link->expires_at));
  return link->size;
}

/// Runs job(i) for i in [0, n) on up to kMaxConcurrent threads (the caller's among them).
void RunConcurrently(size_t n, const std::function<void(size_t)>& job) {
  constexpr size_t kMaxConcurrent = 8;
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next.fetch_add(1)) < n;) job(i);
  };
  std::vector<std::thread> helpers;
  for (size_t t = 1; t < std::min(n, kMaxConcurrent); ++t) helpers.emplace_back(worker);
  worker();
  for (auto& h : helpers) h.join();
}

}  // namespace

/// The raw response is dropped before decoding, so at most the encoded and the decoded copy are
/// alive at once.
PartBytes ServerPartBytes(ImapSession& imap, uint32_t uid, const BodyPart& part) {
  return [&imap, uid, &part]() -> StatusOr<std::string> {
    std::string encoded;
    {
      ImapCommand fetch("UID FETCH");
      /// The part as the body structure announced it, plus room for the FETCH syntax: a server that
      /// sends more is cut off there.
      fetch.Number(uid).Raw("(BODY.PEEK[" + part.part + "])").MaxResponseBytes(size_t(part.size) + (size_t{64} << 10));
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

std::vector<std::optional<uint64_t>> AddAttachmentLinks(const AttachmentStore& store, const AttachmentSource& source,
                                                        const std::vector<AttachmentToPublish>& items) {
  const auto deadline = std::chrono::steady_clock::now() + store.publish_budget();
  std::vector<std::optional<uint64_t>> sizes(items.size());
  std::vector<size_t> todo;
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].encoded_size > kMaxPublishedPartBytes)
      (*items[i].entry)["error"] =
          picojson::value("too large to publish (over " + std::to_string(kMaxPublishedPartBytes >> 20) + " MiB)");
    else todo.push_back(i);
  }
  // The HEADs, concurrently: a hung store costs the budget once, not once per attachment.
  std::vector<StatusOr<std::optional<AttachmentLink>>> found(todo.size(), Status::Internal("not looked up"));
  RunConcurrently(todo.size(), [&](size_t t) {
    const AttachmentToPublish& item = items[todo[t]];
    found[t] = store.Find(Identity(source, item.part_key), item.info, deadline);
  });
  for (size_t t = 0; t < todo.size(); ++t) {
    const AttachmentToPublish& item = items[todo[t]];
    if (!found[t].ok() || *found[t]) {
      sizes[todo[t]] =
          SetLink(found[t].ok() ? StatusOr<AttachmentLink>(**found[t]) : StatusOr<AttachmentLink>(found[t].status()),
                  item.entry);
      continue;
    }
    // Missing or stale: the bytes come from IMAP (or memory), one part at a time, while time is left.
    if (std::chrono::steady_clock::now() >= deadline) {
      SetLink(Status::Unavailable("not published: the store did not finish within the " +
                                  std::to_string(store.publish_budget().count()) +
                                  " ms allowed for this message's attachments"),
              item.entry);
      continue;
    }
    auto bytes = item.bytes();
    sizes[todo[t]] = SetLink(bytes.ok() ? store.Write(Identity(source, item.part_key), item.info, *bytes, deadline)
                                        : StatusOr<AttachmentLink>(bytes.status()),
                             item.entry);
  }
  return sizes;
}

}  // namespace mail_mcp
