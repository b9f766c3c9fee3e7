#include "liquidation_maint.hpp"

namespace xm::liq {

Wad maint_pnl(const PerpMarket& market, const Wad& size, const Wad& quote, const Wad& price) {
  const Wad pnl = mul_floor(size, price) + quote;
  return pnl.sign() > 0 ? mul_floor(pnl, market.maint_pnl_weight) : pnl;
}

Wad maint_requirement(const PerpMarket& market, const Wad& size, const Wad& price) {
  if (size.is_zero()) return Wad::zero();
  const Wad notional = mul_ceil(abs(size), price);
  Wad requirement = Wad::zero();
  for (const Tier& tier : market.tiers) {
    if (notional <= tier.lo) break;  // tiers are contiguous and ascending: the rest are empty too
    const Wad top = tier.hi && *tier.hi < notional ? *tier.hi : notional;
    requirement = requirement + mul_ceil(top - tier.lo, tier.mmr);
  }
  return requirement;
}

Wad maint_balance_value(const AssetParams& asset, const ChainParams& chain, const Wad& amount, const Wad& price) {
  const Wad value = mul_floor(amount, price);
  if (amount.sign() >= 0) return mul_floor(mul_floor(value, asset.maint_asset_weight), chain.collateral_weight);
  return mul_floor(value, asset.maint_liab_weight);
}

}  // namespace xm::liq
