#include "xm/chains/sender.hpp"

#include <chrono>
#include <thread>

namespace xm::chains {

TxSender::TxSender(RpcClient& rpc, const crypto::SecretKey& key, SendOptions options)
    : rpc_(&rpc), key_(key), options_(options) {
  const auto addr = crypto::signer_address(key);
  if (!addr) throw ChainError(ErrorKind::invalid_argument, "signing key is not a valid secp256k1 secret");
  address_ = *addr;
  chain_id_ = rpc.chain_id();
}

Receipt TxSender::send(const std::optional<Address>& to, const Bytes& data, const U256& value) {
  CallRequest req{address_, to, value, data};
  Eip1559Tx tx;
  tx.chain_id = chain_id_;
  tx.nonce = rpc_->transaction_count(address_, BlockTag::pending);
  // 20 % over the estimate: state can shift between estimate and inclusion.
  const std::uint64_t estimate = rpc_->estimate_gas(req);
  tx.gas_limit = estimate + estimate / 5;
  const auto latest = rpc_->block(BlockTag::latest);
  const U256 base_fee = latest && latest->base_fee_per_gas ? *latest->base_fee_per_gas : U256(0);
  tx.max_priority_fee_per_gas = options_.max_priority_fee_per_gas;
  // Twice the base fee survives six full blocks of +12.5 % each before the tx stops being includable.
  tx.max_fee_per_gas = base_fee * 2 + tx.max_priority_fee_per_gas;
  tx.to = to;
  tx.value = value;
  tx.data = data;
  const SignedTx signed_tx = sign(tx, key_);
  const crypto::Hash32 hash = rpc_->send_raw_transaction(signed_tx.raw);
  if (hash != signed_tx.hash) {
    throw ChainError(ErrorKind::bad_response, "node reported tx hash " + crypto::to_0x(hash) + ", expected " +
                                                  crypto::to_0x(signed_tx.hash));
  }
  for (int i = 0; i < options_.receipt_polls; ++i) {
    if (auto r = rpc_->receipt(hash)) {
      if (!r->success) throw ChainError(ErrorKind::reverted, "transaction " + crypto::to_0x(hash) + " reverted");
      return *r;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(options_.receipt_poll_ms));
  }
  throw ChainError(ErrorKind::not_mined, "transaction " + crypto::to_0x(hash) + " not mined after " +
                                            std::to_string(options_.receipt_polls) + " polls");
}

Address TxSender::deploy(const Bytes& init_code) {
  const std::uint64_t nonce = rpc_->transaction_count(address_, BlockTag::pending);
  const Receipt r = send(std::nullopt, init_code);
  if (!r.contract_address) throw ChainError(ErrorKind::bad_response, "deployment receipt has no contract address");
  if (*r.contract_address != create_address(address_, nonce)) {
    throw ChainError(ErrorKind::bad_response, "deployed address differs from keccak(rlp([sender, nonce]))");
  }
  return *r.contract_address;
}

}  // namespace xm::chains
