#include "liquidation_certificate.hpp"

#include "xm/crypto/keccak.hpp"
#include "xm/engine/liquidation.hpp"

namespace xm::cli {

namespace {
json::Value digest_of(const json::Value& tree) {
  return codec::jstring(crypto::to_0x(crypto::keccak256(codec::to_text(tree, false))));
}
}  // namespace

json::Value liquidation_expect(const codec::LiquidationInput& in) {
  const auto outcome = plan_liquidation(in.params, in.prices, in.account, in.insurance_fund, in.config);
  json::Value result = codec::encode_liquidation_outcome(outcome);
  json::Value expect = codec::jobject();
  codec::put(expect, "params_digest", digest_of(codec::encode_params(in.params)));
  codec::put(expect, "input_digest", digest_of(codec::encode_liquidation_inputs(in)));
  json::Value result_digest = digest_of(result);
  for (auto& [key, value] : result.members) codec::put(expect, key, std::move(value));
  codec::put(expect, "result_digest", std::move(result_digest));
  return expect;
}

json::Value liquidation_certificate(const codec::LiquidationInput& in) {
  json::Value doc = codec::jobject();
  codec::put(doc, "format", codec::jstring("xmargin-liquidation/1"));
  codec::put(doc, "note", codec::jstring("Liquidation certificate written by `xmargin liquidate --json`; "
                                         "`xmargin verify` re-derives every field from the inputs."));
  json::Value inputs = codec::encode_liquidation_inputs(in);
  for (auto& [key, value] : inputs.members) codec::put(doc, key, std::move(value));
  codec::put(doc, "expect", liquidation_expect(in));
  return doc;
}

}  // namespace xm::cli
