#pragma once
// The oracle's answer for every asset at every step, for one defenses setting: quotes of the World
// fed round by round to one feed per asset. An asset without sources (a stable such as USDC) is
// priced exactly at its path with status ok.
#include <cstdint>
#include <vector>

#include "xm/engine/model.hpp"
#include "xm/sim/market.hpp"

namespace xm::sim {

struct OracleOutput {
  PriceStatus status = PriceStatus::insufficient;
  bool priced = false;
  i128 price = 0;
};

// "Defenses off" keeps validation (positive, fresh, not future) and the quorum, and turns off
// deviant exclusion, drift quarantine and the circuit breaker (docs/simulator.md).
std::vector<std::vector<OracleOutput>> oracle_series(const Scenario& s, const World& w, bool defenses);

}  // namespace xm::sim
