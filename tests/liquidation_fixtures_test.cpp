// The "expect" blocks of fixtures/liquidation/*.json are the independent reference's output
// (tests/reference/liquidation_reference.cpp), not the engine's: this test re-derives each one from
// the fixture's inputs with the reference and requires the fixture to hold exactly that. `xmargin
// verify` then checks the engine against the same blocks (scripts/run.sh).
//
// To (re)write the blocks after adding a fixture's inputs:
//   XM_WRITE_LIQUIDATION_FIXTURES=1 build/tests/xm_cross_tests "[liquidation][fixtures]"
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "reference/liquidation_reference.hpp"
#include "xm/codec/json.hpp"
#include "xm/codec/liquidation_codec.hpp"
#include "xm/engine/liquidation.hpp"
#include "xm/engine/margin.hpp"

namespace {

using namespace xm::codec;
using xm::json::Value;
using xm::ref::Z;

Value zwad(const Z& wei) { return jstring(xm::ref::dec(wei)); }
Value count(std::uint64_t n) { return jnumber(std::to_string(n)); }

Value encode_state(const std::string& id, const xm::ref::State& s) {
  Value o = jobject();
  put(o, "id", jstring(id));
  Value bals = jarray();
  for (const auto& b : s.balances) {
    Value e = jobject();
    put(e, "chain", count(b.chain));
    put(e, "asset", jstring(b.asset));
    put(e, "amount", zwad(b.amount));
    push(bals, std::move(e));
  }
  put(o, "balances", std::move(bals));
  Value perps = jarray();
  for (const auto& p : s.perps) {
    Value e = jobject();
    put(e, "market", jstring(p.market));
    put(e, "size", zwad(p.size));
    put(e, "quote", zwad(p.quote));
    push(perps, std::move(e));
  }
  put(o, "perps", std::move(perps));
  Value iso = jarray();
  for (const auto& p : s.isolated) {
    Value e = jobject();
    put(e, "market", jstring(p.market));
    put(e, "size", zwad(p.size));
    put(e, "quote", zwad(p.quote));
    put(e, "collateral", zwad(p.collateral));
    push(iso, std::move(e));
  }
  put(o, "isolated", std::move(iso));
  return o;
}

Value reference_expect(const LiquidationInput& in) {
  const auto r = xm::ref::plan(in.params, in.prices, in.account, in.insurance_fund, in.config.borrow_liquidation_fee);
  Value expect = jobject();
  if (!r.refusal.empty()) {
    Value refusal = jobject();
    put(refusal, "reason", jstring(r.refusal));
    put(refusal, "subject", jstring(r.refusal_subject));
    put(expect, "refusal", std::move(refusal));
    return expect;
  }
  Value plan = jobject();
  Value steps = jarray();
  for (const auto& s : r.steps) {
    Value o = jobject();
    put(o, "kind", jstring(s.kind));
    if (s.kind == "borrow") {
      Value b = jobject();
      put(b, "chain", count(s.borrow_chain));
      put(b, "asset", jstring(s.borrow_asset));
      put(o, "borrow", std::move(b));
      put(o, "repaid", zwad(s.repaid));
      Value c = jobject();
      put(c, "chain", count(s.collateral_chain));
      put(c, "asset", jstring(s.collateral_asset));
      put(o, "collateral", std::move(c));
      put(o, "seized", zwad(s.seized));
    } else {
      put(o, "market", jstring(s.market));
      put(o, "position", count(s.index));
      put(o, "delta", zwad(s.delta));
      put(o, "whole_position", jbool(s.whole));
      const Z lot = xm::ref::raw(in.params.markets.at(xm::MarketId{s.market}).lot_size);
      const Z closed = s.delta < 0 ? Z(-s.delta) : s.delta;
      put(o, "lots", jnumber(Z(closed / lot).str()));
      put(o, "lot_remainder", zwad(closed % lot));
      put(o, "quote_in", zwad(s.quote_in));
      put(o, "fee_uncapped", zwad(s.fee_uncapped));
      put(o, "fee", zwad(s.fee));
      put(o, "fee_to_insurance", zwad(s.fee_to_insurance));
      put(o, "fee_to_liquidator", zwad(s.fee_to_liquidator));
    }
    put(o, "health_before", zwad(s.health_before));
    put(o, "health_after", zwad(s.health_after));
    push(steps, std::move(o));
  }
  put(plan, "steps", std::move(steps));
  Value cross = jobject();
  put(cross, "health_before", zwad(r.cross_health_before));
  put(cross, "health_after", zwad(r.cross_health_after));
  put(cross, "credit", zwad(r.cross_credit));
  put(plan, "cross", std::move(cross));
  put(plan, "bad_debt", zwad(r.bad_debt));
  put(plan, "insurance_paid", zwad(r.insurance_paid));
  put(plan, "socialized_loss", zwad(r.socialized_loss));
  put(plan, "insurance_fund_after", zwad(r.fund_after));
  put(plan, "account_after", encode_state(in.account.id, r.after));
  put(expect, "plan", std::move(plan));
  return expect;
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// The planner's cross health before and after equals the margin engine's `evaluate` (maint) on the
// account before and on account_after: the two modules agree on SPEC §3.
void agrees_with_margin_engine(const LiquidationInput& in) {
  const auto plan = xm::plan_liquidation(in.params, in.prices, in.account, in.insurance_fund, in.config);
  if (!plan) return;
  xm::MarketState state;
  state.params = in.params;
  state.prices = in.prices;
  for (const auto& [id, chain] : in.params.chains) state.chain_snapshot_ts[id] = 0;
  const auto ctx = xm::MarginContext::make(state);
  REQUIRE(ctx.ok());
  const auto before = xm::evaluate(*ctx, in.account, {false});
  const auto after = xm::evaluate(*ctx, plan->account_after, {false});
  REQUIRE(before.ok());
  REQUIRE(after.ok());
  CHECK(before->maint.health == plan->cross_health_before);
  CHECK(after->maint.health == plan->cross_health_after);
  for (const auto& step : plan->steps)
    if (step.kind == xm::StepKind::isolated_perp)
      CHECK(after->isolated[step.position_index].maint.health == step.health_after);
}

}  // namespace

TEST_CASE("liquidation fixtures hold the reference's expectations", "[liquidation][fixtures]") {
  const bool write = std::getenv("XM_WRITE_LIQUIDATION_FIXTURES") != nullptr;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator("fixtures/liquidation"))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 12);
  for (const auto& file : files) {
    INFO(file.string());
    Value doc = xm::json::parse(slurp(file));
    const LiquidationInput in = decode_liquidation_input(xm::json::JsonRef(doc, ""));
    Value expect = reference_expect(in);
    if (write) {
      for (auto& [key, value] : doc.members)
        if (key == "expect") value = expect;
      std::ofstream(file, std::ios::binary) << to_text(doc, true) << "\n";
      continue;
    }
    const Value* stored = member(doc, "expect");
    REQUIRE(stored != nullptr);
    CHECK(to_text(*stored, false) == to_text(expect, false));
    agrees_with_margin_engine(in);
  }
}
