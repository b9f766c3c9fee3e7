#pragma once
// 128-bit WAD arithmetic for the simulator's hot loops. Products go through xm::fast::mul (exact
// 256-bit intermediate, one rounding, identical bits to the engine's 256-bit path); a value that
// leaves int128 throws SimRangeError — scenario validation bounds prices, sizes and collateral so
// that a well-formed scenario never gets there.
#include <stdexcept>
#include <string>

#include "xm/engine/wad.hpp"
#include "xm/engine/wad_fast.hpp"

namespace xm::sim {

using i128 = xm::fast::i128;
using u128 = xm::fast::u128;

inline constexpr i128 kWad = 1'000'000'000'000'000'000;
inline constexpr i128 kBps = 10'000;

class SimRangeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

i128 mul_floor(i128 a, i128 b);
i128 mul_ceil(i128 a, i128 b);
// a * 10^18 / b, exact 256-bit intermediate, rounded once; b != 0.
i128 div_floor(i128 a, i128 b);
i128 div_ceil(i128 a, i128 b);

// e^x for a WAD x in [−40, 40]: x = k·ln2 + r with r in [0, ln2), e^r by its Taylor series with
// every term floored, then shifted by k. Deterministic to the wei; within a few wei of the exact
// value near 0 (tested against decimal constants).
i128 exp_wad(i128 x);
// floor(sqrt(x)) as WAD for x ≥ 0 (i.e. floor(sqrt(x · 10^18))).
i128 sqrt_wad(i128 x);
u128 isqrt(u128 n) noexcept;

i128 to_i128(const Wad& w);  // throws SimRangeError when outside int128
Wad to_wad(i128 v);
std::string fmt(i128 v);  // canonical decimal (format_wad)

}  // namespace xm::sim
