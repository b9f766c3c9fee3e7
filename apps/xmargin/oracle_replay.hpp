#pragma once
// Replays an xmargin-oracle/1 fixture through the oracle core (shared by `oracle` and `verify`).
#include <cstdint>
#include <utility>
#include <vector>

#include "xm/codec/oracle_codec.hpp"

namespace xm::cli {

using OracleReplay = std::vector<std::pair<std::int64_t, oracles::RoundReport>>;

// Throws json::InputError (path "rounds[i]") if the core refuses a round.
OracleReplay replay_oracle(const codec::OracleFixture& fixture);

}  // namespace xm::cli
