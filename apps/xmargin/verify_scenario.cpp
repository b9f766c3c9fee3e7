// Format xmargin-scenario/1 under `xmargin verify`: runs the scenario at its own seed and checks its
// "expect" block — the number of invariant violations, and claims that one variant has fewer of a
// metric than another (docs/formats/scenario.md). Recorded-path CSV files resolve against the
// working directory here (bundled scenarios use inline points).
#include "verifiers.hpp"
#include "xm/sim/run.hpp"
#include "xm/sim/scenario_parse.hpp"

namespace xm::cli {
namespace {

sim::i128 metric_of(const sim::Metrics& m, const std::string& name) {
  if (name == "liquidations") return m.liquidations;
  if (name == "false_liquidations") return m.false_liquidations;
  if (name == "missed_liquidations") return m.missed_liquidations;
  return m.bad_debt;  // "bad_debt" (the parser admits only these four)
}

std::string show(const std::string& metric, sim::i128 v) {
  return metric == "bad_debt" ? sim::fmt(v) : std::to_string(static_cast<long long>(v));
}

}  // namespace

std::vector<Check> verify_scenario(const json::JsonRef& root) {
  const sim::Scenario s = sim::parse_scenario(root, "");
  sim::RunResult r;
  try {
    r = sim::run_simulation(s, s.seed);
  } catch (const sim::SimRangeError& e) {
    root.fail(std::string("the scenario leaves the simulator's 128-bit domain: ") + e.what());
  }
  std::vector<Check> checks;
  if (s.expect.invariant_violations)
    expect_equal(checks, "invariant_violations", std::to_string(*s.expect.invariant_violations),
                 r.violation ? "1 (" + sim::replay_hint(*r.violation, s.seed) + ")" : "0");
  for (const auto& f : s.expect.fewer) {
    const sim::Metrics* a = nullptr;
    const sim::Metrics* b = nullptr;
    for (const auto& v : r.variants) {
      if (v.variant.name == f.variant) a = &v.metrics;
      if (v.variant.name == f.than) b = &v.metrics;
    }
    const std::string name = f.metric + "[" + f.variant + "] < " + f.metric + "[" + f.than + "]";
    if (!a || !b) {
      checks.push_back(Check{name, false, "both variants run", "the run stopped early"});
      continue;
    }
    const sim::i128 x = metric_of(*a, f.metric), y = metric_of(*b, f.metric);
    checks.push_back(Check{name, x < y, "fewer than " + show(f.metric, y), show(f.metric, x)});
  }
  return checks;
}

}  // namespace xm::cli
