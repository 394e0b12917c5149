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

bool HasBytes(const std::vector<const BodyPart*>& parts) {
  for (const BodyPart* p : parts)
    if (p->size > 0) return true;
  return false;
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
      for (const BodyPart& c : p.children) {
        if (p.subtype == "digest" && c.is_message() && c.disposition != "attachment" && !c.children.empty())
          Digested(c);
        else Walk(c);
      }
      return;
    }
    if (IsTextLeaf(p) && p.disposition != "attachment" && (named_text_ || PartFilename(p).empty())) {
      out_.text.push_back(&p);
      if (p.subtype == "html") out_.html.push_back(&p);
      return;
    }
    out_.attachments.push_back(&p);
  }

  MessageLayout Take() { return std::move(out_); }

 private:
  void Alternative(const BodyPart& p) {
    std::vector<const BodyPart*> text, html;
    for (const BodyPart& c : p.children) {
      Walker child(named_text_);
      child.Walk(c);
      MessageLayout l = child.Take();
      // Later alternatives are preferred: each one with text (or HTML) replaces the earlier, unless
      // all its text parts are empty (a broken sender's empty HTML must not hide its plain text).
      if (HasBytes(l.text) || (!l.text.empty() && !HasBytes(text))) text = std::move(l.text);
      if (HasBytes(l.html) || (!l.html.empty() && !HasBytes(html))) html = std::move(l.html);
      out_.attachments.insert(out_.attachments.end(), l.attachments.begin(), l.attachments.end());
    }
    out_.text.insert(out_.text.end(), text.begin(), text.end());
    out_.html.insert(out_.html.end(), html.begin(), html.end());
  }

  /// A digest's message: its text inline under a heading, the message itself an attachment.
  void Digested(const BodyPart& message) {
    out_.attachments.push_back(&message);
    Walker inner(/*named_text=*/false);
    inner.Walk(message.children[0]);
    MessageLayout l = inner.Take();
    if (l.text.empty()) return;
    out_.headings.emplace(l.text.front(), &message);
    out_.headings.insert(l.headings.begin(), l.headings.end());
    out_.text.insert(out_.text.end(), l.text.begin(), l.text.end());
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
        out_.attachments.insert(out_.attachments.end(), l.text.begin(), l.text.end());
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
