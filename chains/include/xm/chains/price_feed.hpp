#pragma once
// Chainlink AggregatorV3 price feeds read over JSON-RPC, as one oracle source each.
//
// latestRoundData() → (roundId, answer, startedAt, updatedAt, answeredInRound) and decimals().
// The reading is checked in the order of SPEC §5 step 1 for what a feed can get wrong:
// `non_positive` (answer ≤ 0), `future` (updatedAt > now + max_future_s), `stale`
// (now − updatedAt > max_age_s; updatedAt = 0, an unfinished round, is stale too), then
// `unsupported_decimals` (> 18, which would need rounding). The price is answer · 10^(18 − decimals),
// exact. A reading maps one-to-one onto an oracle quote: (source, price_wad, ts = updated_at).
#include <cstdint>
#include <optional>
#include <string>

#include "xm/chains/registry.hpp"
#include "xm/chains/rpc.hpp"
#include "xm/engine/result.hpp"
#include "xm/engine/wad.hpp"

namespace xm::chains {

// latestRoundData as decoded (answer signed, times unsigned as the ABI has them).
struct RoundData {
  U256 round_id = 0;
  Int256 answer = 0;
  U256 started_at = 0;
  U256 updated_at = 0;
  U256 answered_in_round = 0;
};

enum class FeedRejection : std::uint8_t { non_positive, future, stale, unsupported_decimals };
const char* to_string(FeedRejection r) noexcept;

struct FeedReading {
  AssetId asset;
  std::string source;
  Wad price_wad;               // > 0
  std::int64_t updated_at = 0; // unix seconds: the quote's ts
  U256 round_id = 0;
  unsigned decimals = 0;
};

// Pure: judges one round at time `now` (unix seconds).
Result<FeedReading, FeedRejection> interpret_round(const FeedConfig& feed, const RoundData& round, unsigned decimals,
                                                   std::int64_t now);

struct FeedOutcome {
  FeedConfig feed;
  ChainId chain;
  std::optional<FeedReading> reading;     // accepted
  std::optional<FeedRejection> rejection; // or why not
  RoundData round;                        // as read, for reports
};

// Reads decimals() and latestRoundData() at `at`; ChainError on RPC failure or a malformed reply
// (a revert or an answer the checks refuse is a FeedOutcome with a rejection, not an exception).
FeedOutcome read_feed(RpcClient& rpc, ChainId chain, const FeedConfig& feed, const BlockRef& at, std::int64_t now);

}  // namespace xm::chains
