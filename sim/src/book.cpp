#include "xm/sim/book.hpp"

#include <cassert>

namespace xm::sim {

FastParams make_fast_params(const Scenario& s) {
  FastParams fp;
  auto asset_index = [&](const std::string& id) {
    for (std::size_t i = 0; i < s.assets.size(); ++i)
      if (s.assets[i].id == id) return i;
    assert(false && "market base without a priced asset (the parser checks this)");
    return std::size_t{0};
  };
  for (const auto& [id, m] : s.params.markets) {
    FastMarket fm;
    fm.id = id.value;
    fm.base = asset_index(m.base.value);
    fm.lot = to_i128(m.lot_size);
    for (const Tier& t : m.tiers)
      fm.tiers.push_back({to_i128(t.lo), t.hi ? to_i128(*t.hi) - to_i128(t.lo) : i128{-1}, to_i128(t.mmr)});
    fm.maint_pnl_weight = to_i128(m.maint_pnl_weight);
    fm.liquidation_fee = to_i128(m.liquidation_fee);
    fm.insurance_share = to_i128(m.insurance_share);
    fp.markets.push_back(std::move(fm));
  }
  for (const auto& [id, c] : s.params.chains)
    fp.chains.push_back({id.value, to_i128(c.collateral_weight), c.max_staleness_s});
  for (const auto& a : s.assets) {
    const AssetParams& ap = s.params.assets.at(AssetId{a.id});
    fp.assets.push_back({to_i128(ap.maint_asset_weight), to_i128(ap.maint_liab_weight)});
  }
  fp.liquidation_buffer = to_i128(s.params.liquidation_buffer);
  return fp;
}

std::size_t market_index(const FastParams& p, const std::string& id) {
  for (std::size_t i = 0; i < p.markets.size(); ++i)
    if (p.markets[i].id == id) return i;
  assert(false && "unknown market (the parser checks this)");
  return 0;
}

namespace {

// mul(a, f, floor) where f is often exactly 1 (a USD price, a weight of 1): a·10^18/10^18 = a.
inline i128 mul_floor_factor(i128 a, i128 f) { return f == kWad ? a : mul_floor(a, f); }

// floor(a·b / 10^18) for a, b ≥ 0, and whether it was inexact — one 256-bit product serves both
// the floor (pnl) and the ceil (notional) of a position. The remainder a·b − q·10^18 is in
// [0, 10^18) ⊂ [0, 2^64), so it equals its value mod 2^64, computable from the low 64 bits alone.
struct Product {
  i128 floor;
  bool inexact;
};
inline Product mul_exactness(i128 a, i128 b) {
  const i128 q = mul_floor(a, b);
  const std::uint64_t rem = static_cast<std::uint64_t>(a) * static_cast<std::uint64_t>(b) -
                            static_cast<std::uint64_t>(q) * static_cast<std::uint64_t>(kWad);
  return {q, rem != 0};
}

i128 tiers_requirement(const FastMarket& m, i128 notional) {
  i128 req = 0;
  for (const FastTier& t : m.tiers) {
    if (notional <= t.lo) break;
    i128 part = notional - t.lo;
    if (t.width >= 0 && part > t.width) part = t.width;
    req += mul_ceil(part, t.mmr);
  }
  return req;
}

// pnl (weighted when positive) and requirement of one position from one product.
inline void position_terms(const FastMarket& m, i128 size, i128 quote, i128 price, i128& pnl_out, i128& req_out) {
  const Product pr = mul_exactness(size < 0 ? -size : size, price);
  const i128 value_floor = size >= 0 ? pr.floor : -(pr.floor + pr.inexact);  // mul(size, p, floor)
  const i128 pnl = value_floor + quote;
  pnl_out = pnl > 0 ? mul_floor_factor(pnl, m.maint_pnl_weight) : pnl;
  req_out = size == 0 ? 0 : tiers_requirement(m, pr.floor + pr.inexact);  // notional: mul(|size|, p, ceil)
}

}  // namespace

i128 balance_value(const FastParams& p, const FastBalance& b, const std::vector<i128>& price) {
  const i128 v = mul_floor_factor(b.amount, price[b.asset]);
  if (b.amount >= 0) return mul_floor_factor(mul_floor_factor(v, p.assets[b.asset].maint_asset), p.chains[b.chain].weight);
  return mul_floor_factor(v, p.assets[b.asset].maint_liab);
}

i128 perp_pnl(const FastMarket& m, i128 size, i128 quote, i128 price) {
  const i128 pnl = mul_floor(size, price) + quote;
  return pnl > 0 ? mul_floor(pnl, m.maint_pnl_weight) : pnl;
}

i128 perp_requirement(const FastMarket& m, i128 size, i128 price) {
  return size == 0 ? 0 : tiers_requirement(m, mul_ceil(size < 0 ? -size : size, price));
}

Side cross_side(const FastParams& p, const FastAccount& a, const std::vector<i128>& price) {
  Side s;
  for (const FastBalance& b : a.balances) s.equity += balance_value(p, b, price);
  for (const FastPerp& x : a.perps) {
    const FastMarket& m = p.markets[x.market];
    i128 pnl = 0, req = 0;
    position_terms(m, x.size, x.quote, price[m.base], pnl, req);
    s.equity += pnl;
    s.requirement += req;
  }
  return s;
}

Side iso_side(const FastParams& p, const FastIso& iso, const std::vector<i128>& price) {
  const FastMarket& m = p.markets[iso.market];
  i128 pnl = 0, req = 0;
  position_terms(m, iso.size, iso.quote, price[m.base], pnl, req);
  return {iso.collateral + pnl, req};
}

i128 account_cash(const FastAccount& a) {
  i128 c = 0;
  for (const auto& b : a.balances) c += b.amount;
  for (const auto& x : a.perps) c += x.quote;
  for (const auto& x : a.isolated) c += x.collateral + x.quote;
  return c;
}

}  // namespace xm::sim
