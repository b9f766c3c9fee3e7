#include "xm/oracles/aggregate.hpp"

#include <cassert>

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

bool moves_more_than(const Wad& q, const Wad& ref, const Wad& limit) {
  const auto m = relative_move(q, ref);
  return !m || *m > limit;
}

}  // namespace xm::oracles
