// Exact first-crossing search for the liquidation price (docs/margin.md "Liquidation price").
//
// H(p) = constant + Σ t_i(p) where every t_i is monotone in p with a known direction (a positive
// balance or a long's pnl never falls when p rises; a borrow, a short's pnl and −requirement never
// rise). Hence on [lo, hi]: min H ≥ constant + Σ_{up} t(lo) + Σ_{down} t(hi). The search skips any
// interval whose bound is ≥ 0 and otherwise splits it, visiting the side nearer p0 first, so the
// first price reached that makes H < 0 is found exactly — no monotonicity of H itself is assumed.
#include "liquidation_price.hpp"

namespace xm::detail {

Int512 term_value(const PriceTerm& t, const Wad& p);  // margin.cpp

namespace {

const Int256 kMaxSearchRaw = boost::multiprecision::pow(Int256(10), 36);  // 10^18 USD per base unit

class Search {
 public:
  explicit Search(const HealthCurve& c) : curve_(c) {}

  bool exhausted() const { return budget_ < 0; }

  Int512 health(const Int256& p) {
    --budget_;
    const Wad price = Wad::from_raw(p).value();
    Int512 h = curve_.constant;
    for (const PriceTerm& t : curve_.terms) h += term_value(t, price);
    return h;
  }

  Int512 lower_bound(const Int256& lo, const Int256& hi) {
    --budget_;
    const Wad lo_w = Wad::from_raw(lo).value(), hi_w = Wad::from_raw(hi).value();
    Int512 h = curve_.constant;
    for (const PriceTerm& t : curve_.terms) h += term_value(t, t.direction > 0 ? lo_w : hi_w);
    return h;
  }

  // Highest p in [lo, hi] with H(p) < 0.
  std::optional<Int256> last_negative(const Int256& lo, const Int256& hi) {
    if (lo > hi || exhausted()) return std::nullopt;
    if (lower_bound(lo, hi) >= 0) return std::nullopt;
    if (health(hi) < 0) return hi;
    if (lo == hi) return std::nullopt;
    const Int256 top = hi - 1;
    const Int256 mid = lo + (top - lo) / 2;
    if (auto r = last_negative(mid + 1, top)) return r;
    return last_negative(lo, mid);
  }

  // Lowest p in [lo, hi] with H(p) < 0.
  std::optional<Int256> first_negative(const Int256& lo, const Int256& hi) {
    if (lo > hi || exhausted()) return std::nullopt;
    if (lower_bound(lo, hi) >= 0) return std::nullopt;
    if (health(lo) < 0) return lo;
    if (lo == hi) return std::nullopt;
    const Int256 bottom = lo + 1;
    const Int256 mid = bottom + (hi - bottom) / 2;
    if (auto r = first_negative(bottom, mid)) return r;
    return first_negative(mid + 1, hi);
  }

 private:
  const HealthCurve& curve_;
  std::int64_t budget_ = kSearchBudget;
};

}  // namespace

SearchOutcome search_liquidation_price(const HealthCurve& curve, const Wad& p0, bool direction_down) {
  Search s(curve);
  SearchOutcome out;
  std::optional<Int256> found;
  // Every intermediate of every term is monotone in p, so evaluating all terms at both ends of the
  // range first surfaces any overflow the range can produce, whatever prices the search then visits.
  const Int256 range_lo = direction_down ? Int256(1) : p0.raw();
  const Int256 range_hi = direction_down ? p0.raw() : (p0.raw() > kMaxSearchRaw ? p0.raw() : kMaxSearchRaw);
  (void)s.health(range_lo);
  (void)s.health(range_hi);
  if (direction_down) {
    found = s.last_negative(Int256(1), p0.raw());
  } else if (p0.raw() <= kMaxSearchRaw) {
    found = s.first_negative(p0.raw(), kMaxSearchRaw);
  } else {
    // Above the search range already: only the current price itself can qualify.
    found = s.first_negative(p0.raw(), p0.raw());
  }
  if (s.exhausted()) {
    out.unresolved = true;
    return out;
  }
  if (found) out.price = Wad::from_raw(*found).value();
  return out;
}

}  // namespace xm::detail
