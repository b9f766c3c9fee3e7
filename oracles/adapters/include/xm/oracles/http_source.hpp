#pragma once
// Fetching one exchange ticker over HTTP(S) with cpp-httplib, bounded in time and size. Every
// failure (refused, timeout, non-200, oversized or slow body, HTML, garbage) comes back as a
// SourceFailure with a reason — never an exception, a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "xm/oracles/exchange_formats.hpp"
#include "xm/oracles/types.hpp"

namespace xm::oracles::adapters {

struct Endpoint {
  std::string source;    // the source name the policy knows ("binance")
  Exchange exchange = Exchange::binance;
  std::string base_url;  // "https://api.binance.com" or "http://127.0.0.1:8081"
  std::string symbol;    // "ETHUSDT", "ETH-USD", "XETHZUSD"
};

struct FetchLimits {
  std::int64_t connect_timeout_ms = 2000;
  std::int64_t read_timeout_ms = 2000;   // per socket read
  std::int64_t total_timeout_ms = 4000;  // whole request, headers and body (stops slow drips)
  std::size_t max_body_bytes = 1u << 20; // 1 MiB
};

// Unix seconds "now", injected so that tests control it; quotes without an exchange timestamp get it.
using Clock = std::function<std::int64_t()>;
std::int64_t system_unix_seconds();

using FetchResult = std::variant<Quote, SourceFailure>;

FetchResult fetch_quote(const Endpoint& ep, const FetchLimits& limits, const Clock& clock = system_unix_seconds);

// Fetches every endpoint (sequentially, each bounded) into one round's input.
RoundInput poll(const std::vector<Endpoint>& endpoints, const FetchLimits& limits,
                const Clock& clock = system_unix_seconds);

}  // namespace xm::oracles::adapters
