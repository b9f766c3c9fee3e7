// Format xmargin-margin/1 (docs/formats/margin.md): margin inputs and, per account, any subset of the
// output fields; or a params_error expectation naming the check_params code.
#include <map>

#include "margin_report.hpp"
#include "verifiers.hpp"
#include "xm/engine/decimal.hpp"

namespace xm::cli {
namespace {

// Normalizes one expected leaf to the string flatten() produces.
std::string expected_leaf(const json::JsonRef& v, const std::string& key) {
  if (v.kind() == json::Value::Kind::boolean) return v.boolean() ? "true" : "false";
  if (key == "non_ok_prices") {
    std::string s;
    for (const auto& a : v.items()) s += (s.empty() ? "" : ",") + a.string();
    return s;
  }
  const std::string& text = v.string();
  if (key == "error" || text == "none" || text == "unresolved") return text;
  return format_wad(v.wad());  // validates the decimal and makes it canonical
}

const std::initializer_list<std::string_view> kSide = {"equity", "requirement", "health"};
const std::initializer_list<std::string_view> kPosition = {"notional_init", "notional_maint", "pnl_init", "pnl_maint",
                                                           "requirement_init", "requirement_maint",
                                                           "liquidation_price"};

void collect(const json::JsonRef& node, const std::string& prefix, std::map<std::string, std::string>& out);

void collect_object(const json::JsonRef& node, const std::string& prefix, std::map<std::string, std::string>& out) {
  for (const auto& [key, child] : node.members()) {
    const std::string path = prefix.empty() ? key : prefix + "." + key;
    if (child.kind() == json::Value::Kind::object) {
      child.only(kSide);
      collect(child, path, out);
    } else if (child.kind() == json::Value::Kind::array && key != "non_ok_prices") {
      const auto items = child.items();
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (key == "balances") items[i].only({"value_init", "value_maint", "stale"});
        else if (key == "perps") items[i].only(kPosition);
        else {
          items[i].only({"notional_init", "notional_maint", "pnl_init", "pnl_maint", "requirement_init",
                         "requirement_maint", "liquidation_price", "init", "maint", "liquidatable"});
        }
        collect(items[i], path + "[" + std::to_string(i) + "]", out);
      }
    } else {
      out[path] = expected_leaf(child, key);
    }
  }
}

void collect(const json::JsonRef& node, const std::string& prefix, std::map<std::string, std::string>& out) {
  collect_object(node, prefix, out);
}

std::vector<Check> verify_params_error(const json::JsonRef& root, const json::JsonRef& expected) {
  const Params params = codec::decode_params(root.at("params"));
  const auto e = check_params(params);
  std::vector<Check> checks;
  expect_equal(checks, "params_error", expected.string(), e ? std::string(to_string(e->code)) + " at " + e->path : "none");
  checks.back().ok = e && expected.string() == to_string(e->code);
  return checks;
}

}  // namespace

std::vector<Check> verify_margin(const json::JsonRef& root) {
  root.only({"format", "params", "prices", "snapshots", "now", "accounts", "expect"});
  const auto expect_block = root.find("expect");
  if (!expect_block) {  // nothing to check, but the inputs must still be valid
    (void)codec::decode_margin_input(root);
    return {};
  }
  const json::JsonRef& expect = *expect_block;
  expect.only({"accounts", "params_error"});
  if (const auto pe = expect.find("params_error")) return verify_params_error(root, *pe);

  const codec::MarginInput in = codec::decode_margin_input(root);
  const auto outcomes = evaluate_all(in);
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < in.accounts.size(); ++i) index[in.accounts[i].id] = i;

  std::vector<Check> checks;
  const auto accounts = expect.find("accounts");
  if (!accounts) return checks;
  for (const auto& [id, want] : accounts->members()) {
    const auto it = index.find(id);
    if (it == index.end()) want.fail("no account with id \"" + id + "\" in accounts");
    want.only({"init", "maint", "liquidatable", "margin_ratio", "free_collateral", "stale_chain", "non_ok_prices",
               "balances", "perps", "isolated", "error"});
    std::map<std::string, std::string> expected;
    collect(want, "", expected);
    std::map<std::string, std::string> actual;
    for (auto& [k, v] : flatten(outcomes[it->second])) actual[k] = v;
    const std::string failed = outcomes[it->second] ? "" : "error:" + outcomes[it->second].error().message();
    for (const auto& [path, value] : expected) {
      const auto a = actual.find(path);
      std::string got = a != actual.end() ? a->second : failed.empty() ? "(no such field)" : failed;
      if (path == "error" && outcomes[it->second]) got = "(no error)";
      expect_equal(checks, id + "." + path, value, got);
    }
  }
  return checks;
}

}  // namespace xm::cli
