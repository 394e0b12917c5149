#include "mime/message.h"

#include "mime/charset.h"
#include "mime/format_flowed.h"
#include "mime/header_params.h"
#include "mime/html_to_text.h"
#include "util/ascii.h"
#include "util/utf8.h"

namespace mail_mcp {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string Join(const std::string& prefix, size_t n) {
  return prefix.empty() ? std::to_string(n) : prefix + "." + std::to_string(n);
}

/// One line of `s` starting at `pos`: [pos, content_end) without its line break, `next` after it.
struct Line {
  size_t content_end;
  size_t next;
};
Line LineAt(std::string_view s, size_t pos) {
  const size_t nl = s.find('\n', pos);
  if (nl == std::string_view::npos) return {s.size(), s.size()};
  return {nl > pos && s[nl - 1] == '\r' ? nl - 1 : nl, nl + 1};
}

/// A header field name: printable ASCII without ':' (blanks before the colon are obsolete syntax
/// and tolerated). Returns the colon position or npos.
size_t FieldColon(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && line[i] != ':') {
    const unsigned char c = static_cast<unsigned char>(line[i]);
    if (c <= 32 || c >= 127) break;
    ++i;
  }
  if (i == 0) return std::string_view::npos;
  const size_t name_end = i;
  while (i < line.size() && IsBlank(line[i])) ++i;
  if (i >= line.size() || line[i] != ':' || name_end == 0) return std::string_view::npos;
  return i;
}

/// Splits header block and body. The header block ends at the first empty line, or at the first
/// line that is neither a field nor a continuation (that line then starts the body).
std::string_view SplitHeaders(std::string_view raw, std::vector<std::pair<std::string, std::string>>* headers) {
  size_t pos = 0;
  if (raw.substr(0, 5) == "From ") pos = LineAt(raw, 0).next;  // an mbox separator line
  while (pos < raw.size()) {
    const Line l = LineAt(raw, pos);
    const std::string_view line = raw.substr(pos, l.content_end - pos);
    if (line.empty()) return raw.substr(l.next);
    if (IsBlank(line[0])) {
      if (!headers->empty() && headers->size() <= kMaxHeaderFields) headers->back().second += line;
    } else {
      const size_t colon = FieldColon(line);
      if (colon == std::string_view::npos) return raw.substr(pos);
      if (headers->size() < kMaxHeaderFields) {
        std::string_view name = Trim(line.substr(0, colon));
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && IsBlank(value.front())) value.remove_prefix(1);
        headers->emplace_back(std::string(name), std::string(value));
      }  // over the limit: keep scanning for the body, store nothing
    }
    pos = l.next;
  }
  return {};
}

/// The bodies between "--boundary" delimiter lines; preamble and epilogue dropped. A delimiter
/// line is "--" boundary, optionally "--" (the close), then only blanks. The line break before a
/// delimiter belongs to it. Without a close delimiter the last part runs to the end. Returns
/// false when no delimiter line occurs at all.
bool SplitMultipart(std::string_view body, std::string_view boundary, size_t max_parts,
                    std::vector<std::string_view>* parts) {
  bool found = false, open = false;
  size_t part_start = 0;
  size_t pos = 0;
  while (pos < body.size()) {
    const Line l = LineAt(body, pos);
    std::string_view line = body.substr(pos, l.content_end - pos);
    if (line.size() >= 2 + boundary.size() && line[0] == '-' && line[1] == '-' &&
        line.substr(2, boundary.size()) == boundary) {
      std::string_view rest = line.substr(2 + boundary.size());
      const bool close = rest.substr(0, 2) == "--";
      if (close) rest.remove_prefix(2);
      while (!rest.empty() && IsBlank(rest.front())) rest.remove_prefix(1);
      if (rest.empty()) {
        found = true;
        if (open) {
          size_t end = pos;
          if (end > part_start && body[end - 1] == '\n') --end;
          if (end > part_start && body[end - 1] == '\r') --end;
          parts->push_back(body.substr(part_start, end - part_start));
          open = false;
        }
        if (close || parts->size() >= max_parts) return true;
        open = true;
        part_start = l.next;
      }
    }
    pos = l.next;
  }
  if (open) parts->push_back(body.substr(part_start));  // truncated: close what is open
  return found;
}

struct Context {
  size_t parts = 0;
  size_t copied = 0;  // bytes copied into message/rfc822 container bodies
  size_t copy_budget = 0;
};

/// Parses one entity. As a message (`is_message`), a single-part entity is numbered `id`.1 and a
/// multipart keeps `id`; as a body part it is numbered `id`.
MimePart ParseEntity(std::string_view raw, const std::string& id, bool is_message, bool digest_child, int depth,
                     Context* ctx) {
  ++ctx->parts;
  MimePart part;
  const std::string_view body = SplitHeaders(raw, &part.headers);

  const HeaderValue type = ParseHeaderValue(GetHeader(part, "Content-Type"));
  part.type_params = type.params;
  const size_t slash = type.value.find('/');
  if (slash != std::string::npos && slash > 0 && slash + 1 < type.value.size()) part.content_type = type.value;
  else part.content_type = digest_child ? "message/rfc822" : "text/plain";
  part.transfer_encoding = ToLowerAscii(Trim(GetHeader(part, "Content-Transfer-Encoding")));
  const HeaderValue disp = ParseHeaderValue(GetHeader(part, "Content-Disposition"));
  part.disposition = disp.value;
  if (auto it = disp.params.find("filename"); it != disp.params.end() && !it->second.empty())
    part.filename = it->second;
  else if (auto n = type.params.find("name"); n != type.params.end()) part.filename = n->second;
  const std::string cid_header = GetHeader(part, "Content-ID");
  std::string_view cid = Trim(cid_header);
  if (cid.size() >= 2 && cid.front() == '<' && cid.back() == '>') cid = cid.substr(1, cid.size() - 2);
  part.content_id = std::string(Trim(cid));

  const bool splittable = depth < kMaxMimeDepth && ctx->parts < kMaxMimeParts;
  if (part.content_type.compare(0, 10, "multipart/") == 0) {
    part.part_id = id;
    const auto b = part.type_params.find("boundary");
    std::vector<std::string_view> bodies;
    if (splittable && b != part.type_params.end() && !b->second.empty() &&
        SplitMultipart(body, b->second, kMaxMimeParts - ctx->parts, &bodies)) {
      const bool digest = part.content_type == "multipart/digest";
      for (size_t k = 0; k < bodies.size() && ctx->parts < kMaxMimeParts; ++k)
        part.children.push_back(ParseEntity(bodies[k], Join(id, k + 1), false, digest, depth + 1, ctx));
      return part;
    }
    if (splittable) {
      // No usable boundary: show the body as text rather than lose it.
      part.content_type = "text/plain";
    }
    part.part_id = is_message ? Join(id, 1) : id;
    part.body = std::string(body);
    return part;
  }

  part.part_id = is_message ? Join(id, 1) : id;
  if ((part.content_type == "message/rfc822" || part.content_type == "message/global") && splittable) {
    std::string decoded;
    std::string_view inner = body;
    if (part.transfer_encoding == "base64" || part.transfer_encoding == "quoted-printable") {
      decoded = DecodeTransferEncoding(body, part.transfer_encoding);
      inner = decoded;
    }
    part.children.push_back(ParseEntity(inner, part.part_id, true, false, depth + 1, ctx));
    // Nested message/rfc822 containers each hold their whole inner message; cap the copies.
    if (ctx->copied + body.size() <= ctx->copy_budget) {
      ctx->copied += body.size();
      part.body = std::string(body);
    }
    return part;
  }
  part.body = std::string(body);
  return part;
}

const MimePart* FindPartIn(const MimePart& p, std::string_view id) {
  if (p.part_id == id) return &p;
  for (const MimePart& c : p.children)
    if (const MimePart* f = FindPartIn(c, id)) return f;
  return nullptr;
}

}  // namespace

StatusOr<MimePart> ParseMimeMessage(std::string_view raw) {
  if (raw.size() > kMaxMimeMessageBytes)
    return Status::ResourceExhausted("message larger than " + std::to_string(kMaxMimeMessageBytes >> 20) + " MiB");
  Context ctx;
  ctx.copy_budget = 2 * raw.size();
  return ParseEntity(raw, "", true, false, 0, &ctx);
}

std::string DecodeBodyText(std::string_view raw, std::string_view transfer_encoding,
                           const std::map<std::string, std::string>& params, std::string_view content_type) {
  const std::string bytes = DecodeTransferEncoding(raw, transfer_encoding);
  const auto param = [&](const char* name) {
    const auto it = params.find(name);
    return it == params.end() ? std::string_view() : std::string_view(it->second);
  };
  std::string charset(param("charset"));
  if (charset.empty()) charset = "us-ascii";
  // HTML names its charset in a <meta> element when the MIME header does not; IMAP servers then
  // report us-ascii, so under that label 8-bit bytes that are not UTF-8 are read as the document
  // declares, as mail clients read them. UTF-16/32 declarations are wrong for bytes read this far.
  if (content_type == "text/html" && CanonicalCharset(charset) == "us-ascii" && !IsValidUtf8(bytes)) {
    const std::string declared = CanonicalCharset(HtmlMetaCharset(bytes));
    if (!declared.empty() && declared.rfind("utf-16", 0) != 0 && declared.rfind("utf-32", 0) != 0) charset = declared;
  }
  std::string text = ToUtf8(bytes, charset).utf8;
  if (content_type == "text/plain" && EqualsIgnoreCase(Trim(param("format")), "flowed"))
    return UnwrapFlowed(text, EqualsIgnoreCase(Trim(param("delsp")), "yes"));
  // Mail uses CRLF on the wire; the tools hand out text with LF line breaks.
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) out.push_back(text[i]);
  return out;
}

std::string PartText(const MimePart& part) {
  return DecodeBodyText(part.body, part.transfer_encoding, part.type_params, part.content_type);
}

const std::string* FindHeader(const MimePart& part, std::string_view name) {
  for (const auto& [n, v] : part.headers)
    if (EqualsIgnoreCase(n, name)) return &v;
  return nullptr;
}

std::string GetHeader(const MimePart& part, std::string_view name) {
  const std::string* v = FindHeader(part, name);
  return v ? *v : std::string();
}

std::vector<std::string> GetHeaders(const MimePart& part, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [n, v] : part.headers)
    if (EqualsIgnoreCase(n, name)) out.push_back(v);
  return out;
}

const MimePart* FindPart(const MimePart& root, std::string_view part_id) { return FindPartIn(root, part_id); }

}  // namespace mail_mcp
