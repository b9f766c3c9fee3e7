// The liquidation planner's orchestration (SPEC §4, docs/liquidation.md):
//   1. refuse unless every price the account depends on is `ok` (and the inputs are consistent);
//   2. each liquidatable isolated position, in index order, alone against its own collateral;
//   3. the cross pool: perps by largest maint requirement first (ties: market id ascending), then
//      borrows (largest liability first) repaid from collateral (largest value first);
//   4. bad debt of each pool that is closed out with negative equity: insurance fund, then socialized.
// Fees reach the insurance fund as they are charged, so a later bad debt in the same plan can use them.
#include "xm/engine/liquidation.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "liquidation_maint.hpp"
#include "liquidation_steps.hpp"

namespace xm {

const char* to_string(StepKind kind) noexcept {
  switch (kind) {
    case StepKind::isolated_perp: return "isolated_perp";
    case StepKind::cross_perp: return "cross_perp";
    case StepKind::borrow: return "borrow";
  }
  return "?";
}

const char* to_string(RefusalReason reason) noexcept {
  switch (reason) {
    case RefusalReason::not_liquidatable: return "not_liquidatable";
    case RefusalReason::price_missing: return "price_missing";
    case RefusalReason::price_not_ok: return "price_not_ok";
    case RefusalReason::unpriceable: return "unpriceable";
    case RefusalReason::unknown_market: return "unknown_market";
    case RefusalReason::unknown_asset: return "unknown_asset";
    case RefusalReason::unknown_chain: return "unknown_chain";
    case RefusalReason::duplicate_position: return "duplicate_position";
    case RefusalReason::invalid_input: return "invalid_input";
    case RefusalReason::overflow: return "overflow";
  }
  return "?";
}

std::string LiquidationRefusal::message() const {
  std::string m = to_string(reason);
  if (!subject.empty()) m += ": " + subject;
  if (!detail.empty()) m += " (" + detail + ")";
  return m;
}

namespace {

const char* status_name(PriceStatus s) {
  switch (s) {
    case PriceStatus::ok: return "ok";
    case PriceStatus::degraded: return "degraded";
    case PriceStatus::insufficient: return "insufficient";
    case PriceStatus::halted: return "halted";
  }
  return "?";
}

struct Refused {
  LiquidationRefusal refusal;
};
[[noreturn]] void refuse(RefusalReason r, std::string subject, std::string detail = {}) {
  throw Refused{LiquidationRefusal{r, std::move(subject), std::move(detail)}};
}

class Planner {
 public:
  Planner(const Params& params, const PriceSet& prices, const Account& account, const Wad& fund,
          const LiquidationConfig& config)
      : params_(params), prices_(prices), config_(config) {
    plan_.account_after = account;
    plan_.insurance_fund_before = fund;
    fund_ = fund;
  }

  LiquidationPlan run() {
    check_inputs();
    bool any = false;
    for (std::size_t i = 0; i < acc().isolated.size(); ++i) any = liquidate_isolated(i) || any;
    any = liquidate_cross() || any;
    if (!any) refuse(RefusalReason::not_liquidatable, "account", "maint health ≥ 0 everywhere");
    plan_.insurance_fund_after = fund_;
    return std::move(plan_);
  }

 private:
  Account& acc() { return plan_.account_after; }
  const PerpMarket& market(const MarketId& id) const { return params_.markets.at(id); }
  const Wad& price_of(const AssetId& id) const { return prices_.at(id).price; }

  void check_inputs() {
    if (plan_.insurance_fund_before.sign() < 0) refuse(RefusalReason::invalid_input, "insurance_fund", "negative");
    if (config_.borrow_liquidation_fee.sign() < 0)
      refuse(RefusalReason::invalid_input, "borrow_liquidation_fee", "negative");
    const Account& a = acc();
    if (a.perps.size() + a.isolated.size() + a.balances.size() > kMaxLiquidationPositions)
      refuse(RefusalReason::invalid_input, "account", "more than 256 positions and balances");
    std::set<AssetId> depends;
    std::set<MarketId> cross_markets;
    auto need_market = [&](const MarketId& id, const Wad& size, const std::string& where) {
      const auto it = params_.markets.find(id);
      if (it == params_.markets.end()) refuse(RefusalReason::unknown_market, where, id.value);
      if (!params_.assets.contains(it->second.base)) refuse(RefusalReason::unknown_asset, where, it->second.base.value);
      if (!size.is_zero()) depends.insert(it->second.base);
    };
    for (std::size_t i = 0; i < a.perps.size(); ++i) {
      const std::string where = "perps[" + std::to_string(i) + "]";
      need_market(a.perps[i].market, a.perps[i].size, where);
      if (!cross_markets.insert(a.perps[i].market).second)
        refuse(RefusalReason::duplicate_position, where, a.perps[i].market.value);
    }
    for (std::size_t i = 0; i < a.isolated.size(); ++i)
      need_market(a.isolated[i].market, a.isolated[i].size, "isolated[" + std::to_string(i) + "]");
    std::set<std::pair<ChainId, AssetId>> held;
    for (std::size_t i = 0; i < a.balances.size(); ++i) {
      const Balance& b = a.balances[i];
      const std::string where = "balances[" + std::to_string(i) + "]";
      if (!params_.assets.contains(b.asset)) refuse(RefusalReason::unknown_asset, where, b.asset.value);
      if (!params_.chains.contains(b.chain)) refuse(RefusalReason::unknown_chain, where, std::to_string(b.chain.value));
      if (!held.insert({b.chain, b.asset}).second) refuse(RefusalReason::duplicate_position, where, b.asset.value);
      if (!b.amount.is_zero()) depends.insert(b.asset);
    }
    // Every price the account depends on (std::set: the first refusal is the same on every run).
    for (const AssetId& asset : depends) {
      const auto it = prices_.find(asset);
      if (it == prices_.end()) refuse(RefusalReason::price_missing, asset.value);
      // SPEC §5: an `insufficient` price may not be liquidated against and a `halted` one stops
      // liquidations; a `degraded` price is still an aggregated price and liquidates normally.
      if (it->second.status == PriceStatus::insufficient || it->second.status == PriceStatus::halted)
        refuse(RefusalReason::price_not_ok, asset.value, status_name(it->second.status));
      if (it->second.price.sign() <= 0) refuse(RefusalReason::unpriceable, asset.value, "price ≤ 0");
      // SPEC §2: p_lo = p − mul(k, conf, ceil) must stay > 0, else the asset is unpriceable — the
      // same rule `evaluate` applies, so `health` and `liquidate` never disagree on an account.
      const auto band = checked::mul(params_.conf_multiplier, it->second.conf, Rounding::ceil);
      if (!band || !(*band < it->second.price))
        refuse(RefusalReason::unpriceable, asset.value, "p_lo = p - k*conf <= 0");
    }
  }

  Wad balance_value(const Balance& b) const {
    return liq::maint_balance_value(params_.assets.at(b.asset), params_.chains.at(b.chain), b.amount, price_of(b.asset));
  }
  Wad perp_pnl(const PerpPosition& p) const {
    const PerpMarket& m = market(p.market);
    return liq::maint_pnl(m, p.size, p.quote, price_of(m.base));
  }
  Wad perp_requirement(const PerpPosition& p) const {
    const PerpMarket& m = market(p.market);
    return liq::maint_requirement(m, p.size, price_of(m.base));
  }
  liq::PoolRest cross_pool() const {
    liq::PoolRest pool{Wad::zero(), Wad::zero()};
    for (const Balance& b : plan_.account_after.balances) pool.equity = pool.equity + balance_value(b);
    for (const PerpPosition& p : plan_.account_after.perps) {
      pool.equity = pool.equity + perp_pnl(p);
      pool.requirement = pool.requirement + perp_requirement(p);
    }
    return pool;
  }

  void record(LiquidationStep step, const PerpMarket& m) {
    auto& [size, quote] = plan_.liquidator.perps[m.id];
    size = size + step.delta;  // the liquidator takes the closed part over at the maint price
    quote = quote - step.quote_in;
    plan_.liquidator.fees = plan_.liquidator.fees + step.fee_to_liquidator;
    fund_ = fund_ + step.fee_to_insurance;
    plan_.steps.push_back(std::move(step));
  }

  // Insurance fund first, the rest socialized.
  BadDebt cover(const Wad& deficit) {
    BadDebt d;
    d.amount = deficit;
    d.insurance_paid = min(fund_, deficit);
    d.socialized = deficit - d.insurance_paid;
    fund_ = fund_ - d.insurance_paid;
    plan_.bad_debt = plan_.bad_debt + d.amount;
    plan_.insurance_paid = plan_.insurance_paid + d.insurance_paid;
    plan_.socialized_loss = plan_.socialized_loss + d.socialized;
    return d;
  }

  bool liquidate_isolated(std::size_t i) {
    IsolatedPosition& iso = acc().isolated[i];
    const PerpMarket& m = market(iso.market);
    const Wad& p = price_of(m.base);
    const Wad before = iso.collateral + liq::maint_pnl(m, iso.size, iso.quote, p) - liq::maint_requirement(m, iso.size, p);
    if (before.sign() >= 0) return false;
    if (!iso.size.is_zero()) {
      LiquidationStep step = liq::close_perp(m, p, params_.liquidation_buffer, {iso.collateral, Wad::zero()}, iso.size,
                                             iso.quote);
      step.kind = StepKind::isolated_perp;
      step.position_index = i;
      step.health_before = before;
      record(std::move(step), m);
    }
    if (iso.size.is_zero()) {
      const Wad equity = iso.collateral + liq::maint_pnl(m, iso.size, iso.quote, p);
      if (equity.sign() < 0) {
        BadDebt d = cover(-equity);
        d.isolated = true;
        d.position_index = i;
        d.market = iso.market;
        plan_.bad_debts.push_back(std::move(d));
      }
    }
    return true;
  }

  bool liquidate_cross() {
    liq::PoolRest pool = cross_pool();
    Wad health = pool.equity - pool.requirement;
    plan_.cross_health_before = health;
    auto finish = [&] {
      plan_.cross_health_after = health;
      plan_.cross_requirement_after = pool.requirement;
      plan_.cross_target_after = mul_ceil(params_.liquidation_buffer, pool.requirement);
    };
    if (health.sign() >= 0) {
      finish();
      return false;
    }
    plan_.cross_liquidated = true;
    const Wad& buffer = params_.liquidation_buffer;
    auto reached = [&] { return health >= mul_ceil(buffer, pool.requirement); };

    // Perps: largest maint requirement first, ties by market id (unique per account, checked).
    std::vector<std::pair<Wad, std::size_t>> order;
    for (std::size_t i = 0; i < acc().perps.size(); ++i)
      if (!acc().perps[i].size.is_zero()) order.emplace_back(perp_requirement(acc().perps[i]), i);
    std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
      if (a.first != b.first) return b.first < a.first;
      return acc().perps[a.second].market < acc().perps[b.second].market;
    });
    for (const auto& [requirement, i] : order) {
      if (reached()) break;
      PerpPosition& pos = acc().perps[i];
      const PerpMarket& m = market(pos.market);
      const liq::PoolRest rest{pool.equity - perp_pnl(pos), pool.requirement - requirement};
      LiquidationStep step = liq::close_perp(m, price_of(m.base), buffer, rest, pos.size, pos.quote);
      step.kind = StepKind::cross_perp;
      step.position_index = i;
      step.health_before = health;
      health = step.health_after;
      pool = liq::PoolRest{rest.equity + perp_pnl(pos), step.requirement_after};
      record(std::move(step), m);
    }
    if (!reached()) repay_borrows(pool, health);
    finish();
    // Everything is closed (or no pair can help) and equity is below 0: bad debt.
    if (!reached() && pool.equity.sign() < 0) {
      BadDebt d = cover(-pool.equity);
      plan_.cross_credit = d.amount;
      plan_.bad_debts.push_back(std::move(d));
    }
    return true;
  }

  void repay_borrows(liq::PoolRest& pool, Wad& health) {
    auto by_value = [&](bool borrows) {
      std::vector<std::pair<Wad, std::size_t>> v;
      for (std::size_t i = 0; i < acc().balances.size(); ++i) {
        const Balance& b = acc().balances[i];
        if (borrows ? b.amount.sign() < 0 : b.amount.sign() > 0) v.emplace_back(abs(balance_value(b)), i);
      }
      std::sort(v.begin(), v.end(), [&](const auto& x, const auto& y) {
        if (x.first != y.first) return y.first < x.first;  // largest first
        const Balance& a = acc().balances[x.second];
        const Balance& b = acc().balances[y.second];
        return std::tie(a.asset, a.chain) < std::tie(b.asset, b.chain);
      });
      return v;
    };
    const auto borrows = by_value(true);
    const auto collaterals = by_value(false);
    const Wad& buffer = params_.liquidation_buffer;
    for (const auto& [bv, bi] : borrows) {
      for (const auto& [cv, ci] : collaterals) {
        if (health >= mul_ceil(buffer, pool.requirement)) return;
        Balance& borrow = acc().balances[bi];
        Balance& coll = acc().balances[ci];
        const liq::BorrowPair pair{&params_.assets.at(borrow.asset), &params_.chains.at(borrow.chain),
                                   price_of(borrow.asset), &params_.assets.at(coll.asset),
                                   &params_.chains.at(coll.chain), price_of(coll.asset)};
        const liq::PoolRest rest{pool.equity - balance_value(borrow) - balance_value(coll), pool.requirement};
        auto step = liq::repay_borrow(pair, config_.borrow_liquidation_fee, buffer, rest, borrow.amount, coll.amount);
        if (!step) continue;
        step->borrow_chain = borrow.chain;
        step->collateral_chain = coll.chain;
        health = step->health_after;
        pool.equity = health + pool.requirement;
        auto& paid = plan_.liquidator.balances[{borrow.chain, borrow.asset}];
        paid = paid - step->repaid;
        auto& got = plan_.liquidator.balances[{coll.chain, coll.asset}];
        got = got + step->seized;
        plan_.steps.push_back(std::move(*step));
      }
    }
  }

  const Params& params_;
  const PriceSet& prices_;
  const LiquidationConfig& config_;
  LiquidationPlan plan_;
  Wad fund_;
};

}  // namespace

Result<LiquidationPlan, LiquidationRefusal> plan_liquidation(const Params& params, const PriceSet& prices,
                                                             const Account& account, const Wad& insurance_fund,
                                                             const LiquidationConfig& config) {
  try {
    return Planner(params, prices, account, insurance_fund, config).run();
  } catch (const Refused& r) {
    return Unexpected{r.refusal};
  } catch (const ArithmeticError& e) {
    return Unexpected{LiquidationRefusal{RefusalReason::overflow, "arithmetic", e.what()}};
  }
}

}  // namespace xm
