#pragma once
// SPEC §5 step 1: the first reason, in the spec's order, why a quote cannot be used this round.
#include <bitset>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "xm/oracles/types.hpp"

namespace xm::oracles {

// What one round has seen so far (sources and signers count once per round).
struct RoundSeen {
  std::bitset<kMaxSources> sources;  // by index into Policy::sources
  std::set<crypto::Address> signers;
};

// Checks non_positive, future, stale, unknown_source, duplicate_source, bad_signature, uncertain.
// On acceptance records the source (and signer) in `seen`, the signer's age in `signer_last_age`,
// and sets `source_index` to the source's index in Policy::sources (its value on entry is a hint
// where to look first).
std::optional<Dropped> validate_quote(const Quote& q, std::int64_t now, const Policy& policy, RoundSeen& seen,
                                      std::map<crypto::Address, std::int64_t>& signer_last_age,
                                      std::size_t& source_index);

}  // namespace xm::oracles
