// Tool, hidden from the normal run: prints the "expect" block of an xmargin-margin/1 fixture as the
// exact reference (tests/reference/margin_reference.hpp) computes it, never the engine. This is how
// fixtures whose note says "expected values from the reference" were filled in:
//   XM_FIXTURE=fixtures/margin/x.json build/tests/xm_cross_tests '[.fixture-expect]'
// The normal run checks that the reference agrees with every bundled fixture's expectations, so a
// hand-computed fixture also cross-checks the reference.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "reference/margin_reference.hpp"
#include "xm/codec/margin_codec.hpp"
#include "xm/engine/decimal.hpp"

namespace {

// Renders a reference integer (raw wei) as a canonical decimal string.
std::string dec(const xm::ref::Z& v) {
  return xm::format_wad(xm::Wad::from_raw(xm::Int256(v)).value());
}
std::string q(const std::string& s) { return "\"" + s + "\""; }
std::string opt(const std::optional<xm::ref::Z>& v) { return v ? q(dec(*v)) : q("none"); }
std::string side(const xm::ref::Side& s) {
  return "{\"equity\": " + q(dec(s.equity)) + ", \"requirement\": " + q(dec(s.requirement)) +
         ", \"health\": " + q(dec(s.health)) + "}";
}
std::string pos(const xm::ref::Pos& p) {
  return "\"notional_init\": " + q(dec(p.notional_init)) + ", \"notional_maint\": " + q(dec(p.notional_maint)) +
         ", \"pnl_init\": " + q(dec(p.pnl_init)) + ", \"pnl_maint\": " + q(dec(p.pnl_maint)) +
         ", \"requirement_init\": " + q(dec(p.req_init)) + ", \"requirement_maint\": " + q(dec(p.req_maint)) +
         ", \"liquidation_price\": " + opt(p.liq);
}

std::string expect_json(const xm::ref::Out& o) {
  std::ostringstream s;
  if (o.error) return "{\"error\": " + q(*o.error) + "}";
  s << "{\n        \"init\": " << side(o.init) << ",\n        \"maint\": " << side(o.maint)
    << ",\n        \"liquidatable\": " << (o.liquidatable ? "true" : "false")
    << ", \"margin_ratio\": " << opt(o.margin_ratio) << ", \"free_collateral\": " << q(dec(o.free_collateral))
    << ", \"stale_chain\": " << (o.stale_chain ? "true" : "false") << ",\n        \"non_ok_prices\": [";
  for (std::size_t i = 0; i < o.non_ok.size(); ++i) s << (i ? ", " : "") << q(o.non_ok[i]);
  s << "],\n        \"balances\": [";
  for (std::size_t i = 0; i < o.balances.size(); ++i)
    s << (i ? ",\n          " : "\n          ") << "{\"value_init\": " << q(dec(o.balances[i].value_init))
      << ", \"value_maint\": " << q(dec(o.balances[i].value_maint))
      << ", \"stale\": " << (o.balances[i].stale ? "true" : "false") << "}";
  s << "],\n        \"perps\": [";
  for (std::size_t i = 0; i < o.perps.size(); ++i) s << (i ? ",\n          " : "\n          ") << "{" << pos(o.perps[i]) << "}";
  s << "],\n        \"isolated\": [";
  for (std::size_t i = 0; i < o.isolated.size(); ++i)
    s << (i ? ",\n          " : "\n          ") << "{" << pos(o.isolated[i].pos) << ",\n           \"init\": "
      << side(o.isolated[i].init) << ", \"maint\": " << side(o.isolated[i].maint)
      << ", \"liquidatable\": " << (o.isolated[i].liquidatable ? "true" : "false") << "}";
  s << "]\n      }";
  return s.str();
}

std::string slurp(const std::string& path) {
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("print a margin fixture's expectations from the reference", "[.fixture-expect]") {
  const char* path = std::getenv("XM_FIXTURE");
  REQUIRE(path);
  const xm::json::Value doc = xm::json::parse(slurp(path));
  const xm::codec::MarginInput in = xm::codec::decode_margin_input(xm::json::JsonRef(doc, ""));
  xm::ref::Reference ref(in.state);
  std::cout << "  \"expect\": {\"accounts\": {";
  for (std::size_t i = 0; i < in.accounts.size(); ++i)
    std::cout << (i ? "," : "") << "\n      " << q(in.accounts[i].id) << ": " << expect_json(ref.run(in.accounts[i]));
  std::cout << "\n  }}\n";
}

// Every field a bundled fixture expects must also be what the reference computes: hand-computed
// fixtures check the reference, reference-computed ones stay in sync with it.
TEST_CASE("the reference agrees with every bundled margin fixture", "[margin][reference]") {
  std::size_t fixtures = 0, compared = 0, params_only = 0;
  for (const auto& entry : std::filesystem::directory_iterator("fixtures/margin")) {
    if (entry.path().extension() != ".json") continue;
    const xm::json::Value doc = xm::json::parse(slurp(entry.path().string()));
    const xm::json::JsonRef root(doc, "");
    const auto expect = root.at("expect");
    if (expect.find("params_error")) {
      ++params_only;  // nothing for the reference to compute: check_params is tested in engine/tests
      continue;
    }
    ++fixtures;
    const xm::codec::MarginInput in = xm::codec::decode_margin_input(root);
    xm::ref::Reference ref(in.state);
    for (const auto& [id, want] : expect.at("accounts").members()) {
      std::size_t idx = 0;
      while (idx < in.accounts.size() && in.accounts[idx].id != id) ++idx;
      REQUIRE(idx < in.accounts.size());
      const xm::json::Value got_doc = xm::json::parse(expect_json(ref.run(in.accounts[idx])));
      const xm::json::JsonRef got(got_doc, "");
      // Compare every expected leaf (objects and arrays recursively) with the reference's.
      std::function<void(const xm::json::JsonRef&, const xm::json::JsonRef&)> walk =
          [&](const xm::json::JsonRef& w, const xm::json::JsonRef& g) {
            if (w.kind() == xm::json::Value::Kind::object) {
              for (const auto& [k, child] : w.members()) walk(child, g.at(k));
            } else if (w.kind() == xm::json::Value::Kind::array && g.kind() == xm::json::Value::Kind::array) {
              const auto wi = w.items();
              for (std::size_t i = 0; i < wi.size(); ++i) walk(wi[i], g[i]);
            } else {
              ++compared;
              std::string want_text = w.kind() == xm::json::Value::Kind::boolean ? (w.boolean() ? "true" : "false") : w.value().text;
              std::string got_text = g.kind() == xm::json::Value::Kind::boolean ? (g.boolean() ? "true" : "false") : g.value().text;
              if (w.kind() == xm::json::Value::Kind::string && want_text != "none" && xm::parse_wad(want_text))
                want_text = xm::format_wad(*xm::parse_wad(want_text));
              INFO(entry.path().string() << " " << w.path());
              CHECK(want_text == got_text);
            }
          };
      walk(want, got);
    }
  }
  std::cout << "reference vs fixtures: " << fixtures << " fixtures (+" << params_only << " params-only), " << compared
            << " expected values\n";
  CHECK(fixtures + params_only >= 25);
  CHECK(compared > 500);
}
