// Format xmargin-math/1: single WAD operations with their exact expected results (docs/formats.md).
#include "verifiers.hpp"
#include "xm/engine/decimal.hpp"
#include "xm/engine/wad.hpp"

namespace xm::cli {
namespace {

Rounding rounding_of(const json::JsonRef& r) {
  const std::string& s = r.string();
  if (s == "floor") return Rounding::floor;
  if (s == "ceil") return Rounding::ceil;
  r.fail("must be \"floor\" or \"ceil\", got \"" + s + "\"");
}

std::string describe(const Result<Wad, MathError>& r) {
  return r ? format_wad(*r) : std::string("error:") + (r.error() == MathError::overflow ? "overflow" : "division_by_zero");
}

}  // namespace

std::vector<Check> verify_math(const json::JsonRef& root) {
  root.only({"format", "cases"});
  std::vector<Check> checks;
  for (const auto& c : root.at("cases").items()) {
    c.only({"op", "a", "b", "rounding", "expect"});
    const std::string& op = c.at("op").string();
    const Wad a = c.at("a").wad();
    const Wad b = c.at("b").wad();
    Result<Wad, MathError> got = Unexpected{MathError::overflow};
    if (op == "mul") got = checked::mul(a, b, rounding_of(c.at("rounding")));
    else if (op == "div") got = checked::div(a, b, rounding_of(c.at("rounding")));
    else if (op == "add") got = checked::add(a, b);
    else if (op == "sub") got = checked::sub(a, b);
    else c.at("op").fail("must be one of mul, div, add, sub; got \"" + op + "\"");
    const auto expect = c.at("expect");
    std::string expected = expect.string();
    if (!expected.starts_with("error:")) expected = format_wad(expect.wad());  // validates the text too
    std::string name = c.path() + " " + op + "(" + format_wad(a) + ", " + format_wad(b) +
                       (c.has("rounding") ? ", " + c.at("rounding").string() : "") + ")";
    expect_equal(checks, std::move(name), expected, describe(got));
  }
  return checks;
}

}  // namespace xm::cli
