#pragma once
// Exact parsers for public exchange ticker responses. Prices are decimal strings and become WADs
// without passing through floating point; anything unexpected is an error naming what was wrong.
//   Binance  GET /api/v3/ticker/price?symbol=ETHUSDT  {"symbol":"ETHUSDT","price":"3000.12000000"}
//   Coinbase GET /products/ETH-USD/ticker             {"price":"3000.12","time":"2026-01-01T00:00:00.123Z",...}
//   Kraken   GET /0/public/Ticker?pair=XETHZUSD       {"error":[],"result":{"XETHZUSD":{"c":["3000.1","0.5"],...}}}
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "xm/engine/wad.hpp"

namespace xm::oracles::adapters {

enum class Exchange : std::uint8_t { binance, coinbase, kraken };
const char* to_string(Exchange e) noexcept;

struct ParsedTicker {
  std::optional<Wad> price;       // set on success
  std::optional<std::int64_t> ts; // exchange timestamp (unix s) when the format carries one
  std::string error;              // set on failure: "not_json", "bad_format: …", "bad_price: …"
};

// The request path for a symbol ("ETHUSDT", "ETH-USD", "XETHZUSD").
std::string ticker_path(Exchange e, std::string_view symbol);

ParsedTicker parse_ticker(Exchange e, std::string_view body, std::string_view symbol);

// "2026-01-01T12:00:00Z" or with a fraction ("…:00.123456Z") to unix seconds (fraction floored).
std::optional<std::int64_t> parse_rfc3339_utc(std::string_view text);

}  // namespace xm::oracles::adapters
