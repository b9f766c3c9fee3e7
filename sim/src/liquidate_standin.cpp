// STAND-IN for the liquidation planner (issue 4); see liquidate.hpp.
#include <algorithm>

#include "xm/sim/liquidate.hpp"

namespace xm::sim {
namespace {

i128 target_of(const FastParams& p, const Side& s) { return mul_ceil(p.liquidation_buffer, s.requirement); }
i128 abs128(i128 x) { return x < 0 ? -x : x; }

// The pool seen through one position: lets cross and isolated share the search below.
struct Pool {
  const FastParams& p;
  FastAccount& a;
  std::optional<std::size_t> iso;
  const std::vector<i128>& price;

  Side side() const { return iso ? iso_side(p, a.isolated[*iso], price) : cross_side(p, a, price); }
  i128& size(std::size_t k) { return iso ? a.isolated[*iso].size : a.perps[k].size; }
  i128& quote(std::size_t k) { return iso ? a.isolated[*iso].quote : a.perps[k].quote; }
  std::size_t market(std::size_t k) const { return iso ? a.isolated[*iso].market : a.perps[k].market; }
  std::size_t count() const { return iso ? 1 : a.perps.size(); }
};

// Closes |delta| = lots·lot (capped at the position) and charges the capped fee; returns the step.
LiqStep close(Pool& pool, std::size_t k, i128 lots) {
  const FastMarket& m = pool.p.markets[pool.market(k)];
  const i128 px = pool.price[m.base];
  const i128 size = pool.size(k);
  const i128 abs_delta = std::min(abs128(size), lots * m.lot);
  const i128 delta = size < 0 ? -abs_delta : abs_delta;
  LiqStep st;
  st.market = pool.market(k);
  st.delta = delta;
  st.price = px;
  st.quote_in = mul_floor(delta, px);
  pool.size(k) = size - delta;
  pool.quote(k) += st.quote_in;
  const i128 fee_uncapped = mul_ceil(mul_ceil(abs_delta, px), m.liquidation_fee);
  const i128 equity_after = pool.side().equity;
  st.fee = std::max<i128>(0, std::min(fee_uncapped, equity_after));  // a fee never creates bad debt
  pool.quote(k) -= st.fee;
  st.fee_to_insurance = mul_floor(st.fee, m.insurance_share);
  return st;
}

}  // namespace

LiqOutcome liquidate_pool(const FastParams& p, FastAccount& a, std::optional<std::size_t> iso,
                          const std::vector<i128>& price, i128& insurance_fund) {
  Pool pool{p, a, iso, price};
  LiqOutcome out;
  // Order: largest maint requirement first, ties by market id (market indices follow id order).
  std::vector<std::pair<i128, std::size_t>> order;
  for (std::size_t k = 0; k < pool.count(); ++k) {
    if (pool.size(k) == 0) continue;
    order.emplace_back(perp_requirement(p.markets[pool.market(k)], pool.size(k), price[p.markets[pool.market(k)].base]), k);
  }
  std::stable_sort(order.begin(), order.end(), [&](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : pool.market(x.second) < pool.market(y.second);
  });
  for (const auto& [req, k] : order) {
    const Side before = pool.side();
    if (before.health() >= target_of(p, before)) break;
    const FastMarket& m = p.markets[pool.market(k)];
    const i128 total_lots = (abs128(pool.size(k)) + m.lot - 1) / m.lot;
    // Smallest lot count reaching the target; health grows with |δ| because fee < mmr (SPEC §4).
    i128 lo = 1, hi = total_lots;
    const i128 saved_size = pool.size(k), saved_quote = pool.quote(k);
    while (lo < hi) {
      const i128 mid = lo + (hi - lo) / 2;
      close(pool, k, mid);
      const Side s = pool.side();
      const bool reached = s.health() >= target_of(p, s);
      pool.size(k) = saved_size;
      pool.quote(k) = saved_quote;
      if (reached) hi = mid;
      else lo = mid + 1;
    }
    LiqStep st = close(pool, k, lo);
    st.health_before = before.health();
    st.health_after = pool.side().health();
    insurance_fund += st.fee_to_insurance;
    out.steps.push_back(st);
  }
  // Bad debt once everything is closed: net the closed positions' cash into one, then cover.
  bool all_closed = true;
  for (std::size_t k = 0; k < pool.count(); ++k) all_closed = all_closed && pool.size(k) == 0;
  if (all_closed && pool.count() > 0 && pool.side().equity < 0) {
    if (iso) {
      FastIso& x = a.isolated[*iso];
      x.collateral += x.quote;
      x.quote = 0;
    } else {
      for (std::size_t k = 1; k < a.perps.size(); ++k) {
        a.perps[0].quote += a.perps[k].quote;
        a.perps[k].quote = 0;
      }
    }
    out.bad_debt = -pool.side().equity;
    out.insurance_paid = std::min(insurance_fund, out.bad_debt);
    out.socialized = out.bad_debt - out.insurance_paid;
    insurance_fund -= out.insurance_paid;
    if (iso) a.isolated[*iso].collateral += out.bad_debt;
    else a.perps[0].quote += out.bad_debt;
  }
  return out;
}

}  // namespace xm::sim
