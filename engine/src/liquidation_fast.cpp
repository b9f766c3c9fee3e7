#include "liquidation_fast.hpp"

namespace xm::liq {
namespace {

using fast::i128;

// A tiny checked-arithmetic monad: the first failure sticks and the answer becomes nullopt.
struct Checked {
  bool ok = true;
  i128 add(i128 a, i128 b) {
    i128 r = 0;
    if (__builtin_add_overflow(a, b, &r)) ok = false;
    return r;
  }
  i128 sub(i128 a, i128 b) {
    i128 r = 0;
    if (__builtin_sub_overflow(a, b, &r)) ok = false;
    return r;
  }
  i128 mul(i128 a, i128 b, Rounding r) {
    const auto v = fast::mul(a, b, r);
    if (!v) ok = false;
    return v.value_or(0);
  }
  i128 pnl(i128 size, i128 price, i128 quote, i128 weight) {  // as perp_pnl (maint)
    const i128 v = add(mul(size, price, Rounding::floor), quote);
    return v > 0 ? mul(v, weight, Rounding::floor) : v;
  }
};

bool load(const Wad& w, i128& out) {
  const auto v = fast::to_i128(w);
  if (v) out = *v;
  return v.has_value();
}

}  // namespace

FastClose::FastClose(const PerpMarket& market, const Wad& price, const Wad& buffer, const PoolRest& rest,
                     const Wad& size, const Wad& quote) {
  usable_ = load(price, price_) && load(buffer, buffer_) && load(market.liquidation_fee, fee_rate_) &&
            load(market.maint_pnl_weight, pnl_weight_) && load(rest.equity, rest_equity_) &&
            load(rest.requirement, rest_requirement_) && load(size, size_) && load(quote, quote_);
  usable_ = usable_ && size_ != (i128(1) << 127);  // so that negating any size in [size, 0] is defined
  for (const xm::Tier& t : market.tiers) {
    FastTier f{0, 0, 0, t.hi.has_value()};
    usable_ = usable_ && load(t.lo, f.lo) && load(t.mmr, f.mmr) && (!t.hi || load(*t.hi, f.hi));
    tiers_.push_back(f);
  }
}

std::optional<bool> FastClose::reaches(const Int256& closed_raw) const noexcept {
  if (!usable_) return std::nullopt;
  const auto closed_wad = Wad::from_raw(closed_raw);
  if (!closed_wad) return std::nullopt;
  const auto closed_fast = fast::to_i128(*closed_wad);
  if (!closed_fast) return std::nullopt;
  const i128 closed = *closed_fast;  // 0 < closed ≤ |size|
  Checked c;
  const i128 delta = size_ < 0 ? -closed : closed;
  const i128 size_after = c.sub(size_, delta);
  const i128 quote_closed = c.add(quote_, c.mul(delta, price_, Rounding::floor));
  const i128 equity_after_close = c.add(rest_equity_, c.pnl(size_after, price_, quote_closed, pnl_weight_));
  const i128 fee_uncapped = c.mul(c.mul(closed, price_, Rounding::ceil), fee_rate_, Rounding::ceil);
  i128 fee = fee_uncapped < equity_after_close ? fee_uncapped : equity_after_close;
  if (fee < 0) fee = 0;
  const i128 quote_after = c.sub(quote_closed, fee);
  i128 requirement = 0;
  if (size_after != 0) {
    const i128 notional = c.mul(size_after < 0 ? -size_after : size_after, price_, Rounding::ceil);
    for (const FastTier& t : tiers_) {
      if (notional <= t.lo) break;
      const i128 top = t.bounded && t.hi < notional ? t.hi : notional;
      requirement = c.add(requirement, c.mul(c.sub(top, t.lo), t.mmr, Rounding::ceil));
    }
  }
  requirement = c.add(rest_requirement_, requirement);
  const i128 equity = c.add(rest_equity_, c.pnl(size_after, price_, quote_after, pnl_weight_));
  const i128 health = c.sub(equity, requirement);
  const i128 target = c.mul(buffer_, requirement, Rounding::ceil);
  if (!c.ok) return std::nullopt;
  return health >= target;
}

}  // namespace xm::liq
