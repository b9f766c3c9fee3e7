#pragma once
// The world the oracle observes, generated once per (scenario, seed) and shared by every variant:
// true price paths, each source's quote per step (noise, latency and faults applied), chain
// snapshot times and the liquidation latency per step.
#include <cstdint>
#include <vector>

#include "xm/sim/scenario.hpp"

namespace xm::sim {

struct SimQuote {
  bool present = false;
  i128 price = 0;
  std::int64_t ts = 0;
};

struct World {
  // [asset][step], steps + 1 entries (step 0 is the start).
  std::vector<std::vector<i128>> true_price;
  // [asset][source][step]
  std::vector<std::vector<std::vector<SimQuote>>> quotes;
  // [chain index in params.chains order][step]: the snapshot time of that chain's balances.
  std::vector<std::vector<std::int64_t>> chain_ts;
  std::vector<std::int64_t> liquidation_latency;  // [step]
};

// Stream ids of the PRNG (Prng(seed, stream)); documented in docs/simulator.md.
inline constexpr std::uint64_t kStreamMarket = 1;
inline constexpr std::uint64_t kStreamPopulation = 2;
inline constexpr std::uint64_t kStreamAssetBase = 0x100;   // + asset index
inline constexpr std::uint64_t kStreamSourceBase = 0x1000;  // + asset index · 64 + source index

// The true path of every asset (GBM with jumps in WAD log space, recorded, or fixed), flash crashes
// applied on top as a price multiplier.
std::vector<std::vector<i128>> true_paths(const Scenario& s, std::uint64_t seed);
World build_world(const Scenario& s, std::uint64_t seed);

}  // namespace xm::sim
