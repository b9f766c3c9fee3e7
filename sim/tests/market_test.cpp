// World generation: flash-crash shape on a recorded path, source faults, chain delay, latency.
// Expected values by hand from the definitions in docs/formats/scenario.md.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "helpers.hpp"
#include "xm/sim/market.hpp"

using namespace xm::sim;

namespace {

// A 12-step world: X recorded at 100 every step, three exact sources (no noise).
std::string world_json(const std::string& faults) {
  return R"({"format": "xmargin-scenario/1", "name": "t", "steps": 12, "step_s": 10, "start_ts": 1000,
  "params": {"assets": {"USD": {"init_asset_weight": "1", "maint_asset_weight": "1", "init_liab_weight": "1", "maint_liab_weight": "1"},
                        "X": {"init_asset_weight": "1", "maint_asset_weight": "1", "init_liab_weight": "1", "maint_liab_weight": "1"}},
             "chains": {"1": {"name": "a", "max_staleness_s": 15}},
             "markets": {"X-PERP": {"base": "X", "lot_size": "1", "tiers": [{"lo": "0", "imr": "0.1", "mmr": "0.05"}],
                          "init_pnl_weight": "1", "maint_pnl_weight": "1", "liquidation_fee": "0.01", "insurance_share": "0.5"}}},
  "assets": [{"id": "USD", "initial_price": "1", "path": {"kind": "fixed"}},
             {"id": "X", "initial_price": "100", "path": {"kind": "recorded", "points": ["100","100","100","100","100","100","100","100","100","100","100","100","100"]},
              "sources": [{"name": "a", "noise_bps": 0}, {"name": "b", "noise_bps": 0}, {"name": "c", "noise_bps": 0, "latency_steps": 2}]}],
  "oracle": {"min_sources": 2, "max_age_s": 60, "max_future_s": 5, "max_deviation": "0.05", "drift_rounds": 2, "recovery_rounds": 2,
             "breaker_max_move": "0", "breaker_window_s": 0, "breaker_cooldown_s": 0},
  "liquidation": {"latency_steps": 1, "missed_after_steps": 2, "insurance_fund": "0"},
  "population": {"count": 1, "collateral_asset": "USD", "collateral_min": "100", "collateral_max": "100",
                 "leverage": [{"leverage": "2", "weight": 1}], "markets": ["X-PERP"], "chains": [{"chain": 1, "weight": 1}]},
  "faults": [)" + faults + R"(],
  "variants": [{"name": "v", "margin_mode": "cross", "defenses": true}]})";
}

}  // namespace

TEST_CASE("flash crash: linear fall over duration, hold, linear recovery", "[sim][market]") {
  const Scenario s = test::from_text(world_json(
      R"({"kind": "flash_crash", "asset": "X", "start_step": 2, "duration_steps": 4, "depth": "0.4", "hold_steps": 2, "recover_steps": 4})"));
  const auto paths = true_paths(s, 1);
  // 1 − 0.4·(d+1)/4 while falling: 90, 80, 70, 60; hold 60, 60; recover 1 − 0.4·(4−k−1)/4: 70, 80, 90, 100.
  const std::vector<i128> want = {100, 100, 90, 80, 70, 60, 60, 60, 70, 80, 90, 100, 100};
  REQUIRE(paths[1].size() == want.size());
  for (std::size_t t = 0; t < want.size(); ++t) CHECK(paths[1][t] == want[t] * kWad);
  CHECK(paths[0][5] == kWad);  // the stable is untouched
}

TEST_CASE("source faults: spike, stale, outage, frozen floor, latency", "[sim][market]") {
  const Scenario s = test::from_text(world_json(
      R"({"kind": "spike", "asset": "X", "source": "a", "start_step": 1, "duration_steps": 2, "magnitude": "1"},
         {"kind": "stale", "asset": "X", "source": "b", "start_step": 4, "duration_steps": 3},
         {"kind": "outage", "asset": "X", "start_step": 9, "duration_steps": 1},
         {"kind": "frozen", "asset": "X", "source": "a", "start_step": 6, "duration_steps": 2, "floor_price": "150"},
         {"kind": "chain_delay", "chain": 1, "start_step": 3, "duration_steps": 4},
         {"kind": "liquidation_latency", "start_step": 5, "duration_steps": 1, "latency_steps": 7})"));
  const World w = build_world(s, 3);
  const auto& a = w.quotes[1][0];
  const auto& b = w.quotes[1][1];
  const auto& c = w.quotes[1][2];
  CHECK(a[0].price == 100 * kWad);
  CHECK(a[1].price == 200 * kWad);  // × (1 + 1)
  CHECK(a[3].price == 100 * kWad);
  CHECK(a[6].price == 150 * kWad);  // clamped up to the floor, fresh timestamp
  CHECK(a[6].ts == 1060);
  CHECK(b[4].ts == 1030);  // stale: repeats step 3's quote
  CHECK(b[6].ts == 1030);
  CHECK(b[7].ts == 1070);
  CHECK(c[5].ts == 1030);  // 2 steps of latency
  CHECK_FALSE(a[9].present);
  CHECK_FALSE(c[9].present);
  CHECK(a[10].present);
  CHECK(w.chain_ts[0][2] == 1020);
  CHECK(w.chain_ts[0][6] == 1020);  // frozen at the last snapshot before the delay
  CHECK(w.chain_ts[0][7] == 1070);
  CHECK(w.liquidation_latency[5] == 7);
  CHECK(w.liquidation_latency[6] == 1);
}

TEST_CASE("GBM paths depend only on the seed", "[sim][market]") {
  const Scenario s = test::load("fixtures/scenarios/calm.json");
  const auto p1 = true_paths(s, 5), p2 = true_paths(s, 5), p3 = true_paths(s, 6);
  CHECK(p1 == p2);
  CHECK(p1 != p3);
  for (const auto& path : p1)
    for (i128 v : path) REQUIRE(v > 0);
}

TEST_CASE("recorded paths from CSV", "[sim][market]") {
  const auto pts = parse_path_csv("step,ETH,BTC\n0,200,8000\n1,199.5,7990\r\n2,180,7000\n", "ETH", "p.csv");
  REQUIRE(pts.size() == 3);
  CHECK(pts[1] == 1995 * kWad / 10);
  CHECK_THROWS_WITH(parse_path_csv("step,ETH\n0,200\n2,1\n", "ETH", "p.csv"), Catch::Contains("p.csv:3") && Catch::Contains("step must be 1"));
  CHECK_THROWS_WITH(parse_path_csv("step,ETH\n0,2e3\n", "ETH", "p.csv"), Catch::Contains("bad price"));
  CHECK_THROWS_WITH(parse_path_csv("step,ETH\n0,1\n", "SOL", "p.csv"), Catch::Contains("no column \"SOL\""));
  CHECK_THROWS_WITH(parse_path_csv("step,ETH\n0,-1\n", "ETH", "p.csv"), Catch::Contains("(0, 10^9]"));
}

TEST_CASE("scenario errors name the JSON path", "[sim][scenario]") {
  CHECK_THROWS_WITH(test::from_text(world_json(R"({"kind": "spike", "asset": "X", "source": "zz", "start_step": 1, "duration_steps": 2, "magnitude": "1"})")),
                    Catch::Contains("faults[0].source") && Catch::Contains("no source \"zz\""));
  CHECK_THROWS_WITH(test::from_text(world_json(R"({"kind": "meteor", "start_step": 1, "duration_steps": 2})")),
                    Catch::Contains("faults[0].kind") && Catch::Contains("unknown fault kind"));
  CHECK_THROWS_WITH(test::from_text(world_json(R"({"kind": "stale", "asset": "X", "source": "a", "start_step": 1, "duration_steps": 2, "extra": 1})")),
                    Catch::Contains("faults[0].extra") && Catch::Contains("unknown field"));
  CHECK_THROWS_WITH(test::from_text(world_json(R"({"kind": "flash_crash", "asset": "X", "start_step": 1, "duration_steps": 2, "depth": 0.4})")),
                    Catch::Contains("faults[0].depth"));
}

TEST_CASE("a recorded path is read from a CSV file beside the scenario", "[sim][market]") {
  const auto dir = std::filesystem::temp_directory_path() / ("xm_sim_csv_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream csv(dir / "x.csv");
    csv << "step,X\n";
    for (int t = 0; t <= 12; ++t) csv << t << ',' << 100 + t << ".5\n";
  }
  std::string text = world_json("");
  const std::string inline_points = R"("points": ["100","100","100","100","100","100","100","100","100","100","100","100","100"])";
  text.replace(text.find(inline_points), inline_points.size(), R"("csv": "x.csv", "column": "X")");
  const xm::json::Value doc = xm::json::parse(text);
  const Scenario s = parse_scenario(xm::json::JsonRef(doc, ""), dir.string());
  const auto paths = true_paths(s, 1);
  CHECK(paths[1][0] == 1005 * kWad / 10);
  CHECK(paths[1][12] == 1125 * kWad / 10);
  CHECK_THROWS_WITH(parse_scenario(xm::json::JsonRef(doc, ""), (dir / "missing").string()),
                    Catch::Contains("assets[1].path.csv") && Catch::Contains("cannot read"));
  std::filesystem::remove_all(dir);
}
