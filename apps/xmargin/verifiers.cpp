#include "verifiers.hpp"

namespace xm::cli {

std::span<const FormatVerifier> verifiers() {
  static const FormatVerifier table[] = {
      {"xmargin-math/1", verify_math},
      {"xmargin-liquidation/1", verify_liquidation},
      {"xmargin-margin/1", verify_margin},
      {"xmargin-oracle/1", verify_oracle},
      {"xmargin-scenario/1", verify_scenario},
  };
  return table;
}

}  // namespace xm::cli
