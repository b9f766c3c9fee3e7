#pragma once
// Solidity ABI encoding and decoding for the types the project uses: uintN/intN, address, bool,
// bytes32, bytes, string, tuples and dynamic arrays (nested freely).
//
// Encoding needs only values (a value knows whether it is dynamic); decoding needs the expected
// types and treats the data as untrusted: every offset and length is bounds-checked, and words that
// are not canonical for their type (dirty high bits, bad sign extension, bool ∉ {0,1}) are rejected.
#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "xm/chains/bytes.hpp"
#include "xm/engine/wad.hpp"

namespace xm::chains::abi {

enum class Kind : std::uint8_t { uint, int_, address, boolean, bytes32, bytes, string, tuple, array };

struct Type {
  Kind kind = Kind::uint;
  unsigned bits = 256;          // uintN / intN width (8..256, multiple of 8)
  std::vector<Type> components;  // tuple members, or the one element type of an array

  static Type uint(unsigned bits = 256) { return {Kind::uint, bits, {}}; }
  static Type int_(unsigned bits = 256) { return {Kind::int_, bits, {}}; }
  static Type address() { return {Kind::address, 160, {}}; }
  static Type boolean() { return {Kind::boolean, 8, {}}; }
  static Type bytes32() { return {Kind::bytes32, 256, {}}; }
  static Type bytes() { return {Kind::bytes, 0, {}}; }
  static Type string() { return {Kind::string, 0, {}}; }
  static Type tuple(std::vector<Type> members) { return {Kind::tuple, 0, std::move(members)}; }
  static Type array(Type element) { return {Kind::array, 0, {std::move(element)}}; }

  bool is_dynamic() const;
  std::string canonical() const;  // "uint256", "(int256,address)[]": as in function signatures
};

struct Value {
  Kind kind = Kind::uint;
  U256 word = 0;              // uint, address, bool, bytes32; int as two's complement
  Bytes bytes;                // bytes, string
  std::vector<Value> items;   // tuple members, array elements

  static Value uint(const U256& v);
  static Value int_(const Int256& v);  // must be within int256
  static Value address(const Address& a);
  static Value boolean(bool b);
  static Value bytes32(const std::array<std::uint8_t, 32>& b);
  static Value bytes_of(Bytes b);
  static Value string_of(std::string_view s);
  static Value tuple(std::vector<Value> members);
  static Value array(std::vector<Value> elements);

  bool is_dynamic() const;

  // Typed reads of a decoded value; invalid_argument on a kind mismatch.
  const U256& as_uint() const;
  Int256 as_int() const;
  Address as_address() const;
  bool as_bool() const;
  const std::vector<Value>& as_items() const;
};

// The head/tail encoding of `args` as one tuple (function arguments, return data).
Bytes encode(const std::vector<Value>& args);
// Decodes `data` as the tuple `types`; bad_response on any malformed or out-of-bounds content.
std::vector<Value> decode(const std::vector<Type>& types, std::span<const std::uint8_t> data);

// First four bytes of keccak256(signature), e.g. "balanceOf(address)".
std::array<std::uint8_t, 4> selector(std::string_view signature);
Bytes call_data(std::string_view signature, const std::vector<Value>& args);

}  // namespace xm::chains::abi
