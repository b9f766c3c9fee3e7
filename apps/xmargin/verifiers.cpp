#include "verifiers.hpp"

namespace xm::cli {

std::span<const FormatVerifier> verifiers() {
  static const FormatVerifier table[] = {
      {"xmargin-math/1", verify_math},
  };
  return table;
}

}  // namespace xm::cli
