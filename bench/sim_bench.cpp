// Simulator throughput: the calm scenario scaled to 10^4 accounts × 10^4 steps, one variant (cross,
// defenses on) — the goal is under 60 s on one core. Run from the repository root:
//   build/bench/sim_bench            (XM_SIM_BENCH_ACCOUNTS / XM_SIM_BENCH_STEPS to scale it down)
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "xm/codec/json.hpp"
#include "xm/sim/run.hpp"
#include "xm/sim/scenario_parse.hpp"

namespace {

std::int64_t env_or(const char* name, std::int64_t fallback) {
  const char* v = std::getenv(name);
  return v ? std::strtoll(v, nullptr, 10) : fallback;
}

xm::sim::Scenario bench_scenario() {
  std::ifstream in("fixtures/scenarios/calm.json", std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  const xm::json::Value doc = xm::json::parse(ss.str());
  xm::sim::Scenario s = xm::sim::parse_scenario(xm::json::JsonRef(doc, ""), "");
  s.population.count = env_or("XM_SIM_BENCH_ACCOUNTS", 10'000);
  s.steps = env_or("XM_SIM_BENCH_STEPS", 10'000);
  s.variants.resize(1);  // cross, defenses on
  return s;
}

void run(benchmark::State& state, bool screen) {
  const xm::sim::Scenario s = bench_scenario();
  xm::sim::RunHooks hooks;
  hooks.no_screening = !screen;
  for (auto _ : state) {
    const xm::sim::RunResult r = xm::sim::run_simulation(s, 1, {}, hooks);
    if (r.violation) state.SkipWithError("invariant violation");
    benchmark::DoNotOptimize(r.variants.front().metrics.liquidations);
  }
  state.counters["account_steps"] = static_cast<double>(s.population.count * s.steps);
}
void BM_simulate(benchmark::State& state) { run(state, true); }
// The same without the screen: every account evaluated exactly at every step (for comparison).
void BM_simulate_unscreened(benchmark::State& state) { run(state, false); }
BENCHMARK(BM_simulate)->Unit(benchmark::kSecond)->Iterations(1);
BENCHMARK(BM_simulate_unscreened)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
