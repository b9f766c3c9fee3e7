#pragma once
// Exact conversions from on-chain integer units to WAD (18 decimals).
#include <cstdint>

#include "xm/chains/bytes.hpp"
#include "xm/engine/result.hpp"
#include "xm/engine/wad.hpp"

namespace xm::chains {

enum class UnitsError : std::uint8_t {
  overflow,               // the WAD value is outside int256
  unsupported_decimals,   // price feeds with more than 18 decimals
};
const char* to_string(UnitsError e) noexcept;

// A token balance of `decimals` decimals as WAD: exact (× 10^(18 − d)) when d ≤ 18; for d > 18 the
// extra digits are dropped (floor — a balance is never negative, so this rounds against the
// account). overflow when the result exceeds 2^255 − 1.
Result<Wad, UnitsError> token_amount_to_wad(const U256& amount, unsigned decimals);

// A signed fixed-point value with `decimals` decimals (a Chainlink answer) as WAD: exact, so
// decimals > 18 (which would need rounding) is refused rather than rounded.
Result<Wad, UnitsError> scaled_to_wad(const Int256& value, unsigned decimals);

}  // namespace xm::chains
