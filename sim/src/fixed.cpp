#include "xm/sim/fixed.hpp"

#include "xm/engine/decimal.hpp"

namespace xm::sim {
namespace {

i128 checked_fast(std::optional<i128> v) {
  if (!v) throw SimRangeError("simulator value outside the 128-bit fast domain");
  return *v;
}

i128 div_exact256(i128 a, i128 b, Rounding r) {
  if (b == 0) throw SimRangeError("simulator division by zero");
  auto q = checked::div(fast::from_i128(a), fast::from_i128(b), r);
  if (!q) throw SimRangeError("simulator division overflow");
  return to_i128(*q);
}

}  // namespace

i128 mul_floor(i128 a, i128 b) { return checked_fast(fast::mul(a, b, Rounding::floor)); }
i128 mul_ceil(i128 a, i128 b) { return checked_fast(fast::mul(a, b, Rounding::ceil)); }
i128 div_floor(i128 a, i128 b) {
  if (auto q = fast::div(a, b, Rounding::floor)) return *q;
  return div_exact256(a, b, Rounding::floor);
}
i128 div_ceil(i128 a, i128 b) {
  if (auto q = fast::div(a, b, Rounding::ceil)) return *q;
  return div_exact256(a, b, Rounding::ceil);
}

i128 exp_wad(i128 x) {
  constexpr i128 kLn2 = 693'147'180'559'945'309;  // floor(ln 2 · 10^18)
  if (x > 40 * kWad || x < -40 * kWad) throw SimRangeError("exp argument outside [-40, 40]");
  // k = floor(x / ln2); r = x − k·ln2 in [0, ln2).
  i128 k = x / kLn2;
  if (x % kLn2 != 0 && x < 0) --k;
  const i128 r = x - k * kLn2;
  i128 sum = kWad, term = kWad;
  for (i128 n = 1; n < 40 && term != 0; ++n) {
    term = term * r / (n * kWad);  // term < 2^61, r < 2^60: the product fits; both ≥ 0, so floor
    sum += term;
  }
  return k >= 0 ? sum << static_cast<int>(k) : sum >> static_cast<int>(-k);
}

u128 isqrt(u128 n) noexcept {
  if (n < 2) return n;
  // Newton from a power of two above the root; decreasing until it settles.
  int bits = 0;
  for (u128 t = n; t != 0; t >>= 1) ++bits;
  u128 x = u128{1} << ((bits + 1) / 2);
  while (true) {
    const u128 y = (x + n / x) / 2;
    if (y >= x) return x;
    x = y;
  }
}

i128 sqrt_wad(i128 x) {
  if (x < 0) throw SimRangeError("sqrt of a negative value");
  if (x > i128{1'000'000'000'000'000'000} * 100'000'000) throw SimRangeError("sqrt argument too large");
  return static_cast<i128>(isqrt(static_cast<u128>(x) * static_cast<u128>(kWad)));
}

i128 to_i128(const Wad& w) {
  auto v = fast::to_i128(w);
  if (!v) throw SimRangeError("value " + format_wad(w) + " outside the simulator's 128-bit domain");
  return *v;
}
Wad to_wad(i128 v) { return fast::from_i128(v); }
std::string fmt(i128 v) { return format_wad(fast::from_i128(v)); }

}  // namespace xm::sim
