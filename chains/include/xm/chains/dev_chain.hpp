#pragma once
// anvil's first well-known development account, for local test chains only: its key is public
// (printed by every anvil at start-up), so it must never hold anything of value.
#include <string_view>

#include "xm/chains/bytes.hpp"
#include "xm/crypto/secp256k1_sign.hpp"

namespace xm::chains {

inline constexpr std::string_view kAnvilDevKeyHex = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

// A 32-byte hex secret ("0x" optional); invalid_argument otherwise.
inline crypto::SecretKey parse_secret_key(std::string_view hex) {
  const Bytes b = from_hex(hex);
  if (b.size() != 32) throw ChainError(ErrorKind::invalid_argument, "a secret key must be 32 bytes of hex");
  crypto::SecretKey k{};
  std::copy(b.begin(), b.end(), k.begin());
  return k;
}

inline crypto::SecretKey anvil_dev_key() { return parse_secret_key(kAnvilDevKeyHex); }

}  // namespace xm::chains
