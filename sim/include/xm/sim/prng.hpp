#pragma once
// The simulator's own random numbers, fully specified so that a seed gives the same bits with every
// compiler and standard library (std:: distributions differ between libstdc++ and libc++):
//   - SplitMix64 (Steele, Lea, Flood 2014) expands a 64-bit seed into state;
//   - xoshiro256** 1.0 (Blackman, Vigna 2018) generates;
//   - uniform integers by Lemire's multiply-and-reject (unbiased);
//   - an approximately standard normal in WAD by Irwin–Hall: the sum of 12 uniforms minus 6
//     (mean 0, variance 1, support [−6, 6]), computed on 40-bit integers, no floating point.
#include <cstdint>

#include "xm/sim/fixed.hpp"

namespace xm::sim {

std::uint64_t splitmix64_next(std::uint64_t& state) noexcept;

class Prng {
 public:
  // A generator for one purpose: `stream` separates independent sequences drawn from one seed
  // (price paths, each source's noise, the population), so adding a source never shifts the others.
  Prng(std::uint64_t seed, std::uint64_t stream) noexcept;
  static Prng from_state(std::uint64_t s0, std::uint64_t s1, std::uint64_t s2, std::uint64_t s3) noexcept;

  std::uint64_t next() noexcept;
  std::uint64_t below(std::uint64_t n) noexcept;  // uniform in [0, n), n > 0
  i128 unit_wad() noexcept;                       // uniform in [0, 10^18)
  i128 normal_wad() noexcept;                     // ≈ N(0, 1) in WAD, in [−6, 6]
  bool chance(i128 probability_wad) noexcept;     // true with probability p (WAD in [0, 1])

 private:
  Prng() = default;
  std::uint64_t s_[4] = {0, 0, 0, 0};
};

}  // namespace xm::sim
