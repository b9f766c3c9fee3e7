#include "xm/engine/decimal.hpp"

#include <algorithm>
#include <limits>

namespace xm {
namespace {

constexpr std::size_t kFractionDigits = 18;
// 2^255 has 77 digits; together with 18 fractional digits, more than 78 significant digits can
// never be in range, so the accumulator below (Int512) can never overflow.
constexpr std::size_t kMaxSignificantDigits = 96;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct Parts {
  bool negative = false;
  std::string_view whole;
  std::string_view fraction;
};

Result<Parts, ParseError> split(std::string_view text) {
  if (text.empty()) return Unexpected{ParseError{"empty string is not a number"}};
  Parts parts;
  std::string_view rest = text;
  if (rest.front() == '+') return Unexpected{ParseError{"a leading '+' is not allowed"}};
  if (rest.front() == '-') {
    parts.negative = true;
    rest.remove_prefix(1);
  }
  for (char c : rest) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
      return Unexpected{ParseError{"whitespace is not allowed in a number"}};
    if (c == 'e' || c == 'E') return Unexpected{ParseError{"exponents are not allowed"}};
    if (!is_digit(c) && c != '.')
      return Unexpected{ParseError{std::string("unexpected character '") + c + "'"}};
  }
  const auto dot = rest.find('.');
  parts.whole = rest.substr(0, dot);
  if (dot != std::string_view::npos) {
    parts.fraction = rest.substr(dot + 1);
    if (parts.fraction.find('.') != std::string_view::npos)
      return Unexpected{ParseError{"more than one '.'"}};
    if (parts.fraction.empty()) return Unexpected{ParseError{"a '.' must be followed by digits"}};
  }
  if (parts.whole.empty())
    return Unexpected{ParseError{dot == std::string_view::npos ? "no digits" : "a '.' must follow a digit"}};
  if (parts.whole.size() > 1 && parts.whole.front() == '0')
    return Unexpected{ParseError{"leading zeros are not allowed"}};
  if (parts.fraction.size() > kFractionDigits)
    return Unexpected{ParseError{"more than 18 fractional digits"}};
  return parts;
}

}  // namespace

Result<Wad, ParseError> parse_wad(std::string_view text) {
  auto parts = split(text);
  if (!parts) return Unexpected{parts.error()};
  if (parts->whole.size() + kFractionDigits > kMaxSignificantDigits)
    return Unexpected{ParseError{"out of int256 range"}};
  Int512 raw = 0;
  for (char c : parts->whole) raw = raw * 10 + (c - '0');
  for (std::size_t i = 0; i < kFractionDigits; ++i)
    raw = raw * 10 + (i < parts->fraction.size() ? parts->fraction[i] - '0' : 0);
  if (parts->negative) raw = -raw;
  auto wad = Wad::from_raw(raw);
  if (!wad) return Unexpected{ParseError{"out of int256 range"}};
  return std::move(wad).value();
}

std::string format_wad(const Wad& value) {
  std::string digits = abs(Int512(value.raw())).str();
  if (digits.size() <= kFractionDigits) digits.insert(0, kFractionDigits + 1 - digits.size(), '0');
  std::string whole = digits.substr(0, digits.size() - kFractionDigits);
  std::string fraction = digits.substr(digits.size() - kFractionDigits);
  fraction.erase(fraction.find_last_not_of('0') + 1);
  std::string out = value.sign() < 0 ? "-" : "";
  out += whole;
  if (!fraction.empty()) out += "." + fraction;
  return out;
}

Result<std::int64_t, ParseError> parse_int64(std::string_view text) {
  auto parts = split(text);
  if (!parts) return Unexpected{parts.error()};
  if (!parts->fraction.empty()) return Unexpected{ParseError{"an integer is expected (no fraction)"}};
  if (parts->whole.size() > 19) return Unexpected{ParseError{"out of 64-bit integer range"}};
  Int256 v = 0;
  for (char c : parts->whole) v = v * 10 + (c - '0');
  if (parts->negative) v = -v;
  if (v > std::numeric_limits<std::int64_t>::max() || v < std::numeric_limits<std::int64_t>::min())
    return Unexpected{ParseError{"out of 64-bit integer range"}};
  return static_cast<std::int64_t>(v);
}

std::string format_raw(const Wad& value) { return value.raw().str(); }

}  // namespace xm
