#pragma once
// The perp search's predicate ("does closing `closed` reach the target?") on native 128-bit
// integers (xm::fast), the same operations in the same order as evaluate_close in
// liquidation_perp.cpp. Any intermediate outside int128 answers nullopt and the caller uses the
// 256-bit path for that candidate, so the search visits the same candidates and takes the same
// decisions on either path (the property test compares every step with the cpp_int reference).
#include <optional>
#include <vector>

#include "liquidation_steps.hpp"
#include "xm/engine/wad_fast.hpp"

namespace xm::liq {

class FastClose {
 public:
  // Unusable (every answer nullopt) when a parameter does not fit int128.
  FastClose(const PerpMarket& market, const Wad& price, const Wad& buffer, const PoolRest& rest, const Wad& size,
            const Wad& quote);
  std::optional<bool> reaches(const Int256& closed) const noexcept;

 private:
  struct FastTier {
    fast::i128 lo, hi, mmr;
    bool bounded;
  };
  bool usable_ = true;
  fast::i128 price_ = 0, buffer_ = 0, fee_rate_ = 0, pnl_weight_ = 0;
  fast::i128 rest_equity_ = 0, rest_requirement_ = 0, size_ = 0, quote_ = 0;
  std::vector<FastTier> tiers_;
};

}  // namespace xm::liq
