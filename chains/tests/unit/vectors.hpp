#pragma once
// Loads chains/tests/vectors/evm_vectors.json (written by scripts/make_evm_vectors.mjs with ethers
// and cast: an implementation independent of the one under test).
#include <fstream>
#include <sstream>
#include <string>

#include "xm/codec/json.hpp"

namespace xm::chains::testing {

inline const json::Value& evm_vectors() {
  static const json::Value doc = [] {
    std::ifstream in("chains/tests/vectors/evm_vectors.json");
    if (!in) throw std::runtime_error("cannot open chains/tests/vectors/evm_vectors.json (run from the repo root)");
    std::stringstream ss;
    ss << in.rdbuf();
    return json::parse(ss.str());
  }();
  return doc;
}

// Checksummed (mixed-case) hex → lower case, to compare with the project's lower-case output.
inline std::string lower(std::string s) {
  for (auto& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

}  // namespace xm::chains::testing
