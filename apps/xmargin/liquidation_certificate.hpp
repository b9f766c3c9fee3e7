#pragma once
// The liquidation certificate (docs/formats/liquidation.md): every input, the plan (or refusal) and
// keccak256 digests of the params, of all inputs and of the result, as one xmargin-liquidation/1
// document. Built here rather than in codec/ because the digests need xm::crypto.
#include <string>

#include "xm/codec/json.hpp"
#include "xm/codec/liquidation_codec.hpp"

namespace xm::cli {

// The "expect" block re-derived from the inputs: params_digest, input_digest, plan | refusal, result_digest.
json::Value liquidation_expect(const codec::LiquidationInput& in);

// The whole certificate: format, note, the inputs, and liquidation_expect.
json::Value liquidation_certificate(const codec::LiquidationInput& in);

}  // namespace xm::cli
