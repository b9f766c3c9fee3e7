#pragma once
// The engine's input data model (SPEC §2–§4): parameters, prices, chain snapshots and accounts.
// Plain value types; the codec layer fills them from JSON and validates them (see params_check).
// Collections are sorted vectors or std::map so that iteration order — which reaches outputs,
// digests and liquidation order — never depends on a hash.
#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "xm/engine/wad.hpp"

namespace xm {

// Strong ids: an asset, a chain or a market is never confused with another string or number.
struct AssetId {
  std::string value;
  auto operator<=>(const AssetId&) const = default;
};
struct MarketId {
  std::string value;
  auto operator<=>(const MarketId&) const = default;
};
struct ChainId {
  std::uint64_t value = 0;
  auto operator<=>(const ChainId&) const = default;
};

struct AssetParams {
  AssetId id;
  Wad init_asset_weight;  // ≤ 1
  Wad maint_asset_weight; // ≤ 1, ≥ init
  Wad init_liab_weight;   // ≥ 1
  Wad maint_liab_weight;  // ≥ 1, ≤ init
};

struct ChainParams {
  ChainId id;
  std::string name;
  Wad collateral_weight = Wad::one();  // ≤ 1
  std::int64_t max_staleness_s = 0;
};

// A progressive bracket [lo, hi) of notional; hi = nullopt is +∞ (the last tier).
struct Tier {
  Wad lo;
  std::optional<Wad> hi;
  Wad imr;  // ≥ mmr
  Wad mmr;
};

struct PerpMarket {
  MarketId id;
  AssetId base;
  Wad lot_size;                // > 0, base units
  std::vector<Tier> tiers;     // lo_0 = 0, contiguous
  Wad init_pnl_weight;         // ≤ 1
  Wad maint_pnl_weight;        // ≤ 1
  Wad liquidation_fee;         // < mmr of every tier
  Wad insurance_share;         // in [0, 1]: the insurance fund's part of the fee
};

struct Params {
  std::map<AssetId, AssetParams> assets;
  std::map<ChainId, ChainParams> chains;
  std::map<MarketId, PerpMarket> markets;
  Wad conf_multiplier = Wad::zero();
  Wad liquidation_buffer = Wad::zero();
};

enum class PriceStatus : std::uint8_t { ok, degraded, insufficient, halted };

struct Price {
  Wad price;  // > 0
  Wad conf;   // ≥ 0
  PriceStatus status = PriceStatus::ok;
};

using PriceSet = std::map<AssetId, Price>;

struct Balance {
  ChainId chain;
  AssetId asset;
  Wad amount;  // negative = borrow
};

struct PerpPosition {
  MarketId market;
  Wad size;   // base units, signed
  Wad quote;  // USD cash incl. entry cost, realized PnL and funding
};

struct IsolatedPosition {
  MarketId market;
  Wad size;
  Wad quote;
  Wad collateral;  // USD, its own
};

struct Account {
  std::string id;
  std::vector<Balance> balances;
  std::vector<PerpPosition> perps;            // cross
  std::vector<IsolatedPosition> isolated;
};

// Everything a margin evaluation depends on besides the account.
struct MarketState {
  Params params;
  PriceSet prices;
  std::map<ChainId, std::int64_t> chain_snapshot_ts;  // unix seconds of each chain's snapshot
  std::int64_t now = 0;                               // unix seconds
};

}  // namespace xm
