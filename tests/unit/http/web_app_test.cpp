// The web app's files as the server answers them: index.html for the app's own routes, hashed
// assets cached for good, text gzipped for browsers that take it, 304 for a copy still current,
// and the API's 404s left alone.

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <snag/http/gzip.hpp>
#include <snag/http/web_app.hpp>

namespace snag::http {
namespace web_app_test {

std::string header(const HttpResponse& response, std::string_view name) {
  for (const auto& [field, value] : response.headers) {
    if (field == name) return value;
  }
  return "";
}

// `packed` inflated as gzip; empty when it is not a whole gzip stream.
std::string gunzip(const std::string& packed) {
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 16) != Z_OK) return "";
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  stream.avail_in = static_cast<uInt>(packed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = inflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return result == Z_STREAM_END ? out : "";
}

// A script as large as a real bundle's chunk, and as repetitive.
std::string large_script() {
  std::string script;
  for (int i = 0; i < 400; ++i)
    script += "export const label" + std::to_string(i) + " = 'Ticket " + std::to_string(i) + "';\n";
  return script;
}

class WebAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_root = std::filesystem::temp_directory_path() / ("snag-web-" + std::to_string(::getpid()));
    std::filesystem::create_directories(m_root / "assets");
    write("index.html", "<!doctype html><title>Snag</title>");
    write("assets/index-3fa1b2.js", "console.log(1)");
    write("assets/index-77aa01.css", "body{}");
    write("favicon.svg", "<svg/>");
  }
  void TearDown() override { std::filesystem::remove_all(m_root); }

  void write(const std::string& relative, const std::string& content) {
    std::ofstream(m_root / relative, std::ios::binary) << content;
  }

  WebApp loaded() {
    auto app = WebApp::load(m_root);
    if (!app) throw std::runtime_error(app.error().message);
    return std::move(*app);
  }

  std::filesystem::path m_root;
};

TEST_F(WebAppTest, TheAppsOwnRoutesAnswerIndexHtmlCheckedAgainEachTime) {
  const auto app = loaded();
  for (const auto* path : {"/", "/tickets", "/tickets/SNAG-42", "/new", "/index.html"}) {
    const auto response = app.answer(HttpMethod::get, path);
    ASSERT_TRUE(response) << path;
    EXPECT_EQ(response->status, 200u);
    EXPECT_EQ(response->content_type, "text/html; charset=utf-8");
    EXPECT_EQ(response->body, "<!doctype html><title>Snag</title>");
    EXPECT_EQ(header(*response, "Cache-Control"), "no-cache");
    EXPECT_EQ(header(*response, "Content-Security-Policy"), k_web_app_csp);
  }
  EXPECT_TRUE(app.answer(HttpMethod::head, "/tickets"));
}

TEST_F(WebAppTest, HashedAssetsAreServedWithTheirTypeAndCachedForGood) {
  const auto app = loaded();
  const auto script = app.answer(HttpMethod::get, "/assets/index-3fa1b2.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->body, "console.log(1)");
  EXPECT_EQ(script->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(header(*script, "Cache-Control"), "public, max-age=31536000, immutable");
  const auto style = app.answer(HttpMethod::get, "/assets/index-77aa01.css");
  ASSERT_TRUE(style);
  EXPECT_EQ(style->content_type, "text/css; charset=utf-8");
  // Outside assets/ a name carries no hash: checked again each time.
  const auto icon = app.answer(HttpMethod::get, "/favicon.svg");
  ASSERT_TRUE(icon);
  EXPECT_EQ(icon->content_type, "image/svg+xml");
  EXPECT_EQ(header(*icon, "Cache-Control"), "no-cache");
}

TEST_F(WebAppTest, TextIsGzippedForABrowserThatTakesItAndTheSameBytesGoToOneThatDoesNot) {
  const std::string script = large_script();
  write("assets/big-9c9c9c.js", script);
  const auto app = loaded();

  const auto packed = app.answer(HttpMethod::get, "/assets/big-9c9c9c.js", {"gzip, deflate, br, zstd", ""});
  ASSERT_TRUE(packed);
  EXPECT_EQ(header(*packed, "Content-Encoding"), "gzip");
  EXPECT_EQ(header(*packed, "Vary"), "Accept-Encoding");
  EXPECT_LT(packed->body.size(), script.size() / 3);
  EXPECT_EQ(gunzip(packed->body), script);
  EXPECT_EQ(packed->content_type, "text/javascript; charset=utf-8");

  // No Accept-Encoding, or gzip refused with q=0: the file as it is, and the same Vary.
  for (const auto* accepted : {"", "gzip;q=0, br", "identity", "*;q=0"}) {
    const auto plain = app.answer(HttpMethod::get, "/assets/big-9c9c9c.js", {accepted, ""});
    ASSERT_TRUE(plain) << accepted;
    EXPECT_EQ(plain->body, script) << accepted;
    EXPECT_EQ(header(*plain, "Content-Encoding"), "") << accepted;
    EXPECT_EQ(header(*plain, "Vary"), "Accept-Encoding") << accepted;
  }

  // A small file is sent as it is whatever the browser takes, and varies with nothing.
  const auto small = app.answer(HttpMethod::get, "/assets/index-3fa1b2.js", {"gzip", ""});
  ASSERT_TRUE(small);
  EXPECT_EQ(small->body, "console.log(1)");
  EXPECT_EQ(header(*small, "Content-Encoding"), "");
  EXPECT_EQ(header(*small, "Vary"), "");
}

TEST_F(WebAppTest, ACopyStillCurrentIsA304WithoutABodyAndEachCodingHasItsOwnTag) {
  write("index.html", "<!doctype html><title>Snag</title>" + large_script());
  const auto app = loaded();
  const auto plain = app.answer(HttpMethod::get, "/tickets", {"", ""});
  const auto packed = app.answer(HttpMethod::get, "/tickets", {"gzip", ""});
  ASSERT_TRUE(plain && packed);
  const std::string plain_tag = header(*plain, "ETag");
  const std::string packed_tag = header(*packed, "ETag");
  ASSERT_EQ(plain_tag.front(), '"');
  EXPECT_NE(plain_tag, packed_tag);

  for (const auto& [accepted, held] : {std::pair{"", plain_tag}, std::pair{"gzip", packed_tag}}) {
    // A list, a weak tag and a strong one all match (weak comparison, RFC 9110 §13.1.2).
    for (const std::string& if_none_match : {held, "\"other\", " + held, "W/" + held}) {
      const auto again = app.answer(HttpMethod::get, "/tickets", {accepted, if_none_match});
      ASSERT_TRUE(again);
      EXPECT_EQ(again->status, 304u) << if_none_match;
      EXPECT_TRUE(again->body.empty());
      EXPECT_EQ(header(*again, "ETag"), held);
      EXPECT_EQ(header(*again, "Cache-Control"), "no-cache");
    }
  }
  // The other coding's tag, or a changed file's, gets the whole file.
  const auto other = app.answer(HttpMethod::get, "/tickets", {"gzip", plain_tag});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200u);
  EXPECT_EQ(gunzip(other->body), "<!doctype html><title>Snag</title>" + large_script());
  write("index.html", "<!doctype html><title>Snag 2</title>");
  const auto changed = loaded().answer(HttpMethod::get, "/tickets", {"", plain_tag});
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->status, 200u);
  EXPECT_EQ(changed->body, "<!doctype html><title>Snag 2</title>");
}

TEST(AcceptsGzip, ReadsTheCodingsAndTheirWeights) {
  for (const auto* yes : {"gzip", "GZIP", "deflate, gzip", "gzip;q=0.5", "br;q=1.0, gzip; q=0.001", "*", "x-gzip"}) {
    EXPECT_TRUE(accepts_gzip(yes)) << yes;
  }
  for (const auto* no : {"", "identity", "br, zstd", "gzip;q=0", "gzip;q=0.000", "*;q=0", "gzip;q=0, *", "gzipped"}) {
    EXPECT_FALSE(accepts_gzip(no)) << no;
  }
}

TEST_F(WebAppTest, ApiPathsMissingFilesAndOtherMethodsKeepTheir404) {
  const auto app = loaded();
  for (const auto* path : {"/api/v1/nothing", "/api", "/hooks/gh", "/oauth/nothing", "/assets/index-gone.js",
                           "/favicon.ico", "/tickets/../../etc/passwd.txt"}) {
    EXPECT_FALSE(app.answer(HttpMethod::get, path)) << path;
  }
  EXPECT_FALSE(app.answer(HttpMethod::post, "/tickets"));
  EXPECT_FALSE(app.answer(HttpMethod::delete_, "/"));
  // Only the API's own prefixes are reserved: a UI path that begins like one is the app's.
  EXPECT_TRUE(app.answer(HttpMethod::get, "/apis"));
}

TEST_F(WebAppTest, AFolderWithoutIndexHtmlIsRefused) {
  std::filesystem::remove(m_root / "index.html");
  const auto app = WebApp::load(m_root);
  ASSERT_FALSE(app);
  EXPECT_NE(app.error().message.find("index.html"), std::string::npos);
  EXPECT_FALSE(WebApp::load(m_root / "missing"));
}

}  // namespace web_app_test
}  // namespace snag::http
