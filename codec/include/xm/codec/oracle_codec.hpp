#pragma once
// JSON for the oracle layer: the `xmargin-oracle/1` fixture format (docs/formats/oracle.md) and the
// report written by `xmargin oracle --json`. Domain types never see JSON; this file translates.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "xm/codec/json.hpp"
#include "xm/oracles/oracle.hpp"

namespace xm::codec {

// Expectations of one asset in one round; absent fields are not checked.
struct OracleExpect {
  std::string path;                     // JSON path of the block, for check names
  std::optional<std::string> status;    // ok | degraded | insufficient | halted
  std::optional<std::string> price;     // canonical decimal, or "none"
  std::optional<std::string> conf;
  std::optional<std::string> median;
  std::optional<bool> breaker_tripped;
  std::optional<std::vector<std::string>> used;     // sorted source names
  std::optional<std::vector<std::string>> dropped;  // "source:reason" or "source:reason:detail"
};

struct OracleRound {
  std::int64_t now = 0;
  std::map<AssetId, oracles::RoundInput> inputs;
  std::map<AssetId, OracleExpect> expect;
};

struct OracleFixture {
  std::map<AssetId, oracles::Policy> policies;  // normalized and checked
  std::vector<OracleRound> rounds;
};

// Throws json::InputError naming the JSON path on any malformed or inconsistent input.
OracleFixture decode_oracle_fixture(const json::JsonRef& root);
oracles::Policy decode_policy(const json::JsonRef& policy);

// "source:reason" or "source:reason:detail" (when the detail is not empty).
std::string describe(const oracles::Dropped& d);

// {"format":"xmargin-oracle-report/1","rounds":[{"now":…,"assets":{…}}]} — one object per round.
std::string encode_oracle_report(const std::vector<std::pair<std::int64_t, oracles::RoundReport>>& rounds);

}  // namespace xm::codec
