#pragma once
// MakerDAO-Median compatible signed price reports (SPEC §5):
//   digest = keccak256("\x19Ethereum Signed Message:\n32" ‖ keccak256(abi.encodePacked(
//              uint256 val, uint256 age, bytes32 wat)))
// with val the WAD price (raw integer), age the report's unix time, wat the feed name as
// left-aligned ASCII in a zero-padded bytes32.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "xm/crypto/keccak.hpp"
#include "xm/crypto/secp256k1.hpp"
#include "xm/engine/wad.hpp"
#include "xm/oracles/types.hpp"

namespace xm::oracles {

using Bytes32 = std::array<std::uint8_t, 32>;

// nullopt when `wat` is empty, longer than 32 bytes or not printable ASCII.
std::optional<Bytes32> wat_bytes32(std::string_view wat);

// abi.encodePacked(uint256 val, uint256 age, bytes32 wat): nullopt when val or age is negative.
std::optional<std::array<std::uint8_t, 96>> pack_report(const Wad& val, std::int64_t age, const Bytes32& wat);

// The EIP-191 digest the signer signs; nullopt as for pack_report.
std::optional<crypto::Hash32> report_digest(const Wad& val, std::int64_t age, const Bytes32& wat);

// The signature rules that need no round state: the feed's wat, a well-formed low-s signature,
// an authorized signer. On failure `detail` is the sub-reason of bad_signature.
struct SignatureVerdict {
  std::optional<crypto::Address> signer;
  std::string detail;  // foreign_wat, bad_age, bad_length, bad_v, high_s, malformed, unrecoverable, unauthorized_signer
};
SignatureVerdict check_report(const Quote& q, const Policy& policy);

}  // namespace xm::oracles
