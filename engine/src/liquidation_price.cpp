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

// Out of line: GCC 12's -Warray-bounds misreads Boost's widening copy once it is inlined.
[[gnu::noinline]] Int512 widen(const Int256& v) { return Int512(v); }

const Int256 kMaxSearchRaw = boost::multiprecision::pow(Int256(10), 36);  // 10^18 USD per base unit

class Search {
 public:
  explicit Search(const HealthCurve& c) : curve_(c) {}

  bool exhausted() const { return budget_ < 0; }

  struct Ends {
    Int512 at_lo, at_hi, bound;
  };
  // H at both ends of [lo, hi] and a lower bound of H on the whole interval.
  Ends ends(const Int256& lo, const Int256& hi) {
    --budget_;
    const Wad lo_w = Wad::from_raw(lo).value(), hi_w = Wad::from_raw(hi).value();
    Ends e{curve_.constant, curve_.constant, curve_.constant};
    for (const PriceTerm& t : curve_.terms) {
      const Int512 a = term_value(t, lo_w);
      const Int512 b = lo == hi ? a : term_value(t, hi_w);
      e.at_lo += a;
      e.at_hi += b;
      e.bound += t.direction > 0 ? a : b;  // each term's minimum over [lo, hi] is at one end
    }
    if (concave_on(lo, hi)) {
      const Int512 chord = (e.at_lo < e.at_hi ? e.at_lo : e.at_hi) - curve_.slack;
      if (chord > e.bound) e.bound = chord;
    }
    return e;
  }

  // Where the straight line through (lo, H(lo)) and (hi, H(hi)) crosses 0 (H(lo), H(hi) of opposite
  // signs), rounded down; |hi − lo| < 2^256 and |H| < 2^260, so the product fits 512 bits.
  static Int256 secant(const Int256& lo, const Int256& hi, const Ends& e) {
    const Int512 step = widen(hi - lo) * (Int512(0) - e.at_lo) / (e.at_hi - e.at_lo);
    return lo + Int256(step);
  }
  static Int256 clamp(const Int256& v, const Int256& lo, const Int256& hi) { return v < lo ? lo : v > hi ? hi : v; }

  // No requirement kink where mmr decreases lies strictly inside the notional range of [lo, hi].
  bool concave_on(const Int256& lo, const Int256& hi) const {
    for (const PriceTerm& t : curve_.terms) {
      if (t.regressive_kinks.empty()) continue;
      const Int512 size = widen(t.amount.raw() < 0 ? Int256(-t.amount.raw()) : t.amount.raw());
      const Int512 n_lo = size * widen(lo), n_hi = size * widen(hi);  // notional × 10^18, exact
      for (const Int256& kink : t.regressive_kinks) {
        const Int512 k = widen(kink) * Int512(Wad::kScaleI64);
        if (n_lo < k && k < n_hi) return false;
      }
    }
    return true;
  }

  // Highest p in [lo, hi] with H(p) < 0. Where [lo, hi] brackets a sign change, every other level
  // splits at the secant root instead of the middle: H is nearly linear between kinks, so this
  // reaches the crossing in a few steps, while the alternate bisection keeps the worst case within
  // twice plain bisection. Where the split falls never changes the answer, only the work.
  std::optional<Int256> last_negative(const Int256& lo, const Int256& hi, unsigned depth = 0) {
    if (lo > hi || exhausted()) return std::nullopt;
    const Ends e = ends(lo, hi);
    if (e.bound >= 0) return std::nullopt;
    if (e.at_hi < 0) return hi;
    if (lo == hi) return std::nullopt;
    const Int256 top = hi - 1;
    Int256 mid = lo + (top - lo) / 2;
    if (depth % 2 == 0 && e.at_lo < 0) mid = clamp(secant(lo, hi, e), lo, top);
    if (auto r = last_negative(mid + 1, top, depth + 1)) return r;
    return last_negative(lo, mid, depth + 1);
  }

  // Lowest p in [lo, hi] with H(p) < 0 (mirror image).
  std::optional<Int256> first_negative(const Int256& lo, const Int256& hi, unsigned depth = 0) {
    if (lo > hi || exhausted()) return std::nullopt;
    const Ends e = ends(lo, hi);
    if (e.bound >= 0) return std::nullopt;
    if (e.at_lo < 0) return lo;
    if (lo == hi) return std::nullopt;
    const Int256 bottom = lo + 1;
    Int256 mid = bottom + (hi - bottom) / 2;
    if (depth % 2 == 0 && e.at_hi < 0) mid = clamp(secant(lo, hi, e), bottom, hi);
    if (auto r = first_negative(bottom, mid, depth + 1)) return r;
    return first_negative(mid + 1, hi, depth + 1);
  }

 private:
  const HealthCurve& curve_;
  std::int64_t budget_ = kSearchBudget;
};

}  // namespace

void add_term(HealthCurve& curve, PriceTerm term) {
  Int512 bound = 0;
  switch (term.kind) {
    case PriceTerm::Kind::balance: bound = 3; break;  // three floors (two for a borrow), each < 1 wei
    case PriceTerm::Kind::pnl: bound = 2; break;      // floor(size·p), then floor(pnl·w)
    case PriceTerm::Kind::requirement: {
      // ceil(|size|·p) adds < 1 wei of notional, worth < max rate wei; each bracket's ceil < 1 wei.
      Int256 max_rate = 0;
      for (std::size_t i = 0; i < term.market->tiers.size(); ++i) {
        const Tier& t = term.market->tiers[i];
        if (t.mmr.raw() > max_rate) max_rate = t.mmr.raw();
        if (i > 0 && t.mmr < term.market->tiers[i - 1].mmr) term.regressive_kinks.push_back(t.lo.raw());
      }
      bound = Int512(term.market->tiers.size()) + 2 + widen(max_rate / Wad::kScaleI64);
      break;
    }
  }
  curve.slack += 2 * bound;
  curve.terms.push_back(std::move(term));
}

SearchOutcome search_liquidation_price(const HealthCurve& curve, const Wad& p0, bool direction_down) {
  Search s(curve);
  SearchOutcome out;
  std::optional<Int256> found;
  // Every intermediate of every term is monotone in p, so evaluating all terms at both ends of the
  // range first surfaces any overflow the range can produce, whatever prices the search then visits.
  const Int256 range_lo = direction_down ? Int256(1) : p0.raw();
  const Int256 range_hi = direction_down ? p0.raw() : (p0.raw() > kMaxSearchRaw ? p0.raw() : kMaxSearchRaw);
  (void)s.ends(range_lo, range_hi);
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
