// The web app served by the real `snag serve` (issue 9): SNAG_WEB_ROOT names the built app; its
// routes answer index.html under the app's Content-Security-Policy, and the API keeps its 404s.

#include <fstream>

#include "snag_process.hpp"
#include <gtest/gtest.h>

namespace snag::testing {
namespace web_app_test {

TEST(WebApp, ServesTheAppsPagesAndAssetsBesideTheApi) {
  TempDir root;
  std::filesystem::create_directories(root.path() / "assets");
  std::ofstream(root.path() / "index.html") << "<!doctype html><script src=/assets/app-1a2b.js></script>";
  std::ofstream(root.path() / "assets" / "app-1a2b.js") << "document.title = 'Snag'";
  ScopedEnvironment web_root("SNAG_WEB_ROOT", root.path().c_str());
  SnagServer server;

  const auto page = server.get("/tickets/SNAG-1");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.header("cache-control"), "no-cache");
  EXPECT_NE(page.header("content-security-policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(page.header("x-content-type-options"), "nosniff");
  EXPECT_NE(page.body.find("<script src=/assets/app-1a2b.js>"), std::string::npos);

  const auto script = server.get("/assets/app-1a2b.js");
  EXPECT_EQ(script.status, 200);
  EXPECT_EQ(script.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(script.header("cache-control"), "public, max-age=31536000, immutable");

  // A browser that takes gzip gets the larger text files gzipped, and a copy it still holds
  // costs a 304 (README "The web app").
  std::string bundle;
  for (int i = 0; i < 200; ++i) bundle += "export const step" + std::to_string(i) + " = 'open';\n";
  std::ofstream(root.path() / "assets" / "chunk-5e5e.js") << bundle;
  SnagServer restarted;
  const auto packed = restarted.send({"GET", "/assets/chunk-5e5e.js", "", {{"Accept-Encoding", "gzip, br"}}});
  EXPECT_EQ(packed.status, 200);
  EXPECT_EQ(packed.header("content-encoding"), "gzip");
  EXPECT_EQ(packed.header("vary"), "Accept-Encoding");
  EXPECT_LT(packed.body.size(), bundle.size() / 3);
  EXPECT_EQ(packed.body.substr(0, 2), "\x1f\x8b");  // gzip's magic number
  const auto held = restarted.send({"GET", "/tickets", "", {}});
  ASSERT_FALSE(held.header("etag").empty());
  const auto current = restarted.send({"GET", "/tickets", "", {{"If-None-Match", held.header("etag")}}});
  EXPECT_EQ(current.status, 304);
  EXPECT_TRUE(current.body.empty());
  EXPECT_EQ(current.header("content-length"), "");

  EXPECT_EQ(server.get("/assets/app-gone.js").status, 404);
  const auto api_miss = server.get("/api/v1/no-such-thing");
  EXPECT_EQ(api_miss.status, 404);
  EXPECT_EQ(api_miss.header("content-type"), "application/problem+json");
  EXPECT_EQ(server.get("/api/v1/tickets").status, 200);
}

TEST(WebApp, AWebRootWithoutTheAppStopsTheStartWithItsReason) {
  TempDir root;
  TempDir data;
  ScopedEnvironment web_root("SNAG_WEB_ROOT", root.path().c_str());
  const auto started =
      run_snag({"serve", "--listen", "127.0.0.1:0", "--database", "sqlite:" + (data.path() / "snag.db").string()});
  EXPECT_NE(started.exit_code, 0);
  EXPECT_NE(started.err.find("index.html"), std::string::npos) << started.err;
}

}  // namespace web_app_test
}  // namespace snag::testing
