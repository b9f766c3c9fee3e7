#pragma once
// Exact liquidation-price search (docs/margin.md "Liquidation price"). Internal to the engine.
#include <optional>
#include <vector>

#include "xm/engine/margin.hpp"

namespace xm::detail {

// maint health as a function of one asset's maint price p: H(p) = constant + Σ terms(p), where each
// term is monotone in p in a known direction (that is what makes the bounds below sound).
struct PriceTerm {
  enum class Kind : std::uint8_t { balance, pnl, requirement };
  Kind kind = Kind::balance;
  const AssetParams* asset = nullptr;  // balance
  const ChainParams* chain = nullptr;  // balance
  const PerpMarket* market = nullptr;  // pnl, requirement
  Wad amount;                          // balance amount or perp size
  Wad quote;                           // pnl
  int direction = 0;                   // +1 nondecreasing in p, −1 nonincreasing
  // requirement: notional boundaries (raw) where mmr decreases; −requirement is concave between them.
  std::vector<Int256> regressive_kinks;
};

struct HealthCurve {
  Int512 constant;  // everything that does not depend on the price
  std::vector<PriceTerm> terms;
  // Every term is concave in p up to its rounding (positive pnl is weighted by w ≤ 1; −requirement
  // between two kinks where mmr decreases). On an interval [lo, hi] whose notional range contains
  // no such kink, H ≥ min(H(lo), H(hi)) − slack, slack = 2 × Σ per-term rounding bounds (docs/margin.md).
  Int512 slack;
};

// Rounding bound (wei) of one term against its exact real-valued counterpart, and whether the
// term is concave; used to build HealthCurve::slack.
void add_term(HealthCurve& curve, PriceTerm term);

struct SearchOutcome {
  std::optional<Wad> price;
  bool unresolved = false;
};

// Longs (direction_down): the highest integer wei price in [1, p0] with H < 0; shorts: the lowest
// in [p0, kMaxSearchPrice]. Throws ArithmeticError on overflow of a term.
SearchOutcome search_liquidation_price(const HealthCurve& curve, const Wad& p0, bool direction_down);

inline constexpr std::int64_t kSearchBudget = 20000;  // bound-evaluations per search

}  // namespace xm::detail
