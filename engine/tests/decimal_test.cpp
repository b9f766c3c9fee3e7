// SPEC §1 decimal strings: every malformed form rejected with its reason; formatting round-trips.
#include <catch2/catch.hpp>

#include "seeded.hpp"
#include "xm/engine/decimal.hpp"

using xm::format_wad;
using xm::parse_wad;

TEST_CASE("valid decimals parse exactly", "[decimal]") {
  CHECK(parse_wad("1234.5")->raw() == xm::Int256("1234500000000000000000"));
  CHECK(parse_wad("-0.000000000000000001")->raw() == -1);
  CHECK(parse_wad("0")->raw() == 0);
  CHECK(parse_wad("-0")->raw() == 0);
  CHECK(parse_wad("0.10")->raw() == xm::Int256("100000000000000000"));
  CHECK(parse_wad("57896044618658097711785492504343953926634992332820282019728.792003956564819967")->raw() ==
        (xm::Int256(1) << 255) - 1);
  CHECK(parse_wad("-57896044618658097711785492504343953926634992332820282019728.792003956564819968")->raw() ==
        -(xm::Int256(1) << 255));
}

TEST_CASE("malformed decimals are rejected with a reason", "[decimal]") {
  struct Bad { const char* text; const char* reason; };
  const Bad cases[] = {
      {"", "empty string is not a number"},
      {"+1", "a leading '+' is not allowed"},
      {"1.", "a '.' must be followed by digits"},
      {".5", "a '.' must follow a digit"},
      {"-.5", "a '.' must follow a digit"},
      {" 1", "whitespace is not allowed in a number"},
      {"1 ", "whitespace is not allowed in a number"},
      {"1e3", "exponents are not allowed"},
      {"1E3", "exponents are not allowed"},
      {"01", "leading zeros are not allowed"},
      {"1.2.3", "more than one '.'"},
      {"0.0000000000000000001", "more than 18 fractional digits"},
      {"-", "no digits"},
      {"0x10", "unexpected character 'x'"},
      {"NaN", "unexpected character 'N'"},
      {"57896044618658097711785492504343953926634992332820282019728.792003956564819968", "out of int256 range"},
      {"-57896044618658097711785492504343953926634992332820282019728.792003956564819969", "out of int256 range"},
      {"100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
       "out of int256 range"},
  };
  for (const auto& c : cases) {
    INFO("input \"" << c.text << "\"");
    auto r = parse_wad(c.text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().reason == c.reason);
  }
}

TEST_CASE("formatting is canonical and round-trips", "[decimal]") {
  CHECK(format_wad(*parse_wad("1.500")) == "1.5");
  CHECK(format_wad(*parse_wad("-0")) == "0");
  CHECK(format_wad(*parse_wad("-0.000000000000000001")) == "-0.000000000000000001");
  CHECK(format_wad(xm::Wad::min()) ==
        "-57896044618658097711785492504343953926634992332820282019728.792003956564819968");

  const std::uint64_t seed = xm::testing::test_seed("decimal round-trip");
  xm::testing::SplitMix64 rng(seed);
  const std::uint64_t cases = xm::testing::property_cases(200'000);
  std::uint64_t failures = 0;
  for (std::uint64_t i = 0; i < cases; ++i) {
    xm::Int512 v = 0;
    const auto limbs = 1 + rng.below(4);
    for (std::uint64_t k = 0; k < limbs; ++k) v = (v << 64) | rng.next();
    v >>= static_cast<unsigned>(rng.below(256));
    if (rng.below(2)) v = -v;
    auto w = xm::Wad::from_raw(v);
    if (!w) continue;
    auto back = parse_wad(format_wad(*w));
    if (!back || !(*back == *w)) ++failures;
  }
  CHECK(failures == 0);
}

TEST_CASE("int64 fields parse strictly", "[decimal]") {
  CHECK(*xm::parse_int64("1700000000") == 1700000000);
  CHECK(*xm::parse_int64("-9223372036854775808") == INT64_MIN);
  CHECK_FALSE(xm::parse_int64("9223372036854775808").ok());
  CHECK_FALSE(xm::parse_int64("1.5").ok());
  CHECK_FALSE(xm::parse_int64("1e9").ok());
}
