#include "xm/chains/collateral.hpp"

#include <algorithm>

#include "xm/chains/abi.hpp"
#include "xm/chains/units.hpp"

namespace xm::chains {
namespace {

// A uint256 view function with no arguments or one address argument, at a fixed block.
U256 view_uint(RpcClient& rpc, const Address& contract, const std::string& signature, const std::vector<abi::Value>& args,
               std::uint64_t block, unsigned bits) {
  const CallResult r = rpc.call(CallRequest{std::nullopt, contract, 0, abi::call_data(signature, args)}, block);
  if (r.reverted) {
    throw ChainError(ErrorKind::reverted, signature + " on " + to_0x(contract) + " reverted" +
                                              (r.message.empty() ? "" : ": " + r.message));
  }
  if (r.data.empty()) throw ChainError(ErrorKind::bad_response, signature + " on " + to_0x(contract) + ": no code or empty reply");
  return abi::decode({abi::Type::uint(bits)}, r.data).at(0).as_uint();
}

Wad to_wad_or_throw(const U256& amount, unsigned decimals, const std::string& what) {
  auto w = token_amount_to_wad(amount, decimals);
  if (!w) throw ChainError(ErrorKind::bad_response, what + ": balance " + amount.str() + " does not fit int256 as WAD");
  return *w;
}

}  // namespace

std::map<ChainId, std::int64_t> CollateralSnapshot::snapshot_ts() const {
  std::map<ChainId, std::int64_t> out;
  for (const auto& c : chains) out[c.chain] = c.timestamp;
  return out;
}

ChainSnapshot final_block(RpcClient& rpc, const ChainConfig& chain) {
  const std::uint64_t id = rpc.chain_id();
  if (id != chain.params.id.value) {
    throw ChainError(ErrorKind::bad_response, "chain " + chain.params.name + ": " + rpc.endpoint() +
                                                  " reports chain id " + std::to_string(id) + ", the registry says " +
                                                  std::to_string(chain.params.id.value));
  }
  BlockRef ref;
  if (chain.finality.tag) {
    ref = *chain.finality.tag;
  } else {
    const std::uint64_t latest = rpc.block_number();
    if (latest < chain.finality.confirmations) {
      throw ChainError(ErrorKind::not_mined, "chain " + chain.params.name + ": no block has " +
                                                 std::to_string(chain.finality.confirmations) + " confirmations yet");
    }
    ref = latest - chain.finality.confirmations;
  }
  const auto header = rpc.block(ref);
  if (!header) throw ChainError(ErrorKind::not_mined, "chain " + chain.params.name + ": block " + to_param(ref) + " not available");
  return ChainSnapshot{chain.params.id, header->number, header->hash, header->timestamp};
}

void read_chain_balances(RpcClient& rpc, const ChainConfig& chain, const std::vector<AccountConfig>& accounts,
                         const ChainSnapshot& at, std::vector<Account>& out) {
  // Token decimals once per token, at the same block as the balances.
  std::vector<unsigned> decimals;
  for (const auto& t : chain.tokens) {
    const auto d = static_cast<unsigned>(view_uint(rpc, t.address, "decimals()", {}, at.block_number, 8));
    if (t.decimals && *t.decimals != d) {
      throw ChainError(ErrorKind::bad_response, "chain " + chain.params.name + ": token " + t.asset.value + " at " +
                                                    to_0x(t.address) + " has " + std::to_string(d) +
                                                    " decimals, the registry says " + std::to_string(*t.decimals));
    }
    decimals.push_back(d);
  }
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    const AccountConfig& a = accounts[i];
    Account& acc = out.at(i);
    if (chain.native_asset) {
      const U256 wei = rpc.balance(a.address, at.block_number);
      acc.balances.push_back(Balance{chain.params.id, *chain.native_asset, to_wad_or_throw(wei, 18, a.id)});
    }
    for (std::size_t t = 0; t < chain.tokens.size(); ++t) {
      const TokenConfig& tok = chain.tokens[t];
      const U256 units = view_uint(rpc, tok.address, "balanceOf(address)", {abi::Value::address(a.address)},
                                   at.block_number, 256);
      acc.balances.push_back(Balance{chain.params.id, tok.asset, to_wad_or_throw(units, decimals[t], a.id)});
    }
  }
}

CollateralSnapshot read_collateral(const Registry& registry) {
  CollateralSnapshot snap;
  for (const auto& a : registry.accounts) snap.accounts.push_back(Account{a.id, {}, {}, {}});
  for (const auto& chain : registry.chains) {
    RpcClient rpc(chain.rpc_url, registry.rpc);
    const ChainSnapshot at = final_block(rpc, chain);
    read_chain_balances(rpc, chain, registry.accounts, at, snap.accounts);
    snap.chains.push_back(at);
  }
  for (auto& acc : snap.accounts) {
    std::sort(acc.balances.begin(), acc.balances.end(), [](const Balance& x, const Balance& y) {
      return std::tie(x.chain, x.asset) < std::tie(y.chain, y.asset);
    });
  }
  return snap;
}

}  // namespace xm::chains
