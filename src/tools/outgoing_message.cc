#include "tools/outgoing_message.h"

#include <algorithm>

#include "compose/address_validation.h"
#include "compose/threading.h"
#include "imap/imap_fetch.h"
#include "tools/message_summary.h"
#include "tools/tool_args.h"

namespace mail_mcp {

const char kComposeSchemaProperties[] = R"JSON(
  "to":{"description":"recipients: a list of addresses (or {name, address} objects), or one comma-separated string",
        "type":["array","string"],"maxLength":10000,"maxItems":100},
  "cc":{"type":["array","string"],"maxLength":10000,"maxItems":100},
  "bcc":{"type":["array","string"],"maxLength":10000,"maxItems":100,"description":"never shown to other recipients"},
  "subject":{"type":"string","maxLength":2000},
  "text_body":{"type":"string","maxLength":5000000},
  "html_body":{"type":"string","maxLength":5000000,"description":"optional HTML alternative"},
  "attachment_urls":{"type":"array","items":{"type":"string","maxLength":4000},"maxItems":20,
        "description":"attachments to include: download urls from get_mail_message (links to this server's attachment store only; 25 MiB in all)"},
  "reply_to":{"type":"object","description":"the message this one replies to (sets threading headers and Re:)",
        "properties":{"folder":{"type":"string","minLength":1,"maxLength":500},"uid":{"type":"integer","minimum":1,"maximum":4294967295}},
        "required":["folder","uid"],"additionalProperties":false})JSON";

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
