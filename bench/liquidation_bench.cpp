// Planning 10^4 liquidatable accounts (issue 4, must-show 3: < 1 s). Each account holds three cross
// perps (BTC, ETH, SOL, realistic sizes and lots, entries within ±4 % of the price), USDC collateral,
// and in one account of four an ETH borrow; collateral is drawn so that every account is
// liquidatable (checked up front: accounts that are not are replaced). One iteration plans all 10^4.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "xm/engine/decimal.hpp"
#include "xm/engine/liquidation.hpp"

namespace {

using xm::Wad;

Wad d(const std::string& text) { return *xm::parse_wad(text); }

struct Bench {
  xm::Params params;
  xm::PriceSet prices;
  std::vector<xm::Account> accounts;
};

const Bench& bench() {
  static const Bench b = [] {
    Bench out;
    std::uint64_t s = 2026;
    auto next = [&s](std::uint64_t n) {
      s = s * 6364136223846793005ULL + 1442695040888963407ULL;
      return (s >> 17) % n;
    };
    struct M { const char* asset; const char* price; const char* lot; std::uint64_t max_lots; };
    const M markets[] = {{"BTC", "43210.5", "0.001", 5000}, {"ETH", "2345.67", "0.01", 20000}, {"SOL", "98.765", "0.1", 50000}};
    out.params.assets[xm::AssetId{"USDC"}] = {xm::AssetId{"USDC"}, d("1"), d("1"), d("1"), d("1")};
    out.prices[xm::AssetId{"USDC"}] = {d("1"), d("0"), xm::PriceStatus::ok};
    out.params.chains[xm::ChainId{1}] = {xm::ChainId{1}, "eth", d("1"), 3600};
    for (const M& m : markets) {
      const xm::AssetId id{m.asset};
      out.params.assets[id] = {id, d("0.8"), d("0.9"), d("1.2"), d("1.1")};
      out.prices[id] = {d(m.price), d("0"), xm::PriceStatus::ok};
      xm::PerpMarket pm;
      pm.id = xm::MarketId{std::string(m.asset) + "-PERP"};
      pm.base = id;
      pm.lot_size = d(m.lot);
      pm.tiers = {{d("0"), d("100000"), d("0.1"), d("0.05")}, {d("100000"), std::nullopt, d("0.2"), d("0.1")}};
      pm.init_pnl_weight = d("0.5");
      pm.maint_pnl_weight = d("0.8");
      pm.liquidation_fee = d("0.01");
      pm.insurance_share = d("0.5");
      out.params.markets[pm.id] = pm;
    }
    out.params.liquidation_buffer = d("0.05");
    while (out.accounts.size() < 10000) {
      xm::Account a;
      a.id = "acct" + std::to_string(out.accounts.size());
      Wad notional = Wad::zero();
      for (const M& m : markets) {
        const auto& pm = out.params.markets.at(xm::MarketId{std::string(m.asset) + "-PERP"});
        Wad size = xm::mul_floor(pm.lot_size, Wad::from_units(static_cast<std::int64_t>(next(m.max_lots) + 1)));
        if (next(2)) size = -size;
        const Wad& p = out.prices.at(pm.base).price;
        const Wad entry = xm::mul_floor(p, Wad::from_raw_i64(static_cast<std::int64_t>(960 + next(81)) * 1000000000000000LL));
        a.perps.push_back({pm.id, size, -xm::mul_floor(size, entry)});
        notional = notional + xm::mul_ceil(xm::abs(size), p);
      }
      const Wad usdc = xm::mul_floor(notional, Wad::from_raw_i64(static_cast<std::int64_t>(next(60)) * 1000000000000000LL));
      a.balances.push_back({xm::ChainId{1}, xm::AssetId{"USDC"}, usdc});
      if (next(4) == 0) a.balances.push_back({xm::ChainId{1}, xm::AssetId{"ETH"}, -Wad::from_units(static_cast<std::int64_t>(next(5) + 1))});
      if (xm::plan_liquidation(out.params, out.prices, a, d("1000000")).ok()) out.accounts.push_back(std::move(a));
    }
    return out;
  }();
  return b;
}

void BM_PlanLiquidation10k(benchmark::State& state) {
  const Bench& b = bench();
  std::size_t steps = 0;
  for (auto _ : state) {
    steps = 0;
    for (const auto& a : b.accounts) {
      auto plan = xm::plan_liquidation(b.params, b.prices, a, Wad::from_units(1000000));
      steps += plan->steps.size();
      benchmark::DoNotOptimize(plan);
    }
  }
  state.counters["accounts"] = static_cast<double>(b.accounts.size());
  state.counters["steps"] = static_cast<double>(steps);
  state.counters["accounts/s"] =
      benchmark::Counter(static_cast<double>(b.accounts.size()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_PlanLiquidation10k)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
