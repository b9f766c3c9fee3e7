// Chainlink readings from the chains adapter feed the oracle core as ordinary sources: a reading is
// the quote (source, price_wad, ts = updatedAt); a rejected or unreadable feed is a source failure.
// Expected values by hand (see the note in each check).
#include <catch2/catch.hpp>

#include "xm/chains/price_feed.hpp"
#include "xm/engine/decimal.hpp"
#include "xm/oracles/feed.hpp"

using namespace xm;

namespace {

chains::FeedConfig feed(const std::string& source) {
  chains::FeedConfig f;
  f.asset = AssetId{"ETH"};
  f.source = source;
  f.max_age_s = 3600;
  return f;
}

// The mapping documented in docs/chains.md ("Chainlink price feeds").
void add(oracles::RoundInput& in, const chains::FeedConfig& f, const Result<chains::FeedReading, chains::FeedRejection>& r) {
  if (r) in.quotes.push_back(oracles::Quote{r->source, r->price_wad, std::nullopt, r->updated_at, std::nullopt});
  else in.failures.push_back(oracles::SourceFailure{f.source, chains::to_string(r.error())});
}

}  // namespace

TEST_CASE("EVM feeds: two readings and one stale feed make an oracle round", "[cross]") {
  const std::int64_t now = 1'800'000'000;
  oracles::RoundInput in;
  // 300012345678 at 8 decimals = 3000.12345678; 2999.5 · 10^18 at 18 decimals = 2999.5.
  add(in, feed("chainlink-a"),
      chains::interpret_round(feed("chainlink-a"), {1, Int256("300012345678"), now - 10, now - 10, 1}, 8, now));
  add(in, feed("chainlink-b"),
      chains::interpret_round(feed("chainlink-b"), {7, Int256("2999500000000000000000"), now - 5, now - 5, 7}, 18, now));
  // updatedAt 3601 s ago with max_age_s 3600: stale, so no quote.
  add(in, feed("chainlink-c"), chains::interpret_round(feed("chainlink-c"), {2, Int256("300000000000"), 0, now - 3601, 2}, 8, now));
  REQUIRE(in.quotes.size() == 2);
  REQUIRE(in.failures.size() == 1);
  CHECK(in.failures[0].detail == "stale");

  oracles::Policy policy;
  policy.sources = {"chainlink-a", "chainlink-b", "chainlink-c"};
  policy.min_sources = 2;
  oracles::normalize(policy);
  REQUIRE_FALSE(oracles::check_policy(policy).has_value());
  oracles::AssetFeed asset(policy);
  const oracles::AssetReport report = asset.update(now, in);
  REQUIRE(report.price);
  // Even count: floor((3000.12345678 + 2999.5) / 2) = 5999.62345678 / 2 = 2999.81172839 (exact).
  CHECK(format_wad(*report.price) == "2999.81172839");
  CHECK(report.used == std::vector<std::string>{"chainlink-a", "chainlink-b"});
  REQUIRE(report.dropped.size() == 1);
  CHECK(report.dropped[0].source == "chainlink-c");
}

TEST_CASE("EVM feeds: interpret_round checks in SPEC order and converts exactly", "[cross]") {
  const std::int64_t now = 1'000'000;
  const auto f = feed("x");
  auto judge = [&](const char* answer, std::uint64_t updated, unsigned dec) {
    return chains::interpret_round(f, {1, Int256(answer), updated, updated, 1}, dec, now);
  };
  CHECK(judge("0", now, 8).error() == chains::FeedRejection::non_positive);
  CHECK(judge("-1", now + 100, 8).error() == chains::FeedRejection::non_positive);  // before future
  CHECK(judge("1", now + 6, 8).error() == chains::FeedRejection::future);           // max_future_s 5
  CHECK(judge("1", now + 5, 8).ok());
  CHECK(judge("1", now - 3601, 8).error() == chains::FeedRejection::stale);
  CHECK(judge("1", 0, 8).error() == chains::FeedRejection::stale);                  // unfinished round
  CHECK(judge("1", now, 19).error() == chains::FeedRejection::unsupported_decimals);
  CHECK(format_wad(judge("1", now, 18)->price_wad) == "0.000000000000000001");
  CHECK(format_wad(judge("1", now, 0)->price_wad) == "1");
  CHECK(format_wad(judge("123456789", now, 6)->price_wad) == "123.456789");
}
