// Thin adapters over the margin engine's SPEC §3 helpers (margin.hpp), in the throwing style the
// planner's inner loops use: one formula, one place.
#include "liquidation_maint.hpp"

#include "xm/engine/margin.hpp"

namespace xm::liq {
namespace {

Wad value_or_throw(const Result<Wad, MarginError>& r) {
  if (!r) throw ArithmeticError(r.error().code == MarginErrorCode::division_by_zero ? MathError::division_by_zero
                                                                                   : MathError::overflow);
  return r.value();
}

}  // namespace

Wad maint_pnl(const PerpMarket& market, const Wad& size, const Wad& quote, const Wad& price) {
  return value_or_throw(perp_pnl(market, size, quote, price, HealthType::maint));
}

Wad maint_requirement(const PerpMarket& market, const Wad& size, const Wad& price) {
  return value_or_throw(perp_requirement(market, size, price, HealthType::maint));
}

Wad maint_balance_value(const AssetParams& asset, const ChainParams& chain, const Wad& amount, const Wad& price) {
  return value_or_throw(balance_value(asset, chain, amount, price, /*stale=*/false, HealthType::maint));
}

}  // namespace xm::liq
