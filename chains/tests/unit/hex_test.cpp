#include <catch2/catch.hpp>

#include "xm/chains/bytes.hpp"

using namespace xm::chains;

TEST_CASE("hex: round trip and strictness", "[hex]") {
  CHECK(to_0x(from_hex("0x00ff10")) == "0x00ff10");
  CHECK(to_0x(from_hex("ABcd")) == "0xabcd");
  CHECK(from_hex("0x").empty());
  CHECK_THROWS_AS(from_hex("0x123"), ChainError);
  CHECK_THROWS_AS(from_hex("0xzz"), ChainError);
}

TEST_CASE("hex: quantities", "[hex]") {
  CHECK(quantity(std::uint64_t{0}) == "0x0");
  CHECK(quantity(std::uint64_t{26}) == "0x1a");
  CHECK(quantity(U256(1) << 255) == "0x8" + std::string(63, '0'));
  CHECK(parse_quantity("0x1a") == 26);
  CHECK(parse_quantity("0x" + std::string(64, 'f')) == ~U256(0));
  CHECK_THROWS_AS(parse_quantity("0x" + std::string(65, 'f')), ChainError);
  CHECK_THROWS_AS(parse_quantity("0x"), ChainError);
  CHECK_THROWS_AS(parse_quantity("26"), ChainError);
  CHECK(parse_quantity_u64("0xffffffffffffffff") == 0xffffffffffffffffu);
  CHECK_THROWS_AS(parse_quantity_u64("0x10000000000000000"), ChainError);
}

TEST_CASE("hex: addresses and words", "[hex]") {
  const Address a = parse_address("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  CHECK(to_0x(a) == "0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
  CHECK_THROWS_AS(parse_address("0x1234"), ChainError);
  CHECK(from_word(to_word(U256(123456789))) == 123456789);
  CHECK(to_minimal_be(0).empty());
  CHECK(to_0x(to_minimal_be(0x0100)) == "0x0100");
}
