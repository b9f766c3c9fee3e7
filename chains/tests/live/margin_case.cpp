#include "margin_case.hpp"

#include <algorithm>

namespace xm::chains::live {
namespace {

const Int256 kWad = Int256(Wad::kScaleI64);
const Int256 kMax = (Int256(1) << 255) - 1;
const Int256 kMin = -(Int256(1) << 255);

Wad wad(const Int256& raw) { return Wad::from_raw(raw).value(); }

Int256 clamp_raw(const Int256& v) { return v > kMax ? kMax : v < kMin ? kMin : v; }

}  // namespace

Int256 CaseGen::bits(unsigned n) {
  Int256 v = 0;
  for (unsigned got = 0; got < n; got += 64) v = (v << 64) | Int256(r_.next());
  return n >= 256 ? v : v & ((Int256(1) << n) - 1);
}

Int256 CaseGen::magnitude(Regime g) {
  switch (g) {
    case Regime::ordinary:
      switch (below(4)) {
        case 0: return Int256(below(1'000'000)) * kWad;                           // whole units
        case 1: return Int256(below(1'000'000)) * kWad + Int256(below(1'000'000'000'000'000'000ULL));
        case 2: return Int256(below(1'000'000'000)) * Int256(10) * kWad / Int256(1 + below(1000));
        default: return Int256(below(1000));                                      // a few wei
      }
    case Regime::rounding:
      switch (below(4)) {
        case 0: return Int256(below(100) + 1);                                    // 1..100 wei
        case 1: return Int256(below(1000)) * kWad + 1;                            // round + 1 wei
        case 2: return std::max(Int256(0), Int256(below(1000) + 1) * kWad - 1);   // round − 1 wei
        default: return kWad / Int256(1 + below(7)) + Int256(below(3));           // 1/3, 1/7 …
      }
    case Regime::overflow:
      switch (below(5)) {
        case 0: return kMax - Int256(below(1000));                               // at the edge
        case 1: return (Int256(1) << (128 + below(127))) + Int256(below(1000)) - 500;  // 2^k ± small
        case 2: return bits(static_cast<unsigned>(120 + below(136)));            // wide random
        case 3: return Int256(below(1'000'000)) * kWad;                           // ordinary among huge
        default: return (Int256(1) << 255) / Int256(2 + below(1'000'000'000));    // max / k
      }
  }
  return 0;
}

Int256 CaseGen::signed_value(Regime g) {
  if (g == Regime::overflow && chance(3)) return kMin;
  const Int256 m = clamp_raw(magnitude(g));
  return chance(50) ? -m : m;
}

Int256 CaseGen::unit_weight(Regime g) {
  switch (below(g == Regime::ordinary ? 3 : 6)) {
    case 0: return kWad;
    case 1: return Int256(below(101)) * kWad / 100;          // whole percent
    case 2: return Int256(below(1'000'000'000'000'000'001ULL));
    case 3: return kWad - 1;                                  // 1 − 1 wei
    case 4: return Int256(1);                                 // 1 wei
    default: return Int256(0);
  }
}

Int256 CaseGen::liab_weight(Regime g) {
  switch (below(g == Regime::overflow ? 5 : 4)) {
    case 0: return kWad;
    case 1: return kWad + 1;
    case 2: return kWad + Int256(below(1'000'000'000'000'000'000ULL));
    case 3: return Int256(1 + below(10)) * kWad;
    default: return clamp_raw(kWad + magnitude(Regime::overflow));  // absurd but valid: ≥ 1
  }
}

Int256 CaseGen::rate(Regime g) {
  switch (below(g == Regime::overflow ? 5 : 4)) {
    case 0: return Int256(1 + below(50)) * kWad / 100;   // 1 %..50 %
    case 1: return Int256(1 + below(1'000'000'000'000'000'000ULL));
    case 2: return Int256(1);                             // 1 wei: ceil decides everything
    case 3: return kWad / 3 + 1;
    default: return clamp_raw(1 + magnitude(Regime::overflow));
  }
}

Int256 CaseGen::price(Regime g) {
  switch (g) {
    case Regime::ordinary: return Int256(1 + below(100'000)) * kWad / Int256(1 + below(100)) + Int256(below(1000));
    case Regime::rounding: return chance(50) ? Int256(1 + below(1000)) : Int256(1 + below(10)) * kWad + 1;
    case Regime::overflow: return clamp_raw(1 + magnitude(Regime::overflow));
  }
  return kWad;
}

MarginCase CaseGen::next() {
  MarginCase c;
  const auto roll = below(100);
  const Regime g = roll < 55 ? Regime::ordinary : roll < 80 ? Regime::rounding : Regime::overflow;
  c.regime = g;
  Params& p = c.state.params;
  c.state.now = 1'800'000'000;

  // conf multiplier: 0 most often, sometimes enough to make p_lo ≤ 0 (unpriceable).
  switch (below(5)) {
    case 0: p.conf_multiplier = wad(kWad); break;
    case 1: p.conf_multiplier = wad(Int256(1 + below(40)) * kWad / 10); break;
    case 2: p.conf_multiplier = wad(g == Regime::overflow ? clamp_raw(magnitude(g)) : Int256(1)); break;
    default: p.conf_multiplier = Wad::zero(); break;
  }

  const std::size_t n_assets = 1 + below(3);
  for (std::size_t i = 0; i < n_assets; ++i) {
    AssetParams a;
    a.id = AssetId{"A" + std::to_string(i)};
    Int256 w1 = unit_weight(g), w2 = unit_weight(g);
    if (w1 > w2) std::swap(w1, w2);
    a.init_asset_weight = wad(w1);
    a.maint_asset_weight = wad(w2);
    Int256 l1 = liab_weight(g), l2 = liab_weight(g);
    if (l1 < l2) std::swap(l1, l2);
    a.init_liab_weight = wad(l1);
    a.maint_liab_weight = wad(l2);
    p.assets.emplace(a.id, a);
    Price pr;
    pr.price = wad(price(g));
    switch (below(4)) {
      case 0: pr.conf = Wad::zero(); break;
      case 1: pr.conf = wad(pr.price.raw() / Int256(1 + below(1000))); break;
      case 2: pr.conf = wad(pr.price.raw() + Int256(below(3))); break;  // p_lo ≤ 0 when k ≥ 1
      default: pr.conf = wad(clamp_raw(magnitude(g))); break;
    }
    c.state.prices.emplace(a.id, pr);
  }

  const std::size_t n_chains = 1 + below(2);
  for (std::size_t i = 0; i < n_chains; ++i) {
    ChainParams ch;
    ch.id = ChainId{100 + i};
    ch.name = "C" + std::to_string(i);
    ch.collateral_weight = wad(unit_weight(g));
    ch.max_staleness_s = static_cast<std::int64_t>(below(120));
    p.chains.emplace(ch.id, ch);
    // Snapshot within ±(2 × staleness) of the limit: some chains stale, some exactly at it.
    c.state.chain_snapshot_ts[ch.id] = c.state.now - static_cast<std::int64_t>(below(240));
  }

  const std::size_t n_markets = 1 + below(2);
  for (std::size_t i = 0; i < n_markets; ++i) {
    PerpMarket m;
    m.id = MarketId{"M" + std::to_string(i)};
    m.base = AssetId{"A" + std::to_string(below(n_assets))};
    m.lot_size = wad(kWad / 100);
    Int256 w1 = unit_weight(g), w2 = unit_weight(g);
    if (w1 > w2) std::swap(w1, w2);
    m.init_pnl_weight = wad(w1);
    m.maint_pnl_weight = wad(w2);
    m.liquidation_fee = Wad::zero();  // < every mmr ≥ 1 wei
    m.insurance_share = wad(kWad / 2);
    const std::size_t n_tiers = 1 + below(3);
    Int256 lo = 0;
    for (std::size_t t = 0; t < n_tiers; ++t) {
      Tier tier;
      tier.lo = wad(lo);
      const Int256 mmr = rate(g);
      tier.mmr = wad(mmr);
      tier.imr = wad(clamp_raw(mmr + (chance(30) ? Int256(0) : rate(g))));
      if (t + 1 < n_tiers) {
        const Int256 width = 1 + clamp_raw(magnitude(g)) / 2;
        if (lo > kMax - width) break;  // no room for another bracket: this one is the last
        tier.hi = wad(lo + width);
        lo += width;
      }
      m.tiers.push_back(tier);
    }
    m.tiers.back().hi.reset();
    p.markets.emplace(m.id, m);
  }

  c.account.id = "acct";
  for (std::size_t i = below(4); i > 0; --i) {
    Balance b;
    b.chain = ChainId{100 + below(n_chains)};
    b.asset = AssetId{"A" + std::to_string(below(n_assets))};
    b.amount = wad(signed_value(g));
    c.account.balances.push_back(b);
  }
  for (std::size_t i = below(4); i > 0; --i) {
    c.account.perps.push_back(PerpPosition{MarketId{"M" + std::to_string(below(n_markets))}, wad(signed_value(g)),
                                           wad(signed_value(g))});
  }
  for (std::size_t i = below(3); i > 0; --i) {
    c.account.isolated.push_back(IsolatedPosition{MarketId{"M" + std::to_string(below(n_markets))},
                                                  wad(signed_value(g)), wad(signed_value(g)),
                                                  wad(clamp_raw(magnitude(g)))});
  }
  return c;
}

namespace {

using abi::Type;
using abi::Value;

Value i(const Wad& w) { return Value::int_(w.raw()); }
Value i64(std::int64_t v) { return Value::int_(Int256(v)); }
Value u(std::size_t v) { return Value::uint(U256(v)); }

template <class Map, class Key>
std::size_t index_of(const Map& m, const Key& k) {
  return static_cast<std::size_t>(std::distance(m.begin(), m.find(k)));
}

Type ints(std::size_t n) { return Type::tuple(std::vector<Type>(n, Type::int_())); }

Type input_type() {
  const Type tier = Type::tuple({Type::int_(), Type::int_(), Type::boolean(), Type::int_(), Type::int_()});
  const Type market = Type::tuple({Type::uint(), Type::int_(), Type::int_(), Type::array(tier)});
  return Type::tuple({Type::int_(), Type::int_(), Type::array(ints(6)), Type::array(ints(3)), Type::array(market),
                      Type::array(Type::tuple({Type::uint(), Type::uint(), Type::int_()})),
                      Type::array(Type::tuple({Type::uint(), Type::int_(), Type::int_()})),
                      Type::array(Type::tuple({Type::uint(), Type::int_(), Type::int_(), Type::int_()}))});
}

}  // namespace

const std::string& evaluate_signature() {
  static const std::string sig = "evaluate(" + input_type().canonical() + ")";
  return sig;
}

abi::Type result_type() {
  const Type health = ints(3);
  const Type balance = Type::tuple({Type::int_(), Type::int_(), Type::boolean()});
  const Type position = ints(6);
  return Type::tuple({health, health, Type::boolean(), Type::int_(), Type::array(balance), Type::array(position),
                      Type::array(position), Type::array(health), Type::array(health)});
}

abi::Value to_abi_input(const MarketState& s, const Account& a) {
  const Params& p = s.params;
  std::vector<Value> assets, chains, markets, balances, perps, isolated;
  for (const auto& [id, asset] : p.assets) {
    const Price& pr = s.prices.at(id);
    assets.push_back(Value::tuple({i(pr.price), i(pr.conf), i(asset.init_asset_weight), i(asset.maint_asset_weight),
                                   i(asset.init_liab_weight), i(asset.maint_liab_weight)}));
  }
  for (const auto& [id, chain] : p.chains) {
    chains.push_back(Value::tuple({i(chain.collateral_weight), i64(chain.max_staleness_s), i64(s.chain_snapshot_ts.at(id))}));
  }
  for (const auto& [id, m] : p.markets) {
    std::vector<Value> tiers;
    for (const Tier& t : m.tiers) {
      tiers.push_back(Value::tuple({i(t.lo), i(t.hi.value_or(Wad::zero())), Value::boolean(t.hi.has_value()), i(t.imr),
                                    i(t.mmr)}));
    }
    markets.push_back(Value::tuple({u(index_of(p.assets, m.base)), i(m.init_pnl_weight), i(m.maint_pnl_weight),
                                    Value::array(std::move(tiers))}));
  }
  for (const Balance& b : a.balances) {
    balances.push_back(Value::tuple({u(index_of(p.chains, b.chain)), u(index_of(p.assets, b.asset)), i(b.amount)}));
  }
  for (const PerpPosition& q : a.perps) perps.push_back(Value::tuple({u(index_of(p.markets, q.market)), i(q.size), i(q.quote)}));
  for (const IsolatedPosition& q : a.isolated) {
    isolated.push_back(Value::tuple({u(index_of(p.markets, q.market)), i(q.size), i(q.quote), i(q.collateral)}));
  }
  return Value::tuple({i(p.conf_multiplier), i64(s.now), Value::array(std::move(assets)), Value::array(std::move(chains)),
                       Value::array(std::move(markets)), Value::array(std::move(balances)), Value::array(std::move(perps)),
                       Value::array(std::move(isolated))});
}

}  // namespace xm::chains::live
