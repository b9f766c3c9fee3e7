// One perp liquidation step (SPEC §4): the smallest multiple of lot_size that reaches the target.
//
// Sign convention: δ has the sign of the position (a long sells, a short buys back), the position
// becomes size − δ and its quote receives mul(δ, p, floor). Floor is against the account both ways:
// a long receives at most δ·p, a short pays at least |δ|·p.
//
// Search: the candidates are c_j = j · lot_size for j = 1 … n (n = ⌊|size| / lot_size⌋) and, when
// |size| is not a multiple, c_{n+1} = |size|. Health after closing c_j grows with j because every
// tier's mmr exceeds the fee (validated), so a binary search over j finds the smallest j reaching
// the target; the invariant "pred(lo) false, pred(hi) true" makes "one lot less misses the target"
// hold at the answer even where wei rounding makes health locally flat.
#include "liquidation_fast.hpp"
#include "liquidation_maint.hpp"
#include "liquidation_steps.hpp"

namespace xm::liq {
namespace {

struct Outcome {
  Wad delta, size_after, quote_in, fee_uncapped, fee, quote_after, requirement, health, target;
};

// The pool after closing |δ| = closed (base units) of the position, fee included.
Outcome evaluate_close(const PerpMarket& market, const Wad& price, const Wad& buffer, const PoolRest& rest,
                       const Wad& size, const Wad& quote, const Wad& closed) {
  Outcome o;
  o.delta = size.sign() < 0 ? -closed : closed;
  o.size_after = size - o.delta;
  o.quote_in = mul_floor(o.delta, price);
  const Wad quote_closed = quote + o.quote_in;
  const Wad equity_after_close = rest.equity + maint_pnl(market, o.size_after, quote_closed, price);
  // The fee is a charge: both roundings up. Capped at the equity left after the close so that it
  // never creates or deepens bad debt; charged to the position's quote, so the pool's equity drops
  // by at most the fee (a positive pnl is weighted ≤ 1), never below 0.
  o.fee_uncapped = mul_ceil(mul_ceil(closed, price), market.liquidation_fee);
  o.fee = max(Wad::zero(), min(o.fee_uncapped, equity_after_close));
  o.quote_after = quote_closed - o.fee;
  o.requirement = rest.requirement + maint_requirement(market, o.size_after, price);
  const Wad equity = rest.equity + maint_pnl(market, o.size_after, o.quote_after, price);
  o.health = equity - o.requirement;
  o.target = mul_ceil(buffer, o.requirement);
  return o;
}

}  // namespace

LiquidationStep close_perp(const PerpMarket& market, const Wad& price, const Wad& buffer, const PoolRest& rest,
                           Wad& size, Wad& quote) {
  const Int256 whole = abs(size).raw();
  const Int256& lot = market.lot_size.raw();
  const Int256 full_lots = whole / lot;
  const Int256 candidates = whole % lot == 0 ? full_lots : full_lots + 1;
  auto closed_at = [&](const Int256& j) { return j == candidates ? abs(size) : wad_of(j * lot); };
  // pred(j): the 128-bit evaluation when it can answer, else the 256-bit one (same decision).
  const FastClose fast_close(market, price, buffer, rest, size, quote);
  auto reaches = [&](const Int256& j) {
    const Wad closed = closed_at(j);
    if (const auto fast = fast_close.reaches(closed.raw())) return *fast;
    const Outcome o = evaluate_close(market, price, buffer, rest, size, quote, closed);
    return o.health >= o.target;
  };

  Int256 chosen_j = candidates;
  if (reaches(candidates)) {
    Int256 lo = 0, hi = candidates;  // pred(lo) is false (the pool is below target), pred(hi) true
    while (hi - lo > 1) {
      const Int256 mid = lo + (hi - lo) / 2;
      (reaches(mid) ? hi : lo) = mid;
    }
    chosen_j = hi;
  }
  const bool whole_position = chosen_j == candidates;
  const Outcome chosen = evaluate_close(market, price, buffer, rest, size, quote, closed_at(chosen_j));

  LiquidationStep step;
  step.market = market.id;
  step.size_before = size;
  step.delta = chosen.delta;
  step.whole_position = whole_position;
  step.lot_size = market.lot_size;
  step.price = price;
  step.quote_in = chosen.quote_in;
  step.fee_uncapped = chosen.fee_uncapped;
  step.fee = chosen.fee;
  // The insurance fund's part rounds down and the liquidator gets the rest: the split is exact.
  step.fee_to_insurance = mul_floor(chosen.fee, market.insurance_share);
  step.fee_to_liquidator = chosen.fee - step.fee_to_insurance;
  step.health_after = chosen.health;
  step.requirement_after = chosen.requirement;
  step.target_after = chosen.target;
  size = chosen.size_after;
  quote = chosen.quote_after;
  return step;
}

}  // namespace xm::liq
