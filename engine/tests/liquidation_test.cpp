// Unit tests of the liquidation planner with hand-computed expectations (arithmetic in comments).
#include <catch2/catch.hpp>

#include "xm/engine/decimal.hpp"
#include "xm/engine/liquidation.hpp"

namespace {

using xm::Wad;

Wad d(const char* text) { return *xm::parse_wad(text); }

// BTC at 30000, one tier mmr 4 %, fee 2 %, insurance share 25 %, lot 0.001, buffer 10 %.
struct World {
  xm::Params params;
  xm::PriceSet prices;
  World() {
    params.assets[xm::AssetId{"USDC"}] = {xm::AssetId{"USDC"}, d("1"), d("1"), d("1"), d("1")};
    params.assets[xm::AssetId{"BTC"}] = {xm::AssetId{"BTC"}, d("0.8"), d("0.9"), d("1.2"), d("1.1")};
    params.chains[xm::ChainId{1}] = {xm::ChainId{1}, "eth", d("1"), 3600};
    xm::PerpMarket m;
    m.id = xm::MarketId{"BTC-PERP"};
    m.base = xm::AssetId{"BTC"};
    m.lot_size = d("0.001");
    m.tiers = {xm::Tier{d("0"), std::nullopt, d("0.08"), d("0.04")}};
    m.init_pnl_weight = d("0.5");
    m.maint_pnl_weight = d("0.8");
    m.liquidation_fee = d("0.02");
    m.insurance_share = d("0.25");
    params.markets[m.id] = m;
    params.liquidation_buffer = d("0.1");
    prices[xm::AssetId{"USDC"}] = {d("1"), d("0"), xm::PriceStatus::ok};
    prices[xm::AssetId{"BTC"}] = {d("30000"), d("0"), xm::PriceStatus::ok};
  }
};

xm::Account account(const char* usdc, const char* size, const char* quote) {
  xm::Account a;
  a.id = "alice";
  a.balances = {{xm::ChainId{1}, xm::AssetId{"USDC"}, d(usdc)}};
  a.perps = {{xm::MarketId{"BTC-PERP"}, d(size), d(quote)}};
  return a;
}

}  // namespace

TEST_CASE("single-tier partial close: smallest lot multiple, fee split", "[liquidation]") {
  World w;
  // health = -300 + 720 δ, target = 240 - 120 δ  →  δ ≥ 0.642857…  →  0.643.
  const auto plan = xm::plan_liquidation(w.params, w.prices, account("500", "2", "-58000"), d("0"));
  REQUIRE(plan.ok());
  REQUIRE(plan->steps.size() == 1);
  const auto& s = plan->steps[0];
  CHECK(s.delta == d("0.643"));
  CHECK_FALSE(s.whole_position);
  CHECK(s.quote_in == d("19290"));
  CHECK(s.fee == d("385.8"));
  CHECK(s.fee_to_insurance == d("96.45"));
  CHECK(s.fee_to_liquidator == d("289.35"));
  CHECK(s.health_before == d("-300"));
  CHECK(s.health_after == d("162.96"));
  CHECK(s.target_after == d("162.84"));
  CHECK(plan->account_after.perps[0].size == d("1.357"));
  CHECK(plan->account_after.perps[0].quote == d("-58000") + d("19290") - d("385.8"));
  CHECK(plan->insurance_fund_after == d("96.45"));
  CHECK(plan->liquidator.perps.at(xm::MarketId{"BTC-PERP"}).first == d("0.643"));
  CHECK(plan->liquidator.perps.at(xm::MarketId{"BTC-PERP"}).second == d("-19290"));
}

TEST_CASE("a short closes by buying back: negative delta, quote_in floors against the account", "[liquidation]") {
  World w;
  // Short 2 BTC at quote 61000 (entry 30500): pnl +1000 → weighted 800; req 2400; 500 USDC: health -1100.
  // Price 30000.000000000000000001 makes |δ|·p inexact so the floor shows: mul(-δ, p, floor) is one wei lower.
  w.prices[xm::AssetId{"BTC"}].price = d("30000.000000000000000001");
  const auto plan = xm::plan_liquidation(w.params, w.prices, account("500", "-2", "61000"), d("0"));
  REQUIRE(plan.ok());
  const auto& s = plan->steps.at(0);
  CHECK(s.delta.sign() < 0);
  CHECK(s.size_before == d("-2"));
  // quote_in = floor(δ · p): for δ = -k/1000 the exact value is -30000k/1000 - k/1000 wei → one more wei down.
  const Wad exact_part = xm::mul_floor(s.delta, d("30000"));
  CHECK(s.quote_in < exact_part);
  CHECK(plan->account_after.perps[0].size == d("-2") - s.delta);
}

TEST_CASE("the fee is capped at the equity after the close and never creates bad debt", "[liquidation]") {
  World w;
  // Long 1 at entry 30900: pnl -900, 1000 USDC → equity 100 after closing all; the fee would be 600.
  const auto plan = xm::plan_liquidation(w.params, w.prices, account("1000", "1", "-30900"), d("0"));
  REQUIRE(plan.ok());
  const auto& s = plan->steps.at(0);
  CHECK(s.whole_position);
  CHECK(s.fee_uncapped == d("600"));
  CHECK(s.fee == d("100"));
  CHECK(s.health_after == d("0"));
  CHECK(plan->bad_debt == d("0"));
}

TEST_CASE("the insurance part of the fee rounds down, the liquidator gets the remainder", "[liquidation]") {
  World w;
  w.params.markets.begin()->second.insurance_share = d("0.333333333333333333");
  const auto plan = xm::plan_liquidation(w.params, w.prices, account("500", "2", "-58000"), d("0"));
  REQUIRE(plan.ok());
  const auto& s = plan->steps.at(0);
  // 385.8 · 0.333333333333333333 = 128.5999999999999998714 → floor 128.599999999999999871.
  CHECK(s.fee_to_insurance == d("128.599999999999999871"));
  CHECK(s.fee_to_liquidator == d("257.200000000000000129"));
}

TEST_CASE("bad debt: insurance fund first, then socialized", "[liquidation]") {
  World w;
  // Long 1 entered at 40000: after closing, equity 2000 - 10000 = -8000; fee capped at 0.
  const auto a = account("2000", "1", "-40000");
  const auto covered = xm::plan_liquidation(w.params, w.prices, a, d("10000"));
  REQUIRE(covered.ok());
  CHECK(covered->bad_debt == d("8000"));
  CHECK(covered->insurance_paid == d("8000"));
  CHECK(covered->socialized_loss == d("0"));
  CHECK(covered->insurance_fund_after == d("2000"));
  const auto socialized = xm::plan_liquidation(w.params, w.prices, a, d("3000"));
  REQUIRE(socialized.ok());
  CHECK(socialized->insurance_paid == d("3000"));
  CHECK(socialized->socialized_loss == d("5000"));
  CHECK(socialized->insurance_fund_after == d("0"));
  CHECK(socialized->cross_credit == d("8000"));
}

TEST_CASE("a borrow pair whose weights cannot raise health is skipped", "[liquidation]") {
  World w;
  // USDC borrowed (liability weight 1) against USDC on the same chain weight 1 with a 1 % bonus:
  // (1 + 0.01) · 1 · 1 ≥ 1, so repaying would lower health: no step, the deficit is bad debt.
  w.params.chains[xm::ChainId{2}] = {xm::ChainId{2}, "other", d("1"), 3600};
  xm::Account a;
  a.id = "bob";
  a.balances = {{xm::ChainId{1}, xm::AssetId{"USDC"}, d("100")}, {xm::ChainId{2}, xm::AssetId{"USDC"}, d("-150")}};
  const auto plan = xm::plan_liquidation(w.params, w.prices, a, d("0"), {d("0.01")});
  REQUIRE(plan.ok());
  CHECK(plan->steps.empty());
  CHECK(plan->bad_debt == d("50"));
}

TEST_CASE("refusals are named", "[liquidation]") {
  World w;
  const auto a = account("500", "2", "-58000");
  SECTION("halted price") {
    w.prices[xm::AssetId{"BTC"}].status = xm::PriceStatus::halted;
    const auto r = xm::plan_liquidation(w.params, w.prices, a, d("0"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().reason == xm::RefusalReason::price_not_ok);
    CHECK(r.error().message() == "price_not_ok: BTC (halted)");
  }
  SECTION("degraded is still a price: SPEC §5 stops liquidation only when insufficient or halted") {
    w.prices[xm::AssetId{"USDC"}].status = xm::PriceStatus::degraded;
    CHECK(xm::plan_liquidation(w.params, w.prices, a, d("0")).ok());
  }
  SECTION("insufficient is refused") {
    w.prices[xm::AssetId{"USDC"}].status = xm::PriceStatus::insufficient;
    CHECK(xm::plan_liquidation(w.params, w.prices, a, d("0")).error().reason == xm::RefusalReason::price_not_ok);
  }
  SECTION("p_lo <= 0 is unpriceable (SPEC §2), as in evaluate") {
    w.params.conf_multiplier = d("1");
    w.prices[xm::AssetId{"BTC"}].conf = w.prices.at(xm::AssetId{"BTC"}).price;
    CHECK(xm::plan_liquidation(w.params, w.prices, a, d("0")).error().reason == xm::RefusalReason::unpriceable);
  }
  SECTION("missing price") {
    w.prices.erase(xm::AssetId{"BTC"});
    CHECK(xm::plan_liquidation(w.params, w.prices, a, d("0")).error().reason == xm::RefusalReason::price_missing);
  }
  SECTION("a price the account does not depend on may be halted") {
    w.params.assets[xm::AssetId{"ETH"}] = w.params.assets.at(xm::AssetId{"BTC"});
    w.prices[xm::AssetId{"ETH"}] = {d("3000"), d("0"), xm::PriceStatus::halted};
    CHECK(xm::plan_liquidation(w.params, w.prices, a, d("0")).ok());
  }
  SECTION("healthy account") {
    CHECK(xm::plan_liquidation(w.params, w.prices, account("5000", "2", "-58000"), d("0")).error().reason ==
          xm::RefusalReason::not_liquidatable);
  }
  SECTION("unknown market, duplicate position, negative fund") {
    auto b = a;
    b.perps.push_back(b.perps[0]);
    CHECK(xm::plan_liquidation(w.params, w.prices, b, d("0")).error().reason == xm::RefusalReason::duplicate_position);
    b.perps[1].market = xm::MarketId{"DOGE-PERP"};
    CHECK(xm::plan_liquidation(w.params, w.prices, b, d("0")).error().reason == xm::RefusalReason::unknown_market);
    CHECK(xm::plan_liquidation(w.params, w.prices, a, d("-1")).error().reason == xm::RefusalReason::invalid_input);
  }
  SECTION("overflow is a refusal, not a crash") {
    auto b = a;
    b.perps[0].size = *xm::parse_wad(std::string("1") + std::string(57, '0'));  // size · price leaves int256
    CHECK(xm::plan_liquidation(w.params, w.prices, b, d("0")).error().reason == xm::RefusalReason::overflow);
  }
}
