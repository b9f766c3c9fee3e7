#include "xm/engine/params_check.hpp"

#include "xm/engine/decimal.hpp"

namespace xm {
namespace {

using Err = std::optional<ParamsError>;

Err fail(ParamsErrorCode code, std::string path, std::string reason) {
  return ParamsError{code, std::move(path), std::move(reason)};
}

bool in_unit_interval(const Wad& w) { return w.sign() >= 0 && w <= Wad::one(); }

Err check_asset(const AssetId& key, const AssetParams& a) {
  const std::string p = "params.assets." + key.value;
  if (a.id != key) return fail(ParamsErrorCode::id_mismatch, p, "entry id differs from its key");
  if (!in_unit_interval(a.init_asset_weight))
    return fail(ParamsErrorCode::asset_weight_out_of_range, p + ".init_asset_weight", "must be in [0, 1]");
  if (!in_unit_interval(a.maint_asset_weight))
    return fail(ParamsErrorCode::asset_weight_out_of_range, p + ".maint_asset_weight", "must be in [0, 1]");
  if (a.init_asset_weight > a.maint_asset_weight)
    return fail(ParamsErrorCode::asset_weights_misordered, p + ".init_asset_weight",
                "must be <= maint_asset_weight (init is the stricter view)");
  if (a.init_liab_weight < Wad::one())
    return fail(ParamsErrorCode::liab_weight_below_one, p + ".init_liab_weight", "must be >= 1");
  if (a.maint_liab_weight < Wad::one())
    return fail(ParamsErrorCode::liab_weight_below_one, p + ".maint_liab_weight", "must be >= 1");
  if (a.init_liab_weight < a.maint_liab_weight)
    return fail(ParamsErrorCode::liab_weights_misordered, p + ".init_liab_weight",
                "must be >= maint_liab_weight (init is the stricter view)");
  return std::nullopt;
}

Err check_chain(const ChainId& key, const ChainParams& c) {
  const std::string p = "params.chains." + std::to_string(key.value);
  if (c.id != key) return fail(ParamsErrorCode::id_mismatch, p, "entry id differs from its key");
  if (!in_unit_interval(c.collateral_weight))
    return fail(ParamsErrorCode::chain_weight_out_of_range, p + ".collateral_weight", "must be in [0, 1]");
  if (c.max_staleness_s < 0) return fail(ParamsErrorCode::negative_staleness, p + ".max_staleness_s", "must be >= 0");
  return std::nullopt;
}

Err check_tiers(const std::string& p, const PerpMarket& m) {
  if (m.tiers.empty()) return fail(ParamsErrorCode::no_tiers, p + ".tiers", "at least one tier is required");
  for (std::size_t i = 0; i < m.tiers.size(); ++i) {
    const Tier& t = m.tiers[i];
    const std::string tp = p + ".tiers[" + std::to_string(i) + "]";
    const bool last = i + 1 == m.tiers.size();
    if (i == 0 && !t.lo.is_zero()) return fail(ParamsErrorCode::first_tier_not_zero, tp + ".lo", "must be 0");
    if (i > 0 && !(m.tiers[i - 1].hi && *m.tiers[i - 1].hi == t.lo))
      return fail(ParamsErrorCode::tiers_not_contiguous, tp + ".lo", "must equal the previous tier's hi");
    if (last != !t.hi.has_value())
      return fail(ParamsErrorCode::last_tier_bounded, tp + ".hi",
                  last ? "the last tier must be unbounded (no hi)" : "only the last tier may be unbounded");
    if (t.hi && *t.hi <= t.lo) return fail(ParamsErrorCode::tier_empty, tp + ".hi", "must be > lo");
    if (t.mmr.sign() < 0) return fail(ParamsErrorCode::negative_rate, tp + ".mmr", "must be >= 0");
    if (t.imr < t.mmr) return fail(ParamsErrorCode::imr_below_mmr, tp + ".imr", "must be >= mmr");
    if (m.liquidation_fee >= t.mmr)
      return fail(ParamsErrorCode::liquidation_fee_not_below_mmr, p + ".liquidation_fee",
                  "must be < mmr of every tier (tier " + std::to_string(i) + " has mmr " + format_wad(t.mmr) + ")");
  }
  return std::nullopt;
}

Err check_market(const Params& params, const MarketId& key, const PerpMarket& m) {
  const std::string p = "params.markets." + key.value;
  if (m.id != key) return fail(ParamsErrorCode::id_mismatch, p, "entry id differs from its key");
  if (!params.assets.count(m.base))
    return fail(ParamsErrorCode::unknown_base_asset, p + ".base", "asset \"" + m.base.value + "\" is not in params.assets");
  if (m.lot_size.sign() <= 0) return fail(ParamsErrorCode::non_positive_lot_size, p + ".lot_size", "must be > 0");
  if (!in_unit_interval(m.init_pnl_weight))
    return fail(ParamsErrorCode::pnl_weight_out_of_range, p + ".init_pnl_weight", "must be in [0, 1]");
  if (!in_unit_interval(m.maint_pnl_weight))
    return fail(ParamsErrorCode::pnl_weight_out_of_range, p + ".maint_pnl_weight", "must be in [0, 1]");
  if (m.init_pnl_weight > m.maint_pnl_weight)
    return fail(ParamsErrorCode::pnl_weights_misordered, p + ".init_pnl_weight", "must be <= maint_pnl_weight");
  if (m.liquidation_fee.sign() < 0)
    return fail(ParamsErrorCode::liquidation_fee_not_below_mmr, p + ".liquidation_fee", "must be >= 0");
  if (!in_unit_interval(m.insurance_share))
    return fail(ParamsErrorCode::insurance_share_out_of_range, p + ".insurance_share", "must be in [0, 1]");
  return check_tiers(p, m);
}

}  // namespace

const char* to_string(ParamsErrorCode code) noexcept {
  switch (code) {
    case ParamsErrorCode::asset_weight_out_of_range: return "asset_weight_out_of_range";
    case ParamsErrorCode::asset_weights_misordered: return "asset_weights_misordered";
    case ParamsErrorCode::liab_weight_below_one: return "liab_weight_below_one";
    case ParamsErrorCode::liab_weights_misordered: return "liab_weights_misordered";
    case ParamsErrorCode::chain_weight_out_of_range: return "chain_weight_out_of_range";
    case ParamsErrorCode::negative_staleness: return "negative_staleness";
    case ParamsErrorCode::unknown_base_asset: return "unknown_base_asset";
    case ParamsErrorCode::non_positive_lot_size: return "non_positive_lot_size";
    case ParamsErrorCode::no_tiers: return "no_tiers";
    case ParamsErrorCode::first_tier_not_zero: return "first_tier_not_zero";
    case ParamsErrorCode::tiers_not_contiguous: return "tiers_not_contiguous";
    case ParamsErrorCode::tier_empty: return "tier_empty";
    case ParamsErrorCode::last_tier_bounded: return "last_tier_bounded";
    case ParamsErrorCode::negative_rate: return "negative_rate";
    case ParamsErrorCode::imr_below_mmr: return "imr_below_mmr";
    case ParamsErrorCode::pnl_weight_out_of_range: return "pnl_weight_out_of_range";
    case ParamsErrorCode::pnl_weights_misordered: return "pnl_weights_misordered";
    case ParamsErrorCode::liquidation_fee_not_below_mmr: return "liquidation_fee_not_below_mmr";
    case ParamsErrorCode::insurance_share_out_of_range: return "insurance_share_out_of_range";
    case ParamsErrorCode::negative_conf_multiplier: return "negative_conf_multiplier";
    case ParamsErrorCode::negative_liquidation_buffer: return "negative_liquidation_buffer";
    case ParamsErrorCode::id_mismatch: return "id_mismatch";
  }
  return "unknown_params_error";
}

std::optional<ParamsError> check_params(const Params& params) {
  for (const auto& [id, a] : params.assets)
    if (auto e = check_asset(id, a)) return e;
  for (const auto& [id, c] : params.chains)
    if (auto e = check_chain(id, c)) return e;
  for (const auto& [id, m] : params.markets)
    if (auto e = check_market(params, id, m)) return e;
  if (params.conf_multiplier.sign() < 0)
    return fail(ParamsErrorCode::negative_conf_multiplier, "params.conf_multiplier", "must be >= 0");
  if (params.liquidation_buffer.sign() < 0)
    return fail(ParamsErrorCode::negative_liquidation_buffer, "params.liquidation_buffer", "must be >= 0");
  return std::nullopt;
}

}  // namespace xm
