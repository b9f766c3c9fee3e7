#pragma once
// Native fast path for WAD arithmetic on values that fit in 128 bits.
//
// The product of two realistic WADs (10 ETH × 3000 USD ≈ 3·10^40) does not fit __int128, so `mul`
// forms the exact 256-bit product from 64-bit limbs and divides it by 10^18 with a precomputed
// reciprocal (Möller & Granlund, "Improved division by invariant integers", 2011) — no library
// offers a fixed-divisor 256-by-64 division, hence the hand-written code. A result that does not
// fit in int128 is reported as std::nullopt and the caller falls back to the 256-bit path, so both
// paths give identical bits wherever the fast one answers (tested on the same random cases).
#include <cstdint>
#include <optional>

#include "xm/engine/wad.hpp"

namespace xm::fast {

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

// a * b / 10^18 rounded once; nullopt when the exact result is outside int128.
std::optional<i128> mul(i128 a, i128 b, Rounding r) noexcept;
// a * 10^18 / b rounded once; nullopt when b = 0, when |a| * 10^18 does not fit in 127 bits
// (the fast path's domain), or when the result is outside int128.
std::optional<i128> div(i128 a, i128 b, Rounding r) noexcept;

// Conversions to and from the 256-bit type; nullopt when the value does not fit in int128.
std::optional<i128> to_i128(const Wad& w) noexcept;
Wad from_i128(i128 v);

}  // namespace xm::fast
