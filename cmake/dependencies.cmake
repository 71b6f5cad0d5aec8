# Every dependency is a Debian package installed by scripts/install-deps.sh.
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED CONFIG)
find_package(SQLite3 REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(tl-expected REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(ZLIB REQUIRED)  # gzip of the web app's files (http/gzip.cpp)
find_package(CURL REQUIRED)  # SMTP for email notifications (net/smtp_mailer.cpp)
# Time zones for business calendars (g++ 12 has no std::chrono zones); reads the system tzdata.
find_package(date REQUIRED)
# libsodium ships no CMake config, only a pkg-config file.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# PDF exports (render/); cairo too comes with a pkg-config file only.
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo)
find_package(GTest REQUIRED)

# Headers that nearly every translation unit includes; precompiling them keeps a clean build short.
set(SNAG_PRECOMPILED_HEADERS <string> <vector> <optional> <chrono> <nlohmann/json.hpp> <tl/expected.hpp>)
