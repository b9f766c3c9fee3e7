#pragma once
// The pure numerics of SPEC §5 steps 3, 4, 6 and 7, on prices sorted ascending. Integers only.
#include <algorithm>
#include <optional>
#include <span>
#include <vector>

#include "xm/engine/wad.hpp"
#include "xm/engine/wad_fast.hpp"

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

// Steps 3–4 and the quarantine check of one round, on T = Wad or fast::i128.
template <class T>
struct Aggregation {
  std::vector<bool> deviant;      // per active price, against the first median
  bool any_deviant = false;
  std::size_t used = 0;           // active prices that are not deviant
  T reference{};                  // median after the one recompute (the first one if none is left)
  T conf{};                       // over the used prices; 0 when none is left
  std::vector<bool> agrees;       // per quarantined price: within max_deviation of `reference`
};

template <class T>
Aggregation<T> aggregate(const std::vector<T>& active, const std::vector<T>& quarantined, const T& max_deviation) {
  Aggregation<T> out;
  std::vector<T> sorted = active;
  std::sort(sorted.begin(), sorted.end());
  const T first = median_sorted(std::span<const T>(sorted));
  out.deviant.resize(active.size());
  for (std::size_t i = 0; i < active.size(); ++i) {
    out.deviant[i] = moves_more_than(active[i], first, max_deviation);
    out.any_deviant = out.any_deviant || out.deviant[i];
  }
  if (out.any_deviant) {
    sorted.clear();
    for (std::size_t i = 0; i < active.size(); ++i)
      if (!out.deviant[i]) sorted.push_back(active[i]);
    std::sort(sorted.begin(), sorted.end());
  }
  out.used = sorted.size();
  out.reference = sorted.empty() ? first : median_sorted(std::span<const T>(sorted));
  if (!sorted.empty()) out.conf = conf_sorted(std::span<const T>(sorted), out.reference);
  for (const T& q : quarantined) out.agrees.push_back(!moves_more_than(q, out.reference, max_deviation));
  return out;
}

}  // namespace xm::oracles
