// The liquidation planner (xm::plan_liquidation, issue 4) executed on the simulator's book: the
// account and the oracle prices go in as engine values, the plan's account and moves come back.
#include "xm/engine/liquidation.hpp"
#include "xm/sim/liquidate.hpp"

namespace xm::sim {

AccountLiquidation liquidate_account(const Scenario& s, const FastParams& p, const EngineCheck& engine, FastAccount& a,
                                     const std::vector<i128>& price, const std::vector<PriceStatus>& status,
                                     i128& insurance_fund) {
  AccountLiquidation out;
  PriceSet prices;
  for (std::size_t ai = 0; ai < s.assets.size(); ++ai)
    if (price[ai] > 0) prices[AssetId{s.assets[ai].id}] = Price{to_wad(price[ai]), Wad::zero(), status[ai]};
  const auto plan = plan_liquidation(s.params, prices, engine.to_account(a), to_wad(insurance_fund));
  if (!plan) {
    out.refusal = plan.error().message();
    return out;
  }
  for (const LiquidationStep& st : plan->steps) {
    if (st.kind == StepKind::borrow) {
      out.refusal = "unexpected borrow step (the simulator's population has no borrows)";
      return out;
    }
    LiqStep ls;
    ls.market = market_index(p, st.market.value);
    ls.delta = to_i128(st.delta);
    ls.price = to_i128(st.price);
    ls.quote_in = to_i128(st.quote_in);
    ls.fee = to_i128(st.fee);
    ls.fee_to_insurance = to_i128(st.fee_to_insurance);
    ls.health_before = to_i128(st.health_before);
    ls.health_after = to_i128(st.health_after);
    out.steps.push_back(ls);
  }
  // The plan's account (same order of balances and positions), then the bad-debt credits.
  const Account& after = plan->account_after;
  for (std::size_t k = 0; k < a.balances.size(); ++k) a.balances[k].amount = to_i128(after.balances[k].amount);
  for (std::size_t k = 0; k < a.perps.size(); ++k) {
    a.perps[k].size = to_i128(after.perps[k].size);
    a.perps[k].quote = to_i128(after.perps[k].quote);
  }
  for (std::size_t k = 0; k < a.isolated.size(); ++k) {
    a.isolated[k].size = to_i128(after.isolated[k].size);
    a.isolated[k].quote = to_i128(after.isolated[k].quote);
    a.isolated[k].collateral = to_i128(after.isolated[k].collateral);
  }
  for (const BadDebt& d : plan->bad_debts)
    if (d.isolated) a.isolated[d.position_index].collateral += to_i128(d.insurance_paid + d.socialized);
  const i128 cross_credit = to_i128(plan->cross_credit);
  if (cross_credit != 0 && !a.perps.empty()) {
    // The book has no credit field: net the (all closed) cross positions' cash into the first one
    // and credit it there, as the planner's credit brings the pool's maint equity to 0.
    for (std::size_t k = 1; k < a.perps.size(); ++k) {
      a.perps[0].quote += a.perps[k].quote;
      a.perps[k].quote = 0;
    }
    a.perps[0].quote += cross_credit;
  }
  out.bad_debt = to_i128(plan->bad_debt);
  out.insurance_paid = to_i128(plan->insurance_paid);
  out.socialized = to_i128(plan->socialized_loss);
  insurance_fund = to_i128(plan->insurance_fund_after);
  return out;
}

}  // namespace xm::sim
