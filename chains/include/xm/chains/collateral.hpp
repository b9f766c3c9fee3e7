#pragma once
// Cross-chain collateral: every configured account's native and ERC-20 balances on every registry
// chain, read at that chain's final block, converted exactly to WAD, as the engine's per-(chain,
// asset) balances plus each chain's snapshot time (the block's own timestamp).
#include <cstdint>
#include <map>
#include <vector>

#include "xm/chains/registry.hpp"
#include "xm/chains/rpc.hpp"
#include "xm/engine/model.hpp"

namespace xm::chains {

struct ChainSnapshot {
  ChainId chain;
  std::uint64_t block_number = 0;
  crypto::Hash32 block_hash{};
  std::int64_t timestamp = 0;  // unix seconds by the chain's own clock: the engine's snapshot_ts
};

struct CollateralSnapshot {
  std::vector<ChainSnapshot> chains;  // registry order (by chain id)
  std::vector<Account> accounts;      // registry order (by id); balances by (chain, asset)

  std::map<ChainId, std::int64_t> snapshot_ts() const;
};

// The block a chain's data is read at, per its finality rule; checks eth_chainId against the
// registry first so a mis-pointed URL cannot pass one chain's balances off as another's.
ChainSnapshot final_block(RpcClient& rpc, const ChainConfig& chain);

// Reads balances on one chain at `at` (a block from final_block).
void read_chain_balances(RpcClient& rpc, const ChainConfig& chain, const std::vector<AccountConfig>& accounts,
                         const ChainSnapshot& at, std::vector<Account>& out);

// Everything in the registry; throws ChainError on any RPC failure (nothing partial is returned).
CollateralSnapshot read_collateral(const Registry& registry);

}  // namespace xm::chains
