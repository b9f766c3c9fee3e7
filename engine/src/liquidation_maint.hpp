#pragma once
// Maint-side terms of SPEC §3 as the planner evaluates them many times per account: one position's
// pnl and requirement, one balance's value — the margin engine's helpers (margin.hpp) in throwing
// form (ArithmeticError on int256 overflow; plan_liquidation catches it at its boundary).
#include "xm/engine/model.hpp"
#include "xm/engine/wad.hpp"

namespace xm::liq {

// pnl = mul(size, p, floor) + quote; a positive pnl is weighted by maint_pnl_weight (floor).
Wad maint_pnl(const PerpMarket& market, const Wad& size, const Wad& quote, const Wad& price);
// Σ_tiers mul(clamp(notional − lo, 0, hi − lo), mmr, ceil) with notional = mul(|size|, p, ceil).
Wad maint_requirement(const PerpMarket& market, const Wad& size, const Wad& price);
// b ≥ 0: mul(mul(mul(b, p, floor), w_asset, floor), w_chain, floor); b < 0: mul(mul(b, p, floor), w_liab, floor).
Wad maint_balance_value(const AssetParams& asset, const ChainParams& chain, const Wad& amount, const Wad& price);

}  // namespace xm::liq
