#pragma once
// Liquidation of one pool (the cross pool of an account, or one isolated position) per SPEC §4, on
// the simulator's 128-bit book. STAND-IN for the liquidation planner (issue 4, branch
// `liquidation`): same rules (largest maint requirement first, ties by market id; the smallest
// multiple of lot_size that reaches maint health ≥ mul(buffer, requirement, ceil), else the whole
// position; fee capped at the maint equity after the close; insurance fund, then socialized loss).
// TO REPLACE by xm::plan_liquidation once it is on main.
#include <cstdint>
#include <optional>
#include <vector>

#include "xm/sim/book.hpp"

namespace xm::sim {

struct LiqStep {
  std::size_t market = 0;
  i128 delta = 0;     // base closed, same sign as the position
  i128 price = 0;
  i128 quote_in = 0;  // mul(delta, price, floor)
  i128 fee = 0;
  i128 fee_to_insurance = 0;
  i128 health_before = 0;
  i128 health_after = 0;
};

struct LiqOutcome {
  std::vector<LiqStep> steps;
  i128 bad_debt = 0;
  i128 insurance_paid = 0;
  i128 socialized = 0;
};

// `iso` = nullopt liquidates the cross pool, else that isolated position. The caller has checked
// that the pool is liquidatable and every price it depends on is ok. Moves fees and the waterfall
// between the account and `insurance_fund` (the liquidator's part is in the steps).
LiqOutcome liquidate_pool(const FastParams& p, FastAccount& a, std::optional<std::size_t> iso,
                          const std::vector<i128>& price, i128& insurance_fund);

}  // namespace xm::sim
