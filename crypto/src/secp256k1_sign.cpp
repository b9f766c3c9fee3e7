#include "xm/crypto/secp256k1_sign.hpp"

#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <algorithm>
#include <cassert>

namespace xm::crypto {
namespace {

// One signing context for the process. libsecp256k1 contexts are safe to share read-only between
// threads once created; the function-local static makes creation itself thread-safe.
const secp256k1_context* signing_context() {
  static secp256k1_context* const ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
  return ctx;
}

}  // namespace

std::optional<RecoverableSignature> sign_digest(const Hash32& digest, const SecretKey& key) {
  const secp256k1_context* ctx = signing_context();
  if (secp256k1_ec_seckey_verify(ctx, key.data()) != 1) return std::nullopt;
  secp256k1_ecdsa_recoverable_signature sig;
  // A null nonce function selects RFC 6979; signing with a verified key cannot fail.
  const int ok = secp256k1_ecdsa_sign_recoverable(ctx, &sig, digest.data(), key.data(), nullptr, nullptr);
  assert(ok == 1);
  std::array<std::uint8_t, 64> compact{};
  int recid = 0;
  secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, compact.data(), &recid, &sig);
  assert(recid == 0 || recid == 1);  // 2 and 3 need r ≥ n, which RFC 6979 never yields in practice
  (void)ok;
  RecoverableSignature out;
  std::copy_n(compact.begin(), 32, out.r.begin());
  std::copy_n(compact.begin() + 32, 32, out.s.begin());
  out.recovery_id = static_cast<std::uint8_t>(recid);
  return out;
}

std::optional<std::array<std::uint8_t, 20>> signer_address(const SecretKey& key) {
  const secp256k1_context* ctx = signing_context();
  secp256k1_pubkey pub;
  if (secp256k1_ec_pubkey_create(ctx, &pub, key.data()) != 1) return std::nullopt;
  std::array<std::uint8_t, 65> uncompressed{};
  std::size_t len = uncompressed.size();
  secp256k1_ec_pubkey_serialize(ctx, uncompressed.data(), &len, &pub, SECP256K1_EC_UNCOMPRESSED);
  const Hash32 h = keccak256(std::span<const std::uint8_t>(uncompressed).subspan(1));
  std::array<std::uint8_t, 20> addr{};
  std::copy_n(h.begin() + 12, 20, addr.begin());
  return addr;
}

}  // namespace xm::crypto
