#pragma once
// Ethereum's keccak256 (the original Keccak padding, not NIST SHA3-256), from Crypto++'s Keccak_256.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace xm::crypto {

using Hash32 = std::array<std::uint8_t, 32>;

Hash32 keccak256(std::span<const std::uint8_t> data);
Hash32 keccak256(std::string_view data);

// Lower-case hex without a prefix, and "0x"-prefixed.
std::string to_hex(std::span<const std::uint8_t> bytes);
std::string to_0x(std::span<const std::uint8_t> bytes);

}  // namespace xm::crypto
