// Every WAD operation against an exact reference on unbounded integers (boost cpp_int): the same
// value or the same error on ≥10^6 seeded random cases per operation plus the int256 boundaries.
//
// The reference is written differently from the engine on purpose: floor division by adjusting the
// numerator of a non-negative division (engine: truncate, then step by the remainder's sign), and the
// int256 range as explicit powers of two on an unbounded integer.
#include <catch2/catch.hpp>

#include <optional>
#include <vector>

#include "seeded.hpp"
#include "xm/engine/decimal.hpp"
#include "xm/engine/wad.hpp"

namespace {

using boost::multiprecision::cpp_int;
using xm::MathError;
using xm::Rounding;
using xm::Wad;

const cpp_int kTwo255 = cpp_int(1) << 255;
const cpp_int kScale = cpp_int(1000000000000000000LL);

cpp_int ref_floor_div(cpp_int n, cpp_int d) {
  if (d < 0) { n = -n; d = -d; }
  if (n >= 0) return n / d;
  return -((-n + d - 1) / d);
}
cpp_int ref_ceil_div(const cpp_int& n, const cpp_int& d) { return -ref_floor_div(-n, d); }
cpp_int ref_round(const cpp_int& n, const cpp_int& d, Rounding r) {
  return r == Rounding::floor ? ref_floor_div(n, d) : ref_ceil_div(n, d);
}

// Reference outcome: a value, or the error an int256 implementation must report.
struct Outcome {
  std::optional<cpp_int> value;
  MathError error = MathError::overflow;
  bool operator==(const Outcome& o) const { return value == o.value && (value || error == o.error); }
};

Outcome ranged(const cpp_int& v) {
  if (v < -kTwo255 || v > kTwo255 - 1) return {std::nullopt, MathError::overflow};
  return {v, MathError::overflow};
}

Outcome from(const xm::Result<Wad, MathError>& r) {
  if (!r) return {std::nullopt, r.error()};
  return {cpp_int(r->raw()), MathError::overflow};
}

std::string show(const Outcome& o) {
  return o.value ? o.value->str() : std::string("error ") + xm::to_string(o.error);
}

cpp_int to_cpp(const Wad& w) { return cpp_int(w.raw()); }

Wad make(const cpp_int& v) { return Wad::from_raw(xm::Int256(v)).value(); }

// Operands that reach every regime: tiny, WAD-sized, near overflow of the product, the extremes.
Wad random_operand(xm::testing::SplitMix64& rng) {
  switch (rng.below(8)) {
    case 0: {  // the boundaries and their neighbours
      static const std::vector<cpp_int> edges = {0, 1, -1, kScale, -kScale, kScale - 1, kScale + 1,
                                                 kTwo255 - 1, -kTwo255, -kTwo255 + 1, kTwo255 - 2};
      return make(edges[rng.below(edges.size())]);
    }
    default: {  // random magnitude of 0..255 bits, random sign
      const unsigned bits = static_cast<unsigned>(rng.below(256));
      cpp_int v = 0;
      for (unsigned i = 0; i < bits; i += 64) v = (v << 64) | cpp_int(rng.next());
      v &= (cpp_int(1) << bits) - 1;
      if (rng.below(2)) v = -v;
      return make(v);
    }
  }
}

template <class Engine, class Reference>
void run_property(const char* name, Engine engine, Reference reference, std::uint64_t cases) {
  const std::uint64_t seed = xm::testing::test_seed(name);
  xm::testing::SplitMix64 rng(seed);
  std::uint64_t mismatches = 0;
  for (std::uint64_t i = 0; i < cases; ++i) {
    const Wad a = random_operand(rng), b = random_operand(rng);
    const Outcome got = from(engine(a, b));
    const Outcome want = reference(to_cpp(a), to_cpp(b));
    if (!(got == want) && ++mismatches <= 5)
      FAIL_CHECK(name << " case " << i << ": a=" << xm::format_raw(a) << " b=" << xm::format_raw(b) << " engine "
                      << show(got) << " reference " << show(want));
  }
  std::cout << name << ": " << cases << " cases, " << mismatches << " mismatches\n";
  CHECK(mismatches == 0);
}

const std::uint64_t kCases = xm::testing::property_cases(1'000'000);

}  // namespace

TEST_CASE("mul floor/ceil equals the exact reference", "[wad][property]") {
  for (Rounding r : {Rounding::floor, Rounding::ceil})
    run_property(
        r == Rounding::floor ? "mul_floor" : "mul_ceil",
        [r](const Wad& a, const Wad& b) { return xm::checked::mul(a, b, r); },
        [r](const cpp_int& a, const cpp_int& b) { return ranged(ref_round(a * b, kScale, r)); }, kCases);
}

TEST_CASE("div floor/ceil equals the exact reference", "[wad][property]") {
  for (Rounding r : {Rounding::floor, Rounding::ceil})
    run_property(
        r == Rounding::floor ? "div_floor" : "div_ceil",
        [r](const Wad& a, const Wad& b) { return xm::checked::div(a, b, r); },
        [r](const cpp_int& a, const cpp_int& b) {
          if (b == 0) return Outcome{std::nullopt, MathError::division_by_zero};
          return ranged(ref_round(a * kScale, b, r));
        },
        kCases);
}

TEST_CASE("add and sub equal the exact reference", "[wad][property]") {
  run_property(
      "add", [](const Wad& a, const Wad& b) { return xm::checked::add(a, b); },
      [](const cpp_int& a, const cpp_int& b) { return ranged(a + b); }, kCases);
  run_property(
      "sub", [](const Wad& a, const Wad& b) { return xm::checked::sub(a, b); },
      [](const cpp_int& a, const cpp_int& b) { return ranged(a - b); }, kCases);
}
