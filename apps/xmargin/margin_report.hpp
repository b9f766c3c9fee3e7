#pragma once
// Shared by `xmargin verify` (format xmargin-margin/1) and `xmargin health`: margin results as flat
// "path = value" pairs (what fixtures' expect blocks name), as JSON, and as a readable table.
#include <string>
#include <utility>
#include <vector>

#include "xm/codec/margin_codec.hpp"
#include "xm/engine/margin.hpp"

namespace xm::cli {

using AccountOutcome = Result<AccountResult, MarginError>;
using FlatFields = std::vector<std::pair<std::string, std::string>>;

// Evaluates every account of a decoded input (a context error fails every account alike).
std::vector<AccountOutcome> evaluate_all(const codec::MarginInput& in);

// "maint.health" → "-12.5", "perps[0].liquidation_price" → "none", "liquidatable" → "true",
// "error" → "overflow" (only that one field for a failed account).
FlatFields flatten(const AccountOutcome& outcome);

std::string outcome_json(const AccountOutcome& outcome, const std::string& indent);
std::string outcome_table(const AccountOutcome& outcome, const std::string& account_id);

// keccak256 of the canonical encodings (docs/margin.md "Digests"), 0x-hex.
std::string inputs_digest(const codec::MarginInput& in);
std::string results_digest(const std::vector<AccountOutcome>& outcomes);

}  // namespace xm::cli
