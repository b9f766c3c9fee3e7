#pragma once
// EIP-1559 (type 2) transactions: RLP payload, signing hash, signature, raw bytes and hash.
//
//   signing hash = keccak256(0x02 ‖ rlp([chain_id, nonce, max_priority_fee_per_gas, max_fee_per_gas,
//                                        gas_limit, to, value, data, access_list]))
//   raw          = 0x02 ‖ rlp([... same nine fields ..., y_parity, r, s])
//   tx hash      = keccak256(raw)
// The chain id inside the signed payload is what gives EIP-155 replay protection. The access list
// is always empty: the project never needs one.
#include <cstdint>
#include <optional>

#include "xm/chains/bytes.hpp"
#include "xm/crypto/keccak.hpp"
#include "xm/crypto/secp256k1_sign.hpp"

namespace xm::chains {

struct Eip1559Tx {
  std::uint64_t chain_id = 0;
  std::uint64_t nonce = 0;
  U256 max_priority_fee_per_gas = 0;  // wei
  U256 max_fee_per_gas = 0;           // wei
  std::uint64_t gas_limit = 0;
  std::optional<Address> to;          // nullopt: contract creation
  U256 value = 0;                     // wei
  Bytes data;
};

struct SignedTx {
  Bytes raw;           // what eth_sendRawTransaction takes
  crypto::Hash32 hash; // keccak256(raw): the transaction hash nodes report
};

crypto::Hash32 signing_hash(const Eip1559Tx& tx);
// invalid_argument when `key` is not a valid secp256k1 secret.
SignedTx sign(const Eip1559Tx& tx, const crypto::SecretKey& key);

// The contract address a creation transaction from `sender` with `nonce` deploys to:
// keccak256(rlp([sender, nonce]))[12:].
Address create_address(const Address& sender, std::uint64_t nonce);

}  // namespace xm::chains
