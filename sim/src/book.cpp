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

i128 balance_value(const FastParams& p, const FastBalance& b, const std::vector<i128>& price) {
  const i128 v = mul_floor(b.amount, price[b.asset]);
  if (b.amount >= 0) return mul_floor(mul_floor(v, p.assets[b.asset].maint_asset), p.chains[b.chain].weight);
  return mul_floor(v, p.assets[b.asset].maint_liab);
}

i128 perp_pnl(const FastMarket& m, i128 size, i128 quote, i128 price) {
  const i128 pnl = mul_floor(size, price) + quote;
  return pnl > 0 ? mul_floor(pnl, m.maint_pnl_weight) : pnl;
}

i128 perp_requirement(const FastMarket& m, i128 size, i128 price) {
  if (size == 0) return 0;
  const i128 notional = mul_ceil(size < 0 ? -size : size, price);
  i128 req = 0;
  for (const FastTier& t : m.tiers) {
    if (notional <= t.lo) break;
    i128 part = notional - t.lo;
    if (t.width >= 0 && part > t.width) part = t.width;
    req += mul_ceil(part, t.mmr);
  }
  return req;
}

Side cross_side(const FastParams& p, const FastAccount& a, const std::vector<i128>& price) {
  Side s;
  for (const FastBalance& b : a.balances) s.equity += balance_value(p, b, price);
  for (const FastPerp& x : a.perps) {
    const FastMarket& m = p.markets[x.market];
    const i128 px = price[m.base];
    s.equity += perp_pnl(m, x.size, x.quote, px);
    s.requirement += perp_requirement(m, x.size, px);
  }
  return s;
}

Side iso_side(const FastParams& p, const FastIso& iso, const std::vector<i128>& price) {
  const FastMarket& m = p.markets[iso.market];
  const i128 px = price[m.base];
  return {iso.collateral + perp_pnl(m, iso.size, iso.quote, px), perp_requirement(m, iso.size, px)};
}

i128 account_cash(const FastAccount& a) {
  i128 c = 0;
  for (const auto& b : a.balances) c += b.amount;
  for (const auto& x : a.perps) c += x.quote;
  for (const auto& x : a.isolated) c += x.collateral + x.quote;
  return c;
}

}  // namespace xm::sim
