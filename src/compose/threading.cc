#include "compose/threading.h"

#include <set>

namespace mail_mcp {

Status ValidateMessageId(std::string_view id, std::string_view field) {
  const std::string f(field);
  for (char c : id)
    if (c == '\r' || c == '\n' || c == '\0') return Status::InvalidArgument(f + " must not contain CR, LF or NUL");
  if (id.size() < 3 || id.front() != '<' || id.back() != '>')
    return Status::InvalidArgument(f + " must be a message id in angle brackets, like <id@host>");
  if (id.size() > kMaxMessageIdBytes) return Status::InvalidArgument(f + " is too long");
  for (unsigned char c : id.substr(1, id.size() - 2))
    if (c <= ' ' || c >= 0x7f || c == '<' || c == '>')
      return Status::InvalidArgument(f + " must be printable ASCII without spaces or brackets inside");
  return Status::OK();
}

std::vector<std::string> ExtractMessageIds(std::string_view raw) {
  std::vector<std::string> ids;
  size_t pos = 0;
  while ((pos = raw.find('<', pos)) != std::string_view::npos) {
    const size_t end = raw.find('>', pos);
    if (end == std::string_view::npos) break;
    // A stray "<" before the real id: restart at the last "<" before this ">".
    const size_t start = raw.rfind('<', end);
    const std::string_view id = raw.substr(start, end - start + 1);
    if (ValidateMessageId(id, "id").ok()) ids.emplace_back(id);
    pos = end + 1;
  }
  return ids;
}

std::string ReplySubject(std::string_view original_subject) {
  std::string subject(original_subject);
  for (char& c : subject)
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
  const size_t first = subject.find_first_not_of(' ');
  const std::string_view rest =
      first == std::string::npos ? std::string_view() : std::string_view(subject).substr(first);
  if (rest.size() >= 3 && (rest[0] == 'R' || rest[0] == 'r') && (rest[1] == 'E' || rest[1] == 'e') && rest[2] == ':')
    return subject;
  return "Re: " + std::string(rest);
}

std::string BuildReferences(std::string_view original_references, std::string_view original_message_id) {
  std::vector<std::string> ids = ExtractMessageIds(original_references);
  const std::vector<std::string> own = ExtractMessageIds(original_message_id);
  std::vector<std::string> unique;
  std::set<std::string> seen;
  for (const std::string& id : ids) {
    if (!own.empty() && id == own.front()) continue;  // it goes last, where it belongs
    if (seen.insert(id).second) unique.push_back(id);
  }
  if (!own.empty()) unique.push_back(own.front());
  if (unique.size() > kMaxReferences)
    unique.erase(unique.begin() + 1, unique.end() - static_cast<std::ptrdiff_t>(kMaxReferences - 1));
  std::string out;
  for (const std::string& id : unique) {
    if (!out.empty()) out += ' ';
    out += id;
  }
  return out;
}

}  // namespace mail_mcp
