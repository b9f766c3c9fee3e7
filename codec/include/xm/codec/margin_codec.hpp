#pragma once
// Decoding of margin inputs (format xmargin-margin/1, docs/formats/margin.md) from the JSON tree into
// the engine's model. Every problem is a json::InputError naming the JSON path; params are also run
// through check_params, whose named error becomes an InputError at the offending field.
#include <cstdint>
#include <map>
#include <vector>

#include "xm/codec/json.hpp"
#include "xm/engine/model.hpp"
#include "xm/engine/params_check.hpp"

namespace xm::codec {

// Unvalidated decoders (structure and number syntax only).
Params decode_params(const json::JsonRef& params);
PriceSet decode_prices(const json::JsonRef& prices);
std::map<ChainId, std::int64_t> decode_snapshots(const json::JsonRef& snapshots);
Account decode_account(const json::JsonRef& account);
std::vector<Account> decode_accounts(const json::JsonRef& accounts);  // ids must be unique
ChainId decode_chain_key(const json::JsonRef& where, const std::string& key);

// check_params, its error thrown as InputError("<path>", "<code>: <reason>").
void require_valid_params(const Params& params);

struct MarginInput {
  MarketState state;
  std::vector<Account> accounts;
};

// The inputs of an xmargin-margin/1 document: params (validated), prices, snapshots, now, accounts.
// `root.only(...)` is left to the caller (it knows whether "expect" is allowed).
MarginInput decode_margin_input(const json::JsonRef& root);

}  // namespace xm::codec
