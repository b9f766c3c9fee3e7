#include "xm/oracles/aggregate.hpp"

#include <algorithm>
#include <cassert>
#include <utility>

#include "xm/engine/wad_fast.hpp"

namespace xm::oracles {

Wad median_sorted(std::span<const Wad> sorted) {
  assert(!sorted.empty());
  const std::size_t n = sorted.size();
  if (n % 2 == 1) return sorted[n / 2];
  const Wad& a = sorted[n / 2 - 1];
  const Wad& b = sorted[n / 2];
  // Int256 holds ±(2^256 − 1), so a + b cannot overflow for int256 inputs. Boost's `/` truncates
  // toward zero; floor differs from it only for a negative odd sum.
  const Int256 sum = a.raw() + b.raw();
  Int256 half = sum / 2;
  if (sum < 0 && (sum % 2) != 0) half -= 1;
  auto r = Wad::from_raw(half);
  assert(r.ok());  // the mean of two int256 values is an int256 value
  return *r;
}

Wad conf_sorted(std::span<const Wad> sorted, const Wad& median) {
  assert(!sorted.empty());
  const std::size_t n = sorted.size();
  const Wad& p25 = sorted[n >> 2];
  const Wad& p75 = sorted[n - 1 - (n >> 2)];
  // median ∈ [p25, p75] for an ascending list, so both differences are ≥ 0 and in range.
  return max(median - p25, p75 - median);
}

std::optional<Wad> relative_move(const Wad& q, const Wad& ref) {
  assert(ref.sign() > 0);
  // Fast path: realistic prices fit comfortably in 128 bits.
  const auto qi = fast::to_i128(q), ri = fast::to_i128(ref);
  if (qi && ri) {
    const fast::i128 d = *qi >= *ri ? *qi - *ri : *ri - *qi;
    if (d >= 0) {
      if (auto r = fast::div(d, *ri, Rounding::ceil)) return fast::from_i128(*r);
    }
  }
  auto diff = checked::sub(q, ref);
  if (!diff) return std::nullopt;
  auto mag = diff->sign() < 0 ? checked::neg(*diff) : diff;
  if (!mag) return std::nullopt;
  auto r = checked::div(*mag, ref, Rounding::ceil);
  if (!r) return std::nullopt;
  return *r;
}

namespace {

using fast::u128;

// The exact 256-bit product of two 128-bit unsigned values as (high, low) halves.
std::pair<u128, u128> mul_wide(u128 a, u128 b) {
  if ((b >> 64) == 0 || (a >> 64) == 0) {
    // One factor below 2^64 (10^18, and any limit below 18.4): two 64×64 products suffice.
    const u128 small = (b >> 64) == 0 ? b : a, big = (b >> 64) == 0 ? a : b;
    const u128 lo_part = (big & ~std::uint64_t{0}) * small;
    const u128 hi_part = (big >> 64) * small;
    const u128 lo = lo_part + (hi_part << 64);
    const u128 hi = (hi_part >> 64) + (lo < lo_part ? 1 : 0);
    return {hi, lo};
  }
  const u128 mask = ~std::uint64_t{0};
  const u128 a0 = a & mask, a1 = a >> 64, b0 = b & mask, b1 = b >> 64;
  const u128 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const u128 mid = (p00 >> 64) + (p01 & mask) + (p10 & mask);
  const u128 lo = (p00 & mask) | (mid << 64);
  const u128 hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
  return {hi, lo};
}

}  // namespace

bool moves_more_than(fast::i128 q, fast::i128 ref, fast::i128 limit) {
  assert(q >= 0 && ref > 0 && limit >= 0);
  // ceil(d·10^18 / ref) > limit  ⇔  d·10^18 / ref > limit  ⇔  d·10^18 > limit·ref  (limit an
  // integer, ref > 0): one exact 256-bit comparison instead of a division.
  const fast::i128 d = q >= ref ? q - ref : ref - q;  // both ≥ 0: no wrap-around
  constexpr u128 kScale = 1'000'000'000'000'000'000u;
  // Usually both products fit 128 bits; when only the left one overflows it is the larger.
  u128 lhs = 0, rhs = 0;
  const bool lhs_wide = __builtin_mul_overflow(static_cast<u128>(d), kScale, &lhs);
  const bool rhs_wide = __builtin_mul_overflow(static_cast<u128>(limit), static_cast<u128>(ref), &rhs);
  if (!rhs_wide) return lhs_wide || lhs > rhs;
  return mul_wide(static_cast<u128>(d), kScale) > mul_wide(static_cast<u128>(limit), static_cast<u128>(ref));
}

std::optional<fast::i128> positive_raw_i128(const Wad& w) noexcept {
  const auto& b = w.raw().backend();
  static_assert(sizeof(*b.limbs()) == 8, "64-bit limbs expected");
  if (b.sign() || b.size() > 2) return std::nullopt;
  u128 mag = b.limbs()[0];
  if (b.size() == 2) mag |= static_cast<u128>(b.limbs()[1]) << 64;
  if (mag >> 127) return std::nullopt;
  return static_cast<fast::i128>(mag);
}

fast::i128 median_sorted(std::span<const fast::i128> sorted) {
  assert(!sorted.empty());
  const std::size_t n = sorted.size();
  if (n % 2 == 1) return sorted[n / 2];
  const fast::i128 a = sorted[n / 2 - 1], b = sorted[n / 2];
  assert(a >= 0 && b >= 0);
  // floor((a + b) / 2) without forming a + b (which could pass 2^127).
  return a / 2 + b / 2 + (a % 2 + b % 2) / 2;
}

fast::i128 conf_sorted(std::span<const fast::i128> sorted, fast::i128 median) {
  assert(!sorted.empty());
  const std::size_t n = sorted.size();
  return std::max(median - sorted[n >> 2], sorted[n - 1 - (n >> 2)] - median);
}

std::optional<Wad> deviation_band(const Wad& median, const Wad& limit) {
  auto b = checked::mul(limit, median, Rounding::floor);
  if (!b) return std::nullopt;
  return *b;
}

std::optional<fast::i128> deviation_band(fast::i128 median, fast::i128 limit) {
  return fast::mul(limit, median, Rounding::floor);
}

bool outside_band(const Wad& q, const Wad& median, const std::optional<Wad>& band) {
  if (!band) return false;
  // q and median are positive int256 values, so their difference is in range.
  return abs(q - median) > *band;
}

bool outside_band(fast::i128 q, fast::i128 median, const std::optional<fast::i128>& band) {
  assert(q >= 0 && median >= 0);
  return band && (q >= median ? q - median : median - q) > *band;
}

bool moves_more_than(const Wad& q, const Wad& ref, const Wad& limit) {
  assert(ref.sign() > 0);
  const auto qi = positive_raw_i128(q), ri = positive_raw_i128(ref), li = positive_raw_i128(limit);
  if (qi && ri && li) return moves_more_than(*qi, *ri, *li);
  const auto m = relative_move(q, ref);
  return !m || *m > limit;
}

}  // namespace xm::oracles
