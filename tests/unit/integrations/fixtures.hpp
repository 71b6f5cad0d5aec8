#pragma once
// The vendor samples in tests/fixtures/ats (see SOURCES.md there for where each comes from).

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "../support/test_time.hpp"
#include <nlohmann/json.hpp>

#include <snag/util/time.hpp>

namespace snag::testing {

inline std::string read_ats_fixture(std::string_view name) {
  std::string path = SNAG_ATS_FIXTURES;
  path += '/';
  path += name;
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot read fixture " + path);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

inline nlohmann::json ats_fixture_json(std::string_view name) { return nlohmann::json::parse(read_ats_fixture(name)); }

}  // namespace snag::testing
