#pragma once
// Liquidation on the simulator's book through the liquidation planner (issue 4, SPEC §4).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "xm/sim/book.hpp"
#include "xm/sim/engine_check.hpp"

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

// The whole account through the liquidation planner (xm::plan_liquidation, SPEC §4): every
// liquidatable pool, the plan's account written back into the book, bad-debt credits applied
// (isolated: to the position's collateral; cross: netted into the first perp's quote), the fund set
// to the plan's `insurance_fund_after`. `refusal` is set, and nothing changed, when the planner
// refuses or plans something the book cannot hold.
struct AccountLiquidation {
  std::vector<LiqStep> steps;
  i128 bad_debt = 0;
  i128 insurance_paid = 0;
  i128 socialized = 0;
  std::optional<std::string> refusal;
};
AccountLiquidation liquidate_account(const Scenario& s, const FastParams& p, const EngineCheck& engine, FastAccount& a,
                                     const std::vector<i128>& price, const std::vector<PriceStatus>& status,
                                     i128& insurance_fund);

}  // namespace xm::sim
