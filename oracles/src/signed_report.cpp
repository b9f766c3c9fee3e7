#include "xm/oracles/signed_report.hpp"

#include <algorithm>

namespace xm::oracles {
namespace {

// Writes a non-negative value < 2^256 as 32 big-endian bytes.
void put_u256(std::uint8_t* out, Int256 v) {
  for (int i = 31; i >= 0; --i) {
    out[i] = static_cast<std::uint8_t>(static_cast<unsigned>(v & 0xff));
    v >>= 8;
  }
}

}  // namespace

std::optional<Bytes32> wat_bytes32(std::string_view wat) {
  if (wat.empty() || wat.size() > 32) return std::nullopt;
  Bytes32 out{};
  for (std::size_t i = 0; i < wat.size(); ++i) {
    const char c = wat[i];
    if (c < 0x21 || c > 0x7e) return std::nullopt;
    out[i] = static_cast<std::uint8_t>(c);
  }
  return out;
}

std::optional<std::array<std::uint8_t, 96>> pack_report(const Wad& val, std::int64_t age, const Bytes32& wat) {
  if (val.sign() < 0 || age < 0) return std::nullopt;
  std::array<std::uint8_t, 96> packed{};
  put_u256(packed.data(), val.raw());
  put_u256(packed.data() + 32, Int256(age));
  std::copy(wat.begin(), wat.end(), packed.begin() + 64);
  return packed;
}

std::optional<crypto::Hash32> report_digest(const Wad& val, std::int64_t age, const Bytes32& wat) {
  const auto packed = pack_report(val, age, wat);
  if (!packed) return std::nullopt;
  const crypto::Hash32 inner = crypto::keccak256(std::span<const std::uint8_t>(packed->data(), packed->size()));
  static constexpr std::string_view kPrefix = "\x19" "Ethereum Signed Message:\n32";
  std::array<std::uint8_t, kPrefix.size() + 32> msg{};
  std::copy(kPrefix.begin(), kPrefix.end(), msg.begin());
  std::copy(inner.begin(), inner.end(), msg.begin() + kPrefix.size());
  return crypto::keccak256(std::span<const std::uint8_t>(msg.data(), msg.size()));
}

SignatureVerdict check_report(const Quote& q, const Policy& policy) {
  SignatureVerdict v;
  if (!q.signed_report) { v.detail = "missing_signature"; return v; }
  const SignedReport& r = *q.signed_report;
  // The claimed feed must be ours: a report signed for another feed must never price this one.
  if (policy.wat.empty() || r.wat != policy.wat) { v.detail = "foreign_wat"; return v; }
  const auto wat = wat_bytes32(r.wat);
  if (!wat) { v.detail = "foreign_wat"; return v; }
  const auto digest = report_digest(q.price, q.ts, *wat);
  if (!digest) { v.detail = "bad_age"; return v; }
  const crypto::Recovered rec = crypto::recover_signer(*digest, r.signature);
  if (!rec.signer) { v.detail = crypto::to_string(rec.error); return v; }
  if (!std::binary_search(policy.signers.begin(), policy.signers.end(), *rec.signer)) {
    v.detail = "unauthorized_signer";
    return v;
  }
  v.signer = rec.signer;
  return v;
}

}  // namespace xm::oracles
