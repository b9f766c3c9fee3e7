// EIP-1559 signing, checked against transactions signed by ethers and cast (see vectors.hpp).
#include <catch2/catch.hpp>

#include "vectors.hpp"
#include "xm/chains/tx.hpp"

using namespace xm::chains;
using xm::json::JsonRef;

namespace {

xm::crypto::SecretKey dev_key() {
  const JsonRef doc(testing::evm_vectors(), "");
  const Bytes k = from_hex(doc.at("dev_key").string());
  xm::crypto::SecretKey key{};
  std::copy(k.begin(), k.end(), key.begin());
  return key;
}

U256 dec(const JsonRef& r) { return U256(r.string()); }

}  // namespace

TEST_CASE("the dev key's address matches the independent signer's", "[tx]") {
  const JsonRef doc(testing::evm_vectors(), "");
  const auto addr = xm::crypto::signer_address(dev_key());
  REQUIRE(addr);
  CHECK(to_0x(*addr) == testing::lower(doc.at("dev_address").string()));
}

TEST_CASE("EIP-1559 transactions sign to the same bytes and hash as ethers and cast", "[tx]") {
  const JsonRef doc(testing::evm_vectors(), "");
  const auto key = dev_key();
  for (const auto& v : doc.at("transactions").items()) {
    Eip1559Tx tx;
    tx.chain_id = static_cast<std::uint64_t>(dec(v.at("chain_id")));
    tx.nonce = static_cast<std::uint64_t>(dec(v.at("nonce")));
    tx.max_priority_fee_per_gas = dec(v.at("max_priority_fee_per_gas"));
    tx.max_fee_per_gas = dec(v.at("max_fee_per_gas"));
    tx.gas_limit = static_cast<std::uint64_t>(dec(v.at("gas_limit")));
    if (const auto to = v.find("to")) tx.to = parse_address(to->string());
    tx.value = dec(v.at("value"));
    tx.data = from_hex(v.at("data").string());
    INFO(v.at("note").string());
    CHECK(xm::crypto::to_0x(signing_hash(tx)) == v.at("signing_hash").string());
    const SignedTx s = sign(tx, key);
    CHECK(to_0x(s.raw) == v.at("raw").string());
    CHECK(xm::crypto::to_0x(s.hash) == v.at("hash").string());
  }
}

TEST_CASE("signing is deterministic and low-s", "[tx]") {
  Eip1559Tx tx;
  tx.chain_id = 1;
  tx.gas_limit = 21000;
  const auto a = sign(tx, dev_key());
  const auto b = sign(tx, dev_key());
  CHECK(a.raw == b.raw);
  // s is the last 32 bytes of the raw tx (a 32-byte s is prefixed by 0xa0); low-s means s ≤ n/2.
  const U256 half_n("0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0");
  const auto raw = a.raw;
  const U256 s = from_word(std::span(raw).last(32));
  CHECK(s <= half_n);
}

TEST_CASE("an invalid secret key is refused", "[tx]") {
  Eip1559Tx tx;
  xm::crypto::SecretKey zero{};
  CHECK_THROWS_AS(sign(tx, zero), ChainError);
  xm::crypto::SecretKey order{};
  // The group order n itself is not a valid secret.
  const Bytes n = from_hex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
  std::copy(n.begin(), n.end(), order.begin());
  CHECK_FALSE(xm::crypto::signer_address(order).has_value());
  CHECK_FALSE(xm::crypto::sign_digest(xm::crypto::Hash32{}, order).has_value());
}

TEST_CASE("contract creation addresses match ethers' getCreateAddress", "[tx]") {
  const JsonRef doc(testing::evm_vectors(), "");
  for (const auto& v : doc.at("create_address").items()) {
    const Address sender = parse_address(v.at("sender").string());
    const auto nonce = static_cast<std::uint64_t>(v.at("nonce").integer());
    CHECK(to_0x(create_address(sender, nonce)) == testing::lower(v.at("address").string()));
  }
}
