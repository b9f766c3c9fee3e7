#include "xm/oracles/http_source.hpp"

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace xm::oracles::adapters {
namespace {

using SteadyClock = std::chrono::steady_clock;

// Stops the client when the total deadline passes: cpp-httplib's timeouts are per socket
// operation, so a server dripping one byte at a time would otherwise never time out.
class Watchdog {
 public:
  Watchdog(httplib::Client& client, SteadyClock::time_point deadline)
      : thread_([this, &client, deadline] {
          std::unique_lock lock(mutex_);
          if (!cv_.wait_until(lock, deadline, [this] { return done_; })) {
            fired_ = true;
            client.stop();
          }
        }) {}
  ~Watchdog() { finish(); }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  void finish() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    cv_.notify_one();
    if (thread_.joinable()) thread_.join();
  }
  bool fired() {
    std::lock_guard lock(mutex_);
    return fired_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
  bool fired_ = false;
  std::thread thread_;
};

SourceFailure failure(const Endpoint& ep, std::string detail) { return SourceFailure{ep.source, std::move(detail)}; }

std::string transport_reason(httplib::Error e) {
  switch (e) {
    case httplib::Error::Connection: return "connect_failed";
    case httplib::Error::Read: return "read_failed";
    case httplib::Error::Write: return "write_failed";
    case httplib::Error::ConnectionTimeout: return "timeout";
    case httplib::Error::SSLConnection: return "tls_failed";
    case httplib::Error::SSLServerVerification: return "tls_verification_failed";
    case httplib::Error::Canceled: return "canceled";
    default: return "transport_error:" + httplib::to_string(e);
  }
}

}  // namespace

std::int64_t system_unix_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

FetchResult fetch_quote(const Endpoint& ep, const FetchLimits& limits, const Clock& clock) {
  try {
    httplib::Client client(ep.base_url);
    if (!client.is_valid()) return failure(ep, "bad_url");
    client.set_connection_timeout(std::chrono::milliseconds(limits.connect_timeout_ms));
    client.set_read_timeout(std::chrono::milliseconds(limits.read_timeout_ms));
    client.set_write_timeout(std::chrono::milliseconds(limits.read_timeout_ms));
    client.set_keep_alive(false);
    client.set_follow_location(false);

    const auto deadline = SteadyClock::now() + std::chrono::milliseconds(limits.total_timeout_ms);
    std::string body;
    std::string early;  // reason decided while the response was arriving
    int status = 0;
    std::string content_type;
    auto on_response = [&](const httplib::Response& r) {
      status = r.status;
      content_type = r.get_header_value("Content-Type");
      if (r.status != 200) { early = "http_status_" + std::to_string(r.status); return false; }
      if (r.has_header("Content-Length")) {
        // Digits only, no exceptions thrown through cpp-httplib: anything odd is "too large".
        const std::string len = r.get_header_value("Content-Length");
        std::size_t n = 0;
        bool ok = !len.empty() && len.size() <= 12;
        for (char c : len) {
          ok = ok && c >= '0' && c <= '9';
          if (ok) n = n * 10 + static_cast<std::size_t>(c - '0');
        }
        if (!ok || n > limits.max_body_bytes) { early = "body_too_large"; return false; }
      }
      return true;
    };
    auto on_data = [&](const char* data, std::size_t n) {
      if (body.size() + n > limits.max_body_bytes) { early = "body_too_large"; return false; }
      if (SteadyClock::now() > deadline) { early = "timeout"; return false; }
      body.append(data, n);
      return true;
    };
    Watchdog watchdog(client, deadline);
    const httplib::Result res = client.Get(ticker_path(ep.exchange, ep.symbol), httplib::Headers{{"Accept", "application/json"}},
                                           on_response, on_data);
    watchdog.finish();
    if (watchdog.fired()) return failure(ep, "timeout");
    if (!early.empty()) return failure(ep, early);
    if (!res) return failure(ep, transport_reason(res.error()));
    if (status != 200) return failure(ep, "http_status_" + std::to_string(status));
    if (content_type.find("html") != std::string::npos) return failure(ep, "html_response");

    ParsedTicker t = parse_ticker(ep.exchange, body, ep.symbol);
    if (!t.price) return failure(ep, t.error);
    Quote q;
    q.source = ep.source;
    q.price = *t.price;
    q.ts = t.ts.value_or(clock());
    return q;
  } catch (const std::exception& e) {
    // cpp-httplib may throw on hostile input; a source failure, not a crash.
    return failure(ep, std::string("internal:") + e.what());
  }
}

RoundInput poll(const std::vector<Endpoint>& endpoints, const FetchLimits& limits, const Clock& clock) {
  RoundInput in;
  for (const auto& ep : endpoints) {
    FetchResult r = fetch_quote(ep, limits, clock);
    if (auto* q = std::get_if<Quote>(&r)) in.quotes.push_back(std::move(*q));
    else in.failures.push_back(std::get<SourceFailure>(std::move(r)));
  }
  return in;
}

}  // namespace xm::oracles::adapters
