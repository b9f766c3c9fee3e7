// WAD mul/div on the 256-bit path (Boost, 512-bit intermediate) and the __int128 fast path.
// Operands are realistic money values (sizes and prices of 10^0..10^6 units) so the fast path does
// real 256-bit products; a table of operands keeps the loop from being constant-folded.
#include <benchmark/benchmark.h>

#include <vector>

#include "xm/engine/wad.hpp"
#include "xm/engine/wad_fast.hpp"

namespace {

using xm::fast::i128;

struct Operands {
  std::vector<xm::Wad> wide_a, wide_b;
  std::vector<i128> fast_a, fast_b;
};

const Operands& operands() {
  static const Operands ops = [] {
    Operands o;
    std::uint64_t s = 42;
    auto next = [&s] { s = s * 6364136223846793005ULL + 1442695040888963407ULL; return s >> 11; };
    for (int i = 0; i < 1024; ++i) {
      const i128 a = static_cast<i128>(next() % 1000000) * 1000000000000LL + static_cast<i128>(next() % 1000000);
      const i128 b = static_cast<i128>(next() % 100000 + 1) * 1000000000000000LL + 7;
      const i128 sa = (i & 1) ? -a : a;
      o.fast_a.push_back(sa);
      o.fast_b.push_back(b);
      o.wide_a.push_back(xm::fast::from_i128(sa));
      o.wide_b.push_back(xm::fast::from_i128(b));
    }
    return o;
  }();
  return ops;
}

template <bool IsMul>
void BM_Wide(benchmark::State& state) {
  const auto& o = operands();
  const auto r = state.range(0) ? xm::Rounding::ceil : xm::Rounding::floor;
  std::size_t i = 0;
  for (auto _ : state) {
    auto x = IsMul ? xm::checked::mul(o.wide_a[i], o.wide_b[i], r) : xm::checked::div(o.wide_a[i], o.wide_b[i], r);
    benchmark::DoNotOptimize(x);
    i = (i + 1) & 1023;
  }
}

template <bool IsMul>
void BM_Fast(benchmark::State& state) {
  const auto& o = operands();
  const auto r = state.range(0) ? xm::Rounding::ceil : xm::Rounding::floor;
  std::size_t i = 0;
  for (auto _ : state) {
    auto x = IsMul ? xm::fast::mul(o.fast_a[i], o.fast_b[i], r) : xm::fast::div(o.fast_a[i] / 1000000, o.fast_b[i], r);
    benchmark::DoNotOptimize(x);
    i = (i + 1) & 1023;
  }
}

}  // namespace

BENCHMARK_TEMPLATE(BM_Wide, true)->Name("mul/int256")->Arg(0)->Arg(1);
BENCHMARK_TEMPLATE(BM_Fast, true)->Name("mul/int128_fast")->Arg(0)->Arg(1);
BENCHMARK_TEMPLATE(BM_Wide, false)->Name("div/int256")->Arg(0)->Arg(1);
BENCHMARK_TEMPLATE(BM_Fast, false)->Name("div/int128_fast")->Arg(0)->Arg(1);
BENCHMARK_MAIN();
