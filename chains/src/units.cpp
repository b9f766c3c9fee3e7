#include "xm/chains/units.hpp"

namespace xm::chains {
namespace {

using Big = boost::multiprecision::cpp_int;

Big pow10(unsigned n) {
  Big p = 1;
  for (unsigned i = 0; i < n; ++i) p *= 10;
  return p;
}

Result<Wad, UnitsError> to_wad(const Big& raw) {
  static const Big max = (Big(1) << 255) - 1;
  static const Big min = -(Big(1) << 255);
  if (raw > max || raw < min) return Unexpected{UnitsError::overflow};
  auto w = Wad::from_raw(Int256(raw));
  if (!w) return Unexpected{UnitsError::overflow};
  return *w;
}

}  // namespace

const char* to_string(UnitsError e) noexcept {
  switch (e) {
    case UnitsError::overflow: return "overflow";
    case UnitsError::unsupported_decimals: return "unsupported_decimals";
  }
  return "unknown";
}

Result<Wad, UnitsError> token_amount_to_wad(const U256& amount, unsigned decimals) {
  const Big a(amount);
  if (decimals <= 18) return to_wad(a * pow10(18 - decimals));
  return to_wad(a / pow10(decimals - 18));  // non-negative: truncation is floor
}

Result<Wad, UnitsError> scaled_to_wad(const Int256& value, unsigned decimals) {
  if (decimals > 18) return Unexpected{UnitsError::unsupported_decimals};
  return to_wad(Big(value) * pow10(18 - decimals));
}

}  // namespace xm::chains
