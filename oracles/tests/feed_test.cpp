// The per-asset state machine: order of drop reasons, quorum, deviant recompute, drift quarantine
// and recovery, breaker trip and release, replay determinism. Expected values are worked by hand.
#include <catch2/catch.hpp>

#include "xm/engine/decimal.hpp"
#include "xm/oracles/feed.hpp"
#include "xm/oracles/oracle.hpp"

using namespace xm;
using namespace xm::oracles;

namespace {

Wad w(const char* s) { return *parse_wad(s); }

Policy policy5() {
  Policy p;
  p.sources = {"a", "b", "c", "d", "e"};
  p.min_sources = 3;
  p.max_deviation = w("0.02");
  p.drift_rounds = 3;
  p.recovery_rounds = 2;
  p.breaker_max_move = w("0.2");
  p.breaker_window_s = 300;
  p.breaker_cooldown_s = 600;
  normalize(p);
  REQUIRE_FALSE(check_policy(p));
  return p;
}

Quote quote(std::string src, const char* price, std::int64_t ts) {
  Quote q;
  q.source = std::move(src);
  q.price = w(price);
  q.ts = ts;
  return q;
}

RoundInput five(const char* pa, const char* pb, const char* pc, const char* pd, const char* pe, std::int64_t ts) {
  return RoundInput{{quote("a", pa, ts), quote("b", pb, ts), quote("c", pc, ts), quote("d", pd, ts), quote("e", pe, ts)}, {}};
}

bool has_drop(const AssetReport& r, const std::string& src, DropReason reason) {
  for (const auto& d : r.dropped)
    if (d.source == src && d.reason == reason) return true;
  return false;
}

}  // namespace

TEST_CASE("drop reasons are checked in SPEC order and the first one is named", "[oracle]") {
  Policy p = policy5();
  p.max_conf_ratio = w("0.01");
  AssetFeed feed(p);
  const std::int64_t now = 1000;
  RoundInput in;
  in.quotes.push_back(quote("zz", "-1", now + 100));  // non_positive beats future and unknown_source
  in.quotes.push_back(quote("zz", "1", now + 6));     // future (max_future_s 5) beats unknown_source
  in.quotes.push_back(quote("zz", "1", now - 61));    // stale (max_age_s 60) beats unknown_source
  in.quotes.push_back(quote("zz", "1", now));         // unknown_source
  Quote unc = quote("a", "100", now);
  unc.conf = w("1.000000000000000001");               // > 0.01 * 100 = 1
  in.quotes.push_back(unc);
  Quote edge = quote("b", "100", now - 60);           // exactly max_age_s old: fresh
  edge.conf = w("1");                                 // exactly the bound: fine
  in.quotes.push_back(edge);
  in.quotes.push_back(quote("c", "100", now + 5));    // exactly max_future_s ahead: fine
  in.quotes.push_back(quote("d", "100", now));
  in.quotes.push_back(quote("d", "100", now));        // second quote of d
  const AssetReport r = feed.update(now, in);
  REQUIRE(r.dropped.size() == 6);
  CHECK(r.dropped[0].source == "a");
  CHECK(r.dropped[0].reason == DropReason::uncertain);
  CHECK(r.dropped[1].reason == DropReason::duplicate_source);
  CHECK(r.dropped[2].reason == DropReason::non_positive);
  CHECK(r.dropped[3].reason == DropReason::future);
  CHECK(r.dropped[4].reason == DropReason::stale);
  CHECK(r.dropped[5].reason == DropReason::unknown_source);
  CHECK(r.used == std::vector<std::string>{"b", "c", "d"});
  CHECK(r.status == PriceStatus::degraded);
  CHECK(*r.price == w("100"));
}

TEST_CASE("one outlier is excluded and the median recomputed once", "[oracle]") {
  AssetFeed feed(policy5());
  // sorted 100, 101, 101, 102, 150 -> m1 = 101; 150 deviates 49/101 > 2%; rest: 100,101,101,102 ->
  // floor((101+101)/2) = 101; conf: p25 = q[1] = 101, p75 = q[2] = 101 -> max(0, 0) = 0.
  const AssetReport r = feed.update(10, five("100", "101", "101", "102", "150", 10));
  CHECK(r.status == PriceStatus::degraded);
  CHECK(*r.price == w("101"));
  CHECK(*r.conf == w("0"));
  CHECK(has_drop(r, "e", DropReason::deviant));
  CHECK(r.used.size() == 4);
}

TEST_CASE("a source deviant in drift_rounds rounds is quarantined, then recovers after agreeing", "[oracle]") {
  AssetFeed feed(policy5());
  std::int64_t t = 100;
  // e drifts: 2.5 % off in rounds 1-3 (deviant each time) -> quarantined from round 4.
  for (int i = 0; i < 3; ++i, t += 10) {
    const AssetReport r = feed.update(t, five("100", "100", "100", "100", "102.5", t));
    CHECK(has_drop(r, "e", DropReason::deviant));
    CHECK(feed.source_state("e").quarantined == (i == 2));
  }
  // Round 4: e agrees (100.5, 0.5 %) but is quarantined: 1st agreeing round.
  AssetReport r = feed.update(t, five("100", "100", "100", "100", "100.5", t));
  CHECK(has_drop(r, "e", DropReason::quarantined));
  CHECK(feed.source_state("e").agree_streak == 1);
  t += 10;
  // Round 5: a disagreeing round resets the count.
  r = feed.update(t, five("100", "100", "100", "100", "103", t));
  CHECK(has_drop(r, "e", DropReason::quarantined));
  CHECK(feed.source_state("e").agree_streak == 0);
  t += 10;
  // Rounds 6, 7: agreeing twice (recovery_rounds 2) -> usable from round 8.
  feed.update(t, five("100", "100", "100", "100", "100", t));
  t += 10;
  r = feed.update(t, five("100", "100", "100", "100", "100", t));
  CHECK(has_drop(r, "e", DropReason::quarantined));
  CHECK_FALSE(feed.source_state("e").quarantined);
  t += 10;
  r = feed.update(t, five("100", "100", "100", "100", "100", t));
  CHECK(r.status == PriceStatus::ok);
  CHECK(r.used.size() == 5);
}

TEST_CASE("a flash crash trips the breaker; the cooldown and agreeing sources release it", "[oracle]") {
  AssetFeed feed(policy5());
  AssetReport r = feed.update(0, five("100", "100", "100", "100", "100", 0));
  REQUIRE(r.status == PriceStatus::ok);
  // All five agree on 70: a 30 % move within the 300 s window -> halted, last good price 100 stays.
  r = feed.update(60, five("70", "70", "70", "70", "70", 60));
  CHECK(r.breaker_tripped);
  CHECK(r.status == PriceStatus::halted);
  CHECK(*r.price == w("100"));
  CHECK(*r.median == w("70"));
  // Before the cooldown (600 s from t=60): still halted even though the sources agree.
  r = feed.update(659, five("70", "70", "70", "70", "70", 659));
  CHECK(r.status == PriceStatus::halted);
  CHECK_FALSE(r.breaker_tripped);
  // After the cooldown but two sources disagree (71.5 is 2.1 % above the median 70): halted.
  r = feed.update(660, five("70", "70", "70", "71.5", "71.5", 660));
  CHECK(r.status == PriceStatus::halted);
  // Cooldown passed and all agree: released at the new level.
  r = feed.update(670, five("70", "70", "70", "70", "70.1", 670));
  CHECK(r.status == PriceStatus::ok);
  CHECK(*r.price == w("70"));
  CHECK_FALSE(feed.state().halted);
}

TEST_CASE("a move older than the breaker window is accepted", "[oracle]") {
  AssetFeed feed(policy5());
  (void)feed.update(0, five("100", "100", "100", "100", "100", 0));
  const AssetReport r = feed.update(301, five("70", "70", "70", "70", "70", 301));
  CHECK(r.status == PriceStatus::ok);
  CHECK(*r.price == w("70"));
}

TEST_CASE("quorum: deviant exclusion that leaves too few is insufficient", "[oracle]") {
  AssetFeed feed(policy5());
  // 100, 100, 110, 120, 130 -> m1 = 110: 100 is 9.1 % off, 120 and 130 too -> only 110 left < 3.
  const AssetReport r = feed.update(5, five("100", "100", "110", "120", "130", 5));
  CHECK(r.status == PriceStatus::insufficient);
  CHECK_FALSE(r.price);
  CHECK_FALSE(r.median);  // no median is reported without quorum
}

TEST_CASE("replaying the same rounds gives the same reports and state", "[oracle]") {
  const auto run = [] {
    AssetFeed feed(policy5());
    std::vector<AssetReport> out;
    std::int64_t t = 0;
    for (const char* e : {"100", "103", "103", "103", "100", "100", "100", "60", "60"}) {
      out.push_back(feed.update(t, five("100", "100.1", "99.9", "100", e, t)));
      t += 50;
    }
    return std::make_pair(out, feed.state());
  };
  const auto a = run(), b = run();
  CHECK(a.second == b.second);
  REQUIRE(a.first.size() == b.first.size());
  for (std::size_t i = 0; i < a.first.size(); ++i) {
    CHECK(a.first[i].price == b.first[i].price);
    CHECK(a.first[i].conf == b.first[i].conf);
    CHECK(a.first[i].status == b.first[i].status);
    CHECK(a.first[i].dropped == b.first[i].dropped);
  }
}

TEST_CASE("Oracle: rounds may not go back in time and unknown assets are refused", "[oracle]") {
  auto o = Oracle::create({{AssetId{"ETH"}, policy5()}});
  REQUIRE(o);
  Oracle oracle = std::move(o).value();
  CHECK(oracle.round(100, {}).ok());
  CHECK_FALSE(oracle.round(99, {}).ok());
  CHECK_FALSE(oracle.round(100, {{AssetId{"BTC"}, RoundInput{}}}).ok());
  Policy bad = policy5();
  bad.min_sources = 6;
  CHECK_FALSE(Oracle::create({{AssetId{"ETH"}, bad}}).ok());
}
