#include "store/content_disposition.h"

#include "testing.h"

using namespace mail_mcp;

TEST(ContentDisposition, Utf8FilenamesGetAnAsciiFallbackAndAnRfc5987Value) {
  EXPECT_EQ(AttachmentDisposition("report.pdf"), "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
  EXPECT_EQ(AttachmentDisposition("März 2026.pdf"),
            "attachment; filename=\"M_rz 2026.pdf\"; filename*=UTF-8''M%C3%A4rz%202026.pdf");
  EXPECT_EQ(AttachmentDisposition(""), "attachment");
}

TEST(ContentDisposition, QuotesBackslashesAndControlsCannotBreakTheHeader) {
  EXPECT_EQ(AttachmentDisposition("a\"b\\c\r\nSet-Cookie: x"),
            "attachment; filename=\"a_b_c__Set-Cookie: x\"; filename*=UTF-8''a%22b%5Cc%0D%0ASet-Cookie%3A%20x");
}

TEST(ContentDisposition, ContentTypesWithParametersOrJunkBecomeOctetStream) {
  EXPECT_EQ(SafeContentType("application/pdf"), "application/pdf");
  EXPECT_EQ(SafeContentType("image/svg+xml"), "image/svg+xml");
  EXPECT_EQ(SafeContentType("text/html; charset=utf-8"), "application/octet-stream");
  EXPECT_EQ(SafeContentType("text/html\r\nX: y"), "application/octet-stream");
  EXPECT_EQ(SafeContentType("nonsense"), "application/octet-stream");
  EXPECT_EQ(SafeContentType("/x"), "application/octet-stream");
}
