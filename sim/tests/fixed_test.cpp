// Expected constants from 60-digit decimal arithmetic (Python's decimal module), truncated to 18
// fractional digits: e = 2.718281828459045235…, e^-1 = 0.367879441171442321…, e^0.5 = 1.648721270700128146…,
// e^10 = 22026.465794806716516957…, sqrt(2) = 1.414213562373095048…
#include <catch2/catch.hpp>

#include "xm/sim/fixed.hpp"

using namespace xm::sim;

namespace {
i128 absdiff(i128 a, i128 b) { return a > b ? a - b : b - a; }
}  // namespace

TEST_CASE("exp_wad is within a few wei of e^x", "[sim][fixed]") {
  CHECK(absdiff(exp_wad(kWad), 2'718'281'828'459'045'235) <= 20);
  CHECK(absdiff(exp_wad(-kWad), 367'879'441'171'442'321) <= 20);
  CHECK(absdiff(exp_wad(kWad / 2), 1'648'721'270'700'128'146) <= 20);
  CHECK(exp_wad(0) == kWad);
  const i128 e10 = i128{22026'465794806716} * 1'000'000 + 516'957;  // 22026.465794806716516957 · 10^18
  CHECK(absdiff(exp_wad(10 * kWad), e10) <= e10 / 1'000'000'000'000'000);  // 1e-15 relative
  CHECK_THROWS_AS(exp_wad(41 * kWad), SimRangeError);
}

TEST_CASE("sqrt_wad floors the square root", "[sim][fixed]") {
  CHECK(sqrt_wad(2 * kWad) == 1'414'213'562'373'095'048);
  CHECK(sqrt_wad(4 * kWad) == 2 * kWad);
  CHECK(sqrt_wad(0) == 0);
  CHECK(isqrt(u128{99}) == 9);
  CHECK(isqrt(u128{100}) == 10);
}

TEST_CASE("mul/div round in the named direction", "[sim][fixed]") {
  CHECK(mul_floor(-1, kWad / 2) == -1);  // −0.5 wei floors to −1
  CHECK(mul_ceil(-1, kWad / 2) == 0);
  CHECK(div_floor(kWad, 3 * kWad) == 333'333'333'333'333'333);
  CHECK(div_ceil(kWad, 3 * kWad) == 333'333'333'333'333'334);
  CHECK(div_floor(i128{1'000'000} * kWad, 3 * kWad) == i128{333'333} * kWad + 333'333'333'333'333'333);
}
