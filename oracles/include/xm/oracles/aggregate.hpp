#pragma once
// The pure numerics of SPEC §5 steps 3, 4, 6 and 7, on prices sorted ascending. Integers only.
#include <optional>
#include <span>

#include "xm/engine/wad.hpp"

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

}  // namespace xm::oracles
