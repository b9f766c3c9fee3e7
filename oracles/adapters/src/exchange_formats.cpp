#include "xm/oracles/exchange_formats.hpp"

#include "xm/codec/json.hpp"
#include "xm/engine/decimal.hpp"

namespace xm::oracles::adapters {
namespace {

ParsedTicker fail(std::string reason) {
  ParsedTicker t;
  t.error = std::move(reason);
  return t;
}

// Exchange prices are plain decimals; trailing zeros ("3000.10000000") are fine, as parse_wad takes them.
ParsedTicker price_from(const json::JsonRef& v) {
  if (v.kind() != json::Value::Kind::string) return fail("bad_format: " + v.path() + " is not a string");
  auto w = parse_wad(v.string());
  if (!w) return fail("bad_price: " + v.path() + ": " + w.error().reason);
  ParsedTicker t;
  t.price = *w;
  return t;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's civil algorithm, re-derived).
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (m + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

const char* to_string(Exchange e) noexcept {
  switch (e) {
    case Exchange::binance: return "binance";
    case Exchange::coinbase: return "coinbase";
    case Exchange::kraken: return "kraken";
  }
  return "unknown";
}

std::string ticker_path(Exchange e, std::string_view symbol) {
  const std::string s(symbol);
  switch (e) {
    case Exchange::binance: return "/api/v3/ticker/price?symbol=" + s;
    case Exchange::coinbase: return "/products/" + s + "/ticker";
    case Exchange::kraken: return "/0/public/Ticker?pair=" + s;
  }
  return "/";
}

std::optional<std::int64_t> parse_rfc3339_utc(std::string_view t) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!digits(t, 0, 4, y) || t.size() < 20 || t[4] != '-' || !digits(t, 5, 2, mo) || t[7] != '-' ||
      !digits(t, 8, 2, d) || t[10] != 'T' || !digits(t, 11, 2, h) || t[13] != ':' || !digits(t, 14, 2, mi) ||
      t[16] != ':' || !digits(t, 17, 2, s))
    return std::nullopt;
  std::size_t pos = 19;
  if (t[pos] == '.') {
    ++pos;
    const std::size_t start = pos;
    while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9') ++pos;
    if (pos == start || pos - start > 9) return std::nullopt;
  }
  if (pos + 1 != t.size() || t[pos] != 'Z') return std::nullopt;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (mo < 1 || mo > 12 || d < 1 || d > kDays[mo - 1] || h > 23 || mi > 59 || s > 60) return std::nullopt;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (mo == 2 && d == 29 && !leap) return std::nullopt;
  return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

ParsedTicker parse_ticker(Exchange e, std::string_view body, std::string_view symbol) {
  if (body.empty()) return fail("empty_body");
  json::Value doc;
  try {
    doc = json::parse(body);
  } catch (const json::InputError&) {
    return fail("not_json");
  }
  try {
    const json::JsonRef root(doc, "");
    if (root.kind() != json::Value::Kind::object) return fail("bad_format: not an object");
    switch (e) {
      case Exchange::binance: {
        const auto sym = root.find("symbol");
        if (sym && sym->kind() == json::Value::Kind::string && sym->string() != symbol)
          return fail("bad_format: symbol is " + sym->string());
        return price_from(root.at("price"));
      }
      case Exchange::coinbase: {
        ParsedTicker t = price_from(root.at("price"));
        if (!t.price) return t;
        if (const auto time = root.find("time")) {
          if (time->kind() != json::Value::Kind::string) return fail("bad_format: time is not a string");
          t.ts = parse_rfc3339_utc(time->string());
          if (!t.ts) return fail("bad_format: time \"" + time->string() + "\" is not RFC 3339 UTC");
        }
        return t;
      }
      case Exchange::kraken: {
        const auto err = root.at("error");
        if (err.kind() != json::Value::Kind::array) return fail("bad_format: error is not an array");
        if (err.size() > 0) {
          const auto first = err[0];
          return fail("exchange_error: " + (first.kind() == json::Value::Kind::string ? first.string() : "?"));
        }
        const auto pair = root.at("result").at(symbol);
        const auto close = pair.at("c");
        if (close.kind() != json::Value::Kind::array || close.size() < 1) return fail("bad_format: c is not [price, lot]");
        return price_from(close[0]);
      }
    }
  } catch (const json::InputError& err) {
    return fail("bad_format: " + std::string(err.what()));
  }
  return fail("bad_format");
}

}  // namespace xm::oracles::adapters
