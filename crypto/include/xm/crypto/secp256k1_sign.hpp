#pragma once
// secp256k1 ECDSA signing for Ethereum transactions (libsecp256k1, recovery module).
//
// Signatures use RFC 6979 deterministic nonces and are always low-s (libsecp256k1 normalizes), so
// the same key and digest give the same bytes on every build. Public-key recovery lives beside this
// file (secp256k1_recover); here only what a signer needs: sign, and the address of its own key.
#include <array>
#include <cstdint>
#include <optional>

#include "xm/crypto/keccak.hpp"

namespace xm::crypto {

using SecretKey = std::array<std::uint8_t, 32>;

struct RecoverableSignature {
  std::array<std::uint8_t, 32> r{};
  std::array<std::uint8_t, 32> s{};
  std::uint8_t recovery_id = 0;  // 0 or 1: the parity of R's y coordinate (EIP-1559 `y_parity`)
};

// nullopt when `key` is not a valid secret (zero, or ≥ the group order).
std::optional<RecoverableSignature> sign_digest(const Hash32& digest, const SecretKey& key);

// The 20-byte Ethereum address of `key`: the last 20 bytes of keccak256(uncompressed public key
// without its 0x04 prefix). nullopt when `key` is not a valid secret.
std::optional<std::array<std::uint8_t, 20>> signer_address(const SecretKey& key);

}  // namespace xm::crypto
