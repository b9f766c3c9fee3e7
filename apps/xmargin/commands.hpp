#pragma once
// One function per subcommand, each in its own cmd_*.cpp.
#include "cli.hpp"

namespace xm::cli {
int cmd_verify(const Args& args);
int cmd_health(const Args& args);
int cmd_liquidate(const Args& args);
int cmd_oracle(const Args& args);
int cmd_simulate(const Args& args);
int cmd_keeper(const Args& args);
int cmd_collateral(const Args& args);
}  // namespace xm::cli
