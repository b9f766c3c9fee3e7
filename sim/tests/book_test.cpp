// The 128-bit book against an independent SPEC §3 maint computation on xm::Wad (256-bit, Boost),
// written here from the SPEC formulas, on seeded random accounts. Seed printed; XM_SEED replays;
// XM_PROPERTY_CASES sets the count.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <iostream>

#include "xm/sim/book.hpp"
#include "xm/sim/prng.hpp"

using namespace xm::sim;

namespace {

xm::Wad W(i128 v) { return to_wad(v); }

// SPEC §3, maint, straight from the text.
xm::Wad reference_cross(const FastParams& p, const FastAccount& a, const std::vector<i128>& px) {
  using xm::mul_ceil;
  using xm::mul_floor;
  xm::Wad equity = xm::Wad::zero(), req = xm::Wad::zero();
  for (const auto& b : a.balances) {
    if (b.amount >= 0)
      equity = equity + mul_floor(mul_floor(mul_floor(W(b.amount), W(px[b.asset])), W(p.assets[b.asset].maint_asset)),
                                  W(p.chains[b.chain].weight));
    else
      equity = equity + mul_floor(mul_floor(W(b.amount), W(px[b.asset])), W(p.assets[b.asset].maint_liab));
  }
  for (const auto& x : a.perps) {
    const FastMarket& m = p.markets[x.market];
    xm::Wad pnl = mul_floor(W(x.size), W(px[m.base])) + W(x.quote);
    if (pnl.sign() > 0) pnl = mul_floor(pnl, W(m.maint_pnl_weight));
    equity = equity + pnl;
    const xm::Wad notional = mul_ceil(xm::abs(W(x.size)), W(px[m.base]));
    for (const auto& t : m.tiers) {
      xm::Wad part = notional - W(t.lo);
      if (part.sign() <= 0) break;
      if (t.width >= 0 && part > W(t.width)) part = W(t.width);
      req = req + mul_ceil(part, W(t.mmr));
    }
  }
  return equity - req;
}

i128 draw(Prng& r, i128 lo, i128 hi) {  // uniform-ish in [lo, hi] at wei resolution
  const auto span = static_cast<std::uint64_t>((hi - lo) / 1'000'000);
  return lo + static_cast<i128>(r.below(span + 1)) * 1'000'000 + static_cast<i128>(r.below(1'000'000));
}

}  // namespace

TEST_CASE("book maint health equals an independent 256-bit SPEC computation", "[sim][book]") {
  const std::uint64_t seed = std::getenv("XM_SEED") ? std::strtoull(std::getenv("XM_SEED"), nullptr, 10) : 20261126;
  const long cases = std::getenv("XM_PROPERTY_CASES") ? std::strtol(std::getenv("XM_PROPERTY_CASES"), nullptr, 10) : 2000;
  std::cout << "book_test seed " << seed << " (XM_SEED to replay), " << cases << " cases\n";
  FastParams p;
  FastMarket m1{"A-PERP", 1, kWad / 100, {{0, 1000 * kWad, kWad / 20}, {1000 * kWad, -1, kWad / 10}}, kWad * 95 / 100, kWad / 100, kWad / 2};
  FastMarket m2{"B-PERP", 2, kWad / 1000, {{0, -1, kWad * 3 / 100}}, kWad, kWad / 100, kWad / 2};
  p.markets = {m1, m2};
  p.chains = {{1, kWad, 60}, {2, kWad * 95 / 100, 60}};
  p.assets = {{kWad, kWad}, {kWad * 8 / 10, kWad * 12 / 10}, {kWad * 9 / 10, kWad * 11 / 10}};
  Prng r(seed, 99);
  for (long c = 0; c < cases; ++c) {
    FastAccount a;
    a.balances.push_back({static_cast<std::size_t>(r.below(2)), static_cast<std::size_t>(r.below(3)), draw(r, -1000 * kWad, 100'000 * kWad)});
    a.perps.push_back({0, draw(r, -500 * kWad, 500 * kWad), draw(r, -200'000 * kWad, 200'000 * kWad)});
    a.perps.push_back({1, draw(r, -20 * kWad, 20 * kWad), draw(r, -200'000 * kWad, 200'000 * kWad)});
    const std::vector<i128> px = {kWad, draw(r, kWad, 5000 * kWad), draw(r, kWad, 90'000 * kWad)};
    INFO("case " << c << " seed " << seed);
    REQUIRE(to_wad(cross_side(p, a, px).health()) == reference_cross(p, a, px));
    FastIso iso{0, a.perps[0].size, a.perps[0].quote, draw(r, 0, 10'000 * kWad)};
    FastAccount one;
    one.balances.push_back({0, 0, iso.collateral});
    one.perps.push_back({0, iso.size, iso.quote});
    REQUIRE(to_wad(iso_side(p, iso, px).health()) == reference_cross(p, one, px));
  }
}
