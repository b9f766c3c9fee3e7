// The liquidation planner through the simulator's book, on hand-computed accounts (arithmetic in
// the comments, from SPEC §4 — independent of the planner's code).
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "xm/sim/liquidate.hpp"

using namespace xm::sim;

namespace {

// One market X-PERP on X (asset 1; asset 0 = USD at 1), lot 0.01, one tier mmr 5 %, fee 1 %, half
// to the insurance fund, maint pnl weight 1, buffer 2 %.
const char* const kScenario = R"({"format": "xmargin-scenario/1", "name": "t", "steps": 1, "step_s": 10, "start_ts": 1000,
  "params": {"assets": {"USD": {"init_asset_weight": "1", "maint_asset_weight": "1", "init_liab_weight": "1", "maint_liab_weight": "1"},
                        "X": {"init_asset_weight": "1", "maint_asset_weight": "1", "init_liab_weight": "1", "maint_liab_weight": "1"}},
             "chains": {"1": {"name": "a", "max_staleness_s": 60}},
             "markets": {"X-PERP": {"base": "X", "lot_size": "0.01", "tiers": [{"lo": "0", "imr": "0.1", "mmr": "0.05"}],
                          "init_pnl_weight": "1", "maint_pnl_weight": "1", "liquidation_fee": "0.01", "insurance_share": "0.5"}},
             "liquidation_buffer": "0.02"},
  "assets": [{"id": "USD", "initial_price": "1", "path": {"kind": "fixed"}},
             {"id": "X", "initial_price": "100", "path": {"kind": "fixed"}, "sources": [{"name": "a", "noise_bps": 0}]}],
  "oracle": {"min_sources": 1, "max_age_s": 60, "max_future_s": 5, "max_deviation": "0.05", "drift_rounds": 2, "recovery_rounds": 2,
             "breaker_max_move": "0", "breaker_window_s": 0, "breaker_cooldown_s": 0},
  "liquidation": {"latency_steps": 0, "missed_after_steps": 2, "insurance_fund": "0"},
  "population": {"count": 1, "collateral_asset": "USD", "collateral_min": "100", "collateral_max": "100",
                 "leverage": [{"leverage": "2", "weight": 1}], "markets": ["X-PERP"], "chains": [{"chain": 1, "weight": 1}]},
  "variants": [{"name": "v", "margin_mode": "cross", "defenses": true}]})";

const std::vector<xm::PriceStatus> kOk = {xm::PriceStatus::ok, xm::PriceStatus::ok};

}  // namespace

TEST_CASE("partial cross liquidation closes the smallest lot multiple reaching the target", "[sim][liquidation]") {
  const Scenario s = test::from_text(kScenario);
  const FastParams p = make_fast_params(s);
  const EngineCheck engine(s, p);
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
  const AccountLiquidation out = liquidate_account(s, p, engine, a, px, kOk, fund);
  REQUIRE_FALSE(out.refusal);
  REQUIRE(out.steps.size() == 1);
  CHECK(out.steps[0].delta == 83 * kWad / 100);
  CHECK(out.steps[0].quote_in == 8715 * kWad / 100);    // 0.83 · 105
  CHECK(out.steps[0].fee == 8715 * kWad / 10000);       // 0.8715
  CHECK(out.steps[0].fee_to_insurance == 43575 * kWad / 100000);
  CHECK(fund == 43575 * kWad / 100000);
  CHECK(a.perps[0].size == 917 * kWad / 100);
  CHECK(a.perps[0].quote == -19137215 * kWad / 10000);  // −2000 + 87.15 − 0.8715
  CHECK(out.steps[0].health_after == 986 * kWad / 1000);
  CHECK(cross_side(p, a, px).health() == 986 * kWad / 1000);
  CHECK(out.bad_debt == 0);
}

TEST_CASE("isolated bad debt: insurance first, the rest socialized", "[sim][liquidation]") {
  const Scenario s = test::from_text(kScenario);
  const FastParams p = make_fast_params(s);
  const EngineCheck engine(s, p);
  // Collateral 100, long 10 X at 200, price 180: equity 100 − 200 = −100. Closing all moves 1800
  // into quote (−200); the fee is capped at the equity after the close (−100) → 0. Bad debt 100:
  // the fund pays its 30, 70 is socialized, and the position's collateral is credited back to 0.
  FastAccount a;
  a.isolated = {{0, 10 * kWad, -2000 * kWad, 100 * kWad}};
  const std::vector<i128> px = {kWad, 180 * kWad};
  i128 fund = 30 * kWad;
  const AccountLiquidation out = liquidate_account(s, p, engine, a, px, kOk, fund);
  REQUIRE_FALSE(out.refusal);
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

TEST_CASE("a halted price is refused, and nothing changes", "[sim][liquidation]") {
  const Scenario s = test::from_text(kScenario);
  const FastParams p = make_fast_params(s);
  const EngineCheck engine(s, p);
  FastAccount a;
  a.isolated = {{0, 10 * kWad, -2000 * kWad, 100 * kWad}};
  i128 fund = 30 * kWad;
  const AccountLiquidation out =
      liquidate_account(s, p, engine, a, {kWad, 180 * kWad}, {xm::PriceStatus::ok, xm::PriceStatus::halted}, fund);
  REQUIRE(out.refusal);
  CHECK_THAT(*out.refusal, Catch::Contains("halted"));
  CHECK(a.isolated[0].size == 10 * kWad);
  CHECK(fund == 30 * kWad);
}
