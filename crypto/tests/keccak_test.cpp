#include <catch2/catch.hpp>

#include "xm/crypto/keccak.hpp"

using xm::crypto::keccak256;
using xm::crypto::to_hex;

// Published Ethereum values: keccak256("") and the ERC-20 Transfer event topic.
TEST_CASE("keccak256 matches Ethereum's published digests", "[crypto]") {
  CHECK(to_hex(keccak256("")) == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  CHECK(to_hex(keccak256("Transfer(address,address,uint256)")) ==
        "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
  // balanceOf(address) selector 0x70a08231
  CHECK(to_hex(keccak256("balanceOf(address)")).substr(0, 8) == "70a08231");
}
