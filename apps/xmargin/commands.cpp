#include "commands.hpp"

namespace xm::cli {

std::span<const Command> commands() {
  static const Command table[] = {
      {"verify", "FILE... [--quiet]", "check every expectation in fixture files (exit 1 on any mismatch)", cmd_verify},
      {"health", "FILE [--json]", "account health (init/maint) for a margin fixture", cmd_health},
      {"liquidate", "FILE [--json]", "liquidation plan and certificate for a margin fixture", cmd_liquidate},
      {"oracle", "FILE [--json]", "replay oracle rounds: prices, status, dropped quotes", cmd_oracle},
      {"simulate", "FILE --out DIR [--seed N]", "seeded oracle-failure simulation with an HTML report", cmd_simulate},
      {"keeper", "--config FILE [--dry-run]", "liquidation keeper bot against EVM chains", cmd_keeper},
      {"collateral", "--config FILE [--json] [--now T] [--watch-ms N [--rounds K]]", "cross-chain balances and price feeds from EVM RPC endpoints", cmd_collateral},
  };
  return table;
}

}  // namespace xm::cli
