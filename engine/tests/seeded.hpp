#pragma once
// Seeded randomness for property tests: splitmix64 (a fully specified generator, so a seed means
// the same cases on every platform), the seed from XM_SEED (printed, so any failure replays), the
// case count from XM_PROPERTY_CASES.
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>

namespace xm::testing {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }

 private:
  std::uint64_t state_;
};

inline std::uint64_t env_u64(const char* name, std::uint64_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::stoull(v) : fallback;
}

inline std::uint64_t test_seed(const char* what) {
  const std::uint64_t seed = env_u64("XM_SEED", 20261126);
  std::cout << what << ": seed " << seed << " (replay with XM_SEED=" << seed << ")\n";
  return seed;
}

inline std::uint64_t property_cases(std::uint64_t fallback) { return env_u64("XM_PROPERTY_CASES", fallback); }

}  // namespace xm::testing
