#pragma once
// The simulator's account book in 128-bit WAD integers, and maint health per SPEC §3 evaluated on
// it (every rounding as in the SPEC: floor what adds to health, ceil what is subtracted). The same
// numbers as the engine's 256-bit path wherever both answer (xm::fast::mul is exact), at a cost
// that lets 10^4 accounts × 10^4 steps run in a minute.
#include <cstdint>
#include <string>
#include <vector>

#include "xm/sim/scenario.hpp"

namespace xm::sim {

struct FastTier {
  i128 lo = 0;
  i128 width = 0;  // hi − lo; the last tier: −1 (unbounded)
  i128 mmr = 0;
};

struct FastMarket {
  std::string id;
  std::size_t base = 0;  // asset index in Scenario::assets
  i128 lot = 0;
  std::vector<FastTier> tiers;
  i128 maint_pnl_weight = 0;
  i128 liquidation_fee = 0;
  i128 insurance_share = 0;
};

struct FastChain {
  std::uint64_t id = 0;
  i128 weight = kWad;
  std::int64_t max_staleness_s = 0;
};

struct FastAssetWeights {
  i128 maint_asset = kWad;
  i128 maint_liab = kWad;
};

// Index-based view of Params (markets and chains in the std::map order, i.e. sorted by id).
struct FastParams {
  std::vector<FastMarket> markets;
  std::vector<FastChain> chains;
  std::vector<FastAssetWeights> assets;  // by asset index in Scenario::assets
  i128 liquidation_buffer = 0;
};
FastParams make_fast_params(const Scenario& s);
std::size_t market_index(const FastParams& p, const std::string& id);  // asserts it exists

struct FastBalance {
  std::size_t chain = 0;  // index in FastParams::chains
  std::size_t asset = 0;
  i128 amount = 0;
};
struct FastPerp {
  std::size_t market = 0;
  i128 size = 0;
  i128 quote = 0;
};
struct FastIso {
  std::size_t market = 0;
  i128 size = 0;
  i128 quote = 0;
  i128 collateral = 0;
};
struct FastAccount {
  std::vector<FastBalance> balances;
  std::vector<FastPerp> perps;  // cross
  std::vector<FastIso> isolated;
};

// Maint terms (SPEC §3). `price` is indexed by asset.
i128 balance_value(const FastParams& p, const FastBalance& b, const std::vector<i128>& price);
i128 perp_pnl(const FastMarket& m, i128 size, i128 quote, i128 price);  // weighted when positive
i128 perp_requirement(const FastMarket& m, i128 size, i128 price);
struct Side {
  i128 equity = 0;
  i128 requirement = 0;
  i128 health() const { return equity - requirement; }
};
Side cross_side(const FastParams& p, const FastAccount& a, const std::vector<i128>& price);
Side iso_side(const FastParams& p, const FastIso& iso, const std::vector<i128>& price);

// Raw cash of an account (Σ balance amounts of the collateral asset, perp quotes, isolated
// collateral and quotes): what the conservation invariant sums.
i128 account_cash(const FastAccount& a);

}  // namespace xm::sim
