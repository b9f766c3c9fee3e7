// Format xmargin-liquidation/1 (docs/formats/liquidation.md): re-derives the plan from the inputs
// and compares every field present in "expect", in document order, so the first FAIL line names the
// first differing field of a tampered certificate. A fixture may give only some fields.
#include "liquidation_certificate.hpp"
#include "verifiers.hpp"
#include "xm/engine/decimal.hpp"

namespace xm::cli {
namespace {

std::string show(const json::Value& v) {
  if (v.kind == json::Value::Kind::string) {
    if (const auto w = parse_wad(v.text)) return format_wad(*w);  // "1.50" and "1.5" are the same amount
    return v.text;
  }
  if (v.kind == json::Value::Kind::object || v.kind == json::Value::Kind::array) return codec::to_text(v, false);
  return v.kind == json::Value::Kind::boolean ? (v.flag ? "true" : "false")
         : v.kind == json::Value::Kind::null  ? "null"
                                              : v.text;
}

void compare(std::vector<Check>& out, const json::JsonRef& expected, const json::Value& actual) {
  const json::Value& e = expected.value();
  const std::string& path = expected.path();
  if (e.kind == json::Value::Kind::object && actual.kind == json::Value::Kind::object) {
    for (const auto& [key, child] : expected.members()) {
      if (const json::Value* a = codec::member(actual, key)) compare(out, child, *a);
      else expect_equal(out, child.path(), show(child.value()), "(absent)");
    }
    return;
  }
  if (e.kind == json::Value::Kind::array && actual.kind == json::Value::Kind::array) {
    expect_equal(out, path + ".length", std::to_string(e.items.size()), std::to_string(actual.items.size()));
    const auto items = expected.items();
    for (std::size_t i = 0; i < items.size() && i < actual.items.size(); ++i) compare(out, items[i], actual.items[i]);
    return;
  }
  if (e.kind == json::Value::Kind::string) (void)expected.string();
  expect_equal(out, path, show(e), show(actual));
}

}  // namespace

std::vector<Check> verify_liquidation(const json::JsonRef& root) {
  root.only({"format", "params", "prices", "account", "insurance_fund", "borrow_liquidation_fee", "expect"});
  const codec::LiquidationInput in = codec::decode_liquidation_input(root);
  const json::JsonRef expect = root.at("expect");
  if (expect.kind() != json::Value::Kind::object) expect.fail("must be an object");
  std::vector<Check> checks;
  compare(checks, expect, liquidation_expect(in));
  return checks;
}

}  // namespace xm::cli
