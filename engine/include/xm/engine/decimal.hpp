#pragma once
// Exact decimal text <-> WAD, per SPEC §1. Nothing is rounded: a value that cannot be represented
// exactly is rejected with a reason.
//
// Accepted: an optional '-', an integer part without leading zeros ("0" itself is fine), and an
// optional '.' followed by 1 to 18 digits. "-0" is zero. Rejected, each with its own reason: empty
// text, '+', whitespace, exponents, "1.", ".5", leading zeros ("01"), more than 18 fractional
// digits, non-digits, and values outside int256.
#include <cstdint>
#include <string>
#include <string_view>

#include "xm/engine/result.hpp"
#include "xm/engine/wad.hpp"

namespace xm {

struct ParseError {
  std::string reason;
};

Result<Wad, ParseError> parse_wad(std::string_view text);
// Canonical form: no trailing fractional zeros, no '.' for whole values, "0" for zero.
std::string format_wad(const Wad& value);

// A plain signed 64-bit integer in decimal ("-12", "0"); same strictness, no fraction.
Result<std::int64_t, ParseError> parse_int64(std::string_view text);
// The raw integer of a WAD, in decimal ("1500000000000000000"), for digests and debugging.
std::string format_raw(const Wad& value);

}  // namespace xm
