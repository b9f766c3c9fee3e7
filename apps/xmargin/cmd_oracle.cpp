// xmargin oracle FILE [--json]: replays an xmargin-oracle/1 file's rounds through the oracle core
// and prints each asset's price, confidence, status and dropped quotes per round.
#include <iostream>

#include "commands.hpp"
#include "oracle_replay.hpp"
#include "xm/engine/decimal.hpp"

namespace xm::cli {

int cmd_oracle(const Args& args) {
  ArgScanner scan("oracle", args);
  const bool as_json = scan.flag("--json");
  const std::string file = scan.positionals(1, 1).front();
  OracleReplay replay;
  try {
    const json::Value doc = json::parse(read_file(file));
    replay = replay_oracle(codec::decode_oracle_fixture(json::JsonRef(doc, "")));
  } catch (const json::InputError& e) {
    throw FileInputError(file, e.path(), e.reason());
  }
  if (as_json) {
    std::cout << codec::encode_oracle_report(replay);
    return kOk;
  }
  for (const auto& [now, report] : replay) {
    for (const auto& [asset, r] : report) {
      std::cout << "now=" << now << ' ' << asset.value << ' ' << oracles::to_string(r.status)
                << " price=" << (r.price ? format_wad(*r.price) : "none")
                << " conf=" << (r.conf ? format_wad(*r.conf) : "none") << " used=" << r.used.size();
      if (r.breaker_tripped) std::cout << " breaker_tripped";
      for (const auto& d : r.dropped) std::cout << ' ' << codec::describe(d);
      std::cout << '\n';
    }
  }
  return kOk;
}

}  // namespace xm::cli
