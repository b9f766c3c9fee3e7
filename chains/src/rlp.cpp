#include "xm/chains/rlp.hpp"

namespace xm::chains::rlp {
namespace {

// The prefix for a payload of `length` bytes: short form below 56 bytes, else the length of the
// big-endian length. `short_base` is 0x80 for strings, 0xc0 for lists.
Bytes prefix(std::size_t length, std::uint8_t short_base) {
  if (length < 56) return Bytes{static_cast<std::uint8_t>(short_base + length)};
  const Bytes len_be = to_minimal_be(U256(length));
  Bytes out{static_cast<std::uint8_t>(short_base + 55 + len_be.size())};
  out.insert(out.end(), len_be.begin(), len_be.end());
  return out;
}

}  // namespace

Bytes encode_bytes(std::span<const std::uint8_t> bytes) {
  if (bytes.size() == 1 && bytes[0] < 0x80) return Bytes{bytes[0]};  // a single low byte is itself
  Bytes out = prefix(bytes.size(), 0x80);
  out.insert(out.end(), bytes.begin(), bytes.end());
  return out;
}

Bytes encode_uint(const U256& v) { return encode_bytes(to_minimal_be(v)); }

Bytes encode_list(const std::vector<Bytes>& encoded_items) {
  std::size_t total = 0;
  for (const auto& item : encoded_items) total += item.size();
  Bytes out = prefix(total, 0xc0);
  out.reserve(out.size() + total);
  for (const auto& item : encoded_items) out.insert(out.end(), item.begin(), item.end());
  return out;
}

}  // namespace xm::chains::rlp
