#pragma once
// Margin evaluation per SPEC §2–§3 (standard mode): init and maint equity, requirement and health
// of cross accounts and isolated positions, liquidation prices, and per-position helpers for the
// liquidation planner. Pure: values in, values out; every failure is a MarginError value.
//
// Order of operations (part of the contract, so that a Solidity port gives the same integers):
//   equity      = Σ balance values (input order), then + Σ cross perp pnl (input order)
//   requirement = Σ cross perp requirements (input order)
//   health      = equity − requirement
// each partial sum checked against int256 like Solidity 0.8. See docs/margin.md.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "xm/engine/model.hpp"
#include "xm/engine/result.hpp"
#include "xm/engine/wad.hpp"

namespace xm {

enum class MarginErrorCode : std::uint8_t {
  overflow,                // an int256 result out of range, where Solidity 0.8 would revert
  division_by_zero,        // cannot happen with validated params; kept for completeness
  unknown_asset,           // a balance or a market's base names an asset not in params
  unknown_market,          // a position names a market not in params
  unknown_chain,           // a balance names a chain not in params
  missing_chain_snapshot,  // a balance's chain has no snapshot time
  missing_price,           // an asset the account depends on has no price
  unpriceable_asset,       // p ≤ 0, or p_lo = p − mul(k, c, ceil) ≤ 0 (SPEC §2)
};
const char* to_string(MarginErrorCode code) noexcept;

struct MarginError {
  MarginErrorCode code = MarginErrorCode::overflow;
  std::string where;  // what failed, e.g. "perps[1] (ETH-PERP)" or "asset ETH"
  std::string message() const;  // "<code>: <where>"
};

enum class HealthType : std::uint8_t { init, maint };

// One asset's prices after the conf band (SPEC §2).
struct ResolvedPrice {
  Wad maint;  // p
  Wad lo;     // p − mul(k, c, ceil), > 0
  Wad hi;     // p + mul(k, c, ceil)
  PriceStatus status = PriceStatus::ok;
};

struct HealthSide {
  Wad equity;
  Wad requirement;
  Wad health;  // equity − requirement
};

struct BalanceResult {
  ChainId chain;
  AssetId asset;
  Wad amount;
  Wad value_init;   // 0 for a positive balance on a stale chain
  Wad value_maint;
  bool stale = false;  // its chain's snapshot is older than max_staleness_s
};

struct PositionResult {
  MarketId market;
  Wad size;
  Wad quote;
  Wad notional_init;   // mul(|size|, p_hi, ceil)
  Wad notional_maint;  // mul(|size|, p, ceil)
  Wad pnl_init;        // weighted as in SPEC §3 (positive pnl × pnl weight, floor)
  Wad pnl_maint;
  Wad requirement_init;
  Wad requirement_maint;
  // The maint price of the base asset at which the account (cross) or the position (isolated)
  // becomes liquidatable, other prices fixed (docs/margin.md): longs the highest integer wei price
  // ≤ p with maint health < 0, shorts the lowest ≥ p; nullopt = "none" (no price in range does it).
  std::optional<Wad> liquidation_price;
  // The search proves its answer with bounds; on a pathologically flat health curve (hedged
  // exposure with health within a few wei of 0 over a huge range) it gives up after a fixed budget
  // instead of running unbounded: then liquidation_price is nullopt and this flag is set.
  bool liquidation_price_unresolved = false;
};

struct IsolatedResult {
  PositionResult position;
  Wad collateral;
  HealthSide init;   // equity = collateral + pnl
  HealthSide maint;
  bool liquidatable = false;  // maint.health < 0
};

struct AccountResult {
  std::string id;
  HealthSide init;   // the cross pool
  HealthSide maint;
  bool liquidatable = false;               // maint.health < 0 (SPEC §3)
  std::optional<Wad> margin_ratio;         // div(maint.requirement, maint.equity, ceil) if equity > 0
  Wad free_collateral;                     // max(init.health, 0)
  bool stale_chain = false;                // maint depends on a balance held on a stale chain
  std::vector<AssetId> non_ok_prices;      // assets used (cross or isolated) whose status is not ok, sorted
  std::vector<BalanceResult> balances;     // input order
  std::vector<PositionResult> perps;       // cross perps, input order
  std::vector<IsolatedResult> isolated;    // input order
};

struct EvalOptions {
  bool liquidation_prices = true;  // the search costs ~100 health evaluations per base asset
};

// Resolved once per round: prices after the conf band and per-chain staleness. Holds a pointer to
// `state`, which must outlive the context. Params must have passed check_params (params_check.hpp).
class MarginContext {
 public:
  static Result<MarginContext, MarginError> make(const MarketState& state);

  const MarketState& state() const noexcept { return *state_; }
  const Params& params() const noexcept { return state_->params; }
  // The prices of an asset: missing_price / unpriceable_asset / unknown_asset as an error.
  Result<ResolvedPrice, MarginError> price(const AssetId& asset) const;
  // unknown_chain / missing_chain_snapshot as an error; true when now − ts > max_staleness_s.
  Result<bool, MarginError> chain_stale(const ChainId& chain) const;
  Result<const PerpMarket*, MarginError> market(const MarketId& id) const;

 private:
  explicit MarginContext(const MarketState& s) : state_(&s) {}
  const MarketState* state_;
  std::map<AssetId, Result<ResolvedPrice, MarginError>> prices_;
};

// Full evaluation of one account.
Result<AccountResult, MarginError> evaluate(const MarginContext& ctx, const Account& account,
                                            const EvalOptions& options = {});

// ---- Helpers (what the liquidation planner needs); each is one line of SPEC §3. ----

// Cross pool only (balances + cross perps), init or maint; no per-position detail, no search.
Result<HealthSide, MarginError> cross_health(const MarginContext& ctx, const Account& account, HealthType type);
// One isolated position: collateral + pnl − requirement.
Result<HealthSide, MarginError> isolated_health(const MarginContext& ctx, const IsolatedPosition& position,
                                                HealthType type);
// pnl = mul(size, price, floor) + quote; if > 0, × the market's init/maint pnl weight (floor).
Result<Wad, MarginError> perp_pnl(const PerpMarket& market, const Wad& size, const Wad& quote, const Wad& price,
                                  HealthType type);
// notional = mul(|size|, price, ceil).
Result<Wad, MarginError> perp_notional(const Wad& size, const Wad& price);
// Σ_tiers mul(clamp(notional − lo, 0, hi − lo), rate, ceil) with rate = imr (init) or mmr (maint).
Result<Wad, MarginError> tier_requirement(const PerpMarket& market, const Wad& notional, HealthType type);
// tier_requirement(perp_notional(size, price)).
Result<Wad, MarginError> perp_requirement(const PerpMarket& market, const Wad& size, const Wad& price,
                                          HealthType type);
// Value of one balance (SPEC §3) at the given price, asset weights and chain weight; `stale` only
// matters for init (a positive stale balance is worth 0 there).
Result<Wad, MarginError> balance_value(const AssetParams& asset, const ChainParams& chain, const Wad& amount,
                                       const Wad& price, bool stale, HealthType type);

}  // namespace xm
