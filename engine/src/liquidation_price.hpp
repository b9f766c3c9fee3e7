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
};

struct HealthCurve {
  Int512 constant;  // everything that does not depend on the price
  std::vector<PriceTerm> terms;
};

struct SearchOutcome {
  std::optional<Wad> price;
  bool unresolved = false;
};

// Longs (direction_down): the highest integer wei price in [1, p0] with H < 0; shorts: the lowest
// in [p0, kMaxSearchPrice]. Throws ArithmeticError on overflow of a term.
SearchOutcome search_liquidation_price(const HealthCurve& curve, const Wad& p0, bool direction_down);

inline constexpr std::int64_t kSearchBudget = 20000;  // bound-evaluations per search

}  // namespace xm::detail
