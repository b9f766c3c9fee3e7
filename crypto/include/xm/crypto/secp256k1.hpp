#pragma once
// Ethereum-style signer recovery on secp256k1 (libsecp256k1's recovery module): 65-byte signatures
// r ‖ s ‖ v with v ∈ {27, 28}, low-s only (EIP-2), address = last 20 bytes of keccak256 of the
// uncompressed public key without its 0x04 prefix. Signing lives in a separate file.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "xm/crypto/keccak.hpp"

namespace xm::crypto {

using Address = std::array<std::uint8_t, 20>;

// Why a signature did not yield a signer. Stable names (to_string) reach fixtures and reports.
enum class RecoverError : std::uint8_t {
  bad_length,     // not exactly 65 bytes
  bad_v,          // v not 27 or 28
  high_s,         // s > n/2: the malleable twin of a valid signature
  malformed,      // r or s zero or not below the group order
  unrecoverable,  // no public key recovers from (r, s, v) for this digest
};
const char* to_string(RecoverError e) noexcept;

struct Recovered {
  std::optional<Address> signer;           // set on success
  RecoverError error = RecoverError::malformed;  // meaningful only when !signer
};

// True when the 32-byte big-endian s exceeds half the group order.
bool is_high_s(std::span<const std::uint8_t, 32> s) noexcept;

// Address of a 64-byte uncompressed public key (x ‖ y, no 0x04 prefix).
Address address_from_pubkey(std::span<const std::uint8_t, 64> xy) noexcept;

// Recovers the signer of `digest` from r ‖ s ‖ v. Thread-safe (one read-only context).
Recovered recover_signer(const Hash32& digest, std::span<const std::uint8_t> signature) noexcept;

// "0x…" lower-case; and the inverse (exactly 40 hex digits after "0x", either case), nullopt otherwise.
std::string to_0x(const Address& a);
std::optional<Address> parse_address(std::string_view text) noexcept;

}  // namespace xm::crypto
