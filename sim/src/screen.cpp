#include "xm/sim/screen.hpp"

namespace xm::sim {
namespace {

u128 magnitude(i128 x) { return x < 0 ? static_cast<u128>(-x) : static_cast<u128>(x); }
constexpr u128 kLimb = u128{1} << 63;

}  // namespace

std::vector<ScreenTerm> screen_terms(const FastParams& p, const FastAccount& a) {
  std::vector<ScreenTerm> terms;
  auto term = [&](std::size_t asset) -> ScreenTerm& {
    for (auto& t : terms)
      if (t.asset == asset) return t;
    terms.push_back({asset, 0, 0});
    return terms.back();
  };
  for (const auto& b : a.balances) {
    ScreenTerm& t = term(b.asset);
    t.coef += 100 * magnitude(b.amount);
    t.slack += 103;  // three floors, the liability weight (≤ 100) scaling the inner one
  }
  auto position = [&](std::size_t market, i128 size) {
    const FastMarket& m = p.markets[market];
    ScreenTerm& t = term(m.base);
    t.coef += 2 * magnitude(size);
    t.slack += 4 + static_cast<i128>(m.tiers.size());
  };
  for (const auto& x : a.perps) position(x.market, x.size);
  for (const auto& x : a.isolated) position(x.market, x.size);
  return terms;
}

bool screened_healthy(const std::vector<ScreenTerm>& terms, const ScreenCache& c, const std::vector<i128>& price) {
  if (!c.valid || c.min_health < 0) return false;
  u128 bound = 0;
  for (std::size_t k = 0; k < terms.size(); ++k) {
    const i128 now = price[terms[k].asset];
    if (now == c.ref_price[k]) continue;
    const u128 x = (terms[k].coef >> 30) + 1;
    const u128 y = (magnitude(now - c.ref_price[k]) >> 30) + 1;
    if (x >= kLimb || y >= kLimb) return false;  // outside the cheap bound's range: evaluate
    const u128 prod = x * y;
    bound += prod + prod / 4 + 1 + static_cast<u128>(terms[k].slack);
    if (bound >= static_cast<u128>(c.min_health)) return false;
  }
  return bound < static_cast<u128>(c.min_health) || bound == 0;
}

}  // namespace xm::sim
