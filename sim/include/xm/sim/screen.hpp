#pragma once
// An exact-safe shortcut for the step loop: an account whose pools were all healthy at reference
// prices P₀ with minimum maint health H₀ is still healthy at P when H₀ exceeds a proven bound on how
// much any pool's health can have moved. Per asset a the health of a pool moves by at most
//   Σ positions on a: 2·|size|·|ΔP|/10^18 + (4 + tiers)   (pnl and notional each ≤ |size|·|ΔP| + 1,
//                                                          weights and mmr ≤ 1, one wei per rounding)
// + Σ balances on a: 100·|amount|·|ΔP|/10^18 + 103       (liability weights ≤ 100 scale a rounding too)
// and not at all when ΔP = 0 (every term is a function of P). The product is bounded from above
// with 64-bit limbs: ceil(x/2^30)·ceil(y/2^30)·2^60/10^18 ≤ 1.25·ceil(x/2^30)·ceil(y/2^30). When the
// bound does not certify, the caller evaluates exactly and takes new references, so the flags are
// exactly those of the full evaluation (tested: identical reports with and without screening).
#include <cstdint>
#include <vector>

#include "xm/sim/book.hpp"

namespace xm::sim {

struct ScreenTerm {
  std::size_t asset = 0;
  u128 coef = 0;   // 2·Σ|size| + 100·Σ|amount| over the account's exposure to the asset
  i128 slack = 0;  // Σ wei of rounding
};

struct ScreenCache {
  bool valid = false;
  i128 min_health = 0;          // over the account's pools, at ref prices
  std::vector<i128> ref_price;  // one per term
};

// Exposure terms of an account (an upper bound that stays valid while positions only shrink).
std::vector<ScreenTerm> screen_terms(const FastParams& p, const FastAccount& a);

// True when every pool is proven healthy (maint ≥ 0) at `price` without evaluating it.
bool screened_healthy(const std::vector<ScreenTerm>& terms, const ScreenCache& c, const std::vector<i128>& price);

}  // namespace xm::sim
