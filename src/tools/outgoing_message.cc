#include "tools/outgoing_message.h"

#include <algorithm>

#include "compose/address_validation.h"
#include "compose/threading.h"
#include "imap/imap_fetch.h"
#include "tools/mailbox_roles.h"
#include "tools/message_summary.h"
#include "tools/tool_args.h"

namespace mail_mcp {

std::string RecipientSchemaProperties() {
  // One recipient: a string ("a@example.com", "Name <a@example.com>", or several separated by
  // commas) or a {name, address} object. The lists hold one JSON type, array: some clients (Gemini
  // function declarations, strict validators) accept only one (issue 19, item 11).
  const std::string recipient = R"JSON({"anyOf":[{"type":"string","maxLength":10000},{"type":"object","properties":{
      "name":{"type":"string","maxLength":1000},"address":{"type":"string","maxLength":1000}}}]})JSON";
  return R"JSON(
  "to":{"type":"array","items":)JSON" +
         recipient + R"JSON(,"maxItems":100,
        "description":"recipients: a list of addresses (\"a@example.com\" or \"Name <a@example.com>\") or {name, address} objects. A single string (one address or a comma-separated list) is also accepted"},
  "cc":{"type":"array","items":)JSON" +
         recipient + R"JSON(,"maxItems":100,"description":"like to"},
  "bcc":{"type":"array","items":)JSON" +
         recipient + R"JSON(,"maxItems":100,"description":"like to; never shown to other recipients"})JSON";
}

std::string ComposeSchemaProperties() {
  return RecipientSchemaProperties() + R"JSON(,
  "subject":{"type":"string","maxLength":2000},
  "text_body":{"type":"string","maxLength":5000000},
  "html_body":{"type":"string","maxLength":5000000,"description":"optional HTML alternative"},
  "attachment_urls":{"type":"array","items":{"type":"string","maxLength":4000},"maxItems":20,
        "description":"attachments to include: download urls from get_mail_message (links to this server's attachment store only; 25 MiB in all)"},
  "reply_to":{"type":"object","description":"the message this one replies to (sets threading headers and Re:)",
        "properties":{"folder":{"type":"string","minLength":1,"maxLength":500},"uid":{"type":"integer","minimum":1,"maximum":4294967295}},
        "required":["folder","uid"],"additionalProperties":false})JSON";
}

void WrapSingleRecipientStrings(picojson::object& arguments) {
  for (const char* field : {"to", "cc", "bcc"}) {
    auto it = arguments.find(field);
    if (it != arguments.end() && it->second.is<std::string>())
      it->second = picojson::value(picojson::array{std::move(it->second)});
  }
}

namespace {

/// Fetches each attachment link from our own store (no other URL is ever fetched), within the
/// size budget the composed message has left.
Status ResolveAttachmentUrls(const picojson::array& urls, const AttachmentStore* store, ComposeRequest* request) {
  if (urls.empty()) return Status::OK();
  if (!store) return Status::Unavailable("attachment_urls: this server has no attachment store");
  size_t budget = kMaxComposeBytes - std::min(kMaxComposeBytes, request->text_body.size() + request->html_body.size());
  for (size_t i = 0; i < urls.size(); ++i) {
    std::string where = "attachment_urls[" + std::to_string(i) + "]: ";
    auto object = store->Open(urls[i].get<std::string>(), budget);
    if (!object.ok()) {
      if (object.status().code() == Status::Code::kResourceExhausted)
        return Status::InvalidArgument(where + "the attachments together exceed the " +
                                       std::to_string(kMaxComposeBytes >> 20) + " MiB limit of one message");
      return Status::InvalidArgument(where + object.status().message());
    }
    budget -= object->bytes.size();
    std::string name = object->info.filename.empty() ? "attachment" : object->info.filename;
    request->attachments.push_back({name, object->info.content_type, std::move(object->bytes)});
  }
  return Status::OK();
}

}  // namespace

Status ReadComposeArguments(const picojson::object& args, const MailContext& ctx, bool require_recipient,
                            ComposeRequest* request, std::optional<ReplyTarget>* reply) {
  const MailAccount& account = *ctx.account;
  request->from_name = account.full_name;
  request->from_email = account.email;
  struct Field {
    const char* name;
    std::vector<MailAddress>* out;
  } fields[] = {{"to", &request->to}, {"cc", &request->cc}, {"bcc", &request->bcc}};
  for (const Field& f : fields) {
    auto it = args.find(f.name);
    if (it == args.end()) continue;
    auto list = ParseRecipients(it->second);
    if (!list.ok()) return Status::InvalidArgument(std::string(f.name) + ": " + list.status().message());
    *f.out = std::move(*list);
  }
  if (require_recipient && request->to.empty() && request->cc.empty() && request->bcc.empty())
    return Status::InvalidArgument("give at least one recipient in to, cc or bcc");
  request->subject = StringArg(args, "subject");
  request->text_body = StringArg(args, "text_body");
  request->html_body = StringArg(args, "html_body");
  if (auto it = args.find("reply_to"); it != args.end()) {
    const auto& o = it->second.get<picojson::object>();
    ReplyTarget t{StringArg(o, "folder"), uint32_t(IntArg(o, "uid", 0))};
    if (Status s = ValidateFolderName(t.folder); !s.ok()) return Status::InvalidArgument("reply_to." + s.message());
    *reply = t;
  }
  // Last: the only argument that costs a download.
  if (auto it = args.find("attachment_urls"); it != args.end())
    return ResolveAttachmentUrls(it->second.get<picojson::array>(), ctx.attachments, request);
  return Status::OK();
}

Status ApplyReplyThreading(ImapSession& imap, const ReplyTarget& reply, ComposeRequest* request) {
  auto box = imap.OpenMailbox(reply.folder, MailboxAccess::kRead);
  if (!box.ok())
    return Status::NotFound("reply_to: cannot open folder '" + reply.folder + "': " + box.status().message());
  ImapCommand fetch("UID FETCH");
  // The header fields themselves, not ENVELOPE: the reply must carry the Subject the person saw (the
  // first one; Dovecot's ENVELOPE has the last).
  fetch.Number(reply.uid).Raw("(UID BODY.PEEK[HEADER.FIELDS (MESSAGE-ID SUBJECT REFERENCES)])");
  auto r = imap.RunOk(fetch);
  if (!r.ok()) return r.status();
  auto fetched = ParseFetchResponses(r->untagged);
  if (!fetched.ok()) return fetched.status();
  for (const FetchedMessage& m : *fetched) {
    if (m.uid != reply.uid || m.sections.empty()) continue;
    const MessageHeaders original = HeadersOf(m);
    const std::string& id = original.message_id;
    if (!id.empty()) {
      request->in_reply_to = id;
      request->references = BuildReferences(original.references, id);
    }
    std::string base = request->subject.empty() ? original.subject : request->subject;
    request->subject = ReplySubject(base);
    return Status::OK();
  }
  return Status::NotFound("reply_to: no message with uid " + std::to_string(reply.uid) + " in '" + reply.folder + "'");
}

picojson::object SentMessageJson(const ComposedMessage& composed, const SmtpSendResult& sent) {
  const bool unknown = sent.delivery == SmtpDelivery::kUnknown;
  picojson::object out;
  out["message_id"] = picojson::value(composed.message_id);
  out["delivery"] = picojson::value(unknown ? "unknown" : "sent");
  picojson::array accepted, rejected;
  if (!unknown)
    for (const auto& a : sent.accepted) accepted.emplace_back(a);
  for (const auto& [address, why] : sent.rejected) {
    picojson::object r;
    r["address"] = picojson::value(address);
    r["reply"] = picojson::value(why);
    rejected.emplace_back(r);
  }
  out["accepted"] = picojson::value(accepted);
  out["rejected"] = picojson::value(rejected);
  out["sent_folder"] = picojson::value();
  out["sent_uid"] = picojson::value();
  if (unknown)
    out["warning"] = picojson::value(
        "delivery unknown: the SMTP server received the whole message but did not confirm it (" + sent.unknown_reason +
        "), so it may or may not have been delivered. Do not send it again before checking: look for Message-ID " +
        composed.message_id + " in the recipients' mailbox or ask them. No copy was saved.");
  return out;
}

void SaveSentCopy(ImapSession& imap, const std::optional<std::string>& folder, const std::string& bytes,
                  picojson::object* out, std::vector<std::string>* warnings) {
  auto where = folder ? StatusOr<std::string>(*folder) : FindRoleFolder(imap, "\\Sent", "Sent");
  if (!where.ok()) {
    warnings->push_back("the message was sent, but no copy was saved: " + where.status().message());
  } else if (auto uid = AppendMessage(imap, *where, {"\\Seen"}, bytes); !uid.ok()) {
    warnings->push_back("the message was sent, but saving a copy to '" + *where +
                        "' failed: " + uid.status().message());
  } else {
    (*out)["sent_folder"] = picojson::value(*where);
    if (*uid) (*out)["sent_uid"] = picojson::value(int64_t(*uid));
  }
}

void AddWarnings(const std::vector<std::string>& warnings, picojson::object* out) {
  if (warnings.empty()) return;
  std::string w;
  for (const auto& s : warnings) w += (w.empty() ? "" : "; ") + s;
  (*out)["warning"] = picojson::value(w);
}

StatusOr<uint32_t> AppendMessage(ImapSession& imap, const std::string& folder, const std::vector<std::string>& flags,
                                 const std::string& bytes) {
  ImapCommand append("APPEND");
  append.Mailbox(folder).Atom("(");
  for (const auto& f : flags) append.Atom(f);
  append.Atom(")").Literal(bytes);
  auto r = imap.RunOk(append);
  if (!r.ok()) return r.status();
  auto uid = ParseAppendUid(r->text);
  return uid && !uid->uids.empty() ? uid->uids[0] : 0u;
}

}  // namespace mail_mcp
