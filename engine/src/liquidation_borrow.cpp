// One borrow repayment step (docs/liquidation.md §Borrows): the liquidator repays r wei of the
// borrowed asset B and receives seize(r) = div(mul(mul(r, p_B, ceil), 1 + fee, ceil), p_A, ceil)
// of the collateral asset A — every rounding up, against the account.
//
// The step raises maint health only when w_liab(B) > (1 + fee) · w_asset(A) · w_chain(A); a pair
// that fails this (computed with ceilings, so conservatively) is skipped. r is the smallest amount
// that reaches the target, found by binary search like the perp lots, else the most the pair allows.
#include "liquidation_maint.hpp"
#include "liquidation_steps.hpp"

namespace xm::liq {
namespace {

struct Repay {
  const BorrowPair& pair;
  const Wad one_plus_fee;
  const Wad& buffer;
  const PoolRest& rest;
  const Wad& borrow;
  const Wad& collateral;

  Wad seize(const Wad& r) const {
    return div_ceil(mul_ceil(mul_ceil(r, pair.borrow_price), one_plus_fee), pair.collateral_price);
  }
  Wad health(const Wad& r, const Wad& seized) const {
    const Wad equity = rest.equity +
                       maint_balance_value(*pair.borrow_asset, *pair.borrow_chain, borrow + r, pair.borrow_price) +
                       maint_balance_value(*pair.collateral_asset, *pair.collateral_chain, collateral - seized,
                                           pair.collateral_price);
    return equity - rest.requirement;
  }
};

}  // namespace

std::optional<LiquidationStep> repay_borrow(const BorrowPair& pair, const Wad& fee, const Wad& buffer,
                                            const PoolRest& rest, Wad& borrow, Wad& collateral) {
  if (borrow.sign() >= 0 || collateral.sign() <= 0) return std::nullopt;
  const Wad one_plus_fee = Wad::one() + fee;
  const Wad effective_asset_weight =
      mul_ceil(mul_ceil(one_plus_fee, pair.collateral_asset->maint_asset_weight), pair.collateral_chain->collateral_weight);
  if (!(effective_asset_weight < pair.borrow_asset->maint_liab_weight)) return std::nullopt;

  const Repay repay{pair, one_plus_fee, buffer, rest, borrow, collateral};
  const Wad target = mul_ceil(buffer, rest.requirement);
  const Wad before = repay.health(Wad::zero(), Wad::zero());

  // The most that can be repaid: all of the borrow, or the largest r whose seizure the collateral covers.
  Int256 r_max = (-borrow).raw();
  if (repay.seize(-borrow) > collateral) {
    Int256 lo = 0, hi = r_max;  // seize(lo) ≤ collateral < seize(hi)
    while (hi - lo > 1) {
      const Int256 mid = lo + (hi - lo) / 2;
      (repay.seize(wad_of(mid)) <= collateral ? lo : hi) = mid;
    }
    r_max = lo;
  }
  if (r_max == 0) return std::nullopt;

  Int256 chosen = r_max;
  if (repay.health(wad_of(r_max), repay.seize(wad_of(r_max))) >= target) {
    Int256 lo = 0, hi = r_max;  // health(lo) < target ≤ health(hi)
    while (hi - lo > 1) {
      const Int256 mid = lo + (hi - lo) / 2;
      const Wad r = wad_of(mid);
      (repay.health(r, repay.seize(r)) >= target ? hi : lo) = mid;
    }
    chosen = hi;
  }
  const Wad repaid = wad_of(chosen);
  const Wad seized = repay.seize(repaid);
  const Wad after = repay.health(repaid, seized);
  if (!(before < after)) return std::nullopt;  // rounding ate the gain: a step must help

  LiquidationStep step;
  step.kind = StepKind::borrow;
  step.borrow_asset = pair.borrow_asset->id;
  step.borrow_price = pair.borrow_price;
  step.repaid = repaid;
  step.collateral_asset = pair.collateral_asset->id;
  step.collateral_price = pair.collateral_price;
  step.seized = seized;
  step.health_before = before;
  step.health_after = after;
  step.requirement_after = rest.requirement;
  step.target_after = target;
  borrow = borrow + repaid;
  collateral = collateral - seized;
  return step;
}

}  // namespace xm::liq
