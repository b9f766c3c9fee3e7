// Reference of SPEC §4 on cpp_int (see the header). Deliberately plain: recomputes the whole pool's
// health from scratch for every candidate, and searches "first lot count that reaches the target"
// by bisection over [1, candidates] on its own terms.
#include "reference/liquidation_reference.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace xm::ref {
namespace {

const Z kOne("1000000000000000000");

Z floor_div(const Z& a, const Z& b) {  // b > 0
  Z q = a / b;                         // cpp_int truncates toward zero
  if (a % b != 0 && a < 0) q -= 1;
  return q;
}
Z ceil_div(const Z& a, const Z& b) {
  Z q = a / b;
  if (a % b != 0 && a > 0) q += 1;
  return q;
}
Z zmax(const Z& a, const Z& b) { return a < b ? b : a; }
Z zmin(const Z& a, const Z& b) { return a < b ? a : b; }
Z zabs(const Z& a) { return a < 0 ? Z(-a) : a; }

Z price(const PriceSet& prices, const AssetId& a) { return raw(prices.at(a).price); }

Z pnl(const PerpMarket& m, const Z& p, const Z& size, const Z& quote) {
  Z v = mul_down(size, p) + quote;
  if (v > 0) v = mul_down(v, raw(m.maint_pnl_weight));
  return v;
}

Z requirement(const PerpMarket& m, const Z& p, const Z& size) {
  const Z notional = mul_up(zabs(size), p);
  Z total = 0;
  for (const Tier& t : m.tiers) {
    const Z lo = raw(t.lo);
    Z part = notional - lo;
    if (part < 0) part = 0;
    if (t.hi) part = zmin(part, raw(*t.hi) - lo);
    total += mul_up(part, raw(t.mmr));
  }
  return total;
}

Z balance(const Params& params, const PriceSet& prices, const Bal& b) {
  const AssetParams& a = params.assets.at(AssetId{b.asset});
  const Z v = mul_down(b.amount, price(prices, AssetId{b.asset}));
  if (b.amount < 0) return mul_down(v, raw(a.maint_liab_weight));
  return mul_down(mul_down(v, raw(a.maint_asset_weight)), raw(params.chains.at(ChainId{b.chain}).collateral_weight));
}

struct Run {
  const Params& params;
  const PriceSet& prices;
  Plan out;
  Z fund;
  Z borrow_fee;

  const PerpMarket& market(const std::string& id) const { return params.markets.at(MarketId{id}); }
  Z base_price(const std::string& id) const { return price(prices, market(id).base); }

  Step fee_split(Step s, const PerpMarket& m) {
    s.fee_to_insurance = mul_down(s.fee, raw(m.insurance_share));
    s.fee_to_liquidator = s.fee - s.fee_to_insurance;
    fund += s.fee_to_insurance;
    return s;
  }

  void waterfall(const Z& deficit) {
    const Z paid = zmin(fund, deficit);
    fund -= paid;
    out.bad_debt += deficit;
    out.insurance_paid += paid;
    out.socialized_loss += deficit - paid;
  }

  // The documented bisection (docs/liquidation.md): ok(0) is false (the pool is below target) and
  // ok(n) true; halve [lo, hi] at ⌊(lo + hi) / 2⌋ keeping ok(lo) false and ok(hi) true. Health can be
  // flat or jitter by a few wei between neighbours, so the procedure itself is the definition of
  // "smallest": the answer always has ok(answer) and not ok(answer − 1).
  template <class Ok>
  static Z first_ok(const Z& n, Ok ok) {
    Z lo = 0, hi = n;
    while (hi - lo > 1) {
      const Z mid = (lo + hi) / 2;
      if (ok(mid)) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  // Liquidates one position of a pool; `health_of` gives the pool's Health for a trial size/quote.
  template <class HealthOf>
  Step liquidate(const std::string& market_id, Z& size, Z& quote, const Z& equity_rest, HealthOf health_of) {
    const PerpMarket& m = market(market_id);
    const Z p = base_price(market_id);
    const Z lot = raw(m.lot_size);
    const Z whole = zabs(size);
    const Z n = whole % lot == 0 ? Z(whole / lot) : Z(whole / lot + 1);
    auto amount = [&](const Z& j) { return j == n ? whole : Z(j * lot); };
    auto ok = [&](const Z& j) {
      const Close c = close(m, p, equity_rest, size, quote, amount(j));
      const Health h = health_of(c.size_after, c.quote_after);
      return h.health >= h.target;
    };
    const Z j = ok(n) ? first_ok(n, ok) : n;
    const Close c = close(m, p, equity_rest, size, quote, amount(j));
    Step s;
    s.market = market_id;
    s.delta = c.delta;
    s.quote_in = c.quote_in;
    s.fee_uncapped = c.fee_uncapped;
    s.fee = c.fee;
    s.whole = j == n;
    s.health_after = health_of(c.size_after, c.quote_after).health;
    size = c.size_after;
    quote = c.quote_after;
    return fee_split(s, m);
  }
};

}  // namespace

Z raw(const Wad& w) { return Z(w.raw()); }

std::string dec(const Z& wei) {
  const Z a = zabs(wei);
  std::string whole = Z(a / kOne).str();
  std::string frac = Z(a % kOne).str();
  std::string s = (wei < 0 ? "-" : "") + whole;
  if (frac != "0") {
    frac = std::string(18 - frac.size(), '0') + frac;
    while (frac.back() == '0') frac.pop_back();
    s += "." + frac;
  }
  return s;
}

Z mul_down(const Z& a, const Z& b) { return floor_div(a * b, kOne); }
Z mul_up(const Z& a, const Z& b) { return ceil_div(a * b, kOne); }
Z div_up(const Z& a, const Z& b) { return ceil_div(a * kOne, b); }

State state_of(const Account& a) {
  State s;
  for (const auto& b : a.balances) s.balances.push_back({b.chain.value, b.asset.value, raw(b.amount)});
  for (const auto& p : a.perps) s.perps.push_back({p.market.value, raw(p.size), raw(p.quote)});
  for (const auto& p : a.isolated) s.isolated.push_back({p.market.value, raw(p.size), raw(p.quote), raw(p.collateral)});
  return s;
}

Health cross_health(const Params& params, const PriceSet& prices, const State& s) {
  Health h;
  for (const Bal& b : s.balances) h.equity += balance(params, prices, b);
  for (const Perp& p : s.perps) {
    const PerpMarket& m = params.markets.at(MarketId{p.market});
    const Z px = price(prices, m.base);
    h.equity += pnl(m, px, p.size, p.quote);
    h.requirement += requirement(m, px, p.size);
  }
  h.health = h.equity - h.requirement;
  h.target = mul_up(raw(params.liquidation_buffer), h.requirement);
  return h;
}

Health isolated_health(const Params& params, const PriceSet& prices, const Iso& p) {
  const PerpMarket& m = params.markets.at(MarketId{p.market});
  const Z px = price(prices, m.base);
  Health h;
  h.equity = p.collateral + pnl(m, px, p.size, p.quote);
  h.requirement = requirement(m, px, p.size);
  h.health = h.equity - h.requirement;
  h.target = mul_up(raw(params.liquidation_buffer), h.requirement);
  return h;
}

Close close(const PerpMarket& m, const Z& p, const Z& equity_rest, const Z& size, const Z& quote, const Z& closed) {
  Close c;
  c.delta = size < 0 ? Z(-closed) : closed;
  c.size_after = size - c.delta;
  c.quote_in = mul_down(c.delta, p);
  const Z equity_after = equity_rest + pnl(m, p, c.size_after, quote + c.quote_in);
  c.fee_uncapped = mul_up(mul_up(closed, p), raw(m.liquidation_fee));
  c.fee = zmax(Z(0), zmin(c.fee_uncapped, equity_after));
  c.quote_after = quote + c.quote_in - c.fee;
  return c;
}

Plan plan(const Params& params, const PriceSet& prices, const Account& account, const Wad& fund, const Wad& borrow_fee) {
  Run run{params, prices, {}, raw(fund), raw(borrow_fee)};
  Plan& out = run.out;
  State s = state_of(account);
  // Refusal: any price the account depends on (non-zero exposure) whose status is not ok.
  std::set<std::string> assets;
  for (const auto& p : s.perps) if (p.size != 0) assets.insert(run.market(p.market).base.value);
  for (const auto& p : s.isolated) if (p.size != 0) assets.insert(run.market(p.market).base.value);
  for (const auto& b : s.balances) if (b.amount != 0) assets.insert(b.asset);
  for (const auto& a : assets) {
    const auto it = prices.find(AssetId{a});
    if (it == prices.end()) return Plan{"price_missing", a, {}, {}, 0, 0, 0, 0, 0, 0, 0};
    const PriceStatus st = it->second.status;
    if (st == PriceStatus::insufficient || st == PriceStatus::halted)
      return Plan{"price_not_ok", a, {}, {}, 0, 0, 0, 0, 0, 0, 0};
    // SPEC §2: the asset is unpriceable when p − ceil(k·conf) ≤ 0.
    if (raw(it->second.price) - mul_up(raw(params.conf_multiplier), raw(it->second.conf)) <= 0)
      return Plan{"unpriceable", a, {}, {}, 0, 0, 0, 0, 0, 0, 0};
  }

  bool any = false;
  for (std::size_t i = 0; i < s.isolated.size(); ++i) {
    Iso& iso = s.isolated[i];
    const Health h0 = isolated_health(params, prices, iso);
    if (h0.health >= 0) continue;
    any = true;
    if (iso.size != 0) {
      auto health_of = [&](const Z& size, const Z& quote) {
        return isolated_health(params, prices, Iso{iso.market, size, quote, iso.collateral});
      };
      Step st = run.liquidate(iso.market, iso.size, iso.quote, iso.collateral, health_of);
      st.kind = "isolated_perp";
      st.index = i;
      st.health_before = h0.health;
      out.steps.push_back(st);
    }
    const Health h1 = isolated_health(params, prices, iso);
    if (iso.size == 0 && h1.equity < 0) run.waterfall(-h1.equity);
  }

  Health h = cross_health(params, prices, s);
  out.cross_health_before = h.health;
  if (h.health < 0) {
    any = true;
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < s.perps.size(); ++i) if (s.perps[i].size != 0) order.push_back(i);
    std::map<std::size_t, Z> req;
    for (std::size_t i : order) {
      const PerpMarket& m = run.market(s.perps[i].market);
      req[i] = requirement(m, price(prices, m.base), s.perps[i].size);
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return req[a] != req[b] ? req[a] > req[b] : s.perps[a].market < s.perps[b].market;
    });
    for (std::size_t i : order) {
      if (h.health >= h.target) break;
      Perp& pos = s.perps[i];
      const PerpMarket& m = run.market(pos.market);
      const Z equity_rest = h.equity - pnl(m, price(prices, m.base), pos.size, pos.quote);
      auto health_of = [&](const Z& size, const Z& quote) {
        State trial = s;
        trial.perps[i].size = size;
        trial.perps[i].quote = quote;
        return cross_health(params, prices, trial);
      };
      Step st = run.liquidate(pos.market, pos.size, pos.quote, equity_rest, health_of);
      st.kind = "cross_perp";
      st.index = i;
      st.health_before = h.health;
      out.steps.push_back(st);
      h = cross_health(params, prices, s);
    }
    // Borrows: largest liability first, collateral largest value first; ties (asset, chain).
    auto ranked = [&](int sign) {
      std::vector<std::size_t> v;
      for (std::size_t i = 0; i < s.balances.size(); ++i)
        if ((sign < 0 && s.balances[i].amount < 0) || (sign > 0 && s.balances[i].amount > 0)) v.push_back(i);
      std::vector<Z> value(s.balances.size());
      for (std::size_t i : v) value[i] = zabs(balance(params, prices, s.balances[i]));
      std::stable_sort(v.begin(), v.end(), [&](std::size_t a, std::size_t b) {
        if (value[a] != value[b]) return value[a] > value[b];
        return std::tie(s.balances[a].asset, s.balances[a].chain) < std::tie(s.balances[b].asset, s.balances[b].chain);
      });
      return v;
    };
    const auto borrows = ranked(-1);
    const auto collaterals = ranked(+1);
    const Z one_plus = kOne + run.borrow_fee;
    for (std::size_t bi : borrows) {
      for (std::size_t ci : collaterals) {
        if (h.health >= h.target) break;
        Bal& b = s.balances[bi];
        Bal& c = s.balances[ci];
        if (b.amount >= 0 || c.amount <= 0) continue;
        const AssetParams& ba = params.assets.at(AssetId{b.asset});
        const AssetParams& ca = params.assets.at(AssetId{c.asset});
        const Z cw = raw(params.chains.at(ChainId{c.chain}).collateral_weight);
        if (!(mul_up(mul_up(one_plus, raw(ca.maint_asset_weight)), cw) < raw(ba.maint_liab_weight))) continue;
        const Z pb = price(prices, AssetId{b.asset});
        const Z pc = price(prices, AssetId{c.asset});
        auto seize = [&](const Z& r) { return div_up(mul_up(mul_up(r, pb), one_plus), pc); };
        auto health_at = [&](const Z& r) {
          State trial = s;
          trial.balances[bi].amount += r;
          trial.balances[ci].amount -= seize(r);
          return cross_health(params, prices, trial);
        };
        // Largest repayable amount: the whole borrow or what the collateral covers.
        Z rmax = -b.amount;
        if (seize(rmax) > c.amount) {
          Z lo = 0, hi = rmax;
          while (lo < hi) {  // largest r with seize(r) ≤ c.amount
            const Z mid = (lo + hi + 1) / 2;
            if (seize(mid) <= c.amount) lo = mid;
            else hi = mid - 1;
          }
          rmax = lo;
        }
        if (rmax == 0) continue;
        auto ok = [&](const Z& r) {
          const Health t = health_at(r);
          return t.health >= t.target;
        };
        const Z r = ok(rmax) ? Run::first_ok(rmax, ok) : rmax;
        const Health after = health_at(r);
        if (!(after.health > h.health)) continue;
        Step st;
        st.kind = "borrow";
        st.borrow_asset = b.asset;
        st.borrow_chain = b.chain;
        st.collateral_asset = c.asset;
        st.collateral_chain = c.chain;
        st.repaid = r;
        st.seized = seize(r);
        st.health_before = h.health;
        st.health_after = after.health;
        b.amount += r;
        c.amount -= st.seized;
        out.steps.push_back(st);
        h = cross_health(params, prices, s);
      }
    }
    if (h.health < h.target && h.equity < 0) {
      out.cross_credit = -h.equity;
      run.waterfall(-h.equity);
    }
  }
  out.cross_health_after = h.health;
  if (!any) return Plan{"not_liquidatable", "account", {}, {}, 0, 0, 0, 0, 0, 0, 0};
  out.after = s;
  out.fund_after = run.fund;
  return out;
}

}  // namespace xm::ref
