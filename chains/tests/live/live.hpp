#pragma once
// Shared by the live chain tests: where the ctest fixture put the anvil chains and what it deployed
// (chains/tests/CMakeLists: scripts/anvil.sh start → xm_chain_setup → tests → scripts/anvil.sh stop).
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "xm/chains/registry.hpp"
#include "xm/codec/json.hpp"

namespace xm::chains::live {

inline std::string chain_dir() {
  const char* d = std::getenv("XM_CHAIN_DIR");
  if (!d) throw std::runtime_error("XM_CHAIN_DIR is not set: run these through ctest -L chain");
  return d;
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline const json::Value& deployment() {
  static const json::Value doc = json::parse(slurp(chain_dir() + "/deployment.json"));
  return doc;
}

inline json::JsonRef chain_a() { return json::JsonRef(deployment(), "").at("chain_a"); }
inline json::JsonRef chain_b() { return json::JsonRef(deployment(), "").at("chain_b"); }

inline Registry registry() { return parse_registry(slurp(chain_dir() + "/registry.json")); }

}  // namespace xm::chains::live
