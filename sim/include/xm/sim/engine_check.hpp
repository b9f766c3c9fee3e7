#pragma once
// The margin engine (xm::evaluate's building blocks, 256-bit Wad) as the authority over the
// simulator's 128-bit book: before and after every liquidation the pool's maint health is recomputed
// by the engine from the same account, prices and chain snapshots, and must equal the fast path to
// the wei. Too slow for every account at every step, cheap at liquidation events.
#include <optional>
#include <string>
#include <vector>

#include "xm/engine/model.hpp"
#include "xm/sim/book.hpp"

namespace xm::sim {

class EngineCheck {
 public:
  EngineCheck(const Scenario& s, const FastParams& p);

  Account to_account(const FastAccount& a) const;

  // nullopt when the engine's maint health of `pool` (−1 = cross, k = isolated[k]) equals
  // `fast_health`; otherwise what differs (or the engine's error).
  std::optional<std::string> compare(const FastAccount& a, int pool, i128 fast_health, const std::vector<i128>& price,
                                     const std::vector<PriceStatus>& status, std::int64_t now,
                                     const std::vector<std::int64_t>& chain_ts) const;

 private:
  const Scenario& s_;
  const FastParams& p_;
};

}  // namespace xm::sim
