#pragma once
// The liquidation planner (SPEC §4) as a pure function:
//   (params, prices with status, account, insurance fund balance) → plan, or a named refusal.
//
// The plan is a list of steps, each closing part of one perp position at the maint price (or
// repaying part of one borrow from one collateral balance), with the fee split, the health before
// and after, and the bad-debt waterfall at the end. Decisions where the SPEC is open (step order,
// sign of δ, fee split rounding, borrow bonus, bad-debt credit) are in docs/liquidation.md.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "xm/engine/model.hpp"
#include "xm/engine/result.hpp"
#include "xm/engine/wad.hpp"

namespace xm {

// Bounds (DESIGN.md §6): an account larger than this is refused rather than planned slowly.
inline constexpr std::size_t kMaxLiquidationPositions = 256;  // perps + isolated + balances

struct LiquidationConfig {
  // The liquidator's bonus on a borrow repayment: collateral seized = repaid value × (1 + fee).
  // Borrows belong to no market, so they have no `liquidation_fee` of their own (docs/liquidation.md).
  Wad borrow_liquidation_fee = Wad::zero();
};

enum class StepKind : std::uint8_t { isolated_perp, cross_perp, borrow };
const char* to_string(StepKind kind) noexcept;

struct LiquidationStep {
  StepKind kind = StepKind::cross_perp;
  // Perp steps (isolated_perp, cross_perp).
  MarketId market;
  std::size_t position_index = 0;  // index in account.perps or account.isolated
  Wad size_before;                 // the position's size before the step
  Wad delta;                       // base units closed, same sign as size_before: size_after = size_before − delta
  bool whole_position = false;     // delta = size_before (the target was not reached earlier)
  Wad lot_size;                    // the market's; |delta| = lots · lot_size + remainder (only a whole position has one)
  Wad price;                       // maint price of the base asset
  Wad quote_in;                    // mul(delta, price, floor): moved into the position's quote
  Wad fee_uncapped;                // mul(mul(|delta|, price, ceil), liquidation_fee, ceil)
  Wad fee;                         // charged: max(0, min(fee_uncapped, maint equity after the close))
  Wad fee_to_insurance;            // mul(fee, insurance_share, floor)
  Wad fee_to_liquidator;           // fee − fee_to_insurance
  // Borrow steps: the liquidator repays `repaid` of the borrowed asset and receives `seized` of the
  // collateral asset.
  AssetId borrow_asset;
  ChainId borrow_chain;
  Wad borrow_price;
  Wad repaid;
  AssetId collateral_asset;
  ChainId collateral_chain;
  Wad collateral_price;
  Wad seized;
  // Health of what is being liquidated: the cross pool, or the isolated position (maint).
  Wad health_before;
  Wad health_after;
  Wad requirement_after;
  Wad target_after;  // mul(liquidation_buffer, requirement_after, ceil)
};

// Bad debt of one pool (an isolated position, or the cross pool), covered in this order.
struct BadDebt {
  bool isolated = false;
  std::size_t position_index = 0;  // isolated only
  MarketId market;                 // isolated only
  Wad amount;                      // −(maint equity) once everything is closed, > 0
  Wad insurance_paid;
  Wad socialized;
};

// What the liquidator ends up holding: the positions it took over and what it received.
struct LiquidatorLedger {
  std::map<MarketId, std::pair<Wad, Wad>> perps;                // market → (size, quote)
  std::map<std::pair<ChainId, AssetId>, Wad> balances;          // collateral received − borrow repaid
  Wad fees;                                                     // Σ fee_to_liquidator (USD)
};

struct LiquidationPlan {
  std::vector<LiquidationStep> steps;
  Account account_after;      // positions and balances after every step (before any bad-debt credit)
  Wad cross_health_before;    // maint
  Wad cross_health_after;     // maint, before the bad-debt credit
  Wad cross_requirement_after;
  Wad cross_target_after;
  bool cross_liquidated = false;   // the cross pool was liquidatable
  std::vector<BadDebt> bad_debts;  // isolated positions (index order), then the cross pool
  Wad bad_debt;                    // Σ amount
  Wad insurance_paid;              // Σ insurance_paid
  Wad socialized_loss;             // Σ socialized: the loss spread over all depositors (docs)
  Wad cross_credit;                // USD credited to the cross pool by the waterfall
  Wad insurance_fund_before;
  Wad insurance_fund_after;        // before + Σ fee_to_insurance − insurance_paid
  LiquidatorLedger liquidator;
};

enum class RefusalReason : std::uint8_t {
  not_liquidatable,     // maint health ≥ 0 for the cross pool and every isolated position
  price_missing,        // an asset the account depends on has no price
  price_not_ok,         // … has a price whose status is not `ok` (halted, insufficient, degraded)
  unpriceable,          // … has a price ≤ 0
  unknown_market,
  unknown_asset,
  unknown_chain,
  duplicate_position,   // two cross perps on one market, or two balances on one (chain, asset)
  invalid_input,        // negative insurance fund, borrow fee < 0, account over the bounds
  overflow,             // an intermediate left int256 (where Solidity 0.8 would revert)
};
const char* to_string(RefusalReason reason) noexcept;

struct LiquidationRefusal {
  RefusalReason reason = RefusalReason::invalid_input;
  std::string subject;  // the asset, market or field concerned ("ETH", "perps[1]")
  std::string detail;   // e.g. the price status "halted"
  std::string message() const;  // "<reason>: <subject> (<detail>)"
};

// Plans the liquidation of one account. Params must have passed the margin engine's check_params
// (liquidation_fee < mmr of every tier is what makes health grow with |δ|). Deterministic: the same
// inputs give the same plan, bit for bit.
Result<LiquidationPlan, LiquidationRefusal> plan_liquidation(const Params& params, const PriceSet& prices,
                                                             const Account& account, const Wad& insurance_fund,
                                                             const LiquidationConfig& config = {});

}  // namespace xm
