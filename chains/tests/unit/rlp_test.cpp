// RLP against hand-worked examples (Yellow Paper appendix B) and ethers' encodeRlp.
#include <catch2/catch.hpp>

#include "vectors.hpp"
#include "xm/chains/rlp.hpp"

using namespace xm::chains;
using xm::json::JsonRef;

namespace {

// ethers' RLP input: a hex string is a byte string, an array is a list.
Bytes encode_json(const JsonRef& v) {
  if (v.kind() == xm::json::Value::Kind::string) return rlp::encode_bytes(from_hex(v.string()));
  std::vector<Bytes> items;
  for (const auto& item : v.items()) items.push_back(encode_json(item));
  return rlp::encode_list(items);
}

}  // namespace

TEST_CASE("RLP: hand-worked cases", "[rlp]") {
  // "dog" = 0x83 'd' 'o' 'g'; a single byte below 0x80 is itself; 0 is the empty string 0x80.
  CHECK(to_0x(rlp::encode_bytes(Bytes{'d', 'o', 'g'})) == "0x83646f67");
  CHECK(to_0x(rlp::encode_bytes(Bytes{0x0f})) == "0x0f");
  CHECK(to_0x(rlp::encode_bytes(Bytes{0x80})) == "0x8180");
  CHECK(to_0x(rlp::encode_uint(0)) == "0x80");
  CHECK(to_0x(rlp::encode_uint(1024)) == "0x820400");
  // [ "cat", "dog" ] = 0xc8 0x83 cat 0x83 dog
  CHECK(to_0x(rlp::encode_list({rlp::encode_bytes(Bytes{'c', 'a', 't'}), rlp::encode_bytes(Bytes{'d', 'o', 'g'})})) ==
        "0xc88363617483646f67");
  // 56 bytes: long form 0xb8 0x38.
  const Bytes long_string(56, 0xaa);
  const Bytes enc = rlp::encode_bytes(long_string);
  REQUIRE(enc.size() == 58);
  CHECK(enc[0] == 0xb8);
  CHECK(enc[1] == 56);
}

TEST_CASE("RLP: matches ethers' encodeRlp", "[rlp]") {
  const JsonRef doc(testing::evm_vectors(), "");
  for (const auto& v : doc.at("rlp").items()) {
    CHECK(to_0x(encode_json(v.at("input"))) == v.at("encoded").string());
  }
}
