#pragma once
// A seeded account population (Prng stream kStreamPopulation): collateral uniform in whole USD
// between the bounds, leverage from weighted buckets, directional (one leg, random side and market)
// or hedged (long one market, short another, half the notional each), a home chain by weight, and a
// preference for isolated margin with probability isolated_fraction. The same prototypes become the
// accounts of every variant, so isolated and cross are compared on the same population.
#include <cstdint>
#include <vector>

#include "xm/sim/book.hpp"

namespace xm::sim {

struct Leg {
  std::size_t market = 0;
  i128 size = 0;   // signed, a multiple of the market's lot
  i128 quote = 0;  // −(entry cost) = −mul(size, entry_price, ceil)
};

struct Prototype {
  i128 collateral = 0;  // USD, in the population's collateral asset
  std::size_t chain = 0;
  std::vector<Leg> legs;
  bool hedged = false;
  bool prefers_isolated = false;
};

std::vector<Prototype> generate_population(const Scenario& s, const FastParams& p,
                                           const std::vector<i128>& entry_price, std::uint64_t seed);

// Cross: collateral as one balance on the home chain, legs as cross perps. Isolated: each leg an
// isolated position whose collateral is the account's collateral split by leg (the first leg takes
// the rounding remainder, so the total is exact).
FastAccount materialize(const Prototype& proto, MarginMode mode, std::size_t collateral_asset);

}  // namespace xm::sim
