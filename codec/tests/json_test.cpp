// The JSON layer: numbers stay text, money must be strings, and every error names its path.
#include <catch2/catch.hpp>

#include "xm/codec/json.hpp"
#include "xm/engine/decimal.hpp"

using xm::json::InputError;
using xm::json::JsonRef;

namespace {
// Runs `read` on a parsed document and returns the error text it throws ("" when none).
template <class F>
std::string error_of(const char* text, F read) {
  try {
    const auto doc = xm::json::parse(text);
    read(JsonRef(doc, ""));
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("numbers keep their exact text", "[json]") {
  const auto doc = xm::json::parse(R"({"big": 123456789012345678901234567890, "s": "1.5"})");
  const JsonRef root(doc, "");
  CHECK(root.at("big").value().text == "123456789012345678901234567890");
  CHECK(root.at("big").kind() == xm::json::Value::Kind::number);
  CHECK(xm::format_wad(root.at("s").wad()) == "1.5");
}

TEST_CASE("errors name the JSON path and the reason", "[json]") {
  const char* doc = R"({"accounts": [{"perps": []}, {"perps": [{"size": 1.5}, {"size": "1.x"}]}]})";
  CHECK(error_of(doc, [](JsonRef r) { r.at("accounts")[1].at("perps")[0].at("size").wad(); }) ==
        "accounts[1].perps[0].size: must be a decimal string (e.g. \"1.5\"), not a JSON number");
  CHECK(error_of(doc, [](JsonRef r) { r.at("accounts")[1].at("perps")[1].at("size").wad(); }) ==
        "accounts[1].perps[1].size: invalid decimal \"1.x\": unexpected character 'x'");
  CHECK(error_of(doc, [](JsonRef r) { r.at("accounts")[0].at("quote"); }) ==
        "accounts[0].quote: missing required field");
  CHECK(error_of(doc, [](JsonRef r) { r.at("accounts").at("x"); }) ==
        "accounts: expected an object, found an array");
  CHECK(error_of(R"({"a": 1, "typo": 2})", [](JsonRef r) { r.only({"a"}); }) == "typo: unknown field");
  CHECK(error_of(R"({"a": 1, "note": "why"})", [](JsonRef r) { r.only({"a"}); }).empty());
  CHECK(error_of(R"({"n": "-5"})", [](JsonRef r) { r.at("n").non_negative_integer(); }) == "n: must be >= 0, got -5");
  CHECK(error_of(R"({"n": 1e3})", [](JsonRef r) { r.at("n").integer(); }) ==
        "n: invalid integer \"1e3\": exponents are not allowed");
}

TEST_CASE("malformed documents are rejected with a position", "[json]") {
  CHECK(error_of(R"({"a": 1, "a": 2})", [](JsonRef) {}).find("duplicate key \"a\"") != std::string::npos);
  CHECK(error_of("{\"a\": \n [1,}", [](JsonRef) {}).find("line 2") != std::string::npos);
  CHECK(error_of("", [](JsonRef) {}).find("invalid JSON") != std::string::npos);
  CHECK(error_of("\"\xff\"", [](JsonRef) {}).find("invalid JSON") != std::string::npos);
  std::string deep(200, '[');
  CHECK(error_of(deep.c_str(), [](JsonRef) {}).find("nesting deeper than 64") != std::string::npos);
}
