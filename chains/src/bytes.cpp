#include "xm/chains/bytes.hpp"

#include <algorithm>
#include <limits>

namespace xm::chains {

const char* to_string(ErrorKind k) noexcept {
  switch (k) {
    case ErrorKind::unreachable: return "unreachable";
    case ErrorKind::timeout: return "timeout";
    case ErrorKind::http: return "http";
    case ErrorKind::rpc: return "rpc";
    case ErrorKind::reverted: return "reverted";
    case ErrorKind::bad_response: return "bad_response";
    case ErrorKind::invalid_argument: return "invalid_argument";
    case ErrorKind::not_mined: return "not_mined";
  }
  return "unknown";
}

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view strip_0x(std::string_view s) {
  if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) s.remove_prefix(2);
  return s;
}

[[noreturn]] void bad(std::string_view what, std::string_view text) {
  // Bound the echoed text: it may come from a remote node.
  const std::string shown(text.substr(0, 80));
  throw ChainError(ErrorKind::invalid_argument, std::string(what) + ": \"" + shown + "\"");
}

}  // namespace

Bytes from_hex(std::string_view hex) {
  const std::string_view digits = strip_0x(hex);
  if (digits.size() % 2 != 0) bad("odd-length hex", hex);
  Bytes out(digits.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = hex_digit(digits[2 * i]);
    const int lo = hex_digit(digits[2 * i + 1]);
    if (hi < 0 || lo < 0) bad("invalid hex digit", hex);
    out[i] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return out;
}

std::string to_0x(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s = "0x";
  s.reserve(2 + bytes.size() * 2);
  for (auto b : bytes) {
    s.push_back(kDigits[b >> 4]);
    s.push_back(kDigits[b & 15]);
  }
  return s;
}

std::string quantity(const U256& v) {
  if (v == 0) return "0x0";
  std::string s = v.str(0, std::ios_base::hex);
  std::transform(s.begin(), s.end(), s.begin(),
                 [](char c) { return c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c; });
  return "0x" + s;
}

std::string quantity(std::uint64_t v) { return quantity(U256(v)); }

U256 parse_quantity(std::string_view q) {
  if (q.size() < 3 || q[0] != '0' || (q[1] != 'x' && q[1] != 'X')) bad("not a hex quantity", q);
  const std::string_view digits = q.substr(2);
  if (digits.size() > 64) bad("hex quantity wider than 256 bits", q);
  U256 v = 0;
  for (char c : digits) {
    const int d = hex_digit(c);
    if (d < 0) bad("invalid hex digit in quantity", q);
    v = (v << 4) | static_cast<unsigned>(d);
  }
  return v;
}

std::uint64_t parse_quantity_u64(std::string_view q) {
  const U256 v = parse_quantity(q);
  if (v > std::numeric_limits<std::uint64_t>::max()) bad("quantity wider than 64 bits", q);
  return static_cast<std::uint64_t>(v);
}

Address parse_address(std::string_view hex) {
  const Bytes b = from_hex(hex);
  if (b.size() != 20 || strip_0x(hex).size() != 40) bad("an address must be 20 bytes of hex", hex);
  Address a{};
  std::copy(b.begin(), b.end(), a.begin());
  return a;
}

std::string to_0x(const Address& a) { return to_0x(std::span<const std::uint8_t>(a)); }

std::array<std::uint8_t, 32> to_word(const U256& v) {
  std::array<std::uint8_t, 32> w{};
  U256 x = v;
  for (std::size_t i = 0; i < 32; ++i) {
    w[31 - i] = static_cast<std::uint8_t>(x & 0xff);
    x >>= 8;
  }
  return w;
}

U256 from_word(std::span<const std::uint8_t> word32) {
  U256 v = 0;
  for (auto b : word32.first(32)) v = (v << 8) | b;
  return v;
}

Bytes to_minimal_be(const U256& v) {
  const auto w = to_word(v);
  auto first = std::find_if(w.begin(), w.end(), [](std::uint8_t b) { return b != 0; });
  return Bytes(first, w.end());
}

}  // namespace xm::chains
