#pragma once
// An independent reference of SPEC §3 (maint side) and §4 with the decisions of docs/liquidation.md,
// on unbounded integers (boost::multiprecision::cpp_int, wei units) with its own floor/ceil
// division. Written separately from engine/src/liquidation*.cpp: it shares only the input model.
// Used by the property test and to compute fixture expectations (tests/liquidation_fixtures_test.cpp).
#include <boost/multiprecision/cpp_int.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "xm/engine/model.hpp"

namespace xm::ref {

using Z = boost::multiprecision::cpp_int;

Z raw(const Wad& w);
std::string dec(const Z& wei);  // canonical decimal text of a wei amount ("1.5", "-0.000000000000000001")

// a·b / 10^18 and a·10^18 / b, rounded down (toward −∞) or up.
Z mul_down(const Z& a, const Z& b);
Z mul_up(const Z& a, const Z& b);
Z div_up(const Z& a, const Z& b);

struct Perp {
  std::string market;
  Z size, quote;
};
struct Iso {
  std::string market;
  Z size, quote, collateral;
};
struct Bal {
  std::uint64_t chain;
  std::string asset;
  Z amount;
};
struct State {
  std::vector<Bal> balances;
  std::vector<Perp> perps;
  std::vector<Iso> isolated;
};
State state_of(const Account& a);

// Maint figures.
struct Health {
  Z equity, requirement, health, target;  // target = mul_up(buffer, requirement)
};
Health cross_health(const Params& params, const PriceSet& prices, const State& s);
Health isolated_health(const Params& params, const PriceSet& prices, const Iso& p);

// Closing |δ| = `closed` of a position with the SPEC §4 rules, fee included (the fee cap reads
// `equity_rest`, the maint equity of the rest of its pool).
struct Close {
  Z delta, size_after, quote_in, quote_after, fee_uncapped, fee;
};
Close close(const PerpMarket& m, const Z& price, const Z& equity_rest, const Z& size, const Z& quote, const Z& closed);

struct Step {
  std::string kind;  // isolated_perp | cross_perp | borrow
  std::size_t index = 0;
  std::string market;
  Z delta, quote_in, fee_uncapped, fee, fee_to_insurance, fee_to_liquidator;
  bool whole = false;
  std::string borrow_asset, collateral_asset;
  std::uint64_t borrow_chain = 0, collateral_chain = 0;
  Z repaid, seized;
  Z health_before, health_after;
};

struct Plan {
  std::string refusal;  // empty = a plan; else the reason name (e.g. "price_not_ok")
  std::string refusal_subject;
  std::vector<Step> steps;
  State after;
  Z cross_health_before, cross_health_after;
  Z bad_debt, insurance_paid, socialized_loss, cross_credit, fund_after;
};

Plan plan(const Params& params, const PriceSet& prices, const Account& account, const Wad& fund,
          const Wad& borrow_fee);

}  // namespace xm::ref
