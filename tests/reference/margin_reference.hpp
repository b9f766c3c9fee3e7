#pragma once
// Exact reference for SPEC §2–§3 and the liquidation-price definition of docs/margin.md, written
// separately from engine/: unbounded integers (boost cpp_int), its own floor/ceil division, and an
// explicit int256 range check after every operation (where Solidity 0.8 would revert). It reads the
// engine's plain model structs but calls no engine function. Slow and simple on purpose.
#include <boost/multiprecision/cpp_int.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "xm/engine/model.hpp"

namespace xm::ref {

// A 512-bit magnitude holds every intermediate here exactly (a product of two int256 values needs
// 510 bits), and a fixed width avoids cpp_int's allocations, which made the 10^5-account test slow.
using Z = boost::multiprecision::int512_t;

struct Fail {
  std::string code;  // the engine's MarginErrorCode name
};

inline const Z& one() { static const Z v = Z(1000000000000000000LL); return v; }
inline const Z& int_max() { static const Z v = (Z(1) << 255) - 1; return v; }
inline const Z& int_min() { static const Z v = -(Z(1) << 255); return v; }
inline const Z& search_max() { static const Z v = boost::multiprecision::pow(Z(10), 36); return v; }

inline Z in_range(const Z& v) {
  if (v > int_max() || v < int_min()) throw Fail{"overflow"};
  return v;
}
// Floor and ceiling of n / d for d > 0, from truncating division.
inline Z floor_div(const Z& n, const Z& d) {
  Z q = n / d;
  if (q * d != n && n < 0) q -= 1;
  return q;
}
inline Z ceil_div(const Z& n, const Z& d) {
  Z q = n / d;
  if (q * d != n && n > 0) q += 1;
  return q;
}
inline Z mul_down(const Z& a, const Z& b) { return in_range(floor_div(a * b, one())); }
inline Z mul_up(const Z& a, const Z& b) { return in_range(ceil_div(a * b, one())); }
inline Z plus(const Z& a, const Z& b) { return in_range(a + b); }
inline Z minus(const Z& a, const Z& b) { return in_range(a - b); }
inline Z div_up(const Z& a, const Z& b) {  // b > 0 here
  return in_range(ceil_div(a * one(), b));
}

inline Z z(const Wad& w) { return Z(w.raw()); }

struct Prices {
  Z p, lo, hi;
  PriceStatus status;
};
struct Side {
  Z equity, requirement, health;
};
struct Pos {
  Z notional_init, notional_maint, pnl_init, pnl_maint, req_init, req_maint;
  std::optional<Z> liq;
};
struct Bal {
  Z value_init, value_maint;
  bool stale;
};
struct Iso {
  Pos pos;
  Side init, maint;
  bool liquidatable;
};
struct Out {
  std::optional<std::string> error;
  Side init, maint;
  bool liquidatable = false;
  std::optional<Z> margin_ratio;
  Z free_collateral;
  bool stale_chain = false;
  std::vector<std::string> non_ok;
  std::vector<Bal> balances;
  std::vector<Pos> perps;
  std::vector<Iso> isolated;
};

class Reference {
 public:
  explicit Reference(const MarketState& s) : s_(s) {}

  Out run(const Account& a) {
    Out out;
    try {
      compute(a, out);
    } catch (const Fail& f) {
      Out failed;
      failed.error = f.code;
      return failed;
    }
    return out;
  }

 private:
  const MarketState& s_;

  mutable std::map<std::string, Prices> cache_;

  Prices prices_of(const std::string& asset) const {
    const auto hit = cache_.find(asset);
    if (hit != cache_.end()) return hit->second;
    Prices r = resolve(asset);
    cache_.emplace(asset, r);
    return r;
  }

  Prices resolve(const std::string& asset) const {
    if (!s_.params.assets.count(AssetId{asset})) throw Fail{"unknown_asset"};
    const auto it = s_.prices.find(AssetId{asset});
    if (it == s_.prices.end()) throw Fail{"missing_price"};
    const Z p = z(it->second.price);
    if (p <= 0) throw Fail{"unpriceable_asset"};
    const Z band = mul_up(z(s_.params.conf_multiplier), z(it->second.conf));
    Prices r{p, minus(p, band), plus(p, band), it->second.status};
    if (r.lo <= 0) throw Fail{"unpriceable_asset"};
    return r;
  }

  bool stale(const ChainId& c) const {
    const auto cp = s_.params.chains.find(c);
    if (cp == s_.params.chains.end()) throw Fail{"unknown_chain"};
    const auto ts = s_.chain_snapshot_ts.find(c);
    if (ts == s_.chain_snapshot_ts.end()) throw Fail{"missing_chain_snapshot"};
    return Z(s_.now) - Z(ts->second) > Z(cp->second.max_staleness_s);
  }

  const PerpMarket& market(const MarketId& m) const {
    const auto it = s_.params.markets.find(m);
    if (it == s_.params.markets.end()) throw Fail{"unknown_market"};
    return it->second;
  }

  static Z balance_value(const AssetParams& ap, const ChainParams& cp, const Z& amount, const Z& price, bool init,
                         bool is_stale) {
    if (amount < 0) return mul_down(mul_down(amount, price), z(init ? ap.init_liab_weight : ap.maint_liab_weight));
    if (init && is_stale) return 0;
    const Z w = mul_down(mul_down(amount, price), z(init ? ap.init_asset_weight : ap.maint_asset_weight));
    return mul_down(w, z(cp.collateral_weight));
  }
  static Z pnl(const PerpMarket& m, const Z& size, const Z& quote, const Z& price, bool init) {
    Z v = plus(mul_down(size, price), quote);
    if (v > 0) v = mul_down(v, z(init ? m.init_pnl_weight : m.maint_pnl_weight));
    return v;
  }
  static Z notional(const Z& size, const Z& price) { return mul_up(in_range(size < 0 ? Z(-size) : size), price); }
  static Z requirement(const PerpMarket& m, const Z& n, bool init) {
    Z total = 0;
    for (const Tier& t : m.tiers) {
      const Z lo = z(t.lo);
      if (n <= lo) break;  // the clamp is 0 from here on, and mul(0, rate) = 0 adds nothing
      Z part = minus(n, lo);
      if (t.hi) {
        const Z width = minus(z(*t.hi), lo);
        if (width < part) part = width;
      }
      total = plus(total, mul_up(part, z(init ? t.imr : t.mmr)));
    }
    return total;
  }
  static Pos position(const PerpMarket& m, const Prices& pr, const Z& size, const Z& quote) {
    Pos p;
    p.pnl_init = pnl(m, size, quote, size >= 0 ? pr.lo : pr.hi, true);
    p.notional_init = notional(size, pr.hi);
    p.req_init = requirement(m, p.notional_init, true);
    p.pnl_maint = pnl(m, size, quote, pr.p, false);
    p.notional_maint = notional(size, pr.p);
    p.req_maint = requirement(m, p.notional_maint, false);
    return p;
  }

  // Maint health terms of the cross pool with `asset` priced at `price`: one value per balance,
  // pnl and −requirement that depends on `asset` (each monotone in `price`), then the sum of all
  // the others as one constant term.
  std::vector<Z> cross_terms(const Account& a, const std::string& asset, const Z& price, const Z& others) const {
    std::vector<Z> t;
    for (const Balance& b : a.balances)
      if (b.asset.value == asset)
        t.push_back(balance_value(s_.params.assets.at(b.asset), s_.params.chains.at(b.chain), z(b.amount), price, false, false));
    for (const PerpPosition& pp : a.perps) {
      const PerpMarket& m = market(pp.market);
      if (m.base.value != asset) continue;
      t.push_back(pnl(m, z(pp.size), z(pp.quote), price, false));
      t.push_back(-requirement(m, notional(z(pp.size), price), false));
    }
    t.push_back(others);
    return t;
  }
  Z cross_others(const Account& a, const std::string& asset, const Out& out) const {
    Z sum = 0;
    for (std::size_t i = 0; i < a.balances.size(); ++i)
      if (a.balances[i].asset.value != asset) sum += out.balances[i].value_maint;
    for (std::size_t i = 0; i < a.perps.size(); ++i)
      if (market(a.perps[i].market).base.value != asset) sum += out.perps[i].pnl_maint - out.perps[i].req_maint;
    return sum;
  }

  // The definition itself: longs the highest p in [1, p0] with H(p) < 0, shorts the lowest p in
  // [p0, max(p0, 10^36)]. Intervals are pruned with Σ_terms min(t(lo), t(hi)) (each term is
  // monotone, so its minimum on an interval is at an end); no direction bookkeeping needed.
  // Rounding slack of a market's −requirement term; `kinks` gets the real prices (as size·p·1e18
  // products, kept with the size) where its mmr steps down, the only places −requirement is not concave.
  struct Kink {
    Z size_abs, boundary;
  };
  static Z requirement_slack(const PerpMarket& m, const Z& size, std::vector<Kink>& kinks) {
    Z max_rate = 0;
    for (std::size_t i = 0; i < m.tiers.size(); ++i) {
      max_rate = z(m.tiers[i].mmr) > max_rate ? z(m.tiers[i].mmr) : max_rate;
      if (i && m.tiers[i].mmr < m.tiers[i - 1].mmr) kinks.push_back(Kink{size < 0 ? Z(-size) : size, z(m.tiers[i].lo)});
    }
    return Z(m.tiers.size()) + 2 + max_rate / one();
  }

  // Pruning bounds (any valid lower bound gives the same answer, only faster): each term is
  // monotone, so Σ min(t(lo), t(hi)) ≤ H on [lo, hi]; and when every term is concave up to its
  // rounding, H ≥ min(H(lo), H(hi)) − slack.
  template <class Terms>
  static std::optional<Z> first_crossing(Terms terms_at, const Z& p0, bool down, const Z& slack,
                                         const std::vector<Kink>& kinks) {
    const Z range_lo = down ? Z(1) : p0;
    const Z range_hi = down ? p0 : (p0 > search_max() ? p0 : search_max());
    (void)terms_at(range_lo);
    (void)terms_at(range_hi);  // overflow at the ends, as the engine checks them
    // Depth-first over intervals, the side nearer p0 first (a stack: the far side is pushed first).
    // On bracketing intervals, every other level splits at the linear-interpolation root rather than
    // the middle (speed only: any split finds the same first crossing).
    struct Job {
      Z lo, hi;
      unsigned depth;
    };
    std::vector<Job> stack{{range_lo, range_hi, 0}};
    long guard = 0;
    while (!stack.empty()) {
      if (++guard > 400000) throw Fail{"reference_search_budget"};
      const Job job = stack.back();
      const Z lo = job.lo, hi = job.hi;
      stack.pop_back();
      if (lo > hi) continue;
      const auto at_lo = terms_at(lo), at_hi = terms_at(hi);
      Z bound = 0, h_lo = 0, h_hi = 0;
      for (std::size_t i = 0; i < at_lo.size(); ++i) {
        bound += at_lo[i] < at_hi[i] ? at_lo[i] : at_hi[i];
        h_lo += at_lo[i];
        h_hi += at_hi[i];
      }
      bool concave = true;
      for (const Kink& k : kinks)
        if (k.size_abs * lo < k.boundary * one() && k.boundary * one() < k.size_abs * hi) concave = false;
      if (concave) {
        const Z chord = (h_lo < h_hi ? h_lo : h_hi) - slack;
        if (chord > bound) bound = chord;
      }
      if (bound >= 0) continue;
      if ((down ? h_hi : h_lo) < 0) return down ? hi : lo;
      if (lo == hi) continue;
      const Z a = down ? lo : lo + 1, b = down ? hi - 1 : hi;  // what is left after the near end
      Z mid = a + (b - a) / 2;                                  // [a, mid] and [mid + 1, b]
      const bool bracket = down ? h_lo < 0 : h_hi < 0;
      if (job.depth % 2 == 0 && bracket) {
        mid = lo + (hi - lo) * (-h_lo) / (h_hi - h_lo);  // truncation toward lo: both factors ≥ 0
        if (mid < a) mid = a;
        if (mid > b) mid = b;
      }
      if (down) {
        stack.push_back(Job{a, mid, job.depth + 1});
        stack.push_back(Job{mid + 1, b, job.depth + 1});
      } else {
        stack.push_back(Job{mid + 1, b, job.depth + 1});
        stack.push_back(Job{a, mid, job.depth + 1});
      }
    }
    return std::nullopt;
  }

  void compute(const Account& a, Out& out) {
    std::set<std::string> non_ok;
    Z ie = 0, me = 0;
    for (const Balance& b : a.balances) {
      const auto ap = s_.params.assets.find(b.asset);
      if (ap == s_.params.assets.end()) throw Fail{"unknown_asset"};
      const auto cp = s_.params.chains.find(b.chain);
      if (cp == s_.params.chains.end()) throw Fail{"unknown_chain"};
      const bool st = stale(b.chain);
      const Prices pr = prices_of(b.asset.value);
      if (pr.status != PriceStatus::ok) non_ok.insert(b.asset.value);
      const Z amount = z(b.amount);
      Bal r{balance_value(ap->second, cp->second, amount, amount >= 0 ? pr.lo : pr.hi, true, st),
            balance_value(ap->second, cp->second, amount, pr.p, false, st), st};
      if (st && amount != 0) out.stale_chain = true;
      ie = plus(ie, r.value_init);
      me = plus(me, r.value_maint);
      out.balances.push_back(r);
    }
    for (const PerpPosition& pp : a.perps) {
      const PerpMarket& m = market(pp.market);
      const Prices pr = prices_of(m.base.value);
      if (pr.status != PriceStatus::ok) non_ok.insert(m.base.value);
      out.perps.push_back(position(m, pr, z(pp.size), z(pp.quote)));
      ie = plus(ie, out.perps.back().pnl_init);
      me = plus(me, out.perps.back().pnl_maint);
    }
    Z ir = 0, mr = 0;
    for (const Pos& p : out.perps) {
      ir = plus(ir, p.req_init);
      mr = plus(mr, p.req_maint);
    }
    out.init = Side{ie, ir, minus(ie, ir)};
    out.maint = Side{me, mr, minus(me, mr)};
    out.liquidatable = out.maint.health < 0;
    if (me > 0) out.margin_ratio = div_up(mr, me);
    out.free_collateral = out.init.health > 0 ? out.init.health : Z(0);
    for (const IsolatedPosition& ip : a.isolated) {
      const PerpMarket& m = market(ip.market);
      const Prices pr = prices_of(m.base.value);
      if (pr.status != PriceStatus::ok) non_ok.insert(m.base.value);
      Iso iso;
      iso.pos = position(m, pr, z(ip.size), z(ip.quote));
      const Z c = z(ip.collateral);
      const Z e_i = plus(c, iso.pos.pnl_init), e_m = plus(c, iso.pos.pnl_maint);
      iso.init = Side{e_i, iso.pos.req_init, minus(e_i, iso.pos.req_init)};
      iso.maint = Side{e_m, iso.pos.req_maint, minus(e_m, iso.pos.req_maint)};
      iso.liquidatable = iso.maint.health < 0;
      if (ip.size.sign() != 0) {
        const Z size = z(ip.size), quote = z(ip.quote);
        auto terms = [&](const Z& p) {
          return std::vector<Z>{c, pnl(m, size, quote, p, false), -requirement(m, notional(size, p), false)};
        };
        std::vector<Kink> kinks;
        const Z slack = 2 * (2 + requirement_slack(m, size, kinks));
        iso.pos.liq = first_crossing(terms, pr.p, size > 0, slack, kinks);
      }
      out.isolated.push_back(iso);
    }
    std::map<std::pair<std::string, bool>, std::optional<Z>> memo;
    for (std::size_t i = 0; i < a.perps.size(); ++i) {
      const PerpPosition& pp = a.perps[i];
      if (pp.size.sign() == 0) continue;
      const std::string base = market(pp.market).base.value;
      const bool down = pp.size.sign() > 0;
      const auto key = std::make_pair(base, down);
      if (!memo.count(key)) {
        const Z p0 = prices_of(base).p;
        const Z others = cross_others(a, base, out);
        std::vector<Kink> kinks;
        Z slack = 0;
        for (const Balance& b : a.balances)
          if (b.asset.value == base) slack += 2 * 3;
        for (const PerpPosition& q : a.perps)
          if (market(q.market).base.value == base)
            slack += 2 * (2 + requirement_slack(market(q.market), z(q.size), kinks));
        memo[key] = first_crossing([&](const Z& p) { return cross_terms(a, base, p, others); }, p0, down, slack, kinks);
      }
      out.perps[i].liq = memo[key];
    }
    out.non_ok.assign(non_ok.begin(), non_ok.end());
  }
};

}  // namespace xm::ref
