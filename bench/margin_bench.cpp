// Full re-margin of the cross pool: 1 M accounts × (8 perps + 4 balances), one thread, on the
// 128-bit batch path (FastMargin, falling back to 256-bit where it cannot answer) and on the 256-bit
// path (health_summary); plus the full evaluate() with liquidation prices, per position.
// Positions per second = items_per_second. Figures and command: docs/benchmarks/margin.md.
//   build/bench/margin_bench --benchmark_min_time=1 --benchmark_repetitions=3
// XM_BENCH_ACCOUNTS scales the fast-path book (default 1000000).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "xm/engine/decimal.hpp"
#include "xm/engine/margin.hpp"
#include "xm/engine/margin_fast.hpp"

namespace {

using namespace xm;

constexpr int kMarkets = 8;
constexpr int kPerps = 8;
constexpr int kBalances = 4;

Wad W(const char* s) { return parse_wad(s).value(); }

class Rng {  // splitmix64: a seed means the same book everywhere
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) { return next() % n; }

 private:
  std::uint64_t s_;
};

struct World {
  MarketState state;
  std::vector<std::string> markets, assets;
  std::vector<std::int64_t> price_units;
};

const World& world() {
  static const World w = [] {
    World out;
    Params& p = out.state.params;
    const char* collateral[] = {"USDC", "ETH", "BTC", "SOL"};
    for (int i = 0; i < kMarkets; ++i) out.assets.push_back(i < 4 ? collateral[i] : "ALT" + std::to_string(i));
    const std::int64_t prices[] = {1, 3000, 60000, 150, 7, 25, 90, 400};
    for (int i = 0; i < kMarkets; ++i) {
      const AssetId id{out.assets[static_cast<std::size_t>(i)]};
      p.assets[id] = AssetParams{id, W(i == 0 ? "1" : "0.8"), W(i == 0 ? "1" : "0.9"), W(i == 0 ? "1" : "1.2"),
                                 W(i == 0 ? "1" : "1.1")};
      out.state.prices[id] = Price{Wad::from_units(prices[i]), i == 0 ? W("0") : W("0.05"), PriceStatus::ok};
      out.price_units.push_back(prices[i]);
      PerpMarket m;
      m.id = MarketId{out.assets[static_cast<std::size_t>(i)] + "-PERP"};
      m.base = id;
      m.lot_size = W("0.001");
      m.tiers = {Tier{W("0"), W("100000"), W("0.1"), W("0.05")}, Tier{W("100000"), W("1000000"), W("0.2"), W("0.1")},
                 Tier{W("1000000"), std::nullopt, W("0.4"), W("0.2")}};
      m.init_pnl_weight = W("0.5");
      m.maint_pnl_weight = W("0.8");
      m.liquidation_fee = W("0.01");
      m.insurance_share = W("0.5");
      p.markets[m.id] = m;
      out.markets.push_back(m.id.value);
    }
    p.chains[ChainId{1}] = ChainParams{ChainId{1}, "ethereum", W("1"), 120};
    p.chains[ChainId{42161}] = ChainParams{ChainId{42161}, "arbitrum", W("0.95"), 60};
    p.conf_multiplier = W("2");
    out.state.now = 1000;
    out.state.chain_snapshot_ts = {{ChainId{1}, 990}, {ChainId{42161}, 990}};
    return out;
  }();
  return w;
}

// Account i of the book, the same on every call (so a fallback can regenerate it).
Account make_account(std::uint64_t i) {
  const World& w = world();
  Rng r(i * 7919 + 1);
  Account a;
  a.id = std::to_string(i);
  for (int b = 0; b < kBalances; ++b) {
    const auto units = static_cast<std::int64_t>(r.below(20000));
    Wad amount = Wad::from_raw(Int256(units) * Int256(Wad::kScaleI64) / Int256(1 + b * 1000) + Int256(r.below(1000000))).value();
    if (b == 3 && r.below(4) == 0) amount = -amount;  // some borrows
    a.balances.push_back(Balance{ChainId{b % 2 ? 42161ULL : 1ULL}, AssetId{w.assets[static_cast<std::size_t>(b)]}, amount});
  }
  for (int k = 0; k < kPerps; ++k) {
    const auto m = static_cast<std::size_t>(k);
    const std::int64_t px = w.price_units[m];
    // Notional up to ~300k USD, entry within ±10 % of the price, wei digits everywhere.
    const Int256 size_raw = Int256(r.below(300000)) * Int256(Wad::kScaleI64) / Int256(px) + Int256(r.below(1000000007));
    const bool is_long = r.below(2) == 0;
    const Int256 entry_raw = Int256(px) * Int256(Wad::kScaleI64) / 100 * Int256(90 + r.below(21));
    const Int256 cost = size_raw * entry_raw / Int256(Wad::kScaleI64);
    a.perps.push_back(PerpPosition{MarketId{w.markets[m]}, Wad::from_raw(is_long ? size_raw : Int256(-size_raw)).value(),
                                   Wad::from_raw(is_long ? Int256(-cost) : cost).value()});
  }
  return a;
}

std::size_t book_accounts() {
  const char* v = std::getenv("XM_BENCH_ACCOUNTS");
  return v && *v ? std::stoul(v) : 1000000;
}

struct Book {
  const MarginContext& ctx;
  FastMargin& fm;
  FastBook& book;
};

Book fast_book() {
  static const MarginContext ctx = MarginContext::make(world().state).value();
  static FastMargin fm(ctx);
  static FastBook book = [] {
    FastBook b;
    const std::size_t n = book_accounts();
    b.balances.reserve(n * kBalances);
    b.perps.reserve(n * kPerps);
    for (std::size_t i = 0; i < n; ++i) fm.add(b, make_account(i));
    return b;
  }();
  return Book{ctx, fm, book};
}

void BM_remargin_fast(benchmark::State& st) {
  const Book b = fast_book();
  const std::size_t n = b.book.size();
  std::int64_t fallbacks = 0, liquidatable = 0;
  for (auto _ : st) {
    for (std::size_t i = 0; i < n; ++i) {
      const auto h = b.fm.health(b.book, i);
      if (h) {
        liquidatable += h->maint_equity < h->maint_requirement;
      } else {
        ++fallbacks;
        const auto slow = health_summary(b.ctx, make_account(i));
        liquidatable += slow && slow->liquidatable;
      }
    }
  }
  benchmark::DoNotOptimize(liquidatable);
  st.SetItemsProcessed(st.iterations() * static_cast<std::int64_t>(n) * (kPerps + kBalances));
  st.counters["accounts"] = static_cast<double>(n);
  st.counters["fallbacks"] = static_cast<double>(fallbacks) / static_cast<double>(st.iterations());
  st.counters["liquidatable"] = static_cast<double>(liquidatable) / static_cast<double>(st.iterations());
}
BENCHMARK(BM_remargin_fast)->Unit(benchmark::kMillisecond);

const std::vector<Account>& sample_accounts() {
  static const std::vector<Account> v = [] {
    std::vector<Account> out;
    for (std::uint64_t i = 0; i < 20000; ++i) out.push_back(make_account(i));
    return out;
  }();
  return v;
}

void BM_remargin_256bit(benchmark::State& st) {
  const auto ctx = MarginContext::make(world().state).value();
  const auto& accounts = sample_accounts();
  std::int64_t liquidatable = 0;
  for (auto _ : st)
    for (const Account& a : accounts) liquidatable += health_summary(ctx, a)->liquidatable;
  benchmark::DoNotOptimize(liquidatable);
  st.SetItemsProcessed(st.iterations() * static_cast<std::int64_t>(accounts.size()) * (kPerps + kBalances));
}
BENCHMARK(BM_remargin_256bit)->Unit(benchmark::kMillisecond);

void BM_evaluate_with_liquidation_prices(benchmark::State& st) {
  const auto ctx = MarginContext::make(world().state).value();
  const auto& accounts = sample_accounts();
  const std::size_t n = 500;
  std::int64_t priced = 0;
  for (auto _ : st)
    for (std::size_t i = 0; i < n; ++i) priced += evaluate(ctx, accounts[i])->perps[0].liquidation_price.has_value();
  benchmark::DoNotOptimize(priced);
  st.SetItemsProcessed(st.iterations() * static_cast<std::int64_t>(n) * (kPerps + kBalances));
}
BENCHMARK(BM_evaluate_with_liquidation_prices)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
