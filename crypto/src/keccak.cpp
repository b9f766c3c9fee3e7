#include "xm/crypto/keccak.hpp"

#include <cryptopp/keccak.h>

namespace xm::crypto {

Hash32 keccak256(std::span<const std::uint8_t> data) {
  CryptoPP::Keccak_256 h;
  h.Update(data.data(), data.size());
  Hash32 out{};
  h.Final(out.data());
  return out;
}

Hash32 keccak256(std::string_view data) {
  return keccak256(std::span(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()));
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  s.reserve(bytes.size() * 2);
  for (auto b : bytes) {
    s.push_back(kDigits[b >> 4]);
    s.push_back(kDigits[b & 15]);
  }
  return s;
}

std::string to_0x(std::span<const std::uint8_t> bytes) { return "0x" + to_hex(bytes); }

}  // namespace xm::crypto
