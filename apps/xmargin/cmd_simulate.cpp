// xmargin simulate SCENARIO.json --out DIR [--seed N]: runs the seeded oracle-failure simulation and
// writes DIR/prices.csv, DIR/variants.csv, DIR/report.html and, last, DIR/report.json — each
// atomically, so an interrupted run never leaves a file that looks complete. A progress bar goes to
// stderr only when stderr is a terminal. An invariant violation prints the seed and step (exit 1).
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "cli.hpp"
#include "commands.hpp"
#include "xm/codec/json.hpp"
#include "xm/engine/decimal.hpp"
#include "xm/sim/report.hpp"
#include "xm/sim/run.hpp"
#include "xm/sim/scenario_parse.hpp"

namespace xm::cli {
namespace {

void progress_bar(std::int64_t done, std::int64_t total) {
  constexpr int kWidth = 40;
  const std::int64_t filled = total > 0 ? done * kWidth / total : kWidth;
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kWidth, ' ');
  std::cerr << "\rsimulating [" << bar << "] " << (total > 0 ? done * 100 / total : 100) << "%" << std::flush;
  if (done >= total) std::cerr << '\n';
}

}  // namespace

int cmd_simulate(const Args& args) {
  ArgScanner scan("simulate", args);
  const std::string out_dir = scan.value("--out", true);
  const std::string seed_text = scan.value("--seed", false);
  const auto files = scan.positionals(1, 1);
  const std::string& file = files[0];

  std::optional<std::uint64_t> seed;
  if (!seed_text.empty()) {
    auto v = parse_int64(seed_text);
    if (!v || *v < 0) throw UsageError("--seed: expected a non-negative integer, got '" + seed_text + "'");
    seed = static_cast<std::uint64_t>(*v);
  }
  sim::Scenario scenario;
  try {
    const json::Value doc = json::parse(read_file(file));
    scenario = sim::parse_scenario(json::JsonRef(doc, ""), std::filesystem::path(file).parent_path().string());
  } catch (const json::InputError& e) {
    throw FileInputError(file, e.path(), e.reason());
  }
  const std::uint64_t run_seed = seed.value_or(scenario.seed);

  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) throw OutsideFailure("cannot create output directory '" + out_dir + "': " + ec.message());

  // A report left by an earlier run must not pass for this one if this one fails.
  std::filesystem::remove(out_dir + "/report.json", ec);

  sim::Progress progress;
  if (isatty(STDERR_FILENO)) progress = progress_bar;
  sim::RunResult result;
  try {
    result = sim::run_simulation(scenario, run_seed, progress);
  } catch (const sim::SimRangeError& e) {
    throw FileInputError(file, "", std::string("the scenario leaves the simulator's 128-bit domain: ") + e.what());
  }

  write_file_atomic(out_dir + "/prices.csv", sim::prices_csv(scenario, result));
  write_file_atomic(out_dir + "/variants.csv", sim::variants_csv(scenario, result));
  write_file_atomic(out_dir + "/report.html", sim::report_html(scenario, result));
  write_file_atomic(out_dir + "/report.json", sim::report_json(scenario, result));

  std::cout << "scenario " << scenario.name << ", seed " << run_seed << ", " << result.accounts << " accounts, "
            << scenario.steps << " steps\n";
  for (const auto& v : result.variants) {
    const auto& m = v.metrics;
    std::cout << "  " << v.variant.name << ": liquidations " << m.liquidations << " (false " << m.false_liquidations
              << ", missed " << m.missed_liquidations << "), bad debt " << sim::fmt(m.bad_debt) << ", insurance fund "
              << sim::fmt(m.insurance_fund_end) << ", halted steps " << m.halted_steps << "\n";
  }
  std::cout << "report: " << out_dir << "/report.html\n";
  if (result.violation) {
    std::cerr << "error: " << sim::replay_hint(*result.violation, run_seed) << '\n';
    return kMismatch;
  }
  return kOk;
}

}  // namespace xm::cli
