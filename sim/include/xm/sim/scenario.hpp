#pragma once
// A parsed `xmargin-scenario/1` (docs/formats/scenario.md): everything one simulation run depends
// on besides the seed. Money and rates are WAD integers (i128), counts and times are int64.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "xm/engine/model.hpp"
#include "xm/sim/fixed.hpp"

namespace xm::sim {

enum class PathKind : std::uint8_t { gbm, recorded, fixed };

struct PathSpec {
  PathKind kind = PathKind::fixed;
  // gbm: d(log p) = (drift − sigma²/2)·dt + sigma·√dt·Z + jump, Z = market·√w + own·√(1−w)
  i128 sigma_annual = 0;
  i128 drift_annual = 0;
  i128 market_weight = 0;       // w in [0, 1]: share of the variance from the common factor
  i128 jump_prob_per_step = 0;  // [0, 1]
  i128 jump_mean = 0;           // log-return of a jump
  i128 jump_sigma = 0;
  std::vector<i128> points;     // recorded: price per step (≥ steps + 1 points)
};

struct SourceSpec {
  std::string name;
  std::int64_t noise_bps = 0;      // relative noise, standard deviation in basis points
  std::int64_t latency_steps = 0;  // observes the true price this many steps ago
};

struct AssetSpec {
  std::string id;
  i128 initial_price = 0;
  PathSpec path;
  std::vector<SourceSpec> sources;  // empty: priced exactly at its path (a stable, not oracled)
};

enum class FaultKind : std::uint8_t {
  stale,                // a source stops updating: its last quote keeps its old timestamp
  frozen,               // a source keeps answering with fresh timestamps but never below floor_price
                        // (or stuck at its value at the start when no floor is given)
  spike,                // manipulation: a source reports price × (1 + magnitude)
  drift,                // a source reports price × (1 + rate_per_step · steps since start)
  outage,               // a source (or, without `source`, every source of the asset) is silent
  flash_crash,          // the true price falls by `depth` over `duration_steps`, then recovers
  chain_delay,          // a chain's snapshot timestamp stops advancing
  liquidation_latency,  // liquidations flagged in the window wait `latency_steps`
};

struct Fault {
  FaultKind kind = FaultKind::stale;
  std::int64_t start_step = 0;
  std::int64_t duration_steps = 0;  // the window is [start, start + duration)
  std::string asset;                // asset faults
  std::string source;               // source faults ("" = every source, outage only)
  i128 magnitude = 0;               // spike
  i128 rate_per_step = 0;           // drift
  std::optional<i128> floor_price;  // frozen
  i128 depth = 0;                   // flash_crash: fraction lost at the bottom, in (0, 1)
  std::int64_t hold_steps = 0;      // flash_crash: steps at the bottom
  std::int64_t recover_steps = 0;   // flash_crash: steps back to the path (0 = never)
  std::uint64_t chain = 0;          // chain_delay
  std::int64_t latency_steps = 0;   // liquidation_latency

  bool active(std::int64_t step) const noexcept {
    return step >= start_step && step < start_step + duration_steps;
  }
  // The last step the fault still shapes anything (a flash crash holds and recovers after its fall).
  std::int64_t end_step() const noexcept {
    return start_step + duration_steps + (kind == FaultKind::flash_crash ? hold_steps + recover_steps : 0);
  }
};

struct OracleSpec {
  std::int64_t min_sources = 1;
  std::int64_t max_age_s = 60;
  std::int64_t max_future_s = 5;
  i128 max_deviation = 0;       // relative
  std::int64_t drift_rounds = 3;
  std::int64_t recovery_rounds = 3;
  i128 breaker_max_move = 0;    // relative; 0 disables the breaker
  std::int64_t breaker_window_s = 0;
  std::int64_t breaker_cooldown_s = 0;
};

struct LiquidationSpec {
  std::int64_t latency_steps = 0;       // from flagged to executed
  std::int64_t missed_after_steps = 3;  // unhealthy at the true price longer than this = missed
  i128 insurance_fund = 0;
};

struct LeverageBucket {
  i128 leverage = 0;  // notional / collateral
  std::int64_t weight = 1;
};

struct ChainShare {
  std::uint64_t chain = 0;
  std::int64_t weight = 1;
};

struct PopulationSpec {
  std::int64_t count = 0;
  std::string collateral_asset;
  i128 collateral_min = 0;
  i128 collateral_max = 0;
  std::vector<LeverageBucket> leverage;
  i128 hedged_fraction = 0;    // two legs, long one market and short another
  i128 isolated_fraction = 0;  // used by the `as_generated` margin mode
  std::vector<std::string> markets;
  std::vector<ChainShare> chains;  // where collateral sits (cross)
};

enum class MarginMode : std::uint8_t { as_generated, cross, isolated };

struct Variant {
  std::string name;
  MarginMode margin_mode = MarginMode::cross;
  bool defenses = true;  // deviant exclusion, drift quarantine, circuit breaker
};

struct Expect {
  std::optional<std::int64_t> invariant_violations;
  struct Fewer {
    std::string metric;  // "liquidations" | "false_liquidations" | "bad_debt" | "missed_liquidations"
    std::string variant, than;
  };
  std::vector<Fewer> fewer;
};

struct Scenario {
  std::string name;
  std::uint64_t seed = 1;
  std::int64_t steps = 0;
  std::int64_t step_s = 1;
  std::int64_t start_ts = 0;
  Params params;
  std::vector<AssetSpec> assets;
  OracleSpec oracle;
  LiquidationSpec liquidation;
  PopulationSpec population;
  std::vector<Fault> faults;
  std::vector<Variant> variants;
  Expect expect;

  std::int64_t time_at(std::int64_t step) const noexcept { return start_ts + step * step_s; }
};

const char* to_string(FaultKind k) noexcept;
const char* to_string(MarginMode m) noexcept;

}  // namespace xm::sim
