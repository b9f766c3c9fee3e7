#pragma once
// The chain registry: which EVM chains hold collateral, how to reach them, when their data counts
// as final, and what to read there. Loaded from a `xmargin-chains/1` JSON file (docs/chains.md).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xm/chains/rpc.hpp"
#include "xm/engine/model.hpp"

namespace xm::chains {

// Which block a chain's balances are read at: a tag the node resolves ("finalized", "safe",
// "latest"), or the latest block minus N confirmations.
struct Finality {
  std::optional<BlockTag> tag;       // set: read at this tag
  std::uint64_t confirmations = 0;   // used when tag is unset
};

struct TokenConfig {
  AssetId asset;
  Address address{};
  std::optional<unsigned> decimals;  // when set, must equal the token's decimals() on chain
};

// A Chainlink AggregatorV3 feed read as one oracle source.
struct FeedConfig {
  AssetId asset;
  std::string source;          // the source name the oracle core sees
  Address address{};
  std::int64_t max_age_s = 3600;  // now − updatedAt beyond this: stale
  std::int64_t max_future_s = 5;  // updatedAt − now beyond this: future
};

struct ChainConfig {
  ChainParams params;  // id, name, collateral_weight, max_staleness_s
  std::string rpc_url;
  Finality finality;
  std::optional<AssetId> native_asset;  // the chain's coin as collateral (18 decimals)
  std::vector<TokenConfig> tokens;
  std::vector<FeedConfig> feeds;
};

struct AccountConfig {
  std::string id;
  Address address{};
};

struct Registry {
  std::vector<ChainConfig> chains;  // sorted by chain id, unique
  std::vector<AccountConfig> accounts;  // sorted by id, unique
  RpcOptions rpc;
};

// Parses and validates a registry document; throws json::InputError naming the JSON path.
Registry parse_registry(std::string_view json_text);

}  // namespace xm::chains
