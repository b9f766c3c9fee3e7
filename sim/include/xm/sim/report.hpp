#pragma once
// Report writers. Each returns the whole file as a string (the CLI writes them atomically, the
// JSON last): byte-identical for the same scenario and seed — integers and canonical decimals
// only, fixed key order, no clock, no floating point (chart coordinates are integer arithmetic).
#include <string>

#include "xm/sim/run.hpp"

namespace xm::sim {

inline constexpr const char* kReportFormat = "xmargin-report/1";

std::string report_json(const Scenario& s, const RunResult& r);
std::string report_html(const Scenario& s, const RunResult& r);
// step, ts, then per asset: true, oracle (defended), status, oracle (undefended), status.
std::string prices_csv(const Scenario& s, const RunResult& r);
// step, then per variant: liquidations, insurance fund, cumulative bad debt.
std::string variants_csv(const Scenario& s, const RunResult& r);

const char* status_name(PriceStatus st) noexcept;

}  // namespace xm::sim
