// Exchange adapters against real cpp-httplib servers on 127.0.0.1 (ephemeral ports, in-process):
// the three public formats, then servers that fail, lie, stall, drip or flood. Every failure must
// come back as a SourceFailure with its reason, within the configured time bound.
#include <catch2/catch.hpp>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "xm/engine/decimal.hpp"
#include "xm/oracles/http_source.hpp"
#include "xm/oracles/oracle.hpp"

using namespace xm;
using namespace xm::oracles;
using namespace xm::oracles::adapters;
using namespace std::chrono_literals;

namespace {

enum class Mode {
  honest, lying, status500, html, html_as_json, empty, garbage, wrong_shape, number_price, exponent_price,
  exchange_error, huge_with_length, huge_chunked, slow, drip
};

constexpr const char* kCoinbaseTime = "2026-01-01T00:00:05.123456Z";  // = 1767225605 (date -u -d … +%s)

// One local "exchange" serving the Binance, Coinbase and Kraken ticker paths; `mode` picks the behaviour.
class FakeExchange {
 public:
  FakeExchange() {
    server_.new_task_queue = [] { return new httplib::ThreadPool(3); };
    server_.Get("/api/v3/ticker/price", [this](const httplib::Request& req, httplib::Response& res) {
      const bool ok_symbol = req.get_param_value("symbol") == "ETHUSDT";
      serve(res, ok_symbol ? std::string(R"({"symbol":"ETHUSDT","price":")") + price() + R"("})"
                           : R"({"code":-1121,"msg":"Invalid symbol."})");
    });
    server_.Get("/products/ETH-USD/ticker", [this](const httplib::Request&, httplib::Response& res) {
      serve(res, std::string(R"({"ask":"3000.13","bid":"3000.11","volume":"1234.5","trade_id":86326522,"price":")") +
                     price() + R"(","size":"0.01","time":")" + kCoinbaseTime + R"("})");
    });
    server_.Get("/0/public/Ticker", [this](const httplib::Request& req, httplib::Response& res) {
      if (req.get_param_value("pair") != "XETHZUSD") return serve(res, R"({"error":["EQuery:Unknown asset pair"]})");
      serve(res, std::string(R"({"error":[],"result":{"XETHZUSD":{"a":["3000.13000","1","1.000"],)"
                             R"("b":["3000.11000","2","2.000"],"c":[")") +
                     price() + R"(","0.05000000"],"v":["100.1","200.2"],"p":["2999.9","2998.7"],"t":[10,20],)"
                               R"("l":["2990.00","2980.00"],"h":["3010.00","3020.00"],"o":"2995.00"}}})");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    REQUIRE(port_ > 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(1ms);
  }
  ~FakeExchange() {
    stopping_ = true;
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::atomic<Mode> mode{Mode::honest};

 private:
  std::string price() const { return mode == Mode::lying ? "3300.00" : "3000.12000000"; }

  void serve(httplib::Response& res, const std::string& normal) {
    switch (mode.load()) {
      case Mode::honest:
      case Mode::lying: res.set_content(normal, "application/json"); return;
      case Mode::status500: res.status = 500; res.set_content("Internal Server Error", "text/plain"); return;
      case Mode::html: res.set_content("<html><body>Cloudflare: checking your browser</body></html>", "text/html"); return;
      case Mode::html_as_json: res.set_content("<html><body>maintenance</body></html>", "application/json"); return;
      case Mode::empty: res.set_content("", "application/json"); return;
      case Mode::garbage: res.set_content(std::string("{\"price\": \"30\xff\xfe", 14), "application/json"); return;
      case Mode::wrong_shape: res.set_content(R"({"data":{"amount":"3000.12"}})", "application/json"); return;
      case Mode::number_price: res.set_content(R"({"symbol":"ETHUSDT","price":3000.12})", "application/json"); return;
      case Mode::exponent_price: res.set_content(R"({"symbol":"ETHUSDT","price":"3.00012e3"})", "application/json"); return;
      case Mode::exchange_error: res.set_content(R"({"error":["EService:Unavailable"]})", "application/json"); return;
      case Mode::huge_with_length: res.set_content(std::string(10u << 20, ' '), "application/json"); return;
      case Mode::huge_chunked:
        res.set_chunked_content_provider("application/json", [this](std::size_t offset, httplib::DataSink& sink) {
          if (stopping_ || offset >= (10u << 20)) { sink.done(); return true; }
          const std::string block(64u << 10, ' ');
          return sink.write(block.data(), block.size());
        });
        return;
      case Mode::slow:
        for (int i = 0; i < 75 && !stopping_; ++i) std::this_thread::sleep_for(20ms);  // 1.5 s
        res.set_content(normal, "application/json");
        return;
      case Mode::drip:
        // One byte every 50 ms, for ever: each read succeeds, only a total deadline can stop it.
        res.set_chunked_content_provider("application/json", [this](std::size_t, httplib::DataSink& sink) {
          if (stopping_) return false;
          std::this_thread::sleep_for(50ms);
          return sink.write(" ", 1);
        });
        return;
    }
  }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
};

FetchLimits test_limits() {
  FetchLimits l;
  l.connect_timeout_ms = 500;
  l.read_timeout_ms = 300;
  l.total_timeout_ms = 800;
  l.max_body_bytes = 1u << 20;
  return l;
}

// A port that was just free: bound to an ephemeral port, then closed without listening.
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  ::close(fd);
  return ntohs(addr.sin_port);
}

const Clock kClock = [] { return std::int64_t{1767225606}; };

std::vector<Endpoint> endpoints(const std::string& url) {
  return {{"binance", Exchange::binance, url, "ETHUSDT"},
          {"coinbase", Exchange::coinbase, url, "ETH-USD"},
          {"kraken", Exchange::kraken, url, "XETHZUSD"}};
}

// The three exchanges as sources of one asset, quorum 2.
Policy exchange_policy() {
  Policy p;
  p.sources = {"binance", "coinbase", "kraken"};
  p.min_sources = 2;
  normalize(p);
  return p;
}

// The failure detail of one fetch, and that it came back within the time bound.
std::string failure_of(const Endpoint& ep) {
  const auto start = std::chrono::steady_clock::now();
  const FetchResult r = fetch_quote(ep, test_limits(), kClock);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(elapsed < 3s);  // a hang guard, not a performance goal: the bound is 0.8 s + connect
  const auto* f = std::get_if<SourceFailure>(&r);
  REQUIRE(f != nullptr);
  CHECK(f->source == ep.source);
  return f->detail;
}

}  // namespace

TEST_CASE("adapters read Binance, Coinbase and Kraken formats exactly from live local servers", "[oracle][http]") {
  FakeExchange ex;
  const RoundInput in = poll(endpoints(ex.url()), test_limits(), kClock);
  REQUIRE(in.failures.empty());
  REQUIRE(in.quotes.size() == 3);
  for (const auto& q : in.quotes) CHECK(q.price == *parse_wad("3000.12"));
  CHECK(in.quotes[0].ts == 1767225606);  // Binance carries no time: the injected clock
  CHECK(in.quotes[1].ts == 1767225605);  // Coinbase's "time", fraction floored
  CHECK(in.quotes[2].ts == 1767225606);

  auto oracle = Oracle::create({{AssetId{"ETH"}, exchange_policy()}});
  REQUIRE(oracle);
  Oracle o = std::move(oracle).value();
  const auto report = o.round(1767225606, {{AssetId{"ETH"}, in}});
  REQUIRE(report);
  const AssetReport& eth = report->at(AssetId{"ETH"});
  CHECK(eth.status == PriceStatus::ok);
  CHECK(*eth.price == *parse_wad("3000.12"));
}

TEST_CASE("a lying exchange is out-voted and flagged deviant", "[oracle][http]") {
  FakeExchange honest, liar;
  liar.mode = Mode::lying;
  std::vector<Endpoint> eps = endpoints(honest.url());
  eps[0].base_url = liar.url();  // binance lies: 3300 vs 3000.12
  const RoundInput in = poll(eps, test_limits(), kClock);
  REQUIRE(in.quotes.size() == 3);
  AssetFeed feed(exchange_policy());
  const AssetReport r = feed.update(1767225606, in);
  CHECK(r.status == PriceStatus::degraded);
  CHECK(*r.price == *parse_wad("3000.12"));
  REQUIRE(r.dropped.size() == 1);
  CHECK(r.dropped[0].source == "binance");
  CHECK(r.dropped[0].reason == DropReason::deviant);
}

TEST_CASE("failing, garbage and oversized responses become dropped quotes with a reason", "[oracle][http]") {
  FakeExchange ex;
  const auto eps = endpoints(ex.url());
  const Endpoint& binance = eps[0];
  const Endpoint& kraken = eps[2];
  ex.mode = Mode::status500;
  CHECK(failure_of(binance) == "http_status_500");
  ex.mode = Mode::html;
  CHECK(failure_of(binance) == "html_response");
  ex.mode = Mode::html_as_json;
  CHECK(failure_of(binance) == "not_json");
  ex.mode = Mode::empty;
  CHECK(failure_of(binance) == "empty_body");
  ex.mode = Mode::garbage;
  CHECK(failure_of(binance) == "not_json");
  ex.mode = Mode::wrong_shape;
  CHECK(failure_of(binance).rfind("bad_format: ", 0) == 0);
  ex.mode = Mode::number_price;
  CHECK(failure_of(binance) == "bad_format: price is not a string");
  ex.mode = Mode::exponent_price;
  CHECK(failure_of(binance).rfind("bad_price: price: ", 0) == 0);
  ex.mode = Mode::exchange_error;
  CHECK(failure_of(kraken) == "exchange_error: EService:Unavailable");
  ex.mode = Mode::honest;
  Endpoint wrong_pair = kraken;
  wrong_pair.symbol = "XXBTZUSD";
  CHECK(failure_of(wrong_pair) == "exchange_error: EQuery:Unknown asset pair");
  Endpoint wrong_symbol = binance;
  wrong_symbol.symbol = "BTCUSDT";
  CHECK(failure_of(wrong_symbol).rfind("bad_format: ", 0) == 0);
  ex.mode = Mode::huge_with_length;
  CHECK(failure_of(binance) == "body_too_large");
  ex.mode = Mode::huge_chunked;
  CHECK(failure_of(binance) == "body_too_large");
}

TEST_CASE("stalled and dripping servers time out; a closed port is a connect failure", "[oracle][http]") {
  FakeExchange ex;
  const auto eps = endpoints(ex.url());
  ex.mode = Mode::slow;
  const std::string slow = failure_of(eps[1]);
  CHECK((slow == "read_failed" || slow == "timeout"));
  ex.mode = Mode::drip;
  CHECK(failure_of(eps[1]) == "timeout");

  const int closed_port = free_port();
  Endpoint refused = eps[0];
  refused.base_url = "http://127.0.0.1:" + std::to_string(closed_port);
  CHECK(failure_of(refused) == "connect_failed");

  // All three sources down at once: the round has no quotes and the asset is insufficient.
  ex.mode = Mode::status500;
  const RoundInput in = poll(eps, test_limits(), kClock);
  CHECK(in.quotes.empty());
  REQUIRE(in.failures.size() == 3);
  AssetFeed feed(exchange_policy());
  const AssetReport r = feed.update(1767225606, in);
  CHECK(r.status == PriceStatus::insufficient);
  CHECK(r.dropped.size() == 3);
}

TEST_CASE("ticker parsers: exact decimals and RFC 3339 times", "[oracle]") {
  CHECK(*parse_ticker(Exchange::binance, R"({"symbol":"ETHUSDT","price":"0.00000001"})", "ETHUSDT").price ==
        *parse_wad("0.00000001"));
  CHECK(parse_ticker(Exchange::binance, R"({"symbol":"ETHUSDT","price":"1.0000000000000000001"})", "ETHUSDT")
            .error.rfind("bad_price", 0) == 0);  // 19 fractional digits: never rounded
  CHECK(parse_ticker(Exchange::coinbase, R"([1,2])", "ETH-USD").error == "bad_format: not an object");
  CHECK(*parse_rfc3339_utc("1970-01-01T00:00:00Z") == 0);
  CHECK(*parse_rfc3339_utc("2000-02-29T12:00:00Z") == 951825600);  // date -u -d 2000-02-29T12:00:00Z +%s
  CHECK(*parse_rfc3339_utc("2026-01-01T00:00:05.999Z") == 1767225605);
  CHECK(*parse_rfc3339_utc("1969-12-31T23:59:59Z") == -1);
  CHECK_FALSE(parse_rfc3339_utc("2001-02-29T00:00:00Z"));
  CHECK_FALSE(parse_rfc3339_utc("2026-01-01T00:00:00+01:00"));
  CHECK_FALSE(parse_rfc3339_utc("2026-01-01 00:00:00Z"));
  CHECK_FALSE(parse_rfc3339_utc("2026-13-01T00:00:00Z"));
}
