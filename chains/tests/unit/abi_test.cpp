// ABI encoding/decoding against ethers' AbiCoder, plus malformed-data rejection.
#include <catch2/catch.hpp>

#include "vectors.hpp"
#include "xm/chains/abi.hpp"

using namespace xm::chains;
using xm::json::JsonRef;

namespace {

// Test-only parser of canonical type strings: "uint256", "(int256,bool)[]", "tuple(...)".
abi::Type parse_type(std::string_view& s) {
  if (s.starts_with("tuple")) s.remove_prefix(5);
  abi::Type t;
  if (s.front() == '(') {
    s.remove_prefix(1);
    std::vector<abi::Type> members;
    while (s.front() != ')') {
      members.push_back(parse_type(s));
      if (s.front() == ',') s.remove_prefix(1);
    }
    s.remove_prefix(1);
    t = abi::Type::tuple(std::move(members));
  } else {
    std::size_t n = 0;
    while (n < s.size() && s[n] != ',' && s[n] != ')' && s[n] != '[') ++n;
    const std::string name(s.substr(0, n));
    s.remove_prefix(n);
    if (name == "address") t = abi::Type::address();
    else if (name == "bool") t = abi::Type::boolean();
    else if (name == "bytes32") t = abi::Type::bytes32();
    else if (name == "bytes") t = abi::Type::bytes();
    else if (name.starts_with("uint")) t = abi::Type::uint(static_cast<unsigned>(std::stoul(name.substr(4))));
    else if (name.starts_with("int")) t = abi::Type::int_(static_cast<unsigned>(std::stoul(name.substr(3))));
    else FAIL("unknown type " << name);
  }
  while (s.starts_with("[]")) {
    s.remove_prefix(2);
    t = abi::Type::array(t);
  }
  return t;
}

abi::Type parse_type(const std::string& text) {
  std::string_view s = text;
  return parse_type(s);
}

abi::Value to_value(const abi::Type& t, const JsonRef& v) {
  switch (t.kind) {
    case abi::Kind::uint: return abi::Value::uint(U256(v.string()));
    case abi::Kind::int_: return abi::Value::int_(xm::Int256(v.string()));
    case abi::Kind::address: return abi::Value::address(parse_address(v.string()));
    case abi::Kind::boolean: return abi::Value::boolean(v.boolean());
    case abi::Kind::bytes32: {
      const Bytes b = from_hex(v.string());
      std::array<std::uint8_t, 32> w{};
      std::copy(b.begin(), b.end(), w.begin());
      return abi::Value::bytes32(w);
    }
    case abi::Kind::bytes: return abi::Value::bytes_of(from_hex(v.string()));
    case abi::Kind::tuple: {
      std::vector<abi::Value> items;
      for (std::size_t i = 0; i < t.components.size(); ++i) items.push_back(to_value(t.components[i], v[i]));
      return abi::Value::tuple(std::move(items));
    }
    case abi::Kind::array: {
      std::vector<abi::Value> items;
      for (const auto& e : v.items()) items.push_back(to_value(t.components[0], e));
      return abi::Value::array(std::move(items));
    }
    default: FAIL("unsupported");
  }
  return {};
}

// Structural equality of decoded values with the values built from JSON.
bool same(const abi::Value& a, const abi::Value& b) {
  if (a.kind != b.kind || a.word != b.word || a.bytes != b.bytes || a.items.size() != b.items.size()) return false;
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    if (!same(a.items[i], b.items[i])) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("ABI: encodings match ethers, and decode back to the same values", "[abi]") {
  const JsonRef doc(testing::evm_vectors(), "");
  for (const auto& c : doc.at("abi").items()) {
    std::vector<abi::Type> types;
    std::vector<abi::Value> values;
    for (std::size_t i = 0; i < c.at("types").size(); ++i) {
      types.push_back(parse_type(c.at("types")[i].string()));
      values.push_back(to_value(types.back(), c.at("values")[i]));
    }
    const Bytes enc = abi::encode(values);
    INFO(c.at("encoded").string());
    CHECK(to_0x(enc) == c.at("encoded").string());
    const auto decoded = abi::decode(types, enc);
    REQUIRE(decoded.size() == values.size());
    for (std::size_t i = 0; i < values.size(); ++i) CHECK(same(decoded[i], values[i]));
  }
}

TEST_CASE("ABI: int256 extremes and two's complement", "[abi]") {
  const xm::Int256 min = -(xm::Int256(1) << 255);
  const xm::Int256 max = (xm::Int256(1) << 255) - 1;
  CHECK(abi::Value::int_(-1).word == ~U256(0));
  CHECK(abi::Value::int_(min).word == (U256(1) << 255));
  CHECK(abi::Value::int_(min).as_int() == min);
  CHECK(abi::Value::int_(max).as_int() == max);
  CHECK_THROWS_AS(abi::Value::int_(max + 1), ChainError);
  CHECK_THROWS_AS(abi::Value::int_(min - 1), ChainError);
}

TEST_CASE("ABI: selectors", "[abi]") {
  // Well-known: transfer(address,uint256) = a9059cbb, balanceOf(address) = 70a08231,
  // latestRoundData() = feaf968c, decimals() = 313ce567.
  CHECK(to_0x(abi::selector("transfer(address,uint256)")) == "0xa9059cbb");
  CHECK(to_0x(abi::selector("balanceOf(address)")) == "0x70a08231");
  CHECK(to_0x(abi::selector("latestRoundData()")) == "0xfeaf968c");
  CHECK(to_0x(abi::selector("decimals()")) == "0x313ce567");
  CHECK(abi::Type::array(abi::Type::tuple({abi::Type::int_(), abi::Type::boolean()})).canonical() == "(int256,bool)[]");
}

TEST_CASE("ABI: malformed replies are rejected, not trusted", "[abi]") {
  using abi::Type;
  // Too short for one word.
  CHECK_THROWS_AS(abi::decode({Type::uint()}, Bytes(31, 0)), ChainError);
  // uint8 with dirty high bits.
  Bytes w(32, 0);
  w[30] = 1;
  CHECK_THROWS_AS(abi::decode({Type::uint(8)}, w), ChainError);
  // bool = 2.
  Bytes b(32, 0);
  b[31] = 2;
  CHECK_THROWS_AS(abi::decode({Type::boolean()}, b), ChainError);
  // int8 = 0x80 without sign extension.
  Bytes i8(32, 0);
  i8[31] = 0x80;
  CHECK_THROWS_AS(abi::decode({Type::int_(8)}, i8), ChainError);
  // Dynamic array whose offset points past the end.
  Bytes off(32, 0);
  off[31] = 0x40;
  CHECK_THROWS_AS(abi::decode({Type::array(Type::uint())}, off), ChainError);
  // Array claiming 2^64 elements.
  Bytes huge(64, 0);
  huge[31] = 0x20;
  huge[32 + 23] = 1;
  CHECK_THROWS_AS(abi::decode({Type::array(Type::uint())}, huge), ChainError);
  // Array whose length exceeds the data.
  Bytes longer(64, 0);
  longer[31] = 0x20;
  longer[63] = 3;
  CHECK_THROWS_AS(abi::decode({Type::array(Type::uint())}, longer), ChainError);
}
