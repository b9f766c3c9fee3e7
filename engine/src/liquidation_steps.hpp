#pragma once
// Internal to the planner: one pool being liquidated (the cross pool or one isolated position) and
// the two kinds of step. See liquidation.cpp for the orchestration and docs/liquidation.md.
#include <optional>

#include "xm/engine/liquidation.hpp"

namespace xm::liq {

// A raw integer known to be in range (a lot count times lot_size ≤ |size|, an amount ≤ a balance).
inline Wad wad_of(const Int256& raw) {
  auto w = Wad::from_raw(raw);
  if (!w) throw ArithmeticError(w.error());
  return *w;
}

// Maint equity and requirement of everything in the pool except the item being liquidated.
struct PoolRest {
  Wad equity;
  Wad requirement;
};

// Closes the smallest multiple of lot_size of one position (or all of it) that brings the pool to
// maint health ≥ mul(buffer, requirement, ceil). `size` and `quote` are updated in place.
LiquidationStep close_perp(const PerpMarket& market, const Wad& price, const Wad& buffer, const PoolRest& rest,
                           Wad& size, Wad& quote);

// A borrow and a collateral balance of the cross pool, with their params and maint prices.
struct BorrowPair {
  const AssetParams* borrow_asset;
  const ChainParams* borrow_chain;
  Wad borrow_price;
  const AssetParams* collateral_asset;
  const ChainParams* collateral_chain;
  Wad collateral_price;
};

// Repays the smallest amount (in wei of the borrowed asset) of `borrow` from `collateral` that brings
// the pool to its target, or as much as the collateral or the borrow allows. nullopt when the pair
// cannot raise health (its weights do not allow it, or nothing can be repaid). Balances updated in place.
std::optional<LiquidationStep> repay_borrow(const BorrowPair& pair, const Wad& fee, const Wad& buffer,
                                            const PoolRest& rest, Wad& borrow, Wad& collateral);

}  // namespace xm::liq
