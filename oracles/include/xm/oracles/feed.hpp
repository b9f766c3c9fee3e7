#pragma once
// One asset's oracle state machine (SPEC §5): validation → quorum → median → deviant exclusion and
// one recompute → drift quarantine/recovery → circuit breaker → report. Pure and deterministic:
// `now` is an input, state changes only through update(), and the same rounds give the same reports.
// The decisions the spec leaves open are documented in docs/oracles.md.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xm/oracles/types.hpp"

namespace xm::oracles {

struct SourceState {
  std::int64_t deviant_streak = 0;  // consecutive reporting rounds flagged deviant
  std::int64_t agree_streak = 0;    // while quarantined: consecutive reporting rounds within max_deviation
  bool quarantined = false;
  friend bool operator==(const SourceState&, const SourceState&) = default;
};

struct FeedState {
  std::vector<SourceState> sources;  // one per configured source, in Policy::sources order
  std::map<crypto::Address, std::int64_t> signer_last_age;  // last accepted report age per signer
  std::optional<Wad> last_price;  // last accepted ("good") price
  Wad last_conf;
  std::int64_t last_price_ts = 0;  // `now` of the round that accepted it
  bool halted = false;
  std::int64_t halted_since = 0;
  std::optional<std::int64_t> last_now;  // rounds must not go back in time
  friend bool operator==(const FeedState&, const FeedState&) = default;
};

class AssetFeed {
 public:
  // The policy must pass check_policy (asserted).
  explicit AssetFeed(Policy policy);

  // One round at time `now` (≥ the previous round's now, asserted: Oracle checks it first).
  AssetReport update(std::int64_t now, const RoundInput& input);

  const Policy& policy() const noexcept { return policy_; }
  const FeedState& state() const noexcept { return state_; }
  // The drift state of a configured source (asserts that it is configured).
  const SourceState& source_state(std::string_view source) const;

 private:
  Policy policy_;
  FeedState state_;
};

}  // namespace xm::oracles
