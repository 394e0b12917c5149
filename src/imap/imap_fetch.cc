#include "imap/imap_fetch.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "util/ascii.h"

namespace mail_mcp {
namespace {

Status Malformed(const char* what) {
  return Status::InvalidArgument(std::string("malformed ") + what + " response from the IMAP server");
}

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::optional<uint32_t> Number32(const ImapValue& v) {
  std::optional<uint64_t> n = ImapNumber(v);
  if (!n || *n > std::numeric_limits<uint32_t>::max()) return std::nullopt;
  return static_cast<uint32_t>(*n);
}

std::optional<uint32_t> Number32(std::string_view text) {
  ImapValue v;
  v.text = std::string(text);
  return Number32(v);
}

/// "body[header.fields (From)]<0>" -> key "BODY[HEADER.FIELDS (FROM)]", origin 0. Upper case
/// outside quoted strings, which the tokenizer leaves inside the atom.
std::string SectionKey(std::string_view item, std::optional<uint64_t>* origin) {
  size_t close = item.rfind(']');
  std::string_view partial;
  if (close != std::string_view::npos && close + 1 < item.size() && item[close + 1] == '<' && item.back() == '>') {
    partial = item.substr(close + 2, item.size() - close - 3);
    item = item.substr(0, close + 1);
  }
  if (!partial.empty()) {
    ImapValue v;
    v.text = std::string(partial);
    *origin = ImapNumber(v);
  }
  std::string key;
  bool quoted = false;
  for (size_t i = 0; i < item.size(); ++i) {
    char c = item[i];
    if (quoted && c == '\\' && i + 1 < item.size()) {
      key += c;
      key += item[++i];
      continue;
    }
    if (c == '"') quoted = !quoted;
    key += quoted ? c : ToUpperAscii(c);
  }
  return key;
}

Status FetchItems(const ImapValue& list, FetchedMessage* m) {
  if (!list.is_list() || list.items.size() % 2 != 0) return Malformed("FETCH");
  for (size_t i = 0; i < list.items.size(); i += 2) {
    const ImapValue& name = list.items[i];
    const ImapValue& value = list.items[i + 1];
    if (name.kind != ImapValue::Kind::kAtom) return Malformed("FETCH");
    const std::string upper = ToUpperAscii(name.text);
    if (upper == "UID") {
      std::optional<uint32_t> uid = Number32(value);
      if (!uid) return Malformed("FETCH UID");
      m->uid = *uid;
    } else if (upper == "FLAGS") {
      if (!value.is_list()) return Malformed("FETCH FLAGS");
      std::vector<std::string> flags;
      for (const ImapValue& f : value.items)
        if (f.kind == ImapValue::Kind::kAtom) flags.push_back(f.text);
      m->flags = std::move(flags);
    } else if (upper == "INTERNALDATE") {
      if (!value.is_astring()) return Malformed("FETCH INTERNALDATE");
      m->internaldate = value.text;
    } else if (upper == "RFC822.SIZE") {
      std::optional<uint64_t> n = ImapNumber(value);
      if (!n) return Malformed("FETCH RFC822.SIZE");
      m->size = *n;
    } else if (upper == "MODSEQ") {
      if (!value.is_list() || value.items.size() != 1 || !ImapNumber(value.items[0])) return Malformed("FETCH MODSEQ");
      m->modseq = *ImapNumber(value.items[0]);
    } else if (upper == "ENVELOPE") {
      auto envelope = ParseEnvelope(value);
      if (!envelope.ok()) return envelope.status();
      m->envelope = std::move(*envelope);
    } else if (upper == "BODYSTRUCTURE" || upper == "BODY") {
      auto body = ParseBodyStructure(value);
      if (!body.ok()) return body.status();
      m->body = std::move(*body);
    } else if (StartsWith(upper, "BINARY.SIZE[")) {
      std::optional<uint64_t> origin;
      std::string key = SectionKey(name.text, &origin);
      std::optional<uint64_t> n = ImapNumber(value);
      if (!n) return Malformed("FETCH BINARY.SIZE");
      m->binary_sizes["BINARY" + key.substr(std::string_view("BINARY.SIZE").size())] = *n;
    } else if (StartsWith(upper, "BODY[") || StartsWith(upper, "BINARY[") || upper == "RFC822" ||
               upper == "RFC822.HEADER" || upper == "RFC822.TEXT") {
      if (value.kind != ImapValue::Kind::kNil && value.kind != ImapValue::Kind::kString)
        return Malformed("FETCH section");
      std::optional<uint64_t> origin;
      std::string key = SectionKey(name.text, &origin);
      if (origin) m->section_origins[key] = *origin;
      m->sections[key] = value.text;
    }
    // Anything else (X-GM-*, PREVIEW, SAVEDATE, EMAILID...) is skipped with its value.
  }
  return Status::OK();
}

}  // namespace

StatusOr<std::vector<FetchedMessage>> ParseFetchResponses(const std::vector<ImapResponse>& responses) {
  std::vector<FetchedMessage> out;
  std::map<uint32_t, size_t> index;  // seq -> position in out
  for (const ImapResponse& r : responses) {
    if (r.kind != ImapResponse::Kind::kUntagged || r.values.size() < 2 || !r.values[1].IsAtom("FETCH")) continue;
    if (r.values.size() != 3) return Malformed("FETCH");
    std::optional<uint32_t> seq = Number32(r.values[0]);
    if (!seq || *seq == 0) return Malformed("FETCH");
    auto [it, inserted] = index.emplace(*seq, out.size());
    if (inserted) {
      out.emplace_back();
      out.back().seq = *seq;
    }
    if (Status s = FetchItems(r.values[2], &out[it->second]); !s.ok()) return s;
  }
  return out;
}

Status ExpandSequenceSet(std::string_view set, size_t max_ids, std::vector<uint32_t>* out) {
  if (set.empty()) return Malformed("sequence set in a");
  size_t pos = 0;
  while (pos <= set.size()) {
    size_t comma = set.find(',', pos);
    if (comma == std::string_view::npos) comma = set.size();
    std::string_view element = set.substr(pos, comma - pos);
    size_t colon = element.find(':');
    std::optional<uint32_t> a = Number32(element.substr(0, colon));
    std::optional<uint32_t> b = colon == std::string_view::npos ? a : Number32(element.substr(colon + 1));
    if (!a || !b || *a == 0 || *b == 0) return Malformed("sequence set in a");
    const uint32_t lo = std::min(*a, *b), hi = std::max(*a, *b);
    if (uint64_t{hi} - lo + 1 > max_ids - std::min(max_ids, out->size()))
      return Status::ResourceExhausted("the IMAP server returned more than " + std::to_string(max_ids) + " results");
    for (uint64_t n = lo; n <= hi; ++n) out->push_back(static_cast<uint32_t>(n));
    pos = comma + 1;
  }
  return Status::OK();
}

std::string CompressSequenceSet(std::vector<uint32_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::string out;
  for (size_t i = 0; i < ids.size();) {
    size_t j = i;
    while (j + 1 < ids.size() && ids[j + 1] == ids[j] + 1) ++j;
    if (!out.empty()) out += ',';
    out += std::to_string(ids[i]);
    if (j > i) out += ':' + std::to_string(ids[j]);
    i = j + 1;
  }
  return out;
}

StatusOr<SearchResult> ParseSearchResponses(const std::vector<ImapResponse>& responses, size_t max_ids) {
  SearchResult result;
  bool plain = false, extended = false;
  for (const ImapResponse& r : responses) {
    if (r.kind != ImapResponse::Kind::kUntagged || r.values.empty()) continue;
    const std::vector<ImapValue>& v = r.values;
    if (v[0].IsAtom("SEARCH")) {
      plain = true;
      for (size_t i = 1; i < v.size(); ++i) {
        if (v[i].is_list()) {  // RFC 7162: (MODSEQ n) at the end
          if (v[i].items.size() == 2 && v[i].items[0].IsAtom("MODSEQ") && ImapNumber(v[i].items[1]))
            result.modseq = *ImapNumber(v[i].items[1]);
          continue;
        }
        std::optional<uint32_t> n = Number32(v[i]);
        if (!n) return Malformed("SEARCH");
        if (result.ids.size() >= max_ids)
          return Status::ResourceExhausted("the IMAP server returned more than " + std::to_string(max_ids) +
                                           " results");
        result.ids.push_back(*n);
      }
    } else if (v[0].IsAtom("ESEARCH")) {
      extended = true;
      size_t i = 1;
      if (i < v.size() && v[i].is_list()) ++i;  // (TAG "x"): Run already matched the command
      if (i < v.size() && v[i].IsAtom("UID")) {
        result.uid = true;
        ++i;
      }
      for (; i + 1 < v.size(); i += 2) {
        const ImapValue& name = v[i];
        const ImapValue& value = v[i + 1];
        if (name.kind != ImapValue::Kind::kAtom) return Malformed("ESEARCH");
        if (name.IsAtom("ALL")) {
          if (value.kind != ImapValue::Kind::kAtom) return Malformed("ESEARCH");
          if (Status s = ExpandSequenceSet(value.text, max_ids, &result.ids); !s.ok()) return s;
        } else if (name.IsAtom("COUNT") || name.IsAtom("MODSEQ")) {
          std::optional<uint64_t> n = ImapNumber(value);
          if (!n) return Malformed("ESEARCH");
          if (name.IsAtom("COUNT")) result.count = *n;
          else result.modseq = *n;
        } else if (name.IsAtom("MIN") || name.IsAtom("MAX")) {
          std::optional<uint32_t> n = Number32(value);
          if (!n) return Malformed("ESEARCH");
          (name.IsAtom("MIN") ? result.min : result.max) = *n;
        }
        // Other return data (PARTIAL, RELEVANCY...) is skipped with its value.
      }
      if (i != v.size()) return Malformed("ESEARCH");
    }
  }
  if (plain && !extended) result.count = result.ids.size();
  return result;
}

namespace {

/// The code's values when `resp_text` starts with [NAME ...] of `arity` atoms after the name.
std::optional<std::vector<ImapValue>> Code(std::string_view resp_text, std::string_view name, size_t arity) {
  std::vector<ImapValue> code = ImapResponseCode(resp_text);
  if (code.size() != arity + 1 || !code[0].IsAtom(name)) return std::nullopt;
  for (const ImapValue& v : code)
    if (v.kind != ImapValue::Kind::kAtom) return std::nullopt;
  return code;
}

}  // namespace

std::optional<AppendUid> ParseAppendUid(std::string_view resp_text, size_t max_ids) {
  auto code = Code(resp_text, "APPENDUID", 2);
  if (!code) return std::nullopt;
  AppendUid out;
  std::optional<uint32_t> validity = Number32((*code)[1]);
  if (!validity || !ExpandSequenceSet((*code)[2].text, max_ids, &out.uids).ok()) return std::nullopt;
  out.uidvalidity = *validity;
  return out;
}

std::optional<CopyUid> ParseCopyUid(std::string_view resp_text, size_t max_ids) {
  auto code = Code(resp_text, "COPYUID", 3);
  if (!code) return std::nullopt;
  CopyUid out;
  std::optional<uint32_t> validity = Number32((*code)[1]);
  if (!validity || !ExpandSequenceSet((*code)[2].text, max_ids, &out.source_uids).ok() ||
      !ExpandSequenceSet((*code)[3].text, max_ids, &out.dest_uids).ok() ||
      out.source_uids.size() != out.dest_uids.size())
    return std::nullopt;
  out.uidvalidity = *validity;
  return out;
}

std::optional<CopyUid> FindCopyUid(const std::vector<ImapResponse>& untagged, std::string_view tagged_text,
                                   size_t max_ids) {
  if (auto found = ParseCopyUid(tagged_text, max_ids)) return found;
  for (const ImapResponse& r : untagged)
    if (r.status() == "OK")
      if (auto found = ParseCopyUid(r.text, max_ids)) return found;
  return std::nullopt;
}

}  // namespace mail_mcp
