#pragma once
// `xmargin verify` dispatches on a fixture's "format" to one of these. Each verifier decodes its
// inputs, recomputes every value, and reports one Check per expectation; input errors are thrown
// as json::InputError (naming the JSON path) and become exit 2.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "xm/codec/json.hpp"

namespace xm::cli {

struct Check {
  std::string name;  // what was checked, e.g. "accounts[alice].maint.health"
  bool ok = false;
  std::string expected;
  std::string actual;
};

using VerifyFn = std::vector<Check> (*)(const json::JsonRef& root);

struct FormatVerifier {
  std::string_view format;  // "xmargin-math/1"
  VerifyFn verify;
};

std::span<const FormatVerifier> verifiers();

// Compares and records one expectation.
inline void expect_equal(std::vector<Check>& out, std::string name, const std::string& expected,
                         const std::string& actual) {
  out.push_back(Check{std::move(name), expected == actual, expected, actual});
}

// One verifier per fixture format, each in its own file.
std::vector<Check> verify_math(const json::JsonRef& root);
std::vector<Check> verify_liquidation(const json::JsonRef& root);
std::vector<Check> verify_margin(const json::JsonRef& root);
std::vector<Check> verify_oracle(const json::JsonRef& root);
std::vector<Check> verify_scenario(const json::JsonRef& root);

}  // namespace xm::cli
