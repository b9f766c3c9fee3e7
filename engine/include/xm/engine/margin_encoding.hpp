#pragma once
// Canonical byte encodings of margin inputs and results, for state digests (keccak256 of these
// bytes, computed outside the pure engine by xm::crypto). Layout in docs/margin.md: every WAD as
// 32-byte big-endian two's complement (ABI int256), every count/time/id as 8-byte big-endian,
// every string as 8-byte length + UTF-8 bytes, optionals as a 1-byte tag, maps in key order.
// Same inputs → same bytes on every compiler and optimisation level.
#include <string>
#include <vector>

#include "xm/engine/margin.hpp"
#include "xm/engine/model.hpp"

namespace xm {

std::string encode_margin_inputs(const MarketState& state, const std::vector<Account>& accounts);
std::string encode_margin_results(const std::vector<AccountResult>& results);

}  // namespace xm
