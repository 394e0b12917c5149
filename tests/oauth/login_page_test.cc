#include "oauth/login_page.h"

#include <cctype>
#include <optional>
#include <thread>

#include "testing.h"

using namespace mail_mcp;

namespace {

/// Strings that break out of an attribute, an element or an entity if escaping is missing.
const std::vector<std::string> kPayloads = {
    "\"><script>alert(1)</script>",
    "' onmouseover='x",
    "</textarea><img src=x onerror=alert(1)>",
    "a&amp;b &lt;c&gt; &quot;",
    "{{action}} {{{email}}}",
    "\xC3\xA9l\xC3\xA8ve \xE2\x80\x94 \xF0\x9F\x93\xA7",
    "line1\nline2\ttab",
};

/// Undoes the five entities the templates produce; any other '&' would be a bug.
std::string DecodeEntities(const std::string& s) {
  static const std::pair<const char*, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    bool matched = false;
    if (s[i] == '&') {
      for (const auto& [entity, ch] : kEntities) {
        if (s.compare(i, std::string_view(entity).size(), entity) == 0) {
          out += ch;
          i += std::string_view(entity).size();
          matched = true;
          break;
        }
      }
    }
    if (!matched) out += s[i++];
  }
  return out;
}

LoginPageModel Sample() {
  LoginPageModel m;
  m.client_name = "Claude";
  m.return_host = "claude.ai";
  m.permissions = {
      {.id = "read", .scope = "mail:read", .label = "Read your mail", .detail = "See messages.", .sensitive = false},
      {.id = "send", .scope = "mail:send", .label = "Send mail as you", .detail = "Send.", .sensitive = true},
      {.id = "delete",
       .scope = "mail:delete",
       .label = "Delete messages",
       .detail = "Delete.",
       .sensitive = true,
       .checked = false},
  };
  m.imap_server = "imap.example.com:993";
  m.smtp_server = "smtp.example.com:465";
  m.hidden = {{"client_id", "cid"},
              {"redirect_uri", "https://claude.ai/api/mcp/auth_callback"},
              {"state", "st"},
              {"code_challenge", "abc"},
              {"code_challenge_method", "S256"},
              {"response_type", "code"}};
  return m;
}

/// The tags of a page, in order, as their text between '<' and '>'. Escaped values hold no '<',
/// '>' or '"', so a tag ends at the first '>'.
std::vector<std::string> Tags(const std::string& page) {
  std::vector<std::string> tags;
  for (size_t lt = page.find('<'); lt != std::string::npos; lt = page.find('<', lt + 1)) {
    if (lt + 1 >= page.size() ||
        !(isalpha(static_cast<unsigned char>(page[lt + 1])) || page[lt + 1] == '/' || page[lt + 1] == '!'))
      continue;
    size_t gt = page.find('>', lt);
    if (gt == std::string::npos) break;
    tags.push_back(page.substr(lt + 1, gt - lt - 1));
  }
  return tags;
}

/// A tag's name and attributes, values kept raw (still escaped). An attribute is name="value" or a
/// bare name; anything else (a stray quote, say) is reported as the pseudo-attribute "!!".
struct ParsedTag {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attrs;
};
ParsedTag ParseTag(const std::string& tag) {
  auto is_name = [](char c) {
    return isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ':' || c == '!' || c == '/';
  };
  ParsedTag out;
  size_t i = 0;
  while (i < tag.size() && is_name(tag[i])) out.name += tag[i++];
  while (i < tag.size()) {
    if (isspace(static_cast<unsigned char>(tag[i]))) {
      ++i;
      continue;
    }
    if (tag[i] == '/' && i + 1 == tag.size()) break;  // <path … />
    std::string name;
    while (i < tag.size() && is_name(tag[i]) && tag[i] != '/') name += tag[i++];
    if (name.empty()) {
      out.attrs.push_back({"!!", tag.substr(i)});
      break;
    }
    std::string value;
    if (i < tag.size() && tag[i] == '=') {
      size_t close = tag.find('"', i + 2);
      if (i + 1 >= tag.size() || tag[i + 1] != '"' || close == std::string::npos) {
        out.attrs.push_back({"!!", tag.substr(i)});
        break;
      }
      value = tag.substr(i + 2, close - i - 2);
      i = close + 1;
      if (i < tag.size() && !isspace(static_cast<unsigned char>(tag[i])) && tag[i] != '/') {
        out.attrs.push_back({"!!", tag.substr(i)});
        break;
      }
    }
    out.attrs.push_back({name, value});
  }
  return out;
}

/// Every tag as "name attr1 attr2 …", values dropped: the page's structure.
std::vector<std::string> TagShapes(const std::string& page) {
  std::vector<std::string> shapes;
  for (const std::string& tag : Tags(page)) {
    ParsedTag t = ParseTag(tag);
    std::string shape = t.name;
    for (const auto& a : t.attrs) shape += " " + a.first;
    shapes.push_back(shape);
  }
  return shapes;
}

/// The raw value of attribute `attr` in `tag`, or nullopt.
std::optional<std::string> Attr(const ParsedTag& tag, const std::string& attr) {
  for (const auto& [name, value] : tag.attrs)
    if (name == attr) return value;
  return std::nullopt;
}

/// The decoded value of attribute `attr` on the element with id `id`, or "<absent>".
std::string AttrById(const std::string& page, const std::string& id, const std::string& attr) {
  for (const std::string& tag : Tags(page)) {
    ParsedTag t = ParseTag(tag);
    if (Attr(t, "id") != id) continue;
    auto v = Attr(t, attr);
    return v ? DecodeEntities(*v) : "<absent>";
  }
  return "<no element>";
}

/// What the regex <input type="hidden" name="([^"]*)" value="([^"]*)"> captures, match by match.
std::vector<std::pair<std::string, std::string>> HiddenInputs(const std::string& page) {
  static const std::string kOpen = "<input type=\"hidden\" name=\"", kMid = "\" value=\"", kClose = "\">";
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t at = page.find(kOpen); at != std::string::npos; at = page.find(kOpen, at + 1)) {
    size_t name_begin = at + kOpen.size(), name_end = page.find('"', name_begin);
    if (name_end == std::string::npos || page.compare(name_end, kMid.size(), kMid) != 0) continue;
    size_t value_begin = name_end + kMid.size(), value_end = page.find('"', value_begin);
    if (value_end == std::string::npos || page.compare(value_end, kClose.size(), kClose) != 0) continue;
    out.push_back({page.substr(name_begin, name_end - name_begin), page.substr(value_begin, value_end - value_begin)});
  }
  return out;
}

/// The raw action of the login form.
std::string FormAction(const std::string& page) {
  static const std::string kOpen = "<form method=\"post\" action=\"";
  size_t at = page.find(kOpen);
  if (at == std::string::npos) return "<no form>";
  size_t begin = at + kOpen.size(), end = page.find("\">", begin);
  return page.substr(begin, end - begin);
}

/// What the templates make of a value: the five characters HTML escaping touches.
std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST(LoginPage, TemplatesParse) { EXPECT_OK(CheckPageTemplates()); }

TEST(LoginPage, RendersAWholePageWithTheServersAndTheForm) {
  std::string page = RenderLoginPage(Sample());
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_CONTAINS(page, "</html>");
  EXPECT_CONTAINS(page, "<meta name=\"viewport\"");
  EXPECT_CONTAINS(page, "<dd>imap.example.com:993</dd>");
  EXPECT_CONTAINS(page, "<dd>smtp.example.com:465</dd>");
  EXPECT_CONTAINS(page, "<h1 id=\"title\">Claude wants to use your mailbox</h1>");
  EXPECT_CONTAINS(page, "<form method=\"post\" action=\"/oauth/authorize\">");
  EXPECT_CONTAINS(page, "app password");
  EXPECT_EQ(page.find("{{"), std::string::npos);  // no unrendered tag, no leaked comment
  EXPECT_EQ(page.find("}}"), std::string::npos);
}

TEST(LoginPage, HiddenInputsHaveTheExactFormAndRoundTrip) {
  LoginPageModel m = Sample();
  m.hidden.clear();
  for (size_t i = 0; i < kPayloads.size(); ++i) m.hidden.push_back({"p" + std::to_string(i), kPayloads[i]});
  m.hidden.push_back({"state", ""});
  m.hidden.push_back({kPayloads[0], "value for a hostile name"});
  std::string page = RenderLoginPage(m);

  auto found = HiddenInputs(page);
  ASSERT_EQ(found.size(), m.hidden.size());
  for (size_t i = 0; i < found.size(); ++i) {
    EXPECT_EQ(DecodeEntities(found[i].first), m.hidden[i].first);
    EXPECT_EQ(DecodeEntities(found[i].second), m.hidden[i].second);
  }
  EXPECT_EQ(Count(page, "type=\"hidden\""), m.hidden.size());
}

TEST(LoginPage, HostileValuesInEveryFieldAreEscaped) {
  LoginPageModel benign = Sample();
  benign.errors = {"x", "y"};
  benign.email = benign.full_name = benign.imap_username = benign.smtp_username = "x";
  benign.imap_server = benign.smtp_server = "x";
  benign.action = "/oauth/authorize";
  benign.client_name = benign.return_host = "x";
  for (auto& perm : benign.permissions) perm.id = perm.scope = perm.label = perm.detail = "x";
  const auto shape = TagShapes(RenderLoginPage(benign));

  for (const std::string& p : kPayloads) {
    LoginPageModel m = benign;
    m.imap_server = "imap" + p;
    m.smtp_server = "smtp" + p;
    m.errors = {"IMAP: " + p, "SMTP: " + p};
    for (auto& h : m.hidden) h.second = p;
    m.email = "e" + p;
    m.full_name = "n" + p;
    m.imap_username = "i" + p;
    m.smtp_username = "s" + p;
    m.action = "/a" + p;
    m.client_name = "c" + p;
    m.return_host = "h" + p;
    for (auto& perm : m.permissions) {
      perm.id = "i" + p;
      perm.scope = "s" + p;
      perm.label = "l" + p;
      perm.detail = "d" + p;
    }
    std::string page = RenderLoginPage(m);

    EXPECT_EQ(page.find("<script"), std::string::npos);
    EXPECT_EQ(page.find("<img"), std::string::npos);
    EXPECT_EQ(page.find("</textarea"), std::string::npos);
    EXPECT_EQ(page.find("onmouseover='"), std::string::npos);
    // Same tags with the same attributes as with harmless values: nothing broke out.
    EXPECT_TRUE(TagShapes(page) == shape);
    // And every value reads back exactly, so escaping happened once, not twice.
    EXPECT_EQ(AttrById(page, "email", "value"), m.email);
    EXPECT_EQ(AttrById(page, "full_name", "value"), m.full_name);
    EXPECT_EQ(AttrById(page, "imap_username", "value"), m.imap_username);
    EXPECT_EQ(AttrById(page, "smtp_username", "value"), m.smtp_username);
    EXPECT_EQ(DecodeEntities(FormAction(page)), m.action);
    EXPECT_EQ(AttrById(page, "grant_i" + Escape(p), "value"), "s" + p);
    EXPECT_CONTAINS(page, "<strong>h" + Escape(p) + "</strong>");
  }
}

TEST(LoginPage, EscapesEachEntityOnceAndQuotesBothWays) {
  LoginPageModel m = Sample();
  m.email = "a&amp;b";
  m.full_name = "O'Brien \"Bob\" <b>";
  m.errors = {"IMAP: login failed <AUTHENTICATIONFAILED> & 'invalid'"};
  std::string page = RenderLoginPage(m);
  EXPECT_CONTAINS(page, "value=\"a&amp;amp;b\"");
  EXPECT_CONTAINS(page, "value=\"O&apos;Brien &quot;Bob&quot; &lt;b&gt;\"");
  EXPECT_CONTAINS(page, "<li>IMAP: login failed &lt;AUTHENTICATIONFAILED&gt; &amp; &apos;invalid&apos;</li>");
}

TEST(LoginPage, ErrorBannerOnlyWhenThereAreErrors) {
  LoginPageModel m = Sample();
  std::string clean = RenderLoginPage(m);
  EXPECT_EQ(clean.find("role=\"alert\""), std::string::npos);
  EXPECT_EQ(clean.find("<li>"), std::string::npos);

  m.errors = {"IMAP: login failed (check the username and app password)", "SMTP: connection timed out"};
  std::string failed = RenderLoginPage(m);
  EXPECT_EQ(Count(failed, "role=\"alert\""), 1u);
  EXPECT_EQ(Count(failed, "<li>"), 2u);
  EXPECT_CONTAINS(failed, "<li>IMAP: login failed (check the username and app password)</li>");
  EXPECT_CONTAINS(failed, "<li>SMTP: connection timed out</li>");
  // Read before the permissions and the fields, across the whole width.
  EXPECT_LT(failed.find("role=\"alert\""), failed.find("id=\"grant_read\""));
  EXPECT_LT(failed.find("role=\"alert\""), failed.find("id=\"email\""));
}

TEST(LoginPage, RefillsNonSecretFieldsButNeverPasswords) {
  LoginPageModel m = Sample();
  m.email = "ada@example.com";
  m.full_name = "Ada Lovelace";
  m.imap_username = "ada";
  m.smtp_username = "ada-smtp";
  std::string page = RenderLoginPage(m);
  EXPECT_EQ(AttrById(page, "email", "value"), "ada@example.com");
  EXPECT_EQ(AttrById(page, "full_name", "value"), "Ada Lovelace");
  EXPECT_EQ(AttrById(page, "imap_username", "value"), "ada");
  EXPECT_EQ(AttrById(page, "smtp_username", "value"), "ada-smtp");

  size_t passwords = 0;
  for (const std::string& tag : Tags(page)) {
    ParsedTag t = ParseTag(tag);
    if (t.name != "input" || Attr(t, "type") != "password") continue;
    ++passwords;
    EXPECT_FALSE(Attr(t, "value").has_value());
  }
  EXPECT_EQ(passwords, 2u);
  EXPECT_EQ(AttrById(page, "imap_password", "name"), "imap_password");
  EXPECT_EQ(AttrById(page, "smtp_password", "name"), "smtp_password");
}

TEST(LoginPage, FieldsHaveNamesLabelsAndAutocomplete) {
  std::string page = RenderLoginPage(Sample());
  const std::pair<const char*, const char*> fields[] = {{"email", "email"},
                                                        {"full_name", "name"},
                                                        {"imap_username", "section-imap username"},
                                                        {"imap_password", "section-imap current-password"},
                                                        {"smtp_username", "section-smtp username"},
                                                        {"smtp_password", "section-smtp current-password"}};
  for (const auto& [id, autocomplete] : fields) {
    EXPECT_EQ(AttrById(page, id, "name"), id);
    EXPECT_EQ(AttrById(page, id, "autocomplete"), autocomplete);
    EXPECT_CONTAINS(page, std::string("<label for=\"") + id + "\">");
  }
  EXPECT_EQ(AttrById(page, "email", "type"), "email");
  EXPECT_CONTAINS(page, "<label for=\"smtp_same\">");
  EXPECT_EQ(AttrById(page, "smtp_same", "type"), "checkbox");
  EXPECT_EQ(AttrById(page, "smtp_same", "name"), "smtp_same");
  EXPECT_EQ(AttrById(page, "smtp_same", "value"), "1");
}

TEST(LoginPage, SmtpSameCheckboxFollowsTheModel) {
  LoginPageModel m = Sample();
  EXPECT_CONTAINS(RenderLoginPage(m), "name=\"smtp_same\" type=\"checkbox\" value=\"1\" checked>");
  m.smtp_same = false;
  std::string page = RenderLoginPage(m);
  EXPECT_CONTAINS(page, "name=\"smtp_same\" type=\"checkbox\" value=\"1\">");
  EXPECT_EQ(AttrById(page, "smtp_same", "checked"), "<absent>");
}

TEST(LoginPage, LoadsNothingFromElsewhereAndHasNoScript) {
  LoginPageModel m = Sample();
  m.hidden = {{"state", "s"}};  // the real redirect_uri is a URL, but only as a value
  m.errors = {"IMAP: x"};
  for (const std::string& page : {RenderLoginPage(m), RenderErrorPage("Unknown client", "No such client.")}) {
    EXPECT_EQ(page.find("src="), std::string::npos);
    EXPECT_EQ(page.find("href="), std::string::npos);
    EXPECT_EQ(page.find("url("), std::string::npos);
    EXPECT_EQ(page.find("@import"), std::string::npos);
    EXPECT_EQ(page.find("http:"), std::string::npos);
    EXPECT_EQ(page.find("https:"), std::string::npos);
    EXPECT_EQ(page.find("<script"), std::string::npos);
    for (const std::string& tag : Tags(page))  // no inline event handlers
      for (const auto& attr : ParseTag(tag).attrs) EXPECT_NE(attr.first.rfind("on", 0), 0u);
  }
}

TEST(LoginPage, AProviderClientGetsTheSameConsentWithContinueInPlaceOfTheMailboxFields) {
  LoginPageModel m = Sample();
  m.provider = "Google";
  m.provider_account_hint = "a Google account (Gmail or Google Workspace)";
  std::string page = RenderLoginPage(m);
  EXPECT_CONTAINS(page, "<h1 id=\"title\">Claude wants to use your mailbox</h1>");
  EXPECT_CONTAINS(page, "<strong>claude.ai</strong>");
  EXPECT_EQ(Count(page, "name=\"grant\""), m.permissions.size());
  EXPECT_CONTAINS(page, "<h2 id=\"signin_title\">Sign in with Google</h2>");
  EXPECT_CONTAINS(page, "with a Google account (Gmail or Google Workspace); this server never sees your password");
  EXPECT_CONTAINS(page, ">Continue with Google</button>");
  EXPECT_CONTAINS(page, "name=\"cancel\"");
  EXPECT_EQ(page.find("type=\"password\""), std::string::npos);
  EXPECT_EQ(page.find("id=\"email\""), std::string::npos);
  EXPECT_EQ(HiddenInputs(page).size(), m.hidden.size());

  for (const std::string& p : kPayloads) {
    LoginPageModel hostile = m;
    hostile.provider = "g" + p;
    hostile.provider_account_hint = "a" + p;
    std::string out = RenderLoginPage(hostile);
    EXPECT_EQ(out.find("<script"), std::string::npos);
    EXPECT_EQ(out.find("<img"), std::string::npos);
    EXPECT_CONTAINS(out, ">Continue with g" + Escape(p) + "</button>");
  }
}

TEST(ProviderPage, AFailedSignInSaysWhatHappenedEscapedAndHowToStartOver) {
  ProviderPageModel m;
  m.title = "Mailbox not connected";
  m.provider = "Google";
  m.account_hint = "a Google account";
  m.imap_server = "imap.gmail.com:993";
  m.smtp_server = "smtp.gmail.com:465";
  m.problem = "We couldn't connect your mailbox";
  m.errors = {"SMTP: login failed: <script>x</script>"};
  std::string page = RenderProviderPage(m);
  EXPECT_CONTAINS(page, "<dd>imap.gmail.com:993</dd>");
  EXPECT_CONTAINS(page, "SMTP: login failed: &lt;script&gt;x&lt;/script&gt;");
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("<form"), std::string::npos);
  EXPECT_CONTAINS(page, "connect your mailbox again from your AI assistant");
  EXPECT_EQ(page.find("{{"), std::string::npos);
}

TEST(ErrorPage, ShowsTitleAndMessageEscaped) {
  std::string page = RenderErrorPage("Unknown client", "This redirect URI is not registered for this client.");
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_CONTAINS(page, "<title>Unknown client</title>");
  EXPECT_CONTAINS(page, "<h1>Unknown client</h1>");
  EXPECT_CONTAINS(page, "<p class=\"message\">This redirect URI is not registered for this client.</p>");
  EXPECT_EQ(page.find("{{"), std::string::npos);

  std::string hostile = RenderErrorPage("</title><script>x</script>", "<b onclick='y'>\"&amp;");
  EXPECT_EQ(hostile.find("<script"), std::string::npos);
  EXPECT_EQ(hostile.find("<b "), std::string::npos);
  EXPECT_CONTAINS(hostile, "<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>");
  EXPECT_CONTAINS(hostile, "<p class=\"message\">&lt;b onclick=&apos;y&apos;&gt;&quot;&amp;amp;</p>");
}

TEST(LoginPage, RendersConcurrentlyFromOneCompiledTemplate) {
  LoginPageModel m = Sample();
  m.errors = {"IMAP: login failed"};
  const std::string expected = RenderLoginPage(m);
  const std::string expected_error = RenderErrorPage("t", "m");
  std::vector<std::thread> threads;
  std::vector<int> mismatches(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        if (RenderLoginPage(m) != expected) ++mismatches[t];
        if (RenderErrorPage("t", "m") != expected_error) ++mismatches[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int n : mismatches) EXPECT_EQ(n, 0);
}

TEST(LoginPage, NamesTheClientAndTheHostThePersonReturnsTo) {
  LoginPageModel m = Sample();
  std::string page = RenderLoginPage(m);
  EXPECT_CONTAINS(page, "<title>Claude wants to use your mailbox</title>");
  EXPECT_CONTAINS(page, "You&apos;ll return to <strong>claude.ai</strong> after you sign in.");
  EXPECT_CONTAINS(page, "<legend>Allow Claude to</legend>");

  m.client_name.clear();
  m.return_host.clear();
  page = RenderLoginPage(m);
  EXPECT_CONTAINS(page, "<h1 id=\"title\">An AI assistant wants to use your mailbox</h1>");
  EXPECT_CONTAINS(page, "You&apos;ll return to <strong>an app on this computer</strong> after you sign in.");
  EXPECT_CONTAINS(page, "<legend>Allow it to</legend>");
}

TEST(LoginPage, PermissionsAreLabelledCheckboxesInAFieldsetWithTheIrreversibleOnesMarked) {
  std::string page = RenderLoginPage(Sample());
  EXPECT_CONTAINS(page, "<fieldset class=\"perms\"");
  // The exact form test clients and the browser test read.
  EXPECT_CONTAINS(page,
                  "<input type=\"checkbox\" id=\"grant_read\" name=\"grant\" value=\"mail:read\" checked "
                  "aria-describedby=\"grant_read_detail\">");
  EXPECT_CONTAINS(page,
                  "<input type=\"checkbox\" id=\"grant_delete\" name=\"grant\" value=\"mail:delete\" "
                  "aria-describedby=\"grant_delete_detail\">");
  EXPECT_CONTAINS(page, "<label for=\"grant_read\">Read your mail</label>");
  EXPECT_CONTAINS(page, "<p id=\"grant_read_detail\">See messages.</p>");
  // Sending and deleting are marked, in the label a screen reader reads too.
  EXPECT_CONTAINS(page, "<label for=\"grant_send\">Send mail as you <span class=\"badge\">Can&apos;t be undone</span>");
  EXPECT_CONTAINS(page, "<div class=\"perm sensitive\">");
  EXPECT_EQ(Count(page, "class=\"badge\""), 2u);
  EXPECT_EQ(Count(page, "name=\"grant\""), 3u);
}

TEST(LoginPage, OffersCancelWithoutFieldValidationAfterTheSignInButton) {
  std::string page = RenderLoginPage(Sample());
  size_t allow = page.find("<button class=\"allow\" type=\"submit\">");
  size_t cancel = page.find("<button class=\"cancel\" type=\"submit\" name=\"cancel\" value=\"1\" formnovalidate>");
  ASSERT_TRUE(allow != std::string::npos);
  ASSERT_TRUE(cancel != std::string::npos);
  EXPECT_LT(allow, cancel);  // Enter in a field presses the first one: sign in, never cancel
}

TEST(LoginPage, AppPasswordHelpMakesNoClaimForMicrosoftAccounts) {
  std::string page = RenderLoginPage(Sample());
  EXPECT_CONTAINS(page, "app password");
  size_t outlook = page.find("Outlook.com");
  ASSERT_TRUE(outlook != std::string::npos);
  // Outlook.com is named only to say it cannot sign in here, never in the list that needs an app password.
  EXPECT_CONTAINS(page.substr(outlook, 160), "no longer accept a password (or an app password)");
  EXPECT_EQ(page.find("Fastmail and Outlook.com"), std::string::npos);
}
