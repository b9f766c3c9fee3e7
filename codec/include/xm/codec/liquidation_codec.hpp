#pragma once
// Format xmargin-liquidation/1 (docs/formats/liquidation.md): the planner's inputs (params, prices
// with status, one account, the insurance fund balance, the borrow bonus) and, in "expect", the
// plan or the refusal. `xmargin liquidate --json` writes the same document with every field filled
// in plus digests — the liquidation certificate — and `xmargin verify` re-derives it.
//
// Inputs reuse the xmargin-margin/1 schema for params, prices and accounts (margin_codec.hpp).
// Output values are built as json::Value trees with canonical text (format_wad), so the same plan
// always serializes to the same bytes; digests are keccak256 of `to_text(tree, compact)`.
#include <string>

#include "xm/codec/json.hpp"
#include "xm/engine/liquidation.hpp"
#include "xm/engine/model.hpp"
#include "xm/engine/result.hpp"

namespace xm::codec {

struct LiquidationInput {
  Params params;
  PriceSet prices;
  Account account;
  Wad insurance_fund;
  LiquidationConfig config;
};

// Decodes and validates the inputs (params through check_params); json::InputError on any problem.
LiquidationInput decode_liquidation_input(const json::JsonRef& root);

// Canonical trees of the inputs (the certificate's copy, and what the digests cover).
json::Value encode_params(const Params& params);
json::Value encode_prices(const PriceSet& prices);
json::Value encode_account(const Account& account);
json::Value encode_liquidation_inputs(const LiquidationInput& in);  // {params, prices, account, insurance_fund, borrow_liquidation_fee}

// {"plan": {...}} or {"refusal": {"reason", "subject", "detail"}}.
json::Value encode_liquidation_outcome(const Result<LiquidationPlan, LiquidationRefusal>& outcome);

// JSON text of a tree: compact (digests) or indented by two spaces (files, terminal).
std::string to_text(const json::Value& v, bool pretty);

// Tree builders.
json::Value jstring(std::string s);
json::Value jnumber(std::string digits);
json::Value jbool(bool b);
json::Value jwad(const Wad& w);
json::Value jobject();
json::Value jarray();
void put(json::Value& object, std::string key, json::Value v);
void push(json::Value& array, json::Value v);
const json::Value* member(const json::Value& object, std::string_view key);

}  // namespace xm::codec
