#pragma once
// Byte strings, 256-bit words, addresses and the hex forms the EVM JSON-RPC uses, plus the one error
// type of the chains layer.
#include <boost/multiprecision/cpp_int.hpp>

#include <array>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace xm::chains {

using Bytes = std::vector<std::uint8_t>;
using U256 = boost::multiprecision::uint256_t;  // an EVM word, unsigned; wraps mod 2^256 (use with care)
using Address = std::array<std::uint8_t, 20>;

// Why a chain operation failed. `unreachable`/`timeout` are transport failures (retried, then
// reported); `rpc` is an error object from the node; `reverted` is an EVM revert; `bad_response`
// is a reply that breaks the protocol (wrong id, malformed hex, over the size bound).
enum class ErrorKind : std::uint8_t {
  unreachable,
  timeout,
  http,
  rpc,
  reverted,
  bad_response,
  invalid_argument,
  not_mined,
};
const char* to_string(ErrorKind k) noexcept;

class ChainError : public std::runtime_error {
 public:
  ChainError(ErrorKind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

// "0x"-prefixed (or bare) hex of even length → bytes; invalid_argument otherwise.
Bytes from_hex(std::string_view hex);
// Lower-case "0x…" hex of bytes.
std::string to_0x(std::span<const std::uint8_t> bytes);

// JSON-RPC "quantities": "0x0", "0x1a" (no leading zeros). Parsing is strict: "0x" prefix, 1–64
// hex digits, no leading zero unless the value is 0 (accepted leniently: some nodes pad).
std::string quantity(const U256& v);
std::string quantity(std::uint64_t v);
U256 parse_quantity(std::string_view q);
std::uint64_t parse_quantity_u64(std::string_view q);

Address parse_address(std::string_view hex);  // exactly 20 bytes
std::string to_0x(const Address& a);

// Big-endian 32-byte word ↔ U256.
std::array<std::uint8_t, 32> to_word(const U256& v);
U256 from_word(std::span<const std::uint8_t> word32);
// Minimal big-endian bytes of v (empty for 0), as RLP wants integers.
Bytes to_minimal_be(const U256& v);

}  // namespace xm::chains
