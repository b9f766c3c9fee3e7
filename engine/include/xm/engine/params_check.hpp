#pragma once
// Validation of margin parameters (SPEC §3–§4, issue 3), with one named error per rule and the
// path of the offending field. The first violation in a fixed order (assets, chains, markets by id,
// then globals) is reported, so the same params always give the same error.
#include <cstdint>
#include <optional>
#include <string>

#include "xm/engine/model.hpp"

namespace xm {

enum class ParamsErrorCode : std::uint8_t {
  asset_weight_out_of_range,      // asset weight not in [0, 1]
  asset_weights_misordered,       // init asset weight > maint asset weight
  liab_weight_below_one,          // liability weight < 1
  liab_weights_misordered,        // init liab weight < maint liab weight
  chain_weight_out_of_range,      // chain collateral weight not in [0, 1]
  negative_staleness,             // max_staleness_s < 0
  unknown_base_asset,             // market base asset not in params.assets
  non_positive_lot_size,
  no_tiers,
  first_tier_not_zero,            // lo_0 ≠ 0
  tiers_not_contiguous,           // lo_{i+1} ≠ hi_i
  tier_empty,                     // hi ≤ lo
  last_tier_bounded,              // the last tier must have hi = ∞ (and only the last)
  negative_rate,                  // mmr < 0
  imr_below_mmr,
  pnl_weight_out_of_range,        // pnl weight not in [0, 1]
  pnl_weights_misordered,         // init pnl weight > maint pnl weight
  liquidation_fee_not_below_mmr,  // liquidation_fee ≥ mmr of some tier, or < 0
  insurance_share_out_of_range,   // not in [0, 1]
  negative_conf_multiplier,
  negative_liquidation_buffer,
  id_mismatch,                    // a map key differs from the entry's own id
};
const char* to_string(ParamsErrorCode code) noexcept;

struct ParamsError {
  ParamsErrorCode code;
  std::string path;    // "params.markets.ETH-PERP.tiers[1].imr"
  std::string reason;  // human text
};

// nullopt when every rule holds.
std::optional<ParamsError> check_params(const Params& params);

}  // namespace xm
