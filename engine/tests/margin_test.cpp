// Unit tests of the margin engine's rules; the full cross-check against the exact reference is
// tests/margin_reference_test.cpp, and worked examples are the fixtures in fixtures/margin/.
#include <catch2/catch.hpp>

#include "margin_test_support.hpp"
#include "seeded.hpp"
#include "xm/engine/margin_encoding.hpp"
#include "xm/engine/params_check.hpp"

using namespace xm;
using xm::testing::W;

namespace {

Account one_long(const char* usdc, const char* size, const char* quote) {
  Account a;
  a.id = "a";
  a.balances.push_back(Balance{ChainId{1}, AssetId{"USDC"}, W(usdc)});
  a.perps.push_back(PerpPosition{MarketId{"ETH-PERP"}, W(size), W(quote)});
  return a;
}

Wad maint_health_at(MarketState s, const Account& a, const Wad& eth_price) {
  s.prices[AssetId{"ETH"}].price = eth_price;
  const auto ctx = MarginContext::make(s);
  return cross_health(*ctx, a, HealthType::maint)->health;
}

}  // namespace

TEST_CASE("check_params names each broken rule and its path", "[margin][params]") {
  const MarketState base = xm::testing::basic_state();
  CHECK_FALSE(check_params(base.params).has_value());
  auto broken = [&](auto mutate) {
    Params p = base.params;
    mutate(p);
    const auto e = check_params(p);
    REQUIRE(e.has_value());
    return *e;
  };
  const MarketId eth{"ETH-PERP"};
  auto e = broken([&](Params& p) { p.markets[eth].tiers[0].imr = W("0.04"); });
  CHECK(e.code == ParamsErrorCode::imr_below_mmr);
  CHECK(e.path == "params.markets.ETH-PERP.tiers[0].imr");
  CHECK(broken([&](Params& p) { p.markets[eth].liquidation_fee = W("0.05"); }).code ==
        ParamsErrorCode::liquidation_fee_not_below_mmr);
  CHECK(broken([&](Params& p) { p.markets[eth].tiers[1].lo = W("90000"); }).code == ParamsErrorCode::tiers_not_contiguous);
  CHECK(broken([&](Params& p) { p.markets[eth].tiers[1].hi = W("200000"); }).code == ParamsErrorCode::last_tier_bounded);
  CHECK(broken([&](Params& p) { p.markets[eth].tiers.clear(); }).code == ParamsErrorCode::no_tiers);
  CHECK(broken([&](Params& p) { p.markets[eth].tiers[0].lo = W("1"); }).code == ParamsErrorCode::first_tier_not_zero);
  CHECK(broken([&](Params& p) { p.markets[eth].insurance_share = W("1.01"); }).code ==
        ParamsErrorCode::insurance_share_out_of_range);
  CHECK(broken([&](Params& p) { p.markets[eth].lot_size = W("0"); }).code == ParamsErrorCode::non_positive_lot_size);
  CHECK(broken([&](Params& p) { p.markets[eth].maint_pnl_weight = W("1.5"); }).code == ParamsErrorCode::pnl_weight_out_of_range);
  CHECK(broken([&](Params& p) { p.markets[eth].base = AssetId{"SOL"}; }).code == ParamsErrorCode::unknown_base_asset);
  CHECK(broken([&](Params& p) { p.assets[AssetId{"ETH"}].init_liab_weight = W("0.99"); }).code ==
        ParamsErrorCode::liab_weight_below_one);
  CHECK(broken([&](Params& p) { p.assets[AssetId{"ETH"}].init_asset_weight = W("0.95"); }).code ==
        ParamsErrorCode::asset_weights_misordered);
  CHECK(broken([&](Params& p) { p.chains[ChainId{1}].collateral_weight = W("1.1"); }).code ==
        ParamsErrorCode::chain_weight_out_of_range);
  CHECK(broken([&](Params& p) { p.chains[ChainId{1}].max_staleness_s = -1; }).code == ParamsErrorCode::negative_staleness);
  CHECK(broken([&](Params& p) { p.conf_multiplier = W("-1"); }).code == ParamsErrorCode::negative_conf_multiplier);
}

TEST_CASE("per-position helpers follow SPEC §3 line by line", "[margin]") {
  const MarketState s = xm::testing::basic_state();
  const PerpMarket& m = s.params.markets.at(MarketId{"ETH-PERP"});
  // pnl = 2·2000 − 3000 = 1000 > 0 → ×0.8 (maint) / ×0.5 (init).
  CHECK(*perp_pnl(m, W("2"), W("-3000"), W("2000"), HealthType::maint) == W("800"));
  CHECK(*perp_pnl(m, W("2"), W("-3000"), W("2000"), HealthType::init) == W("500"));
  CHECK(*perp_pnl(m, W("2"), W("-5000"), W("2000"), HealthType::maint) == W("-1000"));  // losses in full
  // 3 wei × 0.333333333333333333 = 0.999999999999999999 wei → ceil = 1 wei.
  CHECK(*perp_notional(W("-0.000000000000000003"), W("0.333333333333333333")) == W("0.000000000000000001"));
  // 150000 notional: 0.05·100000 + 0.1·50000 = 10000 (maint); 0.1·100000 + 0.2·50000 = 20000 (init).
  CHECK(*tier_requirement(m, W("150000"), HealthType::maint) == W("10000"));
  CHECK(*tier_requirement(m, W("150000"), HealthType::init) == W("20000"));
  CHECK(*perp_requirement(m, W("-75"), W("2000"), HealthType::maint) == W("10000"));
  const AssetParams& eth = s.params.assets.at(AssetId{"ETH"});
  const ChainParams& arb = s.params.chains.at(ChainId{42161});
  CHECK(*balance_value(eth, arb, W("1"), W("2000"), false, HealthType::maint) == W("1620"));  // ×0.9 ×0.9
  CHECK(*balance_value(eth, arb, W("1"), W("2000"), true, HealthType::init) == W("0"));       // stale
  CHECK(*balance_value(eth, arb, W("-1"), W("2000"), true, HealthType::init) == W("-2400"));  // borrow counts
  CHECK(perp_notional(Wad::min(), W("1")).error().code == MarginErrorCode::overflow);
}

TEST_CASE("evaluate agrees with cross_health and isolated_health", "[margin]") {
  MarketState s = xm::testing::basic_state();
  Account a = one_long("1000", "1", "-2000");
  a.isolated.push_back(IsolatedPosition{MarketId{"ETH-PERP"}, W("-2"), W("4100"), W("300")});
  const auto ctx = MarginContext::make(s);
  const auto r = evaluate(*ctx, a);
  REQUIRE(r);
  CHECK(r->maint.health == cross_health(*ctx, a, HealthType::maint)->health);
  CHECK(r->init.health == cross_health(*ctx, a, HealthType::init)->health);
  CHECK(r->isolated[0].maint.health == isolated_health(*ctx, a.isolated[0], HealthType::maint)->health);
  CHECK(r->isolated[0].maint.health == W("300") + W("80") - W("200"));  // collateral + 0.8·100 − 0.05·4000
}

TEST_CASE("liquidation price: health is negative there and not one wei before it", "[margin][liquidation-price]") {
  const MarketState s = xm::testing::basic_state();
  xm::testing::SplitMix64 rng(xm::testing::test_seed("liquidation_price_edge"));
  const std::uint64_t cases = std::min<std::uint64_t>(xm::testing::property_cases(200), 200);
  int found = 0;
  for (std::uint64_t i = 0; i < cases; ++i) {
    const bool is_long = rng.below(2) == 0;
    const auto size = static_cast<std::int64_t>(1 + rng.below(50));
    const auto entry = static_cast<std::int64_t>(1500 + rng.below(1000));
    const auto collateral = static_cast<std::int64_t>(rng.below(40000));
    Account a;
    a.id = "a";
    a.balances.push_back(Balance{ChainId{1}, AssetId{"USDC"}, Wad::from_units(collateral)});
    a.perps.push_back(PerpPosition{MarketId{"ETH-PERP"}, Wad::from_units(is_long ? size : -size),
                                   Wad::from_units(is_long ? -size * entry : size * entry)});
    const auto ctx = MarginContext::make(s);
    const auto r = evaluate(*ctx, a);
    REQUIRE(r);
    const auto& lp = r->perps[0].liquidation_price;
    REQUIRE_FALSE(r->perps[0].liquidation_price_unresolved);
    if (!lp) continue;
    ++found;
    const Wad one_wei = Wad::from_raw_i64(1);
    CHECK(maint_health_at(s, a, *lp).sign() < 0);
    // The next wei toward the current price is still healthy (unless that is the current price).
    const Wad before = is_long ? *lp + one_wei : *lp - one_wei;
    if (*lp != W("2000")) CHECK(maint_health_at(s, a, before).sign() >= 0);
  }
  CHECK(found > 0);
}

TEST_CASE("canonical encoding is stable and sensitive to one wei", "[margin][digest]") {
  const MarketState s = xm::testing::basic_state();
  const std::vector<Account> accounts{one_long("1000", "1", "-2000")};
  const std::string bytes = encode_margin_inputs(s, accounts);
  CHECK(bytes == encode_margin_inputs(s, accounts));
  std::vector<Account> changed = accounts;
  changed[0].perps[0].quote = W("-2000.000000000000000001");
  CHECK(bytes != encode_margin_inputs(s, changed));
  const auto ctx = MarginContext::make(s);
  const auto r = evaluate(*ctx, accounts[0]);
  REQUIRE(r);
  const std::string out = encode_margin_results({*r});
  CHECK(out.size() > 100);
  // A WAD is 32 bytes of two's complement: −1 wei is 32 bytes of 0xff somewhere in the encoding.
  AccountResult neg = *r;
  neg.free_collateral = Wad::from_raw_i64(-1);
  CHECK(encode_margin_results({neg}).find(std::string(32, '\xff')) != std::string::npos);
}
