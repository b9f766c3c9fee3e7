#pragma once
// `xmargin-scenario/1` JSON → Scenario, with every rule checked and every error naming its JSON path
// (json::InputError). `base_dir` resolves recorded-path CSV files ("" = the working directory).
#include <string>
#include <string_view>

#include "xm/codec/json.hpp"
#include "xm/sim/scenario.hpp"

namespace xm::sim {

inline constexpr std::string_view kScenarioFormat = "xmargin-scenario/1";

Scenario parse_scenario(const json::JsonRef& root, const std::string& base_dir);

// A recorded price path from CSV text: a header line naming the columns (the first is "step"),
// then one row per step 0, 1, 2, … with decimal prices. Errors name `where` and the line.
std::vector<i128> parse_path_csv(std::string_view text, const std::string& column, const std::string& where);

}  // namespace xm::sim
