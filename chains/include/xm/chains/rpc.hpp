#pragma once
// A JSON-RPC 2.0 client for EVM nodes over HTTP(S) (cpp-httplib).
//
// Bounded in every direction: a connect timeout, a deadline per request (covering slow replies that
// trickle in), a bounded number of attempts with doubling backoff for transport failures and
// HTTP 429/5xx only, and a cap on the reply size. Every failure is a ChainError naming the endpoint,
// the method and the reason. Not thread-safe: one client per thread.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "xm/chains/bytes.hpp"
#include "xm/codec/json.hpp"
#include "xm/crypto/keccak.hpp"

namespace xm::chains {

struct RpcOptions {
  std::int64_t connect_timeout_ms = 2000;
  std::int64_t request_timeout_ms = 10000;  // whole request: send, wait, read the reply
  int max_attempts = 3;                      // ≥ 1; only transport failures and 429/5xx are retried
  std::int64_t backoff_ms = 200;             // before the 2nd attempt; doubled for each further one
  std::size_t max_response_bytes = 8u << 20;
};

enum class BlockTag : std::uint8_t { latest, safe, finalized, pending, earliest };
// A block named by tag or number.
using BlockRef = std::variant<BlockTag, std::uint64_t>;
std::string to_param(const BlockRef& b);  // "finalized", "0x1a"

struct BlockHeader {
  std::uint64_t number = 0;
  crypto::Hash32 hash{};
  std::int64_t timestamp = 0;  // unix seconds, the chain's own clock
  std::optional<U256> base_fee_per_gas;  // absent before London
};

struct Receipt {
  crypto::Hash32 tx_hash{};
  std::uint64_t block_number = 0;
  bool success = false;  // status 0x1
  std::optional<Address> contract_address;
  std::uint64_t gas_used = 0;
};

// eth_call either returns data or reverts with (possibly empty) revert data.
struct CallResult {
  bool reverted = false;
  Bytes data;           // return data, or revert data when reverted
  std::string message;  // the node's revert message, when reverted
};

struct CallRequest {
  std::optional<Address> from;
  std::optional<Address> to;  // nullopt: contract creation (eth_estimateGas of a deployment)
  U256 value = 0;
  Bytes data;
};

class RpcClient {
 public:
  // `url`: http://host:port[/path] or https://…; invalid_argument when malformed.
  explicit RpcClient(const std::string& url, RpcOptions options = {});
  ~RpcClient();
  RpcClient(RpcClient&&) noexcept;
  RpcClient& operator=(RpcClient&&) noexcept;

  const std::string& url() const noexcept { return url_; }
  // scheme://host:port without the path, for messages (paths often carry API keys).
  const std::string& endpoint() const noexcept;

  // Raw call: `params_json` is the JSON array text of the params. Returns the `result` member.
  // `idempotent` = false retries only failures where the request certainly never left
  // (connection refused / connect timeout), so a transaction is never sent twice blindly.
  json::Value request(std::string_view method, std::string_view params_json, bool idempotent = true);

  std::uint64_t chain_id();
  std::uint64_t block_number();
  std::optional<BlockHeader> block(const BlockRef& which);  // nullopt: no such block (yet)
  CallResult call(const CallRequest& req, const BlockRef& at);
  U256 balance(const Address& who, const BlockRef& at);
  std::uint64_t transaction_count(const Address& who, const BlockRef& at);
  std::uint64_t estimate_gas(const CallRequest& req);
  crypto::Hash32 send_raw_transaction(const Bytes& raw);
  std::optional<Receipt> receipt(const crypto::Hash32& tx_hash);  // nullopt: not mined yet

 private:
  // Sends one request (with retries) and returns the parsed reply envelope, id already checked.
  json::Value exchange(std::string_view method, std::string_view params_json, bool idempotent);
  struct Transport;
  std::string url_;
  RpcOptions options_;
  std::unique_ptr<Transport> transport_;
  std::uint64_t next_id_ = 1;
};

}  // namespace xm::chains
