#include "imap/imap_bodystructure.h"

#include <utility>

#include "util/ascii.h"

namespace mail_mcp {
namespace {

Status Malformed(const char* what) {
  return Status::InvalidArgument(std::string("malformed BODYSTRUCTURE from the IMAP server (") + what + ")");
}

/// nstring (atoms tolerated: some servers send them unquoted). NIL is "".
bool NString(const ImapValue& v, std::string* out) {
  if (v.kind == ImapValue::Kind::kNil) return true;
  if (!v.is_astring()) return false;
  *out = v.text;
  return true;
}

bool Number(const ImapValue& v, uint64_t* out) {
  if (v.kind == ImapValue::Kind::kNil) return true;  // tolerated: a few servers say NIL for unknown
  std::optional<uint64_t> n = ImapNumber(v);
  if (!n) return false;
  *out = *n;
  return true;
}

/// body-fld-param: NIL or ("name" "value" ...).
Status Params(const ImapValue& v, std::map<std::string, std::string>* out) {
  if (v.kind == ImapValue::Kind::kNil) return Status::OK();
  if (!v.is_list() || v.items.size() % 2 != 0) return Malformed("parameter list");
  for (size_t i = 0; i < v.items.size(); i += 2) {
    if (!v.items[i].is_astring() || !v.items[i + 1].is_astring()) return Malformed("parameter");
    out->emplace(ToLowerAscii(v.items[i].text), v.items[i + 1].text);  // the first of duplicates wins
  }
  return Status::OK();
}

/// The extension fields shared by both kinds, from `i` on: body-fld-dsp, body-fld-lang,
/// body-fld-loc, then anything a later RFC adds, which is skipped.
Status Extensions(const std::vector<ImapValue>& f, size_t i, BodyPart* p) {
  if (i < f.size()) {
    const ImapValue& dsp = f[i];
    if (dsp.is_list()) {
      if (dsp.items.size() != 2 || !dsp.items[0].is_astring()) return Malformed("disposition");
      p->disposition = ToLowerAscii(dsp.items[0].text);
      if (Status s = Params(dsp.items[1], &p->disposition_params); !s.ok()) return s;
    } else if (dsp.kind != ImapValue::Kind::kNil) {
      return Malformed("disposition");
    }
  }
  if (++i < f.size()) {
    const ImapValue& lang = f[i];
    if (lang.is_list()) {
      for (const ImapValue& l : lang.items)
        if (l.is_astring()) p->language.push_back(l.text);
    } else if (lang.is_astring()) {
      p->language.push_back(lang.text);
    }
  }
  if (++i < f.size()) NString(f[i], &p->location);  // a non-string here is ignored like future data
  return Status::OK();
}

struct Numbering {
  std::string single;     // this part's number if it is not multipart
  std::string multipart;  // ... and if it is
  std::string children;   // prefix of the children's numbers
};

Status Parse(const ImapValue& v, const Numbering& n, size_t depth, size_t max_depth, BodyPart* p) {
  if (depth > max_depth) return Malformed("nested too deeply");
  if (!v.is_list() || v.items.empty()) return Malformed("body is not a list");
  const std::vector<ImapValue>& f = v.items;

  if (f[0].is_list()) {  // body-type-mpart: 1*body SP media-subtype [SP body-ext-mpart]
    p->part = n.multipart;
    p->type = "multipart";
    size_t i = 0;
    for (; i < f.size() && f[i].is_list(); ++i) {
      const std::string number = n.children + std::to_string(i + 1);
      BodyPart child;
      if (Status s = Parse(f[i], {number, number, number + "."}, depth + 1, max_depth, &child); !s.ok()) return s;
      p->children.push_back(std::move(child));
    }
    if (i >= f.size() || !f[i].is_astring()) return Malformed("multipart subtype");
    p->subtype = ToLowerAscii(f[i].text);
    if (++i < f.size())
      if (Status s = Params(f[i], &p->params); !s.ok()) return s;
    return Extensions(f, i + 1, p);
  }

  // body-type-1part: type subtype params id description encoding size [...]
  p->part = n.single;
  if (f.size() < 7) return Malformed("too few fields");
  if (!f[0].is_astring() || !f[1].is_astring()) return Malformed("media type");
  p->type = ToLowerAscii(f[0].text);
  p->subtype = ToLowerAscii(f[1].text);
  // A Content-Type without a subtype is reported with an empty one ("Content-Type: text" comes as
  // "text" ""): RFC 2045 §5.2 makes an unusable Content-Type text/plain, and a subtype-less other
  // type is opaque data.
  if (p->type.empty() || (p->type == "text" && p->subtype.empty())) p->type = "text", p->subtype = "plain";
  else if (p->subtype.empty()) p->type = "application", p->subtype = "octet-stream";
  if (Status s = Params(f[2], &p->params); !s.ok()) return s;
  std::string encoding;
  if (!NString(f[3], &p->id) || !NString(f[4], &p->description) || !NString(f[5], &encoding) || !Number(f[6], &p->size))
    return Malformed("basic fields");
  p->encoding = ToLowerAscii(encoding);
  size_t i = 7;
  if (p->type == "message" && (p->subtype == "rfc822" || p->subtype == "global") && f.size() >= 10 && f[7].is_list() &&
      f[8].is_list()) {
    auto envelope = ParseEnvelope(f[7]);
    if (!envelope.ok()) return envelope.status();
    p->envelope = std::move(*envelope);
    BodyPart body;
    const Numbering inner{p->part + ".1", p->part + ".TEXT", p->part + "."};
    if (Status s = Parse(f[8], inner, depth + 1, max_depth, &body); !s.ok()) return s;
    p->children.push_back(std::move(body));
    if (!Number(f[9], &p->lines)) return Malformed("line count");
    i = 10;
  } else if (p->type == "text" && f.size() >= 8) {
    if (!Number(f[7], &p->lines)) return Malformed("line count");
    i = 8;
  }
  if (i < f.size()) NString(f[i], &p->md5);  // body-fld-md5
  return Extensions(f, i + 1, p);
}

}  // namespace

StatusOr<BodyPart> ParseBodyStructure(const ImapValue& value, size_t max_depth) {
  BodyPart root;
  if (Status s = Parse(value, {"1", "TEXT", ""}, 0, max_depth, &root); !s.ok()) return s;
  return root;
}

}  // namespace mail_mcp
