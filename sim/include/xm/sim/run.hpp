#pragma once
// One simulation run: the World and the oracle series are built once, then every variant replays
// the same steps on its own copy of the same population. Invariants are checked at every step; the
// first violation stops the run and is reported with the seed and step that replay it.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "xm/sim/book.hpp"
#include "xm/sim/market.hpp"
#include "xm/sim/oracle_series.hpp"

namespace xm::sim {

inline constexpr std::size_t kHealthBuckets = 12;  // < 0, [0,10) … [90,100) %, ≥ 100 % of collateral

struct Metrics {
  std::int64_t liquidations = 0;         // pools liquidated (a cross pool or an isolated position)
  std::int64_t accounts_liquidated = 0;  // distinct accounts with at least one liquidation
  std::int64_t false_liquidations = 0;   // liquidated at the oracle price, healthy at the true price
  std::int64_t missed_liquidations = 0;  // unhealthy at the true price for more than N steps (episodes)
  i128 liquidated_notional = 0;          // Σ |δ|·price
  i128 bad_debt = 0;
  i128 insurance_paid = 0;
  i128 socialized_loss = 0;
  i128 liquidator_fees = 0;
  i128 insurance_fund_start = 0;
  i128 insurance_fund_end = 0;
  i128 insurance_fund_min = 0;
  std::int64_t halted_steps = 0;         // steps with any asset halted
  std::int64_t insufficient_steps = 0;   // steps with any asset insufficient
  std::int64_t max_oracle_error_bps = 0; // max |oracle − true| / true over priced steps (ceil)
  std::int64_t max_oracle_error_step = 0;
  std::int64_t stale_chain_account_steps = 0;  // cross accounts holding collateral on a stale chain
  std::int64_t invariant_checks = 0;
};

struct VariantResult {
  Variant variant;
  Metrics metrics;
  std::vector<std::int64_t> liquidations_per_step;  // [step]
  std::vector<i128> insurance_fund;                 // [step], end of step
  std::vector<i128> bad_debt_cumulative;            // [step]
  std::array<std::int64_t, kHealthBuckets> health_start{};
  std::array<std::int64_t, kHealthBuckets> health_end{};
};

struct Violation {
  std::string invariant;  // conservation | liquidation_on_non_ok_price | liquidation_lowered_health
  std::string variant;
  std::int64_t step = 0;
  std::string detail;
};

struct RunResult {
  std::uint64_t seed = 0;
  std::int64_t steps_run = 0;
  World world;
  std::vector<std::vector<OracleOutput>> oracle_defended;    // [asset][step]
  std::vector<std::vector<OracleOutput>> oracle_undefended;  // [asset][step]
  std::vector<VariantResult> variants;
  std::optional<Violation> violation;
  std::int64_t accounts = 0;
};

// progress(done, total): called a bounded number of times (≤ ~100 per variant).
using Progress = std::function<void(std::int64_t done, std::int64_t total)>;

// Test hooks (never set outside tests and benchmarks): a deliberate fault in the simulator's own
// accounting, to prove the invariant checks catch it; the exact evaluation without the screen.
struct RunHooks {
  std::optional<std::int64_t> leak_wei_at_step;  // takes 1 wei out of the insurance fund, first variant
  bool no_screening = false;                      // evaluate every account exactly at every step
};

RunResult run_simulation(const Scenario& s, std::uint64_t seed, const Progress& progress = {},
                         const RunHooks& hooks = {});

// "replay: xmargin simulate SCENARIO --seed N --out DIR (violation at step S, variant V)".
std::string replay_hint(const Violation& v, std::uint64_t seed);

}  // namespace xm::sim
