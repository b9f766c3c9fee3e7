#include "xm/chains/tx.hpp"

#include <algorithm>
#include <iterator>

#include "xm/chains/rlp.hpp"

namespace xm::chains {
namespace {

constexpr std::uint8_t kType2 = 0x02;

std::vector<Bytes> unsigned_fields(const Eip1559Tx& tx) {
  std::vector<Bytes> f;
  f.push_back(rlp::encode_uint(tx.chain_id));
  f.push_back(rlp::encode_uint(tx.nonce));
  f.push_back(rlp::encode_uint(tx.max_priority_fee_per_gas));
  f.push_back(rlp::encode_uint(tx.max_fee_per_gas));
  f.push_back(rlp::encode_uint(tx.gas_limit));
  f.push_back(tx.to ? rlp::encode_bytes(*tx.to) : rlp::encode_bytes({}));
  f.push_back(rlp::encode_uint(tx.value));
  f.push_back(rlp::encode_bytes(tx.data));
  f.push_back(rlp::encode_list({}));  // empty access list
  return f;
}

Bytes typed(const Bytes& rlp_payload) {
  Bytes out;
  out.reserve(1 + rlp_payload.size());
  out.push_back(kType2);
  std::copy(rlp_payload.begin(), rlp_payload.end(), std::back_inserter(out));
  return out;
}

}  // namespace

crypto::Hash32 signing_hash(const Eip1559Tx& tx) {
  return crypto::keccak256(typed(rlp::encode_list(unsigned_fields(tx))));
}

SignedTx sign(const Eip1559Tx& tx, const crypto::SecretKey& key) {
  const auto sig = crypto::sign_digest(signing_hash(tx), key);
  if (!sig) throw ChainError(ErrorKind::invalid_argument, "signing key is not a valid secp256k1 secret");
  std::vector<Bytes> fields = unsigned_fields(tx);
  fields.push_back(rlp::encode_uint(sig->recovery_id));
  fields.push_back(rlp::encode_uint(from_word(sig->r)));  // integers: leading zeros stripped
  fields.push_back(rlp::encode_uint(from_word(sig->s)));
  SignedTx out;
  out.raw = typed(rlp::encode_list(fields));
  out.hash = crypto::keccak256(out.raw);
  return out;
}

Address create_address(const Address& sender, std::uint64_t nonce) {
  const Bytes payload = rlp::encode_list({rlp::encode_bytes(sender), rlp::encode_uint(nonce)});
  const auto h = crypto::keccak256(payload);
  Address a{};
  std::copy(h.begin() + 12, h.end(), a.begin());
  return a;
}

}  // namespace xm::chains
