#include "xm/sim/run.hpp"

#include <algorithm>
#include <map>

#include "xm/sim/engine_check.hpp"
#include "xm/sim/liquidate.hpp"
#include "xm/sim/population.hpp"
#include "xm/sim/screen.hpp"

namespace xm::sim {
namespace {

struct Ledger {  // everything outside the accounts that the conservation invariant sums
  i128 liquidator = 0;
  i128 insurance = 0;
  i128 counterparty_cash = 0;  // who took over the closed base pays quote_in
  i128 socialized = 0;         // credited to accounts out of every depositor's claim
  std::vector<i128> counterparty_size;  // [market]
};

i128 conserved_cash(const std::vector<FastAccount>& accts, const Ledger& l) {
  i128 c = l.liquidator + l.insurance + l.counterparty_cash - l.socialized;
  for (const auto& a : accts) c += account_cash(a);
  return c;
}
std::vector<i128> conserved_sizes(const std::vector<FastAccount>& accts, const Ledger& l) {
  std::vector<i128> s = l.counterparty_size;
  for (const auto& a : accts) {
    for (const auto& x : a.perps) s[x.market] += x.size;
    for (const auto& x : a.isolated) s[x.market] += x.size;
  }
  return s;
}

std::uint64_t asset_mask(const FastParams& p, const FastAccount& a) {
  std::uint64_t m = 0;
  for (const auto& b : a.balances) m |= std::uint64_t{1} << b.asset;
  for (const auto& x : a.perps) m |= std::uint64_t{1} << p.markets[x.market].base;
  for (const auto& x : a.isolated) m |= std::uint64_t{1} << p.markets[x.market].base;
  return m;
}

// Pools of an account with maint health < 0: −1 = the cross pool, k = isolated[k]; returns the
// minimum pool health (the screen's reference).
i128 unhealthy_pools(const FastParams& p, const FastAccount& a, const std::vector<i128>& px, std::vector<int>& out) {
  out.clear();
  bool any = false;
  i128 min_health = 0;
  auto see = [&](i128 h, int pool) {
    if (h < 0) out.push_back(pool);
    min_health = any ? std::min(min_health, h) : h;
    any = true;
  };
  if (!a.perps.empty() || !a.balances.empty()) see(cross_side(p, a, px).health(), -1);
  for (std::size_t k = 0; k < a.isolated.size(); ++k) see(iso_side(p, a.isolated[k], px).health(), static_cast<int>(k));
  return min_health;
}

// The pools unhealthy at `px`, through the screen when it certifies the account healthy.
void flag_pools(const FastParams& p, const FastAccount& a, const std::vector<i128>& px, const std::vector<ScreenTerm>& terms,
                ScreenCache& cache, bool screen, std::vector<int>& out) {
  if (screen && screened_healthy(terms, cache, px)) {
    out.clear();
    return;
  }
  cache.min_health = unhealthy_pools(p, a, px, out);
  cache.ref_price.resize(terms.size());
  for (std::size_t k = 0; k < terms.size(); ++k) cache.ref_price[k] = px[terms[k].asset];
  cache.valid = true;
}

i128 pool_health(const FastParams& p, const FastAccount& a, int pool, const std::vector<i128>& px) {
  return pool < 0 ? cross_side(p, a, px).health() : iso_side(p, a.isolated[static_cast<std::size_t>(pool)], px).health();
}

i128 total_health(const FastParams& p, const FastAccount& a, const std::vector<i128>& px) {
  i128 h = 0;
  if (!a.perps.empty() || !a.balances.empty()) h += cross_side(p, a, px).health();
  for (const auto& x : a.isolated) h += iso_side(p, x, px).health();
  return h;
}

std::size_t health_bucket(i128 health, i128 collateral) {
  if (health < 0) return 0;
  const i128 pct = health * 100 / collateral;  // both ≥ 0: floor
  return pct >= 100 ? kHealthBuckets - 1 : static_cast<std::size_t>(1 + pct / 10);
}

class VariantRun {
 public:
  VariantRun(const Scenario& s, const FastParams& p, const World& w, const std::vector<std::vector<OracleOutput>>& oracle,
             const std::vector<Prototype>& protos, std::size_t collateral_asset, const Variant& v, std::uint64_t seed)
      : s_(s), p_(p), w_(w), oracle_(oracle), protos_(protos), seed_(seed), engine_(s, p) {
    status_.assign(s.assets.size(), PriceStatus::insufficient);
    chain_now_.assign(p.chains.size(), 0);
    res_.variant = v;
    for (const auto& proto : protos) accounts_.push_back(materialize(proto, v.margin_mode, collateral_asset));
    for (const auto& a : accounts_) {
      masks_.push_back(asset_mask(p, a));
      terms_.push_back(screen_terms(p, a));
    }
    cache_oracle_.assign(accounts_.size(), ScreenCache{});
    cache_true_.assign(accounts_.size(), ScreenCache{});
    ledger_.insurance = s.liquidation.insurance_fund;
    ledger_.counterparty_size.assign(p.markets.size(), 0);
    cash0_ = conserved_cash(accounts_, ledger_);
    sizes0_ = conserved_sizes(accounts_, ledger_);
    pending_.assign(accounts_.size(), -1);
    streak_.assign(accounts_.size(), 0);
    liquidated_.assign(accounts_.size(), false);
    res_.metrics.insurance_fund_start = ledger_.insurance;
    res_.metrics.insurance_fund_min = ledger_.insurance;
    const auto n = static_cast<std::size_t>(s.steps) + 1;
    res_.liquidations_per_step.assign(n, 0);
    res_.insurance_fund.assign(n, 0);
    res_.bad_debt_cumulative.assign(n, 0);
    accounts_on_chain_.assign(p.chains.size(), 0);
    for (const auto& a : accounts_) {
      std::vector<bool> on(p.chains.size(), false);
      for (const auto& b : a.balances) on[b.chain] = on[b.chain] || b.amount > 0;
      for (std::size_t c = 0; c < on.size(); ++c) accounts_on_chain_[c] += on[c];
    }
  }

  // Returns false when an invariant failed (violation_ is set).
  bool step(std::int64_t t) {
    const auto ti = static_cast<std::size_t>(t);
    std::uint64_t priced = 0, ok = 0;
    for (std::size_t ai = 0; ai < s_.assets.size(); ++ai) {
      const OracleOutput& o = oracle_[ai][ti];
      oracle_px_[ai] = o.price;
      status_[ai] = o.status;
      true_px_[ai] = w_.true_price[ai][ti];
      if (o.priced) priced |= std::uint64_t{1} << ai;
      if (o.priced && o.status == PriceStatus::ok) ok |= std::uint64_t{1} << ai;
    }
    now_ = s_.time_at(t);
    for (std::size_t c = 0; c < p_.chains.size(); ++c) chain_now_[c] = w_.chain_ts[c][ti];
    for (std::size_t c = 0; c < p_.chains.size(); ++c)
      if (s_.time_at(t) - w_.chain_ts[c][ti] > p_.chains[c].max_staleness_s)
        res_.metrics.stale_chain_account_steps += accounts_on_chain_[c];

    if (t == 0) histogram(res_.health_start);
    std::int64_t liqs = 0;
    for (std::size_t i = 0; i < accounts_.size(); ++i) {
      FastAccount& a = accounts_[i];
      const bool can_price = (masks_[i] & priced) == masks_[i];
      bool liquidated_now = false;
      if (can_price) {
        flag_pools(p_, a, oracle_px_, terms_[i], cache_oracle_[i], screen_, pools_);
        if (!pools_.empty() && pending_[i] < 0) pending_[i] = t + w_.liquidation_latency[ti];
        if (pools_.empty()) pending_[i] = -1;
        if (pending_[i] >= 0 && pending_[i] <= t && (masks_[i] & ok) == masks_[i]) {
          if (!liquidate(i, t, ok, liqs)) return false;
          cache_oracle_[i].valid = cache_true_[i].valid = false;  // the account changed
          liquidated_now = true;
          pending_[i] = -1;
        }
      }
      // Missed liquidations are judged against the truth, whatever the oracle says.
      flag_pools(p_, a, true_px_, terms_[i], cache_true_[i], screen_, pools_);
      if (pools_.empty() || liquidated_now) {
        streak_[i] = 0;
      } else if (++streak_[i] == s_.liquidation.missed_after_steps + 1) {
        ++res_.metrics.missed_liquidations;
      }
    }
    if (leak_at_ && *leak_at_ == t) ledger_.insurance -= 1;
    if (!check_conservation(t)) return false;
    res_.liquidations_per_step[ti] = liqs;
    res_.insurance_fund[ti] = ledger_.insurance;
    res_.bad_debt_cumulative[ti] = res_.metrics.bad_debt;
    res_.metrics.insurance_fund_min = std::min(res_.metrics.insurance_fund_min, ledger_.insurance);
    if (t == s_.steps) histogram(res_.health_end);
    return true;
  }

  VariantResult finish() {
    res_.metrics.insurance_fund_end = ledger_.insurance;
    res_.metrics.liquidator_fees = ledger_.liquidator;
    res_.metrics.socialized_loss = ledger_.socialized;
    for (bool b : liquidated_) res_.metrics.accounts_liquidated += b;
    return std::move(res_);
  }

  std::optional<Violation> violation;

 private:
  bool fail(std::string inv, std::int64_t t, std::string detail) {
    violation = Violation{std::move(inv), res_.variant.name, t, std::move(detail)};
    return false;
  }

  bool liquidate(std::size_t i, std::int64_t t, std::uint64_t ok, std::int64_t& liqs) {
    FastAccount& a = accounts_[i];
    const std::vector<int> pools = pools_;  // unhealthy at the oracle price
    std::vector<i128> before(pools.size());
    std::int64_t false_liqs = 0;
    for (std::size_t k = 0; k < pools.size(); ++k) {
      const int pool = pools[k];
      ++res_.metrics.invariant_checks;
      // Invariant: every price the pool depends on is ok (checked against the oracle's own output).
      std::uint64_t need = 0;
      if (pool < 0) {
        for (const auto& b : a.balances) need |= std::uint64_t{1} << b.asset;
        for (const auto& x : a.perps) need |= std::uint64_t{1} << p_.markets[x.market].base;
      } else {
        need = std::uint64_t{1} << p_.markets[a.isolated[static_cast<std::size_t>(pool)].market].base;
      }
      if ((need & ok) != need)
        return fail("liquidation_on_non_ok_price", t, "account " + std::to_string(i) + " pool " + std::to_string(pool));
      false_liqs += pool_health(p_, a, pool, true_px_) >= 0;
      before[k] = pool_health(p_, a, pool, oracle_px_);
      // Invariant: the margin engine agrees with the simulator's book, before and after.
      ++res_.metrics.invariant_checks;
      if (auto diff = engine_.compare(a, pool, before[k], oracle_px_, status_, now_, chain_now_))
        return fail("engine_agreement", t, "account " + std::to_string(i) + " before liquidation: " + *diff);
    }
    const i128 fund_before = ledger_.insurance;
    const AccountLiquidation out = liquidate_account(s_, p_, engine_, a, oracle_px_, status_, ledger_.insurance);
    if (out.refusal) return fail("planner_refused", t, "account " + std::to_string(i) + ": " + *out.refusal);
    i128 fees_to_insurance = 0;
    for (const LiqStep& st : out.steps) {
      ++res_.metrics.invariant_checks;
      if (st.health_after < st.health_before)
        return fail("liquidation_lowered_health", t,
                    "account " + std::to_string(i) + " market " + p_.markets[st.market].id + ": " + fmt(st.health_before) +
                        " -> " + fmt(st.health_after));
      ledger_.liquidator += st.fee - st.fee_to_insurance;
      ledger_.counterparty_cash -= st.quote_in;
      ledger_.counterparty_size[st.market] += st.delta;
      fees_to_insurance += st.fee_to_insurance;
      res_.metrics.liquidated_notional += mul_ceil(st.delta < 0 ? -st.delta : st.delta, st.price);
    }
    ledger_.socialized += out.socialized;
    ++res_.metrics.invariant_checks;
    if (ledger_.insurance != fund_before + fees_to_insurance - out.insurance_paid)
      return fail("conservation", t, "insurance fund moved by an amount the plan does not explain");
    for (std::size_t k = 0; k < pools.size(); ++k) {
      const i128 after = pool_health(p_, a, pools[k], oracle_px_);
      res_.metrics.invariant_checks += 2;
      if (auto diff = engine_.compare(a, pools[k], after, oracle_px_, status_, now_, chain_now_))
        return fail("engine_agreement", t, "account " + std::to_string(i) + " after liquidation: " + *diff);
      if (after < before[k])
        return fail("liquidation_lowered_health", t,
                    "account " + std::to_string(i) + ": " + fmt(before[k]) + " -> " + fmt(after));
    }
    res_.metrics.bad_debt += out.bad_debt;
    res_.metrics.insurance_paid += out.insurance_paid;
    res_.metrics.liquidations += static_cast<std::int64_t>(pools.size());
    res_.metrics.false_liquidations += false_liqs;
    liqs += static_cast<std::int64_t>(pools.size());
    liquidated_[i] = true;
    return true;
  }

  bool check_conservation(std::int64_t t) {
    ++res_.metrics.invariant_checks;
    const i128 cash = conserved_cash(accounts_, ledger_);
    if (cash != cash0_) return fail("conservation", t, "cash " + fmt(cash0_) + " -> " + fmt(cash));
    if (conserved_sizes(accounts_, ledger_) != sizes0_) return fail("conservation", t, "open interest changed");
    return true;
  }

  void histogram(std::array<std::int64_t, kHealthBuckets>& h) {
    for (std::size_t i = 0; i < accounts_.size(); ++i)
      ++h[health_bucket(total_health(p_, accounts_[i], true_px_), protos_[i].collateral)];
  }

 public:
  std::vector<i128> oracle_px_, true_px_;

 private:
  const Scenario& s_;
  const FastParams& p_;
  const World& w_;
  const std::vector<std::vector<OracleOutput>>& oracle_;
  const std::vector<Prototype>& protos_;
  std::uint64_t seed_;
  EngineCheck engine_;
  std::vector<PriceStatus> status_;
  std::vector<std::int64_t> chain_now_;
  std::int64_t now_ = 0;

 public:
  std::optional<std::int64_t> leak_at_;
  bool screen_ = true;

 private:
  VariantResult res_;
  std::vector<FastAccount> accounts_;
  std::vector<std::uint64_t> masks_;
  std::vector<std::vector<ScreenTerm>> terms_;
  std::vector<ScreenCache> cache_oracle_, cache_true_;
  std::vector<std::int64_t> pending_;  // step at which a flagged account may be liquidated, −1 none
  std::vector<std::int64_t> streak_;
  std::vector<bool> liquidated_;
  std::vector<std::int64_t> accounts_on_chain_;
  std::vector<int> pools_;
  Ledger ledger_;
  i128 cash0_ = 0;
  std::vector<i128> sizes0_;
};

void oracle_metrics(const Scenario& s, const World& w, const std::vector<std::vector<OracleOutput>>& o, Metrics& m) {
  for (std::int64_t t = 0; t <= s.steps; ++t) {
    const auto ti = static_cast<std::size_t>(t);
    bool halted = false, insufficient = false;
    for (std::size_t ai = 0; ai < s.assets.size(); ++ai) {
      const OracleOutput& x = o[ai][ti];
      halted = halted || x.status == PriceStatus::halted;
      insufficient = insufficient || x.status == PriceStatus::insufficient;
      if (!x.priced) continue;
      const i128 truth = w.true_price[ai][ti];
      const i128 err = x.price > truth ? x.price - truth : truth - x.price;
      const i128 bps = (err * kBps + truth - 1) / truth;  // ceil
      if (bps > m.max_oracle_error_bps) {
        m.max_oracle_error_bps = static_cast<std::int64_t>(bps);
        m.max_oracle_error_step = t;
      }
    }
    m.halted_steps += halted;
    m.insufficient_steps += insufficient;
  }
}

}  // namespace

RunResult run_simulation(const Scenario& s, std::uint64_t seed, const Progress& progress, const RunHooks& hooks) {
  RunResult r;
  r.seed = seed;
  r.world = build_world(s, seed);
  bool need_on = false, need_off = false;
  for (const auto& v : s.variants) (v.defenses ? need_on : need_off) = true;
  r.oracle_defended = oracle_series(s, r.world, true);
  if (need_off) r.oracle_undefended = oracle_series(s, r.world, false);
  (void)need_on;

  const FastParams p = make_fast_params(s);
  std::vector<i128> entry(s.assets.size());
  for (std::size_t ai = 0; ai < s.assets.size(); ++ai) entry[ai] = r.world.true_price[ai][0];
  const std::vector<Prototype> protos = generate_population(s, p, entry, seed);
  r.accounts = static_cast<std::int64_t>(protos.size());
  std::size_t collateral_asset = 0;
  for (std::size_t ai = 0; ai < s.assets.size(); ++ai)
    if (s.assets[ai].id == s.population.collateral_asset) collateral_asset = ai;

  const std::int64_t total = s.steps * static_cast<std::int64_t>(s.variants.size());
  const std::int64_t every = std::max<std::int64_t>(1, s.steps / 100);
  for (std::size_t vi = 0; vi < s.variants.size(); ++vi) {
    const Variant& v = s.variants[vi];
    const auto& oracle = v.defenses ? r.oracle_defended : r.oracle_undefended;
    VariantRun run(s, p, r.world, oracle, protos, collateral_asset, v, seed);
    run.oracle_px_.assign(s.assets.size(), 0);
    run.true_px_.assign(s.assets.size(), 0);
    if (vi == 0) run.leak_at_ = hooks.leak_wei_at_step;
    run.screen_ = !hooks.no_screening;
    std::int64_t t = 0;
    for (; t <= s.steps; ++t) {
      if (!run.step(t)) break;
      if (progress && t % every == 0) progress(static_cast<std::int64_t>(vi) * s.steps + t, total);
    }
    r.steps_run = std::max(r.steps_run, std::min(t, s.steps));
    VariantResult vr = run.finish();
    oracle_metrics(s, r.world, oracle, vr.metrics);
    r.variants.push_back(std::move(vr));
    if (run.violation) {
      r.violation = run.violation;
      break;
    }
  }
  if (progress) progress(total, total);
  return r;
}

std::string replay_hint(const Violation& v, std::uint64_t seed) {
  return "invariant '" + v.invariant + "' violated at step " + std::to_string(v.step) + " (variant " + v.variant +
         ", seed " + std::to_string(seed) + "): " + v.detail + "; replay: xmargin simulate SCENARIO --seed " +
         std::to_string(seed) + " --out DIR";
}

}  // namespace xm::sim
