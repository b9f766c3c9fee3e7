// Token units → WAD: exact up to 18 decimals, floor beyond, overflow past int256.
#include <catch2/catch.hpp>

#include "xm/chains/units.hpp"
#include "xm/engine/decimal.hpp"

using namespace xm::chains;

TEST_CASE("units: token amounts convert exactly to WAD", "[units]") {
  // 1234567891 units at 6 decimals = 1234.567891; 1 unit at 18 = 1 wei; 5 at 0 = 5.
  CHECK(xm::format_wad(*token_amount_to_wad(U256("1234567891"), 6)) == "1234.567891");
  CHECK(xm::format_wad(*token_amount_to_wad(1, 18)) == "0.000000000000000001");
  CHECK(xm::format_wad(*token_amount_to_wad(5, 0)) == "5");
  // 24 decimals: 1999999 units = 0.000000000000000001999999 → floor to 1 wei.
  CHECK(xm::format_wad(*token_amount_to_wad(U256(1999999), 24)) == "0.000000000000000001");
  CHECK(xm::format_wad(*token_amount_to_wad(U256(999999), 24)) == "0");
  CHECK(token_amount_to_wad(1, 255).ok());  // 10^237 divisor: 0, not a crash
}

TEST_CASE("units: a balance that does not fit int256 as WAD is an error", "[units]") {
  const U256 max_i256 = (U256(1) << 255) - 1;
  CHECK(token_amount_to_wad(max_i256, 18).ok());
  CHECK(token_amount_to_wad(max_i256 + 1, 18).error() == UnitsError::overflow);
  CHECK(token_amount_to_wad(max_i256 / 1000000000000 + 1, 6).error() == UnitsError::overflow);
  CHECK(token_amount_to_wad(~U256(0), 77).ok());  // (2^256 − 1) / 10^59 fits
}

TEST_CASE("units: signed feed answers scale exactly, more than 18 decimals is refused", "[units]") {
  CHECK(xm::format_wad(*scaled_to_wad(xm::Int256(-5), 8)) == "-0.00000005");
  CHECK(scaled_to_wad(1, 19).error() == UnitsError::unsupported_decimals);
  CHECK(scaled_to_wad((xm::Int256(1) << 254), 0).error() == UnitsError::overflow);
}
