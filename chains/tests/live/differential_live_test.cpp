// Engine ≡ EVM: the C++ margin engine and MarginReference.sol (deployed on a live anvil chain by
// xm_chain_setup, called through the project's own RPC client and ABI code) evaluate the same
// seeded random accounts. Every output field must be equal, and the C++ engine must fail exactly
// where the contract reverts: overflow ⇔ Panic(0x11), unpriceable_asset ⇔ Unpriceable(uint256).
// Seed from XM_SEED (printed), case count from XM_DIFF_CASES (default 1000).
#include <catch2/catch.hpp>

#include <iostream>
#include <sstream>

#include "live.hpp"
#include "margin_case.hpp"
#include "xm/engine/decimal.hpp"
#include "xm/engine/margin.hpp"
#include "xm/engine/params_check.hpp"

using namespace xm::chains;
using live::MarginCase;
using live::Regime;

namespace {

// What the engine said, in the contract's terms.
struct Outcome {
  std::string error;                   // "", "overflow", "unpriceable"
  std::vector<xm::Int256> fields;      // every compared number, in a fixed order
};

void push(Outcome& o, const xm::Wad& w) { o.fields.push_back(w.raw()); }
void push(Outcome& o, bool b) { o.fields.push_back(b ? 1 : 0); }
void push(Outcome& o, const xm::HealthSide& h) {
  push(o, h.equity);
  push(o, h.requirement);
  push(o, h.health);
}
void push(Outcome& o, const xm::PositionResult& p) {
  push(o, p.notional_init);
  push(o, p.notional_maint);
  push(o, p.pnl_init);
  push(o, p.pnl_maint);
  push(o, p.requirement_init);
  push(o, p.requirement_maint);
}

Outcome engine_outcome(const MarginCase& c) {
  Outcome o;
  auto ctx = xm::MarginContext::make(c.state);
  REQUIRE(ctx);
  const auto r = xm::evaluate(*ctx, c.account, xm::EvalOptions{false});
  if (!r) {
    switch (r.error().code) {
      case xm::MarginErrorCode::overflow: o.error = "overflow"; break;
      case xm::MarginErrorCode::unpriceable_asset: o.error = "unpriceable"; break;
      default: o.error = std::string("engine:") + xm::to_string(r.error().code); break;
    }
    return o;
  }
  push(o, r->init);
  push(o, r->maint);
  push(o, r->margin_ratio.has_value());
  push(o, r->margin_ratio.value_or(xm::Wad::zero()));
  for (const auto& b : r->balances) {
    push(o, b.value_init);
    push(o, b.value_maint);
    push(o, b.stale);
  }
  for (const auto& p : r->perps) push(o, p);
  for (const auto& iso : r->isolated) push(o, iso.position);
  for (const auto& iso : r->isolated) push(o, iso.init);
  for (const auto& iso : r->isolated) push(o, iso.maint);
  return o;
}

// Flattens the decoded Result tuple in the same order as engine_outcome.
void flatten(const abi::Value& v, std::vector<xm::Int256>& out) {
  switch (v.kind) {
    case abi::Kind::int_: out.push_back(v.as_int()); break;
    case abi::Kind::boolean: out.push_back(v.as_bool() ? 1 : 0); break;
    case abi::Kind::tuple:
    case abi::Kind::array:
      for (const auto& item : v.items) flatten(item, out);
      break;
    default: FAIL("unexpected ABI kind in Result");
  }
}

Outcome contract_outcome(RpcClient& rpc, const Address& margin, const MarginCase& c) {
  const Bytes data = abi::call_data(live::evaluate_signature(), {live::to_abi_input(c.state, c.account)});
  const CallResult r = rpc.call(CallRequest{std::nullopt, margin, 0, data}, BlockTag::latest);
  Outcome o;
  if (r.reverted) {
    static const std::string panic_overflow = "0x4e487b71" + std::string(62, '0') + "11";
    static const std::string unpriceable = to_0x(abi::selector("Unpriceable(uint256)"));
    const std::string hex = to_0x(r.data);
    if (hex == panic_overflow) o.error = "overflow";
    else if (hex.rfind(unpriceable, 0) == 0) o.error = "unpriceable";
    else o.error = "revert:" + hex.substr(0, 80) + " " + r.message;
    return o;
  }
  const auto decoded = abi::decode({live::result_type()}, r.data);
  flatten(decoded.at(0), o.fields);
  return o;
}

std::string describe(const Outcome& o) {
  if (!o.error.empty()) return o.error;
  std::ostringstream s;
  s << o.fields.size() << " fields [";
  for (std::size_t i = 0; i < o.fields.size() && i < 6; ++i) s << (i ? ", " : "") << o.fields[i];
  s << (o.fields.size() > 6 ? ", …]" : "]");
  return s.str();
}

}  // namespace

TEST_CASE("differential: C++ engine ≡ MarginReference.sol on anvil, ≥ 1000 seeded accounts", "[chain]") {
  const std::uint64_t seed = xm::testing::test_seed("engine vs EVM differential");
  const std::uint64_t cases = xm::testing::env_u64("XM_DIFF_CASES", 1000);
  const Registry reg = live::registry();
  RpcClient rpc(reg.chains[0].rpc_url);
  const Address margin = parse_address(live::chain_a().at("margin").string());

  live::CaseGen gen(seed);
  std::uint64_t mismatches = 0, ok = 0, overflow = 0, unpriceable = 0, fields = 0;
  std::uint64_t per_regime_errors[3] = {0, 0, 0};
  for (std::uint64_t n = 0; n < cases; ++n) {
    const MarginCase c = gen.next();
    if (auto bad = xm::check_params(c.state.params)) FAIL("case " << n << ": generator produced invalid params: " << bad->reason);
    const Outcome want = engine_outcome(c);
    const Outcome got = contract_outcome(rpc, margin, c);
    if (want.error != got.error || want.fields != got.fields) {
      if (++mismatches <= 5) {
        std::cout << "MISMATCH case " << n << " (seed " << seed << "): engine " << describe(want) << " | contract "
                  << describe(got) << '\n';
      }
      continue;
    }
    if (want.error.empty()) ++ok, fields += want.fields.size();
    else ++per_regime_errors[static_cast<int>(c.regime)];
    if (want.error == "overflow") ++overflow;
    if (want.error == "unpriceable") ++unpriceable;
  }
  std::cout << "differential: " << cases << " cases, " << ok << " evaluated (" << fields << " fields equal), "
            << overflow << " overflow ⇔ Panic(0x11), " << unpriceable << " unpriceable ⇔ Unpriceable, "
            << mismatches << " mismatches\n";
  CHECK(mismatches == 0);
  // The generator must actually reach both sides of every boundary, or the test proves little.
  CHECK(ok * 2 >= cases);
  CHECK(overflow * 20 >= cases);
  CHECK(unpriceable > 0);
}
