// The JSON-RPC client against live anvil nodes, and its failure modes against dead or hostile ones.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <chrono>
#include <thread>

#include "live.hpp"
#include "xm/chains/abi.hpp"
#include "xm/chains/dev_chain.hpp"
#include "xm/chains/sender.hpp"

using namespace xm::chains;

namespace {

// A loopback HTTP server for failure modes anvil does not produce; stopped when it goes out of scope.
class FakeNode {
 public:
  explicit FakeNode(httplib::Server::Handler handler) {
    server_.Post("/", std::move(handler));
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // Bound and listening on return of bind_to_any_port; wait until the accept loop runs.
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakeNode() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace

TEST_CASE("rpc: chain ids, block numbers and block tags", "[chain]") {
  const Registry reg = live::registry();
  RpcClient a(reg.chains[0].rpc_url);
  RpcClient b(reg.chains[1].rpc_url);
  CHECK(a.chain_id() == reg.chains[0].params.id.value);
  CHECK(b.chain_id() == reg.chains[1].params.id.value);
  CHECK(a.chain_id() != b.chain_id());
  const std::uint64_t n = a.block_number();
  CHECK(n >= 70);  // the setup mined 70 blocks after deploying
  const auto latest = a.block(BlockTag::latest);
  const auto safe = a.block(BlockTag::safe);
  const auto finalized = a.block(BlockTag::finalized);
  REQUIRE(latest);
  REQUIRE(safe);
  REQUIRE(finalized);
  CHECK(finalized->number <= safe->number);
  CHECK(safe->number <= latest->number);
  CHECK(latest->base_fee_per_gas.has_value());
  const auto by_number = a.block(finalized->number);
  REQUIRE(by_number);
  CHECK(by_number->hash == finalized->hash);
  CHECK_FALSE(a.block(n + 1000).has_value());  // not mined: null, not an error
}

TEST_CASE("rpc: balances, nonces, gas estimates, receipts via our own signed transactions", "[chain]") {
  const Registry reg = live::registry();
  RpcClient rpc(reg.chains[1].rpc_url);
  TxSender sender(rpc, anvil_dev_key());
  const Address to = parse_address("0x00000000000000000000000000000000000d0d01");
  const U256 before = rpc.balance(to, BlockTag::latest);
  const std::uint64_t nonce = rpc.transaction_count(sender.address(), BlockTag::latest);
  CHECK(rpc.estimate_gas(CallRequest{sender.address(), to, 7, {}}) == 21000);  // a plain transfer
  const Receipt r = sender.send(to, {}, 7);
  CHECK(r.success);
  CHECK(r.gas_used == 21000);
  CHECK(rpc.balance(to, BlockTag::latest) == before + 7);
  CHECK(rpc.transaction_count(sender.address(), BlockTag::latest) == nonce + 1);
  const auto again = rpc.receipt(r.tx_hash);
  REQUIRE(again);
  CHECK(again->block_number == r.block_number);
  CHECK_FALSE(rpc.receipt(xm::crypto::Hash32{}).has_value());
}

TEST_CASE("rpc: an eth_call revert carries its revert data", "[chain]") {
  const Registry reg = live::registry();
  RpcClient rpc(reg.chains[0].rpc_url);
  // TestToken.mint from a non-owner reverts with NotOwner() = 0x30cd7471.
  const Address usdc = parse_address(live::chain_a().at("usdc").string());
  const CallRequest req{parse_address("0x0000000000000000000000000000000000000b0b"), usdc, 0,
                        abi::call_data("mint(address,uint256)", {abi::Value::address(usdc), abi::Value::uint(1)})};
  const CallResult r = rpc.call(req, BlockTag::latest);
  CHECK(r.reverted);
  CHECK(to_0x(r.data) == to_0x(abi::selector("NotOwner()")));
}

TEST_CASE("rpc: a dead endpoint fails fast with a clear error after bounded retries", "[chain]") {
  // Port 9 (discard) on loopback: nothing listens, so connect is refused.
  RpcOptions o;
  o.max_attempts = 3;
  o.backoff_ms = 50;
  RpcClient rpc("http://127.0.0.1:9", o);
  const auto t0 = std::chrono::steady_clock::now();
  try {
    (void)rpc.chain_id();
    FAIL("no error");
  } catch (const ChainError& e) {
    CHECK(e.kind() == ErrorKind::unreachable);
    const std::string msg = e.what();
    CHECK(msg.find("RPC http://127.0.0.1:9 eth_chainId") != std::string::npos);
    CHECK(msg.find("attempt 3 of 3") != std::string::npos);
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  CHECK(ms >= 150);   // 50 + 100 ms of backoff were honoured
  CHECK(ms < 5000);   // and nothing hung
}

TEST_CASE("rpc: a node that never answers times out, an oversized or foreign reply is refused", "[chain]") {
  SECTION("silent node") {
    FakeNode node([](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      res.set_content("{}", "application/json");
    });
    RpcOptions o;
    o.request_timeout_ms = 300;
    o.max_attempts = 2;
    o.backoff_ms = 10;
    RpcClient rpc(node.url(), o);
    try {
      (void)rpc.block_number();
      FAIL("no error");
    } catch (const ChainError& e) {
      CHECK(e.kind() == ErrorKind::timeout);
    }
  }
  SECTION("oversized reply") {
    FakeNode node([](const httplib::Request&, httplib::Response& res) {
      res.set_content("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x" + std::string(100000, '0') + "\"}", "application/json");
    });
    RpcOptions o;
    o.max_response_bytes = 4096;
    RpcClient rpc(node.url(), o);
    try {
      (void)rpc.block_number();
      FAIL("no error");
    } catch (const ChainError& e) {
      CHECK(e.kind() == ErrorKind::bad_response);
      CHECK(std::string(e.what()).find("larger than 4096") != std::string::npos);
    }
  }
  SECTION("wrong id, HTTP 500, JSON-RPC error") {
    int calls = 0;
    FakeNode node([&calls](const httplib::Request& req, httplib::Response& res) {
      ++calls;
      if (req.body.find("eth_chainId") != std::string::npos) {
        res.set_content(R"({"jsonrpc":"2.0","id":999,"result":"0x1"})", "application/json");
      } else if (req.body.find("eth_blockNumber") != std::string::npos) {
        res.status = 500;
      } else {
        res.set_content(R"({"jsonrpc":"2.0","id":3,"error":{"code":-32601,"message":"method not found"}})",
                        "application/json");
      }
    });
    RpcOptions o;
    o.max_attempts = 2;
    o.backoff_ms = 1;
    RpcClient rpc(node.url(), o);
    CHECK_THROWS_WITH(rpc.chain_id(), Catch::Contains("reply id does not match"));
    CHECK_THROWS_WITH(rpc.block_number(), Catch::Contains("HTTP 500 (attempt 2 of 2)"));
    CHECK(calls == 3);  // 1 + 2 attempts: only the 500 was retried
    CHECK_THROWS_WITH(rpc.request("eth_foo", "[]"), Catch::Contains("error -32601: method not found"));
  }
}
