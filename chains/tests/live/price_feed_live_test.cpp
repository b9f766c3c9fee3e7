// The Chainlink adapter against MockAggregator contracts on a live anvil chain.
#include <catch2/catch.hpp>

#include "live.hpp"
#include "xm/chains/price_feed.hpp"
#include "xm/engine/decimal.hpp"

using namespace xm::chains;

namespace {

FeedConfig feed_at(const std::string& address) {
  FeedConfig f;
  f.asset = xm::AssetId{"ETH"};
  f.source = "chainlink-test";
  f.address = parse_address(address);
  f.max_age_s = 3600;
  f.max_future_s = 5;
  return f;
}

}  // namespace

TEST_CASE("price feed: 8- and 18-decimal answers convert exactly to WAD", "[chain]") {
  const Registry reg = live::registry();
  {
    RpcClient rpc(reg.chains[0].rpc_url);
    const std::int64_t t = live::chain_a().at("feed_updated_at").integer();
    const auto out = read_feed(rpc, reg.chains[0].params.id, reg.chains[0].feeds.at(0), BlockTag::finalized, t + 10);
    REQUIRE(out.reading);
    // 300012345678 with 8 decimals = 3000.12345678
    CHECK(xm::format_wad(out.reading->price_wad) == "3000.12345678");
    CHECK(out.reading->updated_at == t);
    CHECK(out.reading->decimals == 8);
    CHECK(out.reading->source == "chainlink-a");
    CHECK(out.round.round_id == 1);
  }
  {
    RpcClient rpc(reg.chains[1].rpc_url);
    const std::int64_t t = live::chain_b().at("feed_updated_at").integer();
    const auto out = read_feed(rpc, reg.chains[1].params.id, reg.chains[1].feeds.at(0), BlockTag::latest, t);
    REQUIRE(out.reading);
    CHECK(xm::format_wad(out.reading->price_wad) == "2999.5");
    CHECK(out.reading->decimals == 18);
  }
}

TEST_CASE("price feed: staleness is judged from updatedAt", "[chain]") {
  const Registry reg = live::registry();
  RpcClient rpc(reg.chains[0].rpc_url);
  const std::int64_t t = live::chain_a().at("feed_updated_at").integer();
  const FeedConfig& feed = reg.chains[0].feeds.at(0);  // max_age_s 3600
  CHECK(read_feed(rpc, reg.chains[0].params.id, feed, BlockTag::latest, t + 3600).reading);
  const auto stale = read_feed(rpc, reg.chains[0].params.id, feed, BlockTag::latest, t + 3601);
  REQUIRE(stale.rejection);
  CHECK(*stale.rejection == FeedRejection::stale);
  const auto future = read_feed(rpc, reg.chains[0].params.id, feed, BlockTag::latest, t - 6);  // max_future_s 5
  REQUIRE(future.rejection);
  CHECK(*future.rejection == FeedRejection::future);
}

TEST_CASE("price feed: answers ≤ 0 and 20 decimals are rejected", "[chain]") {
  const Registry reg = live::registry();
  RpcClient rpc(reg.chains[0].rpc_url);
  const std::int64_t t = live::chain_a().at("feed_updated_at").integer();
  const xm::ChainId id = reg.chains[0].params.id;
  const auto zero = read_feed(rpc, id, feed_at(live::chain_a().at("zero_feed").string()), BlockTag::latest, t);
  REQUIRE(zero.rejection);
  CHECK(*zero.rejection == FeedRejection::non_positive);
  const auto neg = read_feed(rpc, id, feed_at(live::chain_a().at("negative_feed").string()), BlockTag::latest, t);
  REQUIRE(neg.rejection);
  CHECK(*neg.rejection == FeedRejection::non_positive);
  CHECK(neg.round.answer == -5);
  const auto wide = read_feed(rpc, id, feed_at(live::chain_a().at("wide_feed").string()), BlockTag::latest, t);
  REQUIRE(wide.rejection);
  CHECK(*wide.rejection == FeedRejection::unsupported_decimals);
}
