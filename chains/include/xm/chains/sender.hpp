#pragma once
// Sends transactions signed by the project's own code (tx.hpp) and waits for their receipts:
// nonce from eth_getTransactionCount("pending"), gas from eth_estimateGas plus a margin, fee caps
// from the latest base fee. Used to deploy and set up contracts on local chains; a keeper would
// reuse it.
#include <cstdint>
#include <optional>

#include "xm/chains/rpc.hpp"
#include "xm/chains/tx.hpp"

namespace xm::chains {

struct SendOptions {
  U256 max_priority_fee_per_gas = 1'000'000'000;  // 1 gwei
  int receipt_polls = 200;                         // bounded wait for the receipt
  std::int64_t receipt_poll_ms = 50;
};

class TxSender {
 public:
  // invalid_argument when `key` is not a valid secret.
  TxSender(RpcClient& rpc, const crypto::SecretKey& key, SendOptions options = {});

  const Address& address() const noexcept { return address_; }
  std::uint64_t chain_id() const noexcept { return chain_id_; }

  // Signs, sends and waits; `reverted` error when the receipt's status is 0, `not_mined` when no
  // receipt arrives within the bounded polls.
  Receipt send(const std::optional<Address>& to, const Bytes& data, const U256& value = 0);
  // Deploys `init_code` (bytecode ‖ ABI-encoded constructor arguments); returns the new address.
  Address deploy(const Bytes& init_code);

 private:
  RpcClient* rpc_;
  crypto::SecretKey key_;
  SendOptions options_;
  Address address_{};
  std::uint64_t chain_id_ = 0;
};

}  // namespace xm::chains
