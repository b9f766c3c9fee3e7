#include "xm/sim/prng.hpp"

namespace xm::sim {
namespace {
constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
}  // namespace

std::uint64_t splitmix64_next(std::uint64_t& state) noexcept {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

Prng::Prng(std::uint64_t seed, std::uint64_t stream) noexcept {
  // Mix the stream id in through one SplitMix step of its own so that nearby streams of nearby
  // seeds do not share a SplitMix sequence offset.
  std::uint64_t tag = stream;
  std::uint64_t sm = seed ^ splitmix64_next(tag);
  for (auto& s : s_) s = splitmix64_next(sm);
}

Prng Prng::from_state(std::uint64_t s0, std::uint64_t s1, std::uint64_t s2, std::uint64_t s3) noexcept {
  Prng p;
  p.s_[0] = s0; p.s_[1] = s1; p.s_[2] = s2; p.s_[3] = s3;
  return p;
}

std::uint64_t Prng::next() noexcept {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

std::uint64_t Prng::below(std::uint64_t n) noexcept {
  u128 m = u128{next()} * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = u128{next()} * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

i128 Prng::unit_wad() noexcept { return static_cast<i128>(below(static_cast<std::uint64_t>(kWad))); }

i128 Prng::normal_wad() noexcept {
  constexpr int kBits = 40;
  i128 sum = 0;
  for (int i = 0; i < 12; ++i) sum += static_cast<i128>(next() >> (64 - kBits));
  sum -= i128{6} << kBits;
  // sum / 2^40 in WAD, floored (arithmetic shift rounds toward −∞ in C++20).
  return (sum * kWad) >> kBits;
}

bool Prng::chance(i128 probability_wad) noexcept { return unit_wad() < probability_wad; }

}  // namespace xm::sim
