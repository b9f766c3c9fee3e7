#pragma once
// Random margin cases for the engine ≡ EVM differential, and their ABI form for
// MarginReference.evaluate (chains/evm/contracts/MarginReference.sol).
//
// Three regimes per case: ordinary values (most cases evaluate), 1-wei rounding edges (tiny prices,
// amounts and weights one wei off round numbers, so floor and ceil differ by exactly one), and
// near-overflow values (magnitudes near 2^255, powers of two, −2^255, huge rates and weights), so
// that a good share of cases overflows — each must overflow in both or in neither.
#include <cstdint>
#include <string>
#include <vector>

#include "../../../engine/tests/seeded.hpp"
#include "xm/chains/abi.hpp"
#include "xm/engine/model.hpp"

namespace xm::chains::live {

enum class Regime : std::uint8_t { ordinary, rounding, overflow };

struct MarginCase {
  Regime regime = Regime::ordinary;
  MarketState state;
  Account account;
};

class CaseGen {
 public:
  explicit CaseGen(std::uint64_t seed) : r_(seed) {}
  MarginCase next();

 private:
  std::uint64_t below(std::uint64_t n) { return r_.below(n); }
  bool chance(std::uint64_t percent) { return r_.below(100) < percent; }
  Int256 bits(unsigned n);                 // uniform in [0, 2^n)
  Int256 magnitude(Regime g);              // ≥ 0
  Int256 signed_value(Regime g);
  Int256 unit_weight(Regime g);            // in [0, 1]
  Int256 liab_weight(Regime g);            // ≥ 1
  Int256 rate(Regime g);                   // ≥ 1 wei
  Int256 price(Regime g);                  // > 0
  testing::SplitMix64 r_;
};

// The `Input` tuple of MarginReference.evaluate, and the function's full signature.
abi::Value to_abi_input(const MarketState& state, const Account& account);
const std::string& evaluate_signature();
// The `Result` tuple type, for decoding.
abi::Type result_type();

}  // namespace xm::chains::live
