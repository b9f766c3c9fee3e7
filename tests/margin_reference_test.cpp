// The margin engine against the separate exact reference (tests/reference/margin_reference.hpp):
// seeded random params, prices and accounts; every output field must be equal, including errors
// and liquidation prices. Seed from XM_SEED, case count from XM_PROPERTY_CASES (default 100000).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "reference/margin_reference.hpp"
#include "xm/codec/json.hpp"
#include "xm/codec/margin_codec.hpp"
#include "xm/engine/decimal.hpp"
#include "xm/engine/margin.hpp"
#include "../engine/tests/seeded.hpp"

namespace {

using xm::Wad;
using xm::testing::SplitMix64;

Wad raw(const xm::Int256& v) { return Wad::from_raw(v).value(); }

class Gen {
 public:
  explicit Gen(std::uint64_t seed) : r_(seed) {}
  std::uint64_t below(std::uint64_t n) { return r_.below(n); }
  bool chance(std::uint64_t percent) { return r_.below(100) < percent; }

  // A WAD in [lo, hi] units with full wei digits.
  Wad units(std::int64_t lo, std::int64_t hi) {
    const xm::Int256 span = xm::Int256(hi - lo) * xm::Int256(Wad::kScaleI64);
    const xm::Int256 pick = (xm::Int256(r_.next()) << 64 | xm::Int256(r_.next())) % (span + 1);
    return raw(xm::Int256(lo) * xm::Int256(Wad::kScaleI64) + pick);
  }
  // A positive magnitude spanning many scales: tiny wei values, ordinary ones, large ones.
  Wad magnitude() {
    const auto kind = r_.below(100);
    if (kind < 8) return raw(xm::Int256(1 + r_.below(1000)));                   // a few wei
    if (kind < 90) return units(0, 1 + static_cast<std::int64_t>(r_.below(50000)));  // ordinary
    if (kind < 99) return raw(xm::Int256(r_.next()) * xm::Int256(r_.next()) * 1000);   // large
    return raw((xm::Int256(1) << 250) + xm::Int256(r_.next()));                        // near overflow
  }
  Wad signed_magnitude() {
    const Wad m = magnitude();
    return chance(50) ? xm::checked::neg(m).value() : m;
  }
  Wad fraction(std::int64_t lo_permille, std::int64_t hi_permille) {  // in [lo, hi] / 1000
    const auto v = lo_permille + static_cast<std::int64_t>(r_.below(static_cast<std::uint64_t>(hi_permille - lo_permille + 1)));
    const xm::Int256 wei = v < hi_permille ? xm::Int256(r_.below(1000)) : xm::Int256(0);  // stays ≤ hi
    return raw(xm::Int256(v) * xm::Int256(Wad::kScaleI64 / 1000) + wei);
  }

 private:
  SplitMix64 r_;
};

const char* kAssets[] = {"USD", "AAA", "BBB", "CCC"};

xm::MarketState random_state(Gen& g) {
  xm::MarketState s;
  xm::Params& p = s.params;
  for (const char* name : kAssets) {
    xm::AssetParams a;
    a.id = xm::AssetId{name};
    a.init_asset_weight = g.fraction(400, 1000);
    a.maint_asset_weight = xm::max(a.init_asset_weight, g.fraction(500, 1000));
    if (a.maint_asset_weight > Wad::one()) a.maint_asset_weight = Wad::one();
    a.maint_liab_weight = g.fraction(1000, 1500);
    a.init_liab_weight = xm::max(a.maint_liab_weight, g.fraction(1000, 1800));
    p.assets.emplace(a.id, a);
  }
  for (std::uint64_t c : {1ULL, 10ULL}) {
    xm::ChainParams cp;
    cp.id = xm::ChainId{c};
    cp.name = "chain" + std::to_string(c);
    cp.collateral_weight = g.fraction(500, 1000);
    cp.max_staleness_s = 60;
    p.chains.emplace(cp.id, cp);
    s.chain_snapshot_ts[cp.id] = 1000 - static_cast<std::int64_t>(g.below(100));  // stale when older than 60 s
  }
  s.now = 1000;
  // Two markets on AAA (so one asset moves several positions), one each on BBB and CCC.
  const std::pair<const char*, const char*> markets[] = {{"AAA-PERP", "AAA"}, {"AAA-PERP2", "AAA"}, {"BBB-PERP", "BBB"},
                                                         {"CCC-PERP", "CCC"}};
  for (const auto& [id, base] : markets) {
    xm::PerpMarket m;
    m.id = xm::MarketId{id};
    m.base = xm::AssetId{base};
    m.lot_size = g.fraction(1, 1000);
    m.maint_pnl_weight = g.fraction(0, 1000);
    m.init_pnl_weight = xm::min(m.maint_pnl_weight, g.fraction(0, 1000));
    const auto tiers = 1 + g.below(3);
    Wad lo = Wad::zero(), min_mmr = Wad::one();
    for (std::uint64_t t = 0; t < tiers; ++t) {
      xm::Tier tier;
      tier.lo = lo;
      if (t + 1 < tiers) tier.hi = lo + g.units(1, 200000);
      tier.mmr = g.fraction(10, 300);
      tier.imr = tier.mmr + g.fraction(0, 300);
      min_mmr = xm::min(min_mmr, tier.mmr);
      if (tier.hi) lo = *tier.hi;
      m.tiers.push_back(tier);
    }
    m.liquidation_fee = xm::mul_floor(min_mmr, g.fraction(0, 900));
    m.insurance_share = g.fraction(0, 1000);
    p.markets.emplace(m.id, m);
  }
  p.conf_multiplier = g.fraction(0, 3000);
  p.liquidation_buffer = g.fraction(0, 200);
  for (const char* name : kAssets) {
    xm::Price pr;
    pr.price = g.chance(3) ? raw(xm::Int256(1 + g.below(50))) : g.units(0, 1 + static_cast<std::int64_t>(g.below(60000)));
    if (g.chance(1)) pr.price = Wad::zero();
    pr.conf = g.chance(30) ? Wad::zero() : xm::mul_floor(pr.price, g.fraction(0, g.chance(5) ? 600 : 20));
    pr.status = g.chance(90) ? xm::PriceStatus::ok : static_cast<xm::PriceStatus>(1 + g.below(3));
    if (!g.chance(1)) s.prices.emplace(xm::AssetId{name}, pr);  // rarely missing
  }
  return s;
}

xm::Account random_account(Gen& g, const xm::MarketState& s, int n) {
  xm::Account a;
  a.id = "acct" + std::to_string(n);
  const char* markets[] = {"AAA-PERP", "AAA-PERP2", "BBB-PERP", "CCC-PERP"};
  const auto nb = g.below(4), np = g.below(4), ni = g.below(2);
  for (std::uint64_t i = 0; i < nb; ++i) {
    xm::Balance b;
    b.chain = xm::ChainId{g.chance(50) ? 1ULL : 10ULL};
    b.asset = xm::AssetId{kAssets[g.below(4)]};
    b.amount = g.chance(70) ? g.magnitude() : xm::checked::neg(g.magnitude()).value();
    if (g.chance(1)) b.asset = xm::AssetId{"ZZZ"};
    if (g.chance(1)) b.chain = xm::ChainId{99};
    a.balances.push_back(b);
  }
  auto quote_for = [&](const Wad& size, const char* market) {
    // Near the entry cost −size·p so that pnl is small relative to notional, with a random skew.
    const auto& m = s.params.markets.at(xm::MarketId{market});
    const auto it = s.prices.find(m.base);
    const Wad p = it == s.prices.end() ? Wad::one() : it->second.price;
    const auto cost = xm::checked::mul(size, p, xm::Rounding::floor);
    if (!cost) return g.signed_magnitude();
    const auto skew = xm::checked::mul(*cost, g.fraction(0, 400), xm::Rounding::floor);
    const auto base = xm::checked::neg(*cost);
    if (!base) return g.signed_magnitude();
    if (!skew) return *base;
    const auto q = g.chance(50) ? xm::checked::add(*base, *skew) : xm::checked::sub(*base, *skew);
    return q ? *q : *base;
  };
  for (std::uint64_t i = 0; i < np; ++i) {
    const char* market = markets[g.below(4)];
    xm::PerpPosition p{xm::MarketId{market}, g.chance(5) ? Wad::zero() : g.signed_magnitude(), Wad::zero()};
    p.quote = g.chance(10) ? g.signed_magnitude() : quote_for(p.size, market);
    if (g.chance(1)) p.market = xm::MarketId{"NOPE"};
    a.perps.push_back(p);
  }
  for (std::uint64_t i = 0; i < ni; ++i) {
    const char* market = markets[g.below(4)];
    xm::IsolatedPosition p{xm::MarketId{market}, g.signed_magnitude(), Wad::zero(), g.magnitude()};
    p.quote = quote_for(p.size, market);
    a.isolated.push_back(p);
  }
  return a;
}

std::string str(const xm::ref::Z& v) { return v.str(); }
std::string str(const Wad& w) { return xm::format_raw(w); }
template <class T>
std::string str(const std::optional<T>& v) { return v ? str(*v) : "none"; }

// Compares every field; returns the first difference as text (empty when equal).
std::string compare(const xm::Result<xm::AccountResult, xm::MarginError>& e, const xm::ref::Out& r) {
  std::ostringstream d;
  if (!e || r.error) {
    const std::string ec = e ? "ok" : xm::to_string(e.error().code);
    if (ec != r.error.value_or("ok")) d << "error: engine " << ec << " reference " << r.error.value_or("ok");
    return d.str();
  }
  auto eq = [&](const std::string& name, const std::string& a, const std::string& b) {
    if (a != b && d.str().empty()) d << name << ": engine " << a << " reference " << b;
  };
  auto side = [&](const std::string& n, const xm::HealthSide& a, const xm::ref::Side& b) {
    eq(n + ".equity", str(a.equity), str(b.equity));
    eq(n + ".requirement", str(a.requirement), str(b.requirement));
    eq(n + ".health", str(a.health), str(b.health));
  };
  auto pos = [&](const std::string& n, const xm::PositionResult& a, const xm::ref::Pos& b) {
    eq(n + ".notional_init", str(a.notional_init), str(b.notional_init));
    eq(n + ".notional_maint", str(a.notional_maint), str(b.notional_maint));
    eq(n + ".pnl_init", str(a.pnl_init), str(b.pnl_init));
    eq(n + ".pnl_maint", str(a.pnl_maint), str(b.pnl_maint));
    eq(n + ".requirement_init", str(a.requirement_init), str(b.req_init));
    eq(n + ".requirement_maint", str(a.requirement_maint), str(b.req_maint));
    eq(n + ".liquidation_price", a.liquidation_price_unresolved ? "unresolved" : str(a.liquidation_price), str(b.liq));
  };
  const xm::AccountResult& a = *e;
  side("init", a.init, r.init);
  side("maint", a.maint, r.maint);
  eq("liquidatable", a.liquidatable ? "1" : "0", r.liquidatable ? "1" : "0");
  eq("margin_ratio", str(a.margin_ratio), str(r.margin_ratio));
  eq("free_collateral", str(a.free_collateral), str(r.free_collateral));
  eq("stale_chain", a.stale_chain ? "1" : "0", r.stale_chain ? "1" : "0");
  std::string non_ok;
  for (const auto& x : a.non_ok_prices) non_ok += x.value + ",";
  std::string rnon_ok;
  for (const auto& x : r.non_ok) rnon_ok += x + ",";
  eq("non_ok_prices", non_ok, rnon_ok);
  eq("balances.size", std::to_string(a.balances.size()), std::to_string(r.balances.size()));
  eq("perps.size", std::to_string(a.perps.size()), std::to_string(r.perps.size()));
  eq("isolated.size", std::to_string(a.isolated.size()), std::to_string(r.isolated.size()));
  if (!d.str().empty()) return d.str();
  for (std::size_t i = 0; i < a.balances.size(); ++i) {
    const std::string n = "balances[" + std::to_string(i) + "]";
    eq(n + ".value_init", str(a.balances[i].value_init), str(r.balances[i].value_init));
    eq(n + ".value_maint", str(a.balances[i].value_maint), str(r.balances[i].value_maint));
    eq(n + ".stale", a.balances[i].stale ? "1" : "0", r.balances[i].stale ? "1" : "0");
  }
  for (std::size_t i = 0; i < a.perps.size(); ++i) pos("perps[" + std::to_string(i) + "]", a.perps[i], r.perps[i]);
  for (std::size_t i = 0; i < a.isolated.size(); ++i) {
    const std::string n = "isolated[" + std::to_string(i) + "]";
    pos(n, a.isolated[i].position, r.isolated[i].pos);
    side(n + ".init", a.isolated[i].init, r.isolated[i].init);
    side(n + ".maint", a.isolated[i].maint, r.isolated[i].maint);
    eq(n + ".liquidatable", a.isolated[i].liquidatable ? "1" : "0", r.isolated[i].liquidatable ? "1" : "0");
  }
  return d.str();
}

}  // namespace

TEST_CASE("margin engine equals the exact reference on random accounts", "[margin][reference]") {
  const std::uint64_t seed = xm::testing::test_seed("margin_reference");
  const std::uint64_t cases = xm::testing::property_cases(100000);
  Gen g(seed);
  std::uint64_t mismatches = 0, errors = 0, liquidatable = 0, liq_prices = 0, accounts = 0;
  while (accounts < cases) {
    const xm::MarketState state = random_state(g);
    const auto ctx = xm::MarginContext::make(state);
    REQUIRE(ctx);
    const auto params_error = xm::check_params(state.params);
    INFO((params_error ? params_error->path + ": " + params_error->reason : std::string()));
    REQUIRE_FALSE(params_error.has_value());
    xm::ref::Reference ref(state);
    for (int i = 0; i < 50 && accounts < cases; ++i, ++accounts) {
      const xm::Account account = random_account(g, state, i);
      const auto engine = xm::evaluate(*ctx, account);
      const auto expected = ref.run(account);
      const std::string diff = compare(engine, expected);
      if (!engine) ++errors;
      else {
        liquidatable += engine->liquidatable;
        for (const auto& p : engine->perps) liq_prices += p.liquidation_price.has_value();
      }
      if (!diff.empty()) {
        if (++mismatches <= 5) {
          std::cout << "mismatch at account " << accounts << ": " << diff << "\n";
          for (const auto& b : account.balances)
            std::cout << "  balance " << b.chain.value << " " << b.asset.value << " " << xm::format_wad(b.amount) << "\n";
          for (const auto& p : account.perps)
            std::cout << "  perp " << p.market.value << " " << xm::format_wad(p.size) << " " << xm::format_wad(p.quote) << "\n";
          for (const auto& [id, pr] : state.prices) std::cout << "  price " << id.value << " " << xm::format_wad(pr.price) << "\n";
        }
      }
    }
  }
  std::cout << "margin_reference: " << accounts << " accounts, " << errors << " errors, " << liquidatable
            << " liquidatable, " << liq_prices << " cross liquidation prices, " << mismatches << " mismatches\n";
  CHECK(mismatches == 0);
  CHECK(errors < accounts / 2);        // the generator must mostly produce evaluable accounts
  CHECK(liquidatable > accounts / 20);  // and a fair share of liquidatable ones
}
