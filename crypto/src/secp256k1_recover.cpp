#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <algorithm>
#include <cstring>

#include "xm/crypto/secp256k1.hpp"

namespace xm::crypto {
namespace {

// n/2 for secp256k1 (n = FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFE BAAEDCE6 AF48A03B BFD25E8C D0364141).
constexpr std::array<std::uint8_t, 32> kHalfOrder = {
    0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4, 0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0};

// One context for the process: recovery only reads it, which libsecp256k1 documents as thread-safe.
const secp256k1_context* context() {
  static secp256k1_context* const ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
  return ctx;
}

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

const char* to_string(RecoverError e) noexcept {
  switch (e) {
    case RecoverError::bad_length: return "bad_length";
    case RecoverError::bad_v: return "bad_v";
    case RecoverError::high_s: return "high_s";
    case RecoverError::malformed: return "malformed";
    case RecoverError::unrecoverable: return "unrecoverable";
  }
  return "unknown";
}

bool is_high_s(std::span<const std::uint8_t, 32> s) noexcept {
  // Big-endian lexicographic comparison is numeric comparison for equal-length byte strings.
  return std::lexicographical_compare(kHalfOrder.begin(), kHalfOrder.end(), s.begin(), s.end());
}

Address address_from_pubkey(std::span<const std::uint8_t, 64> xy) noexcept {
  const Hash32 h = keccak256(std::span<const std::uint8_t>(xy.data(), xy.size()));
  Address a{};
  std::copy(h.begin() + 12, h.end(), a.begin());
  return a;
}

Recovered recover_signer(const Hash32& digest, std::span<const std::uint8_t> signature) noexcept {
  Recovered out;
  if (signature.size() != 65) { out.error = RecoverError::bad_length; return out; }
  const std::uint8_t v = signature[64];
  if (v != 27 && v != 28) { out.error = RecoverError::bad_v; return out; }
  if (is_high_s(signature.subspan<32, 32>())) { out.error = RecoverError::high_s; return out; }
  secp256k1_ecdsa_recoverable_signature sig;
  // parse_compact rejects r or s that overflow the order; zero r/s are rejected by recover below.
  if (!secp256k1_ecdsa_recoverable_signature_parse_compact(context(), &sig, signature.data(), v - 27)) {
    out.error = RecoverError::malformed;
    return out;
  }
  secp256k1_pubkey pubkey;
  if (!secp256k1_ecdsa_recover(context(), &pubkey, &sig, digest.data())) {
    out.error = RecoverError::unrecoverable;
    return out;
  }
  std::array<std::uint8_t, 65> uncompressed{};
  std::size_t len = uncompressed.size();
  secp256k1_ec_pubkey_serialize(context(), uncompressed.data(), &len, &pubkey, SECP256K1_EC_UNCOMPRESSED);
  out.signer = address_from_pubkey(std::span<const std::uint8_t, 64>(uncompressed.data() + 1, 64));
  return out;
}

std::string to_0x(const Address& a) { return to_0x(std::span<const std::uint8_t>(a.data(), a.size())); }

std::optional<Address> parse_address(std::string_view text) noexcept {
  if (text.size() != 42 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X')) return std::nullopt;
  Address a{};
  for (std::size_t i = 0; i < 20; ++i) {
    const int hi = hex_value(text[2 + 2 * i]), lo = hex_value(text[3 + 2 * i]);
    if (hi < 0 || lo < 0) return std::nullopt;
    a[i] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return a;
}

}  // namespace xm::crypto
