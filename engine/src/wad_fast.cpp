#include "xm/engine/wad_fast.hpp"

#include <limits>

namespace xm::fast {
namespace {

constexpr std::uint64_t kScale = 1'000'000'000'000'000'000ULL;  // 10^18 < 2^60
constexpr int kShift = 4;                                        // clz64(10^18): normalizes it
constexpr std::uint64_t kScaleNorm = kScale << kShift;
// v = floor((2^128 − 1) / d) − 2^64 for the normalized divisor d.
constexpr std::uint64_t kReciprocal =
    static_cast<std::uint64_t>(~u128{0} / kScaleNorm - (u128{1} << 64));
constexpr u128 kI128Max = (u128{1} << 127) - 1;

struct QuotientLimb {
  std::uint64_t q;
  std::uint64_t r;
};

// Divides (u1·2^64 + u0) by the normalized divisor, requiring u1 < divisor (Möller–Granlund alg. 4).
inline QuotientLimb div_2by1(std::uint64_t u1, std::uint64_t u0) noexcept {
  u128 q = u128{kReciprocal} * u1;
  q += (u128{u1} << 64) | u0;
  q += u128{1} << 64;
  auto q1 = static_cast<std::uint64_t>(q >> 64);
  const auto q0 = static_cast<std::uint64_t>(q);
  std::uint64_t r = u0 - q1 * kScaleNorm;
  if (r > q0) {
    --q1;
    r += kScaleNorm;
  }
  if (r >= kScaleNorm) {
    ++q1;
    r -= kScaleNorm;
  }
  return {q1, r};
}

inline u128 magnitude(i128 x) noexcept { return x < 0 ? u128{0} - static_cast<u128>(x) : static_cast<u128>(x); }

// Applies the sign and the rounding to an exact magnitude quotient; nullopt outside int128.
inline std::optional<i128> signed_rounded(u128 q, bool inexact, bool negative, Rounding r) noexcept {
  if (inexact && ((negative && r == Rounding::floor) || (!negative && r == Rounding::ceil))) {
    if (q == ~u128{0}) return std::nullopt;
    ++q;
  }
  if (negative) {
    if (q > kI128Max + 1) return std::nullopt;
    return static_cast<i128>(u128{0} - q);
  }
  if (q > kI128Max) return std::nullopt;
  return static_cast<i128>(q);
}

}  // namespace

std::optional<i128> mul(i128 a, i128 b, Rounding r) noexcept {
  const bool negative = (a < 0) != (b < 0);
  const u128 ua = magnitude(a);
  const u128 ub = magnitude(b);
  const auto a0 = static_cast<std::uint64_t>(ua), a1 = static_cast<std::uint64_t>(ua >> 64);
  const auto b0 = static_cast<std::uint64_t>(ub), b1 = static_cast<std::uint64_t>(ub >> 64);

  // 256-bit product in limbs p[0..3] (least significant first).
  const u128 ll = u128{a0} * b0, lh = u128{a0} * b1, hl = u128{a1} * b0, hh = u128{a1} * b1;
  std::uint64_t p[4];
  p[0] = static_cast<std::uint64_t>(ll);
  const u128 mid = (ll >> 64) + static_cast<std::uint64_t>(lh) + static_cast<std::uint64_t>(hl);
  p[1] = static_cast<std::uint64_t>(mid);
  const u128 high = (mid >> 64) + (lh >> 64) + (hl >> 64) + hh;
  p[2] = static_cast<std::uint64_t>(high);
  p[3] = static_cast<std::uint64_t>(high >> 64);

  // A quotient of 2^128 or more is outside int128 whatever the rounding: decline before dividing.
  // Below that bound the product has three limbs with p[2] < 10^18, so after normalizing (shifting
  // left by kShift) two 2-by-1 division steps give the whole quotient.
  if (p[3] != 0 || p[2] >= kScale) return std::nullopt;
  const std::uint64_t n2 = (p[2] << kShift) | (p[1] >> (64 - kShift));
  const std::uint64_t n1 = (p[1] << kShift) | (p[0] >> (64 - kShift));
  const std::uint64_t n0 = p[0] << kShift;
  QuotientLimb top{0, n1};
  if (n2 != 0 || n1 >= kScaleNorm) top = div_2by1(n2, n1);  // skipped when the quotient fits 64 bits
  const QuotientLimb low = div_2by1(top.r, n0);
  const u128 quotient = (u128{top.q} << 64) | low.q;
  const std::uint64_t rem = low.r;
  return signed_rounded(quotient, rem != 0, negative, r);
}

std::optional<i128> div(i128 a, i128 b, Rounding r) noexcept {
  if (b == 0) return std::nullopt;
  const u128 ua = magnitude(a);
  if (ua > kI128Max / kScale) return std::nullopt;  // outside the fast path's domain
  const u128 n = ua * kScale;
  const u128 ub = magnitude(b);
  const bool negative = (a < 0) != (b < 0);
  return signed_rounded(n / ub, n % ub != 0, negative && n != 0, r);
}

std::optional<i128> to_i128(const Wad& w) noexcept {
  static const Int256 lo = -(Int256(1) << 127), hi = (Int256(1) << 127) - 1;
  if (w.raw() < lo || w.raw() > hi) return std::nullopt;
  const Int256 m = abs(w.raw());
  const u128 mag = (static_cast<u128>(static_cast<std::uint64_t>(m >> 64)) << 64) |
                   static_cast<std::uint64_t>(m & Int256(std::numeric_limits<std::uint64_t>::max()));
  return w.sign() < 0 ? static_cast<i128>(u128{0} - mag) : static_cast<i128>(mag);
}

Wad from_i128(i128 v) {
  const u128 mag = magnitude(v);
  Int256 x = (Int256(static_cast<std::uint64_t>(mag >> 64)) << 64) + static_cast<std::uint64_t>(mag);
  if (v < 0) x = -x;
  return Wad::from_raw(x).value();  // always in range: |v| ≤ 2^127
}

}  // namespace xm::fast
