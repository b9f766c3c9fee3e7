// Seeded property test of the liquidation planner (issue 4, must-show 1) over random liquidatable
// accounts (XM_PROPERTY_CASES, default 100000; XM_SEED replays). For every plan:
//   - conservation, exact, per ledger: each market's size, each (chain, asset) balance, and USD
//     (quotes + isolated collateral + insurance fund − socialized loss);
//   - every step's arithmetic re-derived by the reference (tests/reference/) from the step's |δ|;
//   - post-health ≥ target, or everything in the pool closed;
//   - minimality: one lot (or, for a borrow, one wei) less misses the target;
//   - health never decreases from step to step;
// every 50th case is also planned with all amounts x 10^20 (the 256-bit fall-back of the search),
// and on every 8th case the whole plan equals the reference planner's, field by field.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>

#include "../engine/tests/seeded.hpp"
#include "reference/liquidation_reference.hpp"
#include "xm/engine/liquidation.hpp"

namespace {

using xm::Wad;
using xm::ref::Z;

// units · 10^-decimals as a WAD.
Wad w(std::int64_t units, int decimals) {
  xm::Int256 v = units;
  for (int i = decimals; i < 18; ++i) v *= 10;
  return *Wad::from_raw(v);
}

struct Gen {
  xm::testing::SplitMix64 rng;
  std::int64_t range(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  bool chance(int percent) { return range(1, 100) <= percent; }
};

struct Case {
  xm::Params params;
  xm::PriceSet prices;
  xm::Account account;
  Wad fund;
  xm::LiquidationConfig config;
};

Case make_case(Gen& g) {
  Case c;
  struct A { const char* id; std::int64_t lo, hi; int lot_decimals; };
  const A assets[] = {{"BTC", 20000, 60000, 3}, {"ETH", 1000, 4000, 2}, {"SOL", 10, 200, 1}, {"USDC", 1, 1, 0}};
  for (const A& a : assets) {
    xm::AssetParams p;
    p.id = xm::AssetId{a.id};
    p.maint_asset_weight = w(g.range(70, 100), 2);
    p.init_asset_weight = w(g.range(60, 70), 2);
    p.maint_liab_weight = w(g.range(100, 130), 2);
    p.init_liab_weight = w(130, 2);
    c.params.assets[p.id] = p;
    // Prices with a random fractional part, so roundings bite.
    c.prices[p.id] = xm::Price{w(g.range(a.lo * 1000000, a.hi * 1000000), 6) , Wad::zero(), xm::PriceStatus::ok};
    if (std::string(a.id) == "USDC") c.prices[p.id].price = w(g.range(990000, 1010000), 6);
    if (std::string(a.id) == "USDC") continue;
    xm::PerpMarket m;
    m.id = xm::MarketId{std::string(a.id) + "-PERP"};
    m.base = p.id;
    m.lot_size = w(g.range(1, 5), a.lot_decimals);
    const std::int64_t mmr0 = g.range(50, 500);  // 0.5 % … 5 % in basis points
    std::int64_t mmr = mmr0;
    const int tiers = static_cast<int>(g.range(1, 3));
    const std::int64_t bounds[] = {0, 100000, 1000000};
    for (int t = 0; t < tiers; ++t) {
      xm::Tier tier;
      tier.lo = xm::Wad::from_units(bounds[t]);
      if (t + 1 < tiers) tier.hi = xm::Wad::from_units(bounds[t + 1]);
      tier.mmr = w(mmr, 4);
      tier.imr = w(mmr * 2, 4);
      m.tiers.push_back(tier);
      mmr += g.range(0, 300);
    }
    m.liquidation_fee = w(g.range(0, mmr0 - 1), 4);
    m.insurance_share = g.chance(30) ? w(g.range(0, 1), 0) : w(g.range(0, 10000), 4);
    m.maint_pnl_weight = w(g.range(50, 100), 2);
    m.init_pnl_weight = w(50, 2);
    c.params.markets[m.id] = m;
  }
  c.params.chains[xm::ChainId{1}] = xm::ChainParams{xm::ChainId{1}, "eth", Wad::one(), 3600};
  c.params.chains[xm::ChainId{10}] = xm::ChainParams{xm::ChainId{10}, "op", w(g.range(80, 100), 2), 3600};
  const std::int64_t buffers[] = {0, 200, 1000, 5000};
  c.params.liquidation_buffer = w(buffers[g.range(0, 3)], 4);
  c.config.borrow_liquidation_fee = w(g.range(0, 500), 4);
  c.fund = g.chance(30) ? Wad::zero() : w(g.range(0, 100000), 0);

  // Perps around their entry price: quote = −size · entry, entry within ±30 % of the price.
  Wad notional = Wad::zero();
  for (const auto& [id, m] : c.params.markets) {
    if (!g.chance(60)) continue;
    const Wad& p = c.prices.at(m.base).price;
    Wad size = xm::mul_floor(m.lot_size, w(g.range(1, 4000), 0));
    if (g.chance(20)) size = size + xm::mul_floor(m.lot_size, w(g.range(1, 999), 3));  // not a multiple
    if (g.chance(50)) size = -size;
    const Wad entry = xm::mul_floor(p, w(g.chance(15) ? g.range(700, 1300) : g.range(960, 1040), 3));
    const Wad quote = -xm::mul_floor(size, entry);
    notional = notional + xm::mul_ceil(xm::abs(size), p);
    if (g.chance(20)) {
      c.account.isolated.push_back({id, size, quote, xm::mul_floor(xm::abs(quote), w(g.range(0, 150), 3))});
    } else {
      c.account.perps.push_back({id, size, quote});
    }
  }
  // Collateral a fraction of the notional; sometimes a borrow.
  const Wad usdc = xm::mul_floor(notional, w(g.range(0, 60), 3));
  if (g.chance(80)) c.account.balances.push_back({xm::ChainId{1}, xm::AssetId{"USDC"}, usdc});
  if (g.chance(40)) {
    Wad eth = w(g.range(1, 5000000), 6);
    c.account.balances.push_back({xm::ChainId{10}, xm::AssetId{"ETH"}, g.chance(60) ? -eth : eth});
  }
  if (g.chance(15)) c.account.balances.push_back({xm::ChainId{1}, xm::AssetId{"BTC"}, w(g.range(1, 2000000), 6)});
  if (g.chance(2)) c.prices[xm::AssetId{g.chance(50) ? "ETH" : "BTC"}].status =
      g.chance(50) ? xm::PriceStatus::halted : xm::PriceStatus::insufficient;
  return c;
}

// Collects the first failure with the case number, so the message tells how to replay.
struct Failures {
  std::uint64_t count = 0;
  std::string first;
  void fail(std::uint64_t n, const std::string& what) {
    if (count++ == 0) first = "case " + std::to_string(n) + ": " + what;
  }
};

Z raw(const Wad& v) { return xm::ref::raw(v); }

void check_plan(const Case& c, const xm::LiquidationPlan& plan, std::uint64_t n, Failures& f) {
  using xm::ref::State;
  const xm::Account& a0 = c.account;
  const xm::Account& a1 = plan.account_after;
  // Conservation per market and USD.
  std::map<std::string, Z> size_delta;
  Z usd_before = raw(c.fund), usd_after = raw(plan.insurance_fund_after) - raw(plan.socialized_loss) +
                                          raw(plan.bad_debt) + raw(plan.liquidator.fees);
  for (const auto& p : a0.perps) { size_delta[p.market.value] += raw(p.size); usd_before += raw(p.quote); }
  for (const auto& p : a0.isolated) {
    size_delta[p.market.value] += raw(p.size);
    usd_before += raw(p.quote) + raw(p.collateral);
  }
  for (const auto& p : a1.perps) { size_delta[p.market.value] -= raw(p.size); usd_after += raw(p.quote); }
  for (const auto& p : a1.isolated) {
    size_delta[p.market.value] -= raw(p.size);
    usd_after += raw(p.quote) + raw(p.collateral);
  }
  for (const auto& [m, sq] : plan.liquidator.perps) {
    size_delta[m.value] -= raw(sq.first);
    usd_after += raw(sq.second);
  }
  for (const auto& [m, d] : size_delta)
    if (d != 0) f.fail(n, "size of " + m + " not conserved: " + d.str());
  if (usd_before != usd_after) f.fail(n, "USD not conserved: " + Z(usd_after - usd_before).str());
  std::map<std::pair<std::uint64_t, std::string>, Z> bal;
  for (const auto& b : a0.balances) bal[{b.chain.value, b.asset.value}] += raw(b.amount);
  for (const auto& b : a1.balances) bal[{b.chain.value, b.asset.value}] -= raw(b.amount);
  for (const auto& [k, v] : plan.liquidator.balances) bal[{k.first.value, k.second.value}] -= raw(v);
  for (const auto& [k, d] : bal)
    if (d != 0) f.fail(n, "balance " + k.second + " not conserved");
  if (plan.insurance_paid + plan.socialized_loss != plan.bad_debt) f.fail(n, "waterfall does not add up");

  // Replay the steps on the reference state: arithmetic, health, minimality, monotonicity.
  State s = xm::ref::state_of(a0);
  for (std::size_t k = 0; k < plan.steps.size(); ++k) {
    const xm::LiquidationStep& st = plan.steps[k];
    const std::string where = "step " + std::to_string(k) + " (" + to_string(st.kind) + ")";
    if (st.health_after < st.health_before) f.fail(n, where + ": health decreased");
    if (st.kind == xm::StepKind::borrow) {
      xm::ref::Bal* bb = nullptr;
      xm::ref::Bal* cb = nullptr;
      for (auto& b : s.balances) {
        if (b.asset == st.borrow_asset.value && b.chain == st.borrow_chain.value) bb = &b;
        if (b.asset == st.collateral_asset.value && b.chain == st.collateral_chain.value) cb = &b;
      }
      const Z one_plus = xm::ref::raw(Wad::one() + c.config.borrow_liquidation_fee);
      auto seize = [&](const Z& r) {
        return xm::ref::div_up(xm::ref::mul_up(xm::ref::mul_up(r, raw(st.borrow_price)), one_plus),
                               raw(st.collateral_price));
      };
      if (seize(raw(st.repaid)) != raw(st.seized)) f.fail(n, where + ": seized differs from the reference");
      const Z r = raw(st.repaid);
      State less = s;
      for (auto& b : less.balances) {
        if (b.asset == bb->asset && b.chain == bb->chain) b.amount += r - 1;
        if (b.asset == cb->asset && b.chain == cb->chain) b.amount -= seize(r - 1);
      }
      const auto h_less = xm::ref::cross_health(c.params, c.prices, less);
      bb->amount += r;
      cb->amount -= raw(st.seized);
      const auto h = xm::ref::cross_health(c.params, c.prices, s);
      if (h.health != raw(st.health_after)) f.fail(n, where + ": health_after differs from the reference");
      if (h.health >= h.target && h_less.health >= h_less.target) f.fail(n, where + ": one wei less also reaches");
      continue;
    }
    const bool iso = st.kind == xm::StepKind::isolated_perp;
    const xm::PerpMarket& m = c.params.markets.at(st.market);
    const Z p = raw(c.prices.at(m.base).price);
    Z& size = iso ? s.isolated[st.position_index].size : s.perps[st.position_index].size;
    Z& quote = iso ? s.isolated[st.position_index].quote : s.perps[st.position_index].quote;
    auto pool_health = [&](const State& t) {
      return iso ? xm::ref::isolated_health(c.params, c.prices, t.isolated[st.position_index])
                 : xm::ref::cross_health(c.params, c.prices, t);
    };
    const auto h0 = pool_health(s);
    if (h0.health != raw(st.health_before)) f.fail(n, where + ": health_before differs from the reference");
    const Z lot = raw(m.lot_size);
    const Z closed = raw(st.delta) < 0 ? Z(-raw(st.delta)) : raw(st.delta);
    auto trial = [&](const Z& amount) {
      State t = s;
      Z& ts = iso ? t.isolated[st.position_index].size : t.perps[st.position_index].size;
      Z& tq = iso ? t.isolated[st.position_index].quote : t.perps[st.position_index].quote;
      // Equity of the rest of the pool, for the fee cap: pool equity with this position removed.
      State without = s;
      (iso ? without.isolated[st.position_index].size : without.perps[st.position_index].size) = 0;
      (iso ? without.isolated[st.position_index].quote : without.perps[st.position_index].quote) = 0;
      const Z rest = pool_health(without).equity;
      const auto cl = xm::ref::close(m, p, rest, size, quote, amount);
      ts = cl.size_after;
      tq = cl.quote_after;
      return std::make_pair(cl, pool_health(t));
    };
    const auto [cl, h1] = trial(closed);
    if (cl.fee != raw(st.fee) || cl.quote_in != raw(st.quote_in) || cl.fee_uncapped != raw(st.fee_uncapped))
      f.fail(n, where + ": fee or quote differs from the reference");
    if (raw(st.fee_to_insurance) != xm::ref::mul_down(raw(st.fee), raw(m.insurance_share)) ||
        st.fee_to_insurance + st.fee_to_liquidator != st.fee)
      f.fail(n, where + ": fee split");
    if (h1.health != raw(st.health_after)) f.fail(n, where + ": health_after differs from the reference");
    // Minimality: the previous candidate (one lot less, or the last full lot below a remainder).
    const Z prev = closed % lot == 0 ? Z(closed - lot) : Z(closed - closed % lot);
    if (prev > 0) {
      const auto h_prev = trial(prev).second;
      if (h_prev.health >= h_prev.target) f.fail(n, where + ": one lot less also reaches the target");
    }
    if (h1.health < h1.target && cl.size_after != 0) f.fail(n, where + ": stopped short of target");
    size = cl.size_after;
    quote = cl.quote_after;
  }
  // Post-health: every liquidated pool at target, or closed out.
  for (std::size_t i = 0; i < s.isolated.size(); ++i) {
    const auto h = xm::ref::isolated_health(c.params, c.prices, s.isolated[i]);
    const auto h_before = xm::ref::isolated_health(c.params, c.prices, xm::ref::state_of(a0).isolated[i]);
    if (h_before.health < 0 && h.health < h.target && s.isolated[i].size != 0)
      f.fail(n, "isolated " + std::to_string(i) + " left below target with size");
  }
  if (plan.cross_liquidated) {
    const auto h = xm::ref::cross_health(c.params, c.prices, s);
    bool closed = true;
    for (const auto& p : s.perps) closed = closed && p.size == 0;
    if (h.health < h.target && !closed) f.fail(n, "cross pool left below target with open perps");
    if (h.health != raw(plan.cross_health_after)) f.fail(n, "cross_health_after differs from the reference");
    if (h.health < h.target && h.equity < 0 && raw(plan.cross_credit) != -h.equity)
      f.fail(n, "cross bad debt differs from −equity");
  }
}

void compare_with_reference(const Case& c, const xm::LiquidationPlan& plan, std::uint64_t n, Failures& f) {
  const auto r = xm::ref::plan(c.params, c.prices, c.account, c.fund, c.config.borrow_liquidation_fee);
  if (!r.refusal.empty()) return f.fail(n, "reference refused: " + r.refusal);
  if (r.steps.size() != plan.steps.size()) return f.fail(n, "step count differs from the reference");
  for (std::size_t k = 0; k < r.steps.size(); ++k) {
    const auto& a = plan.steps[k];
    const auto& b = r.steps[k];
    const bool same = b.kind == to_string(a.kind) && raw(a.delta) == b.delta && raw(a.fee) == b.fee &&
                      raw(a.fee_to_insurance) == b.fee_to_insurance && raw(a.repaid) == b.repaid &&
                      raw(a.seized) == b.seized && raw(a.health_before) == b.health_before &&
                      raw(a.health_after) == b.health_after && a.whole_position == (b.kind != "borrow" && b.whole);
    if (!same)
      return f.fail(n, "step " + std::to_string(k) + " differs from the reference: engine " + to_string(a.kind) +
                           " delta " + xm::ref::dec(raw(a.delta)) + " repaid " + xm::ref::dec(raw(a.repaid)) +
                           " health " + xm::ref::dec(raw(a.health_after)) + ", reference " + b.kind + " delta " +
                           xm::ref::dec(b.delta) + " repaid " + xm::ref::dec(b.repaid) + " health " +
                           xm::ref::dec(b.health_after));
  }
  if (raw(plan.bad_debt) != r.bad_debt || raw(plan.insurance_paid) != r.insurance_paid ||
      raw(plan.socialized_loss) != r.socialized_loss || raw(plan.insurance_fund_after) != r.fund_after ||
      raw(plan.cross_health_after) != r.cross_health_after || raw(plan.cross_credit) != r.cross_credit)
    f.fail(n, "totals differ from the reference");
}

// The same economic case with every amount (sizes, quotes, balances, collateral, lot sizes, tier
// bounds, insurance fund) times 10^20: intermediates leave int128, so the planner's 128-bit search
// predicate falls back to the 256-bit path, which must give the reference's plan too.
Case scaled(Case c) {
  auto up = [](Wad& v) {
    xm::Int256 r = v.raw();
    r *= xm::Int256("100000000000000000000");
    v = *Wad::from_raw(r);
  };
  for (auto& [id, m] : c.params.markets) {
    up(m.lot_size);
    for (auto& t : m.tiers) {
      up(t.lo);
      if (t.hi) up(*t.hi);
    }
  }
  for (auto& b : c.account.balances) up(b.amount);
  for (auto& p : c.account.perps) {
    up(p.size);
    up(p.quote);
  }
  for (auto& p : c.account.isolated) {
    up(p.size);
    up(p.quote);
    up(p.collateral);
  }
  up(c.fund);
  return c;
}

}  // namespace

TEST_CASE("liquidation planner properties over random liquidatable accounts", "[liquidation][property]") {
  const std::uint64_t seed = xm::testing::test_seed("liquidation property");
  const std::uint64_t cases = xm::testing::property_cases(100000);
  std::cout << "liquidation property: " << cases << " liquidatable accounts\n";
  Gen g{xm::testing::SplitMix64(seed)};
  Failures f;
  std::uint64_t planned = 0, refused_price = 0, attempts = 0, with_bad_debt = 0, with_borrow = 0, partial = 0;
  std::uint64_t scaled_checked = 0;
  while (planned < cases && attempts < cases * 20) {
    ++attempts;
    const Case c = make_case(g);
    const auto plan = xm::plan_liquidation(c.params, c.prices, c.account, c.fund, c.config);
    if (!plan) {
      const auto reason = plan.error().reason;
      if (reason == xm::RefusalReason::price_not_ok) {
        ++refused_price;
        const auto r = xm::ref::plan(c.params, c.prices, c.account, c.fund, c.config.borrow_liquidation_fee);
        if (r.refusal != "price_not_ok" && r.refusal != "not_liquidatable") f.fail(attempts, "reference did not refuse");
      } else if (reason != xm::RefusalReason::not_liquidatable) {
        f.fail(attempts, "unexpected refusal " + plan.error().message());
      }
      continue;
    }
    ++planned;
    if (plan->bad_debt.sign() > 0) ++with_bad_debt;
    for (const auto& st : plan->steps) {
      if (st.kind == xm::StepKind::borrow) ++with_borrow;
      else if (!st.whole_position) ++partial;
    }
    check_plan(c, *plan, attempts, f);
    if (planned % 8 == 0) compare_with_reference(c, *plan, attempts, f);
    if (planned % 50 == 0) {
      const Case big = scaled(c);
      const auto big_plan = xm::plan_liquidation(big.params, big.prices, big.account, big.fund, big.config);
      if (!big_plan) {
        f.fail(attempts, "scaled case refused: " + big_plan.error().message());
      } else {
        ++scaled_checked;
        check_plan(big, *big_plan, attempts, f);
        compare_with_reference(big, *big_plan, attempts, f);
      }
    }
  }
  std::cout << "liquidation property: " << planned << " plans (" << partial << " partial closes, " << with_borrow
            << " borrow steps, " << with_bad_debt << " with bad debt), " << refused_price
            << " refused for a non-ok price, " << scaled_checked << " also checked scaled by 10^20 (256-bit search), "
            << f.count << " failures\n";
  INFO("seed " << seed << ": " << f.first);
  CHECK(planned == cases);
  CHECK(f.count == 0);
  CHECK(refused_price > 0);
}
