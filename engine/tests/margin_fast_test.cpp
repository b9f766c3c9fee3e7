// The 128-bit batch path gives the same bits as the 256-bit path wherever it answers, and declines
// (nullopt) where it cannot — checked on random accounts of every magnitude.
#include <catch2/catch.hpp>

#include "margin_test_support.hpp"
#include "seeded.hpp"
#include "xm/engine/margin_fast.hpp"

using namespace xm;
using xm::testing::W;

namespace {

Wad random_amount(xm::testing::SplitMix64& rng) {
  const auto kind = rng.below(10);
  Int256 mag;
  if (kind == 0) mag = Int256(rng.below(1000));                                            // wei
  else if (kind < 8) mag = Int256(rng.next() >> 1) * Int256(1 + rng.below(100000));       // ordinary
  else if (kind == 8) mag = Int256(rng.next()) * Int256(rng.next()) * Int256(rng.next()); // beyond int128
  else mag = (Int256(1) << 126) + Int256(rng.next());                                     // at the edge
  return Wad::from_raw(rng.below(2) ? mag : Int256(-mag)).value();
}

}  // namespace

TEST_CASE("fast batch path equals health_summary and evaluate", "[margin][fast]") {
  MarketState s = xm::testing::basic_state();
  s.params.conf_multiplier = W("2");
  s.prices[AssetId{"ETH"}].conf = W("1.234567891234567891");
  s.chain_snapshot_ts[ChainId{42161}] = 900;  // stale
  const auto ctx = MarginContext::make(s);
  REQUIRE(ctx);
  xm::testing::SplitMix64 rng(xm::testing::test_seed("margin_fast"));
  const std::uint64_t cases = xm::testing::property_cases(20000) / 2;
  FastMargin fm(*ctx);
  FastBook book;
  std::vector<Account> accounts;
  for (std::uint64_t i = 0; i < cases; ++i) {
    Account a;
    a.id = std::to_string(i);
    for (std::uint64_t k = rng.below(5); k > 0; --k)
      a.balances.push_back(Balance{ChainId{rng.below(2) ? 1ULL : 42161ULL}, AssetId{rng.below(2) ? "USDC" : "ETH"},
                                   random_amount(rng)});
    for (std::uint64_t k = rng.below(9); k > 0; --k)
      a.perps.push_back(PerpPosition{MarketId{"ETH-PERP"}, random_amount(rng), random_amount(rng)});
    if (rng.below(50) == 0) a.perps.push_back(PerpPosition{MarketId{"NOPE"}, W("1"), W("0")});
    fm.add(book, a);
    accounts.push_back(std::move(a));
  }
  std::uint64_t fast_answers = 0, slow_errors = 0;
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    const auto slow = health_summary(*ctx, accounts[i]);
    const auto fast = fm.health(book, i);
    if (!slow) ++slow_errors;
    if (!fast) continue;
    ++fast_answers;
    REQUIRE(slow);  // the fast path never answers where the exact path fails
    const HealthSummary f = FastMargin::to_summary(*fast);
    CHECK(f.init.equity == slow->init.equity);
    CHECK(f.init.requirement == slow->init.requirement);
    CHECK(f.init.health == slow->init.health);
    CHECK(f.maint.equity == slow->maint.equity);
    CHECK(f.maint.requirement == slow->maint.requirement);
    CHECK(f.maint.health == slow->maint.health);
    CHECK(f.liquidatable == slow->liquidatable);
    const auto full = evaluate(*ctx, accounts[i], EvalOptions{false});
    REQUIRE(full);
    CHECK(full->maint.health == f.maint.health);
    CHECK(full->init.health == f.init.health);
  }
  INFO("fast answers " << fast_answers << " of " << accounts.size() << ", exact-path errors " << slow_errors);
  CHECK(fast_answers > accounts.size() / 10);  // the fast path answers for ordinary accounts
  CHECK(slow_errors > 0);                      // and the data does reach the edges
}
