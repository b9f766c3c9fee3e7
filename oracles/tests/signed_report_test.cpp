// Signed reports against vectors made by an independent signer (ethers, scripts/gen_signed_vectors.mjs).
#include <catch2/catch.hpp>
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <fstream>
#include <sstream>

#include "xm/codec/json.hpp"
#include "xm/crypto/secp256k1.hpp"
#include "xm/engine/decimal.hpp"
#include "xm/oracles/signed_report.hpp"

using namespace xm;
using namespace xm::oracles;

namespace {

json::Value load(const char* path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str());
}

std::vector<std::uint8_t> bytes(const std::string& hex0x) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 2; i + 1 < hex0x.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(std::stoi(hex0x.substr(i, 2), nullptr, 16)));
  return out;
}

Policy feed_policy(const json::JsonRef& root) {
  Policy p;
  p.sources = {"m1"};
  p.min_sources = 1;
  p.wat = root.at("feed_wat").string();
  for (const auto& a : root.at("authorized").items()) p.signers.push_back(*crypto::parse_address(a.string()));
  normalize(p);
  REQUIRE_FALSE(check_policy(p));
  return p;
}

}  // namespace

TEST_CASE("ethers-signed Median reports: digests match, valid ones recover, malformed ones fail with their reason",
          "[oracle][signed]") {
  const json::Value doc = load("oracles/tests/data/signed_vectors.json");
  const json::JsonRef root(doc, "");
  const Policy policy = feed_policy(root);
  std::size_t ok = 0, rejected = 0;
  for (const auto& v : root.at("vectors").items()) {
    const std::string name = v.at("name").string();
    const std::string expect = v.at("expect").string();
    INFO(name);
    Quote q;
    q.source = "m1";
    q.price = v.at("val").positive_wad();
    q.ts = v.at("age").integer();
    q.signed_report = SignedReport{v.at("wat").string(), bytes(v.at("signature").string())};

    // Our digest of (val, age, wat) is byte for byte the one ethers computed.
    const auto wat = wat_bytes32(q.signed_report->wat);
    REQUIRE(wat);
    CHECK(crypto::to_0x(*report_digest(q.price, q.ts, *wat)) == v.at("digest").string());

    const SignatureVerdict verdict = check_report(q, policy);
    if (expect == "ok") {
      REQUIRE(verdict.signer);
      CHECK(crypto::to_0x(*verdict.signer) == v.at("signer").string());
      ++ok;
    } else {
      CHECK_FALSE(verdict.signer);
      CHECK(verdict.detail == expect);
      ++rejected;
    }
  }
  CHECK(ok == 4);
  CHECK(rejected == 12);
}

TEST_CASE("the high-s twin is a mathematically valid signature that only the low-s rule rejects", "[oracle][signed]") {
  const json::Value doc = load("oracles/tests/data/signed_vectors.json");
  const json::JsonRef root(doc, "");
  for (const auto& v : root.at("vectors").items()) {
    if (v.at("name").string() != "high_s_twin") continue;
    const auto sig = bytes(v.at("signature").string());
    REQUIRE(sig.size() == 65);
    CHECK(crypto::is_high_s(std::span<const std::uint8_t, 32>(sig.data() + 32, 32)));
    // Raw libsecp256k1 recovery (no low-s rule) yields the very signer of the valid original.
    const auto digest = bytes(v.at("digest").string());
    secp256k1_context* ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    secp256k1_ecdsa_recoverable_signature rs;
    REQUIRE(secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &rs, sig.data(), sig[64] - 27));
    secp256k1_pubkey pk;
    REQUIRE(secp256k1_ecdsa_recover(ctx, &pk, &rs, digest.data()));
    std::array<std::uint8_t, 65> ser{};
    std::size_t len = ser.size();
    secp256k1_ec_pubkey_serialize(ctx, ser.data(), &len, &pk, SECP256K1_EC_UNCOMPRESSED);
    secp256k1_context_destroy(ctx);
    CHECK(crypto::to_0x(crypto::address_from_pubkey(std::span<const std::uint8_t, 64>(ser.data() + 1, 64))) ==
          v.at("signer").string());
    return;
  }
  FAIL("vector high_s_twin missing");
}

TEST_CASE("wat encoding and packing follow abi.encodePacked", "[oracle][signed]") {
  CHECK_FALSE(wat_bytes32(""));
  CHECK_FALSE(wat_bytes32("ETH USD"));
  CHECK_FALSE(wat_bytes32(std::string(33, 'A')));
  const auto w = *wat_bytes32("ETHUSD");
  CHECK(w[0] == 'E');
  CHECK(w[5] == 'D');
  CHECK(w[6] == 0);
  const auto packed = *pack_report(*parse_wad("1"), 258, w);
  CHECK(crypto::to_hex(std::span<const std::uint8_t>(packed.data(), 32)) ==
        "0000000000000000000000000000000000000000000000000de0b6b3a7640000");  // 10^18
  CHECK(packed[62] == 1);
  CHECK(packed[63] == 2);  // 258 = 0x0102
  CHECK_FALSE(pack_report(*parse_wad("-1"), 0, w));
  CHECK_FALSE(pack_report(*parse_wad("1"), -1, w));
}

TEST_CASE("n/2 is the high-s boundary", "[oracle][signed]") {
  std::array<std::uint8_t, 32> half = {0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                       0xff, 0xff, 0xff, 0xff, 0xff, 0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4,
                                       0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0};
  CHECK_FALSE(crypto::is_high_s(half));
  half[31] = 0xa1;
  CHECK(crypto::is_high_s(half));
}
