// The web app's files as the server answers them: index.html for the app's own routes, hashed
// assets cached for good, and the API's 404s left alone.

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include <snag/http/web_app.hpp>

namespace snag::http {
namespace web_app_test {

std::string header(const HttpResponse& response, std::string_view name) {
  for (const auto& [field, value] : response.headers) {
    if (field == name) return value;
  }
  return "";
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
