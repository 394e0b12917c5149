#include "tools/message_layout.h"

#include <string_view>

#include "tools/message_summary.h"

namespace mail_mcp {
namespace {

std::string_view WithoutAngles(std::string_view id) {
  while (!id.empty() && (id.front() == ' ' || id.front() == '<')) id.remove_prefix(1);
  while (!id.empty() && (id.back() == ' ' || id.back() == '>')) id.remove_suffix(1);
  return id;
}

class Walker {
 public:
  /// `named_text`: whether text leaves with a file name count as text (the second pass).
  explicit Walker(bool named_text) : named_text_(named_text) {}

  void Walk(const BodyPart& p) {
    if (p.is_message()) return out_.attachments.push_back(&p);
    if (p.is_multipart()) {
      if (p.subtype == "alternative") return Alternative(p);
      if (p.subtype == "related") return Related(p);
      for (const BodyPart& c : p.children) Walk(c);
      return;
    }
    if (IsTextLeaf(p) && p.disposition != "attachment" && (named_text_ || PartFilename(p).empty())) {
      TextSegment s;
      (p.subtype == "html" ? s.html : s.plain).push_back(&p);
      return out_.text.push_back(std::move(s));
    }
    out_.attachments.push_back(&p);
  }

  MessageLayout Take() { return std::move(out_); }

 private:
  void Alternative(const BodyPart& p) {
    TextSegment merged;
    for (const BodyPart& c : p.children) {
      Walker child(named_text_);
      child.Walk(c);
      MessageLayout l = child.Take();
      TextSegment flat;
      for (TextSegment& s : l.text) {
        flat.plain.insert(flat.plain.end(), s.plain.begin(), s.plain.end());
        flat.html.insert(flat.html.end(), s.html.begin(), s.html.end());
      }
      // Later alternatives are preferred: each one with plain text (or HTML) replaces the earlier.
      if (!flat.plain.empty()) merged.plain = std::move(flat.plain);
      if (!flat.html.empty()) merged.html = std::move(flat.html);
      out_.attachments.insert(out_.attachments.end(), l.attachments.begin(), l.attachments.end());
    }
    if (!merged.plain.empty() || !merged.html.empty()) out_.text.push_back(std::move(merged));
  }

  void Related(const BodyPart& p) {
    if (p.children.empty()) return;
    size_t root = 0;
    if (auto start = p.params.find("start"); start != p.params.end())
      for (size_t i = 0; i < p.children.size(); ++i)
        if (WithoutAngles(p.children[i].id) == WithoutAngles(start->second)) root = i;
    for (size_t i = 0; i < p.children.size(); ++i) {
      if (i == root) {
        Walk(p.children[i]);
      } else {
        Walker resources(named_text_);
        resources.Walk(p.children[i]);
        MessageLayout l = resources.Take();
        // A resource is never text of its own, but must not vanish either.
        for (const TextSegment& s : l.text)
          for (const auto* list : {&s.plain, &s.html})
            out_.attachments.insert(out_.attachments.end(), list->begin(), list->end());
        out_.attachments.insert(out_.attachments.end(), l.attachments.begin(), l.attachments.end());
      }
    }
  }

  bool named_text_;
  MessageLayout out_;
};

}  // namespace

bool IsTextLeaf(const BodyPart& p) {
  return !p.is_multipart() && !p.is_message() && p.type == "text" &&
         (p.subtype == "plain" || p.subtype == "html" || p.subtype.empty());
}

MessageLayout LayOutMessage(const BodyPart& root) {
  Walker first(/*named_text=*/false);
  first.Walk(root);
  MessageLayout layout = first.Take();
  if (!layout.text.empty()) return layout;
  // No text at all: named inline text parts are the text (a client shows them inline).
  Walker second(/*named_text=*/true);
  second.Walk(root);
  return second.Take();
}

}  // namespace mail_mcp
