// Hand-computed WAD cases: rounding direction at 1 wei, signs, and the exact edges of int256.
#include <catch2/catch.hpp>

#include "xm/engine/decimal.hpp"
#include "xm/engine/wad.hpp"

using xm::MathError;
using xm::Rounding;
using xm::Wad;

namespace {
Wad w(const char* s) { return xm::parse_wad(s).value(); }
std::string mul(const char* a, const char* b, Rounding r) {
  auto x = xm::checked::mul(w(a), w(b), r);
  return x ? xm::format_wad(*x) : xm::to_string(x.error());
}
std::string div(const char* a, const char* b, Rounding r) {
  auto x = xm::checked::div(w(a), w(b), r);
  return x ? xm::format_wad(*x) : xm::to_string(x.error());
}
constexpr auto F = Rounding::floor;
constexpr auto C = Rounding::ceil;
const char* kMax = "57896044618658097711785492504343953926634992332820282019728.792003956564819967";
const char* kMin = "-57896044618658097711785492504343953926634992332820282019728.792003956564819968";
}  // namespace

TEST_CASE("mul rounds once, toward -inf or +inf", "[wad]") {
  // 1 wei * 0.5 = 0.5 wei: floor 0, ceil 1 wei; negative: floor -1 wei, ceil 0.
  CHECK(mul("0.000000000000000001", "0.5", F) == "0");
  CHECK(mul("0.000000000000000001", "0.5", C) == "0.000000000000000001");
  CHECK(mul("-0.000000000000000001", "0.5", F) == "-0.000000000000000001");
  CHECK(mul("-0.000000000000000001", "0.5", C) == "0");
  CHECK(mul("1.5", "2", F) == "3");
  CHECK(mul("3000", "-2.5", C) == "-7500");
  // 1/3 has no exact WAD: 0.333…3 (18 threes) floor, …4 ceil.
  CHECK(mul("0.333333333333333333", "1", F) == "0.333333333333333333");
  CHECK(div("1", "3", F) == "0.333333333333333333");
  CHECK(div("1", "3", C) == "0.333333333333333334");
  CHECK(div("-1", "3", F) == "-0.333333333333333334");
  CHECK(div("-1", "3", C) == "-0.333333333333333333");
  CHECK(div("1", "-3", F) == "-0.333333333333333334");
  CHECK(div("-1", "-3", F) == "0.333333333333333333");
}

TEST_CASE("results outside int256 are overflow, exactly at the edge", "[wad]") {
  CHECK(mul(kMax, "1", F) == kMax);
  CHECK(mul(kMin, "1", F) == kMin);
  CHECK(mul(kMin, "-1", F) == "overflow");  // 2^255 does not fit
  CHECK(mul(kMax, "-1", F) == std::string("-") + kMax);
  CHECK(mul(kMax, "1.000000000000000001", F) == "overflow");
  CHECK(div(kMax, "1", C) == kMax);
  CHECK(div("1", "0", F) == "division by zero");
  CHECK(div("0", "0", C) == "division by zero");
  // max * 0.5 rounded up stays in range; min / 0.5 does not.
  CHECK(div(kMin, "0.5", F) == "overflow");
}

TEST_CASE("add and sub are checked against int256", "[wad]") {
  CHECK(xm::checked::add(Wad::max(), Wad::from_raw_i64(1)).ok() == false);
  CHECK(xm::checked::add(Wad::min(), Wad::from_raw_i64(-1)).ok() == false);
  CHECK(xm::checked::add(Wad::min(), Wad::min()).ok() == false);
  CHECK(xm::checked::add(Wad::max(), Wad::min()).value() == Wad::from_raw_i64(-1));
  CHECK(xm::checked::sub(Wad::zero(), Wad::min()).ok() == false);
  CHECK(xm::checked::sub(Wad::from_raw_i64(-1), Wad::max()).value() == Wad::min());
  CHECK(xm::checked::neg(Wad::min()).ok() == false);
  CHECK_THROWS_AS(Wad::max() + Wad::one(), xm::ArithmeticError);
}
