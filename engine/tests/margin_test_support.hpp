#pragma once
// Small builders shared by the margin unit tests.
#include "xm/engine/decimal.hpp"
#include "xm/engine/margin.hpp"

namespace xm::testing {

inline Wad W(const char* text) { return parse_wad(text).value(); }

// USDC (weights 1), ETH (0.8/0.9 assets, 1.2/1.1 liabilities); chains 1 (weight 1) and 42161 (0.9,
// 60 s); ETH-PERP with brackets [0, 100000) 0.1/0.05 and [100000, ∞) 0.2/0.1, pnl weights 0.5/0.8.
inline MarketState basic_state() {
  MarketState s;
  s.params.assets[AssetId{"USDC"}] = AssetParams{AssetId{"USDC"}, W("1"), W("1"), W("1"), W("1")};
  s.params.assets[AssetId{"ETH"}] = AssetParams{AssetId{"ETH"}, W("0.8"), W("0.9"), W("1.2"), W("1.1")};
  s.params.chains[ChainId{1}] = ChainParams{ChainId{1}, "ethereum", W("1"), 120};
  s.params.chains[ChainId{42161}] = ChainParams{ChainId{42161}, "arbitrum", W("0.9"), 60};
  PerpMarket m;
  m.id = MarketId{"ETH-PERP"};
  m.base = AssetId{"ETH"};
  m.lot_size = W("0.001");
  m.tiers = {Tier{W("0"), W("100000"), W("0.1"), W("0.05")}, Tier{W("100000"), std::nullopt, W("0.2"), W("0.1")}};
  m.init_pnl_weight = W("0.5");
  m.maint_pnl_weight = W("0.8");
  m.liquidation_fee = W("0.01");
  m.insurance_share = W("0.5");
  s.params.markets[m.id] = m;
  s.prices[AssetId{"USDC"}] = Price{W("1"), W("0"), PriceStatus::ok};
  s.prices[AssetId{"ETH"}] = Price{W("2000"), W("0"), PriceStatus::ok};
  s.now = 1000;
  s.chain_snapshot_ts[ChainId{1}] = 990;
  s.chain_snapshot_ts[ChainId{42161}] = 990;
  return s;
}

}  // namespace xm::testing
