// The stand-in liquidation on hand-computed accounts (arithmetic in the comments).
#include <catch2/catch.hpp>

#include "xm/sim/liquidate.hpp"

using namespace xm::sim;

namespace {

// One market X-PERP on asset 1 (asset 0 = USD at 1), lot 0.01, one tier mmr 5 %, fee 1 %, half to
// the insurance fund, maint pnl weight 1, buffer 2 %.
FastParams params() {
  FastParams p;
  FastMarket m;
  m.id = "X-PERP";
  m.base = 1;
  m.lot = kWad / 100;
  m.tiers = {{0, -1, kWad / 20}};
  m.maint_pnl_weight = kWad;
  m.liquidation_fee = kWad / 100;
  m.insurance_share = kWad / 2;
  p.markets = {m};
  p.chains = {{1, kWad, 60}};
  p.assets = {{kWad, kWad}, {kWad, kWad}};
  p.liquidation_buffer = kWad / 50;
  return p;
}

}  // namespace

TEST_CASE("partial cross liquidation closes the smallest lot multiple reaching the target", "[sim][liquidation]") {
  const FastParams p = params();
  // 1000 USD, long 10 X bought at 200 (quote −2000), price 105:
  // equity = 1000 + 1050 − 2000 = 50, requirement = 0.05 · 1050 = 52.5, health −2.5.
  // Closing δ: fee 1.05·δ, requirement 5.25·(10 − δ): health(δ) = −2.5 + 4.2·δ, target 1.05 − 0.105·δ,
  // reached when δ ≥ 3.55 / 4.305 = 0.8246… → 0.83 (0.82 gives 0.944 < 0.9639).
  FastAccount a;
  a.balances = {{0, 0, 1000 * kWad}};
  a.perps = {{0, 10 * kWad, -2000 * kWad}};
  const std::vector<i128> px = {kWad, 105 * kWad};
  REQUIRE(cross_side(p, a, px).health() == -25 * kWad / 10);
  i128 fund = 0;
  const LiqOutcome out = liquidate_pool(p, a, std::nullopt, px, fund);
  REQUIRE(out.steps.size() == 1);
  CHECK(out.steps[0].delta == 83 * kWad / 100);
  CHECK(out.steps[0].quote_in == 8715 * kWad / 100);    // 0.83 · 105
  CHECK(out.steps[0].fee == 8715 * kWad / 10000);       // 0.8715
  CHECK(out.steps[0].fee_to_insurance == 43575 * kWad / 100000);
  CHECK(fund == 43575 * kWad / 100000);
  CHECK(a.perps[0].size == 917 * kWad / 100);
  CHECK(a.perps[0].quote == -19137215 * kWad / 10000);  // −2000 + 87.15 − 0.8715
  CHECK(out.steps[0].health_after == 986 * kWad / 1000);
  CHECK(out.bad_debt == 0);
}

TEST_CASE("isolated bad debt: insurance first, the rest socialized", "[sim][liquidation]") {
  const FastParams p = params();
  // Collateral 100, long 10 X at 200, price 180: equity 100 − 200 = −100. Closing all moves 1800
  // into quote (−200); the fee is capped at the equity after the close (−100) → 0. Bad debt 100:
  // the fund pays its 30, 70 is socialized, and the collateral is credited back to 0.
  FastAccount a;
  a.isolated = {{0, 10 * kWad, -2000 * kWad, 100 * kWad}};
  const std::vector<i128> px = {kWad, 180 * kWad};
  i128 fund = 30 * kWad;
  const LiqOutcome out = liquidate_pool(p, a, std::size_t{0}, px, fund);
  REQUIRE(out.steps.size() == 1);
  CHECK(out.steps[0].delta == 10 * kWad);
  CHECK(out.steps[0].fee == 0);
  CHECK(out.bad_debt == 100 * kWad);
  CHECK(out.insurance_paid == 30 * kWad);
  CHECK(out.socialized == 70 * kWad);
  CHECK(fund == 0);
  CHECK(a.isolated[0].size == 0);
  CHECK(a.isolated[0].collateral + a.isolated[0].quote == 0);
}
