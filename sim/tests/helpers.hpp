#pragma once
// Shared by the simulator tests: loading bundled scenarios (ctest runs from the repository root).
#include <fstream>
#include <sstream>
#include <string>

#include "xm/codec/json.hpp"
#include "xm/sim/scenario_parse.hpp"

namespace xm::sim::test {

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline Scenario load(const std::string& path) {
  const json::Value doc = json::parse(slurp(path));
  return parse_scenario(json::JsonRef(doc, ""), "");
}

inline Scenario from_text(const std::string& text) {
  const json::Value doc = json::parse(text);
  return parse_scenario(json::JsonRef(doc, ""), "");
}

inline const char* const kBundled[] = {"calm", "flash_crash", "manipulation", "frozen_floor", "drift", "chain_delay", "outage"};

}  // namespace xm::sim::test
