// The __int128 fast path against the 256-bit path on the same seeded random cases: wherever the
// fast path answers, the bits are identical; where it declines, the 256-bit result is indeed outside
// its domain.
#include <catch2/catch.hpp>

#include "seeded.hpp"
#include "xm/engine/decimal.hpp"
#include "xm/engine/wad.hpp"
#include "xm/engine/wad_fast.hpp"

using xm::Rounding;
using xm::Wad;
using xm::fast::i128;
using xm::fast::u128;

namespace {

i128 random_i128(xm::testing::SplitMix64& rng) {
  switch (rng.below(6)) {
    case 0: {
      static const i128 edges[] = {0, 1, -1, static_cast<i128>(1000000000000000000LL),
                                   static_cast<i128>((u128{1} << 127) - 1),
                                   static_cast<i128>(u128{1} << 127)};  // INT128_MIN
      return edges[rng.below(6)];
    }
    default: {
      u128 v = (u128{rng.next()} << 64) | rng.next();
      v >>= rng.below(128);
      return rng.below(2) ? static_cast<i128>(u128{0} - v) : static_cast<i128>(v);
    }
  }
}

bool in_i128(const Wad& w) { return xm::fast::to_i128(w).has_value(); }

}  // namespace

TEST_CASE("fast mul/div give the 256-bit path's bits", "[wad][fast][property]") {
  const std::uint64_t seed = xm::testing::test_seed("fast path");
  xm::testing::SplitMix64 rng(seed);
  const std::uint64_t cases = xm::testing::property_cases(1'000'000);
  std::uint64_t answered = 0, mismatches = 0;
  for (std::uint64_t i = 0; i < cases; ++i) {
    const i128 a = random_i128(rng), b = random_i128(rng);
    const Wad wa = xm::fast::from_i128(a), wb = xm::fast::from_i128(b);
    REQUIRE(*xm::fast::to_i128(wa) == a);
    const Rounding r = rng.below(2) ? Rounding::floor : Rounding::ceil;
    const bool is_mul = rng.below(2);
    const auto fast = is_mul ? xm::fast::mul(a, b, r) : xm::fast::div(a, b, r);
    const auto wide = is_mul ? xm::checked::mul(wa, wb, r) : xm::checked::div(wa, wb, r);
    bool ok;
    if (fast) {
      ++answered;
      ok = wide.ok() && xm::fast::from_i128(*fast) == *wide;
    } else {
      // Declining is allowed only outside the fast domain: a result beyond int128 (mul), or
      // b = 0 / |a|·10^18 beyond 127 bits (div).
      const bool domain = is_mul ? (!wide.ok() || !in_i128(*wide))
                                 : (b == 0 || (a < 0 ? u128{0} - static_cast<u128>(a) : static_cast<u128>(a)) >
                                                  ((u128{1} << 127) - 1) / 1000000000000000000ULL ||
                                    !wide.ok() || !in_i128(*wide));
      ok = domain;
    }
    if (!ok && ++mismatches <= 5)
      FAIL_CHECK((is_mul ? "mul" : "div") << " case " << i << " a=" << xm::format_raw(wa) << " b=" << xm::format_raw(wb) << " mismatch");
  }
  std::cout << "fast path: " << cases << " cases, " << answered << " answered by the fast path, " << mismatches
            << " mismatches\n";
  CHECK(mismatches == 0);
  CHECK(answered > cases / 4);  // the comparison is not vacuous
}

TEST_CASE("fast mul rounds at 1 wei like the wide path", "[wad][fast]") {
  CHECK(*xm::fast::mul(1, 500000000000000000LL, Rounding::floor) == 0);
  CHECK(*xm::fast::mul(1, 500000000000000000LL, Rounding::ceil) == 1);
  CHECK(*xm::fast::mul(-1, 500000000000000000LL, Rounding::floor) == -1);
  CHECK(*xm::fast::mul(-1, 500000000000000000LL, Rounding::ceil) == 0);
  // 10 ETH × 3000 USD: the 256-bit intermediate case the fast path exists for.
  const i128 ten = static_cast<i128>(10) * 1000000000000000000LL;
  const i128 price = static_cast<i128>(3000) * 1000000000000000000LL;
  CHECK(*xm::fast::mul(ten, price, Rounding::floor) == static_cast<i128>(30000) * 1000000000000000000LL);
}
