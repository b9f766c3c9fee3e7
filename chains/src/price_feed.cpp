#include "xm/chains/price_feed.hpp"

#include <limits>

#include "xm/chains/abi.hpp"
#include "xm/chains/units.hpp"

namespace xm::chains {

const char* to_string(FeedRejection r) noexcept {
  switch (r) {
    case FeedRejection::non_positive: return "non_positive";
    case FeedRejection::future: return "future";
    case FeedRejection::stale: return "stale";
    case FeedRejection::unsupported_decimals: return "unsupported_decimals";
  }
  return "unknown";
}

Result<FeedReading, FeedRejection> interpret_round(const FeedConfig& feed, const RoundData& round, unsigned decimals,
                                                   std::int64_t now) {
  if (round.answer <= 0) return Unexpected{FeedRejection::non_positive};
  // Compare in 256 bits: updatedAt is a uint256 and may be anything a contract returns.
  using Big = boost::multiprecision::cpp_int;
  const Big updated(round.updated_at);
  if (updated > Big(now) + feed.max_future_s) return Unexpected{FeedRejection::future};
  if (round.updated_at == 0 || Big(now) - updated > feed.max_age_s) return Unexpected{FeedRejection::stale};
  auto price = scaled_to_wad(round.answer, decimals);
  if (!price) return Unexpected{FeedRejection::unsupported_decimals};  // overflow impossible: answer < 2^255, d ≤ 18 …
  FeedReading r;
  r.asset = feed.asset;
  r.source = feed.source;
  r.price_wad = *price;
  r.updated_at = static_cast<std::int64_t>(round.updated_at);  // ≤ now + max_future_s < 2^63 here
  r.round_id = round.round_id;
  r.decimals = decimals;
  return r;
}

FeedOutcome read_feed(RpcClient& rpc, ChainId chain, const FeedConfig& feed, const BlockRef& at, std::int64_t now) {
  auto view = [&](const char* signature) {
    const CallResult r = rpc.call(CallRequest{std::nullopt, feed.address, 0, abi::call_data(signature, {})}, at);
    if (r.reverted) {
      throw ChainError(ErrorKind::reverted, std::string(signature) + " on feed " + to_0x(feed.address) + " reverted");
    }
    return r.data;
  };
  const auto dec = abi::decode({abi::Type::uint(8)}, view("decimals()"));
  const auto rd = abi::decode({abi::Type::uint(80), abi::Type::int_(256), abi::Type::uint(256), abi::Type::uint(256),
                               abi::Type::uint(80)},
                              view("latestRoundData()"));
  FeedOutcome out;
  out.feed = feed;
  out.chain = chain;
  out.round = RoundData{rd[0].as_uint(), rd[1].as_int(), rd[2].as_uint(), rd[3].as_uint(), rd[4].as_uint()};
  auto judged = interpret_round(feed, out.round, static_cast<unsigned>(dec[0].as_uint()), now);
  if (judged) out.reading = *judged;
  else out.rejection = judged.error();
  return out;
}

}  // namespace xm::chains
