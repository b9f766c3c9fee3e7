#pragma once
// The pure numerics of SPEC §5 steps 3, 4, 6 and 7, on prices sorted ascending. Integers only.
#include <algorithm>
#include <array>
#include <bitset>
#include <cassert>
#include <optional>
#include <span>
#include <vector>

#include "xm/engine/wad.hpp"
#include "xm/engine/wad_fast.hpp"
#include "xm/oracles/types.hpp"

namespace xm::oracles {

// Middle of a non-empty ascending list; an even count takes floor((a + b) / 2) of the two middles.
Wad median_sorted(std::span<const Wad> sorted);

// max(median − p25, p75 − median) with p25 = q[n >> 2], p75 = q[n − 1 − (n >> 2)] (0-based).
Wad conf_sorted(std::span<const Wad> sorted, const Wad& median);

// div(|q − ref|, ref, ceil) > limit, for ref > 0. A relative move too large for int256 exceeds
// every limit, so an overflow answers true.
bool moves_more_than(const Wad& q, const Wad& ref, const Wad& limit);

// div(|q − ref|, ref, ceil), or nullopt on overflow (for reports).
std::optional<Wad> relative_move(const Wad& q, const Wad& ref);

// The same three on native 128-bit raw values, for the common case where every price of a round
// fits (|raw| < 2^127, i.e. below ~1.7·10^20 units). Preconditions: values ≥ 0, ref > 0.
// Tested against the Wad forms on random inputs.
fast::i128 median_sorted(std::span<const fast::i128> sorted);
fast::i128 conf_sorted(std::span<const fast::i128> sorted, fast::i128 median);
bool moves_more_than(fast::i128 q, fast::i128 ref, fast::i128 limit);

// The raw value of a positive Wad as a native integer when it is below 2^127 (read straight from
// the 64-bit limbs; same answer as fast::to_i128 for positive values, tested), else nullopt.
std::optional<fast::i128> positive_raw_i128(const Wad& w) noexcept;

// The deviation band of a median: q deviates (div(|q − m|, m, ceil) > limit) exactly when
// |q − m| > mul(limit, m, floor), because for an integer limit and m > 0
//   ceil(d·10^18 / m) > limit ⇔ d·10^18 > limit·m ⇔ d > floor(limit·m / 10^18)   (d an integer).
// nullopt means the band is beyond the type's range: nothing deviates. One product per median
// instead of one per quote.
std::optional<Wad> deviation_band(const Wad& median, const Wad& limit);
std::optional<fast::i128> deviation_band(fast::i128 median, fast::i128 limit);
bool outside_band(const Wad& q, const Wad& median, const std::optional<Wad>& band);
bool outside_band(fast::i128 q, fast::i128 median, const std::optional<fast::i128>& band);

// Steps 3–4 and the quarantine check of one round, on T = Wad or fast::i128.
template <class T>
struct Aggregation {
  std::bitset<kMaxSources> deviant;  // per active price, against the first median
  bool any_deviant = false;
  std::size_t used = 0;           // active prices that are not deviant
  T reference{};                  // median after the one recompute (the first one if none is left)
  T conf{};                       // over the used prices; 0 when none is left
  std::bitset<kMaxSources> agrees;   // per quarantined price: within max_deviation of `reference`
};

// (Each source quotes at most once per round and a policy has at most kMaxSources sources, so the
// working copy lives on the stack: a round does not allocate here.)
template <class T>
Aggregation<T> aggregate(std::span<const T> active, std::span<const T> quarantined, const T& max_deviation) {
  assert(!active.empty() && active.size() <= kMaxSources && quarantined.size() <= kMaxSources);
  Aggregation<T> out;
  std::array<T, kMaxSources> buffer;
  std::size_t n = active.size();
  std::copy(active.begin(), active.end(), buffer.begin());
  std::sort(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(n));
  const T first = median_sorted(std::span<const T>(buffer.data(), n));
  const auto first_band = deviation_band(first, max_deviation);
  for (std::size_t i = 0; i < active.size(); ++i) {
    out.deviant[i] = outside_band(active[i], first, first_band);
    out.any_deviant = out.any_deviant || out.deviant[i];
  }
  if (out.any_deviant) {
    n = 0;
    for (std::size_t i = 0; i < active.size(); ++i)
      if (!out.deviant[i]) buffer[n++] = active[i];
    std::sort(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(n));
  }
  const std::span<const T> used(buffer.data(), n);
  out.used = n;
  out.reference = used.empty() ? first : median_sorted(used);
  if (!used.empty()) out.conf = conf_sorted(used, out.reference);
  if (!quarantined.empty()) {
    const auto band = deviation_band(out.reference, max_deviation);
    for (std::size_t i = 0; i < quarantined.size(); ++i) out.agrees[i] = !outside_band(quarantined[i], out.reference, band);
  }
  return out;
}

}  // namespace xm::oracles
