#pragma once
// Batch re-margin of the cross pool (balances + cross perps; isolated positions are not part of it)
// with native 128-bit arithmetic (xm::fast), for keepers and the benchmark. Wherever the fast path
// cannot answer — a value outside int128, an unknown id, any error — the caller falls back to the
// 256-bit health_summary, so the results are the same bits as the 256-bit path (tested).
#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "xm/engine/margin.hpp"
#include "xm/engine/wad_fast.hpp"

namespace xm {

// The cross pool's init and maint sides, without per-position detail or liquidation prices.
struct HealthSummary {
  HealthSide init;
  HealthSide maint;
  bool liquidatable = false;  // maint.health < 0
};

// The 256-bit path: one pass over balances and cross perps, same order and rounding as evaluate().
Result<HealthSummary, MarginError> health_summary(const MarginContext& ctx, const Account& account);

// Accounts in a dense form: ids resolved to table indices, amounts as int128.
struct FastBook {
  struct BalanceRow {
    fast::i128 amount;
    std::uint32_t slot;  // (asset, chain) index into FastMargin's tables
  };
  struct PerpRow {
    fast::i128 size;
    fast::i128 quote;
    std::uint32_t market;
  };
  std::vector<BalanceRow> balances;
  std::vector<PerpRow> perps;
  std::vector<std::uint32_t> balance_end;  // per account: one past its last row
  std::vector<std::uint32_t> perp_end;
  std::vector<std::uint8_t> dense;         // 0: the account could not be made dense (use the slow path)
  std::size_t size() const noexcept { return dense.size(); }
};

struct FastHealth {
  fast::i128 init_equity = 0, init_requirement = 0;
  fast::i128 maint_equity = 0, maint_requirement = 0;
};

class FastMargin {
 public:
  // Tables for one round; params or prices outside int128 simply make the affected rows slow.
  explicit FastMargin(const MarginContext& ctx);

  // Appends an account to the book (dense when every id resolves and every value fits int128).
  void add(FastBook& book, const Account& account);
  // nullopt: no fast answer (not dense, or an intermediate left int128) — use health_summary.
  std::optional<FastHealth> health(const FastBook& book, std::size_t index) const noexcept;

  static HealthSummary to_summary(const FastHealth& h);

 private:
  struct Slot {  // one (asset, chain) pair
    fast::i128 p, lo, hi;
    fast::i128 init_asset_w, maint_asset_w, init_liab_w, maint_liab_w, chain_w;
    bool stale;
  };
  struct FastTier {
    fast::i128 lo, hi, imr, mmr;
    bool bounded;
  };
  struct Market {
    fast::i128 p, lo, hi;
    fast::i128 init_pnl_w, maint_pnl_w;
    std::uint32_t tier_begin, tier_end;
  };
  const MarginContext* ctx_;
  std::vector<Slot> slots_;
  std::vector<Market> markets_;
  std::vector<FastTier> tiers_;
  std::map<std::pair<AssetId, ChainId>, std::optional<std::uint32_t>> slot_index_;
  std::map<MarketId, std::optional<std::uint32_t>> market_index_;

  std::optional<std::uint32_t> slot_of(const AssetId& asset, const ChainId& chain);
  std::optional<std::uint32_t> market_of(const MarketId& id);
};

}  // namespace xm
