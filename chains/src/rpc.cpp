#include "xm/chains/rpc.hpp"

#include <httplib.h>

#include <chrono>
#include <thread>

namespace xm::chains {
namespace {

using Clock = std::chrono::steady_clock;
using json::JsonRef;
using json::Value;

// Splits http(s)://host[:port][/path] into the part httplib connects to and the request path.
std::pair<std::string, std::string> split_url(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos || (url.compare(0, scheme_end, "http") != 0 && url.compare(0, scheme_end, "https") != 0)) {
    throw ChainError(ErrorKind::invalid_argument, "RPC URL must start with http:// or https://: \"" + url + "\"");
  }
  const auto path_start = url.find('/', scheme_end + 3);
  std::string origin = url.substr(0, path_start);
  std::string path = path_start == std::string::npos ? "/" : url.substr(path_start);
  if (origin.size() <= scheme_end + 3) throw ChainError(ErrorKind::invalid_argument, "RPC URL has no host: \"" + url + "\"");
  return {std::move(origin), std::move(path)};
}

void set_timeout(httplib::Client& c, void (httplib::Client::*setter)(time_t, time_t), std::int64_t ms) {
  (c.*setter)(static_cast<time_t>(ms / 1000), static_cast<time_t>((ms % 1000) * 1000));
}

const Value& member(const Value& obj, std::string_view key) {
  static const Value null_value;
  for (const auto& [k, v] : obj.members) {
    if (k == key) return v;
  }
  return null_value;
}

std::string json_str(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string call_object(const CallRequest& req) {
  std::string o = "{";
  if (req.from) o += "\"from\":" + json_str(to_0x(*req.from)) + ",";
  if (req.to) o += "\"to\":" + json_str(to_0x(*req.to)) + ",";
  if (req.value != 0) o += "\"value\":" + json_str(quantity(req.value)) + ",";
  o += "\"data\":" + json_str(to_0x(req.data)) + "}";
  return o;
}

crypto::Hash32 to_hash(const Bytes& b) {
  if (b.size() != 32) throw ChainError(ErrorKind::bad_response, "expected a 32-byte hash");
  crypto::Hash32 h{};
  std::copy(b.begin(), b.end(), h.begin());
  return h;
}

}  // namespace

std::string to_param(const BlockRef& b) {
  if (const auto* n = std::get_if<std::uint64_t>(&b)) return quantity(*n);
  switch (std::get<BlockTag>(b)) {
    case BlockTag::latest: return "latest";
    case BlockTag::safe: return "safe";
    case BlockTag::finalized: return "finalized";
    case BlockTag::pending: return "pending";
    case BlockTag::earliest: return "earliest";
  }
  return "latest";
}

struct RpcClient::Transport {
  Transport(const std::string& origin, std::string p) : client(origin), path(std::move(p)), name(origin) {}
  httplib::Client client;
  std::string path;
  std::string name;  // scheme://host:port only: paths often carry API keys, so they are never printed
};

RpcClient::RpcClient(const std::string& url, RpcOptions options) : url_(url), options_(options) {
  if (options_.max_attempts < 1) options_.max_attempts = 1;
  auto [origin, path] = split_url(url);
  transport_ = std::make_unique<Transport>(origin, std::move(path));
  if (!transport_->client.is_valid()) throw ChainError(ErrorKind::invalid_argument, "RPC URL not usable: " + origin);
  auto& c = transport_->client;
  set_timeout(c, &httplib::Client::set_connection_timeout, options_.connect_timeout_ms);
  set_timeout(c, &httplib::Client::set_read_timeout, options_.request_timeout_ms);
  set_timeout(c, &httplib::Client::set_write_timeout, options_.request_timeout_ms);
  c.set_keep_alive(true);
  // Headers and body go out as separate writes: without TCP_NODELAY, Nagle plus delayed ACK
  // adds ~40 ms to every call.
  c.set_tcp_nodelay(true);
}

RpcClient::~RpcClient() = default;
const std::string& RpcClient::endpoint() const noexcept { return transport_->name; }
RpcClient::RpcClient(RpcClient&&) noexcept = default;
RpcClient& RpcClient::operator=(RpcClient&&) noexcept = default;

json::Value RpcClient::exchange(std::string_view method, std::string_view params_json, bool idempotent) {
  const std::uint64_t id = next_id_++;
  const std::string body = "{\"jsonrpc\":\"2.0\",\"id\":" + std::to_string(id) + ",\"method\":\"" +
                           std::string(method) + "\",\"params\":" + std::string(params_json) + "}";
  const std::string where = "RPC " + transport_->name + " " + std::string(method);
  std::string reply;
  std::int64_t backoff_ms = options_.backoff_ms;
  for (int attempt = 1;; ++attempt) {
    reply.clear();
    bool too_large = false;
    bool too_slow = false;
    const auto deadline = Clock::now() + std::chrono::milliseconds(options_.request_timeout_ms);
    httplib::Request req;
    req.method = "POST";
    req.path = transport_->path;
    req.body = body;
    req.set_header("Content-Type", "application/json");
    req.content_receiver = [&](const char* data, std::size_t n, std::uint64_t, std::uint64_t) {
      if (reply.size() + n > options_.max_response_bytes) return !(too_large = true);
      if (Clock::now() > deadline) return !(too_slow = true);
      reply.append(data, n);
      return true;
    };
    httplib::Response res;
    httplib::Error err = httplib::Error::Success;
    const bool sent = transport_->client.send(req, res, err);

    ErrorKind kind = ErrorKind::http;
    bool retryable = false;
    std::string reason;
    if (too_large) {
      throw ChainError(ErrorKind::bad_response,
                       where + ": reply larger than " + std::to_string(options_.max_response_bytes) + " bytes");
    } else if (too_slow) {
      kind = ErrorKind::timeout;
      reason = "reply not complete within " + std::to_string(options_.request_timeout_ms) + " ms";
      retryable = idempotent;
    } else if (!sent) {
      switch (err) {
        case httplib::Error::Connection:
          kind = ErrorKind::unreachable, reason = "cannot connect", retryable = true;
          break;
        case httplib::Error::ConnectionTimeout:
          kind = ErrorKind::timeout, reason = "connect timed out", retryable = true;
          break;
        case httplib::Error::Read:
          kind = ErrorKind::timeout, reason = "no complete reply (connection closed or read timed out)", retryable = idempotent;
          break;
        case httplib::Error::Write:
          kind = ErrorKind::unreachable, reason = "connection lost while sending", retryable = idempotent;
          break;
        default:
          kind = ErrorKind::unreachable, reason = httplib::to_string(err);
          break;
      }
    } else if (res.status == 429 || res.status >= 500) {
      kind = ErrorKind::http, reason = "HTTP " + std::to_string(res.status), retryable = true;
    } else if (res.status != 200) {
      kind = ErrorKind::http, reason = "HTTP " + std::to_string(res.status);
    } else {
      break;  // a complete 200 reply
    }
    if (!retryable || attempt >= options_.max_attempts) {
      throw ChainError(kind, where + ": " + reason + " (attempt " + std::to_string(attempt) + " of " +
                                 std::to_string(options_.max_attempts) + ")");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(backoff_ms));
    backoff_ms *= 2;
  }

  Value doc;
  try {
    doc = json::parse(reply);
  } catch (const json::InputError& e) {
    throw ChainError(ErrorKind::bad_response, where + ": reply is not JSON: " + e.what());
  }
  if (doc.kind != Value::Kind::object) throw ChainError(ErrorKind::bad_response, where + ": reply is not an object");
  const Value& rid = member(doc, "id");
  if (rid.kind != Value::Kind::number || rid.text != std::to_string(id)) {
    throw ChainError(ErrorKind::bad_response, where + ": reply id does not match the request id");
  }
  return doc;
}

json::Value RpcClient::request(std::string_view method, std::string_view params_json, bool idempotent) {
  Value doc = exchange(method, params_json, idempotent);
  const Value& error = member(doc, "error");
  if (error.kind == Value::Kind::object) {
    const Value& code = member(error, "code");
    const Value& message = member(error, "message");
    throw ChainError(ErrorKind::rpc, "RPC " + transport_->name + " " + std::string(method) + ": error " + code.text +
                                         ": " + message.text.substr(0, 300));
  }
  for (auto& [k, v] : doc.members) {
    if (k == "result") return std::move(v);
  }
  throw ChainError(ErrorKind::bad_response, "RPC " + transport_->name + " " + std::string(method) + ": reply has neither result nor error");
}

namespace {

const std::string& string_result(const Value& v, std::string_view what) {
  if (v.kind != Value::Kind::string) throw ChainError(ErrorKind::bad_response, std::string(what) + ": expected a hex string");
  return v.text;
}

}  // namespace

std::uint64_t RpcClient::chain_id() { return parse_quantity_u64(string_result(request("eth_chainId", "[]"), "eth_chainId")); }

std::uint64_t RpcClient::block_number() {
  return parse_quantity_u64(string_result(request("eth_blockNumber", "[]"), "eth_blockNumber"));
}

std::optional<BlockHeader> RpcClient::block(const BlockRef& which) {
  const Value v = request("eth_getBlockByNumber", "[" + json_str(to_param(which)) + ",false]");
  if (v.kind == Value::Kind::null) return std::nullopt;
  if (v.kind != Value::Kind::object) throw ChainError(ErrorKind::bad_response, "eth_getBlockByNumber: expected an object");
  BlockHeader h;
  h.number = parse_quantity_u64(string_result(member(v, "number"), "block.number"));
  h.hash = to_hash(from_hex(string_result(member(v, "hash"), "block.hash")));
  const std::uint64_t ts = parse_quantity_u64(string_result(member(v, "timestamp"), "block.timestamp"));
  if (ts > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    throw ChainError(ErrorKind::bad_response, "block.timestamp out of range");
  }
  h.timestamp = static_cast<std::int64_t>(ts);
  const Value& base_fee = member(v, "baseFeePerGas");
  if (base_fee.kind == Value::Kind::string) h.base_fee_per_gas = parse_quantity(base_fee.text);
  return h;
}

CallResult RpcClient::call(const CallRequest& req, const BlockRef& at) {
  const std::string params = "[" + call_object(req) + "," + json_str(to_param(at)) + "]";
  Value doc = exchange("eth_call", params, true);
  const Value& error = member(doc, "error");
  if (error.kind == Value::Kind::object) {
    const Value& code = member(error, "code");
    const Value& message = member(error, "message");
    const Value& data = member(error, "data");
    // Nodes report a revert as code 3 (geth, anvil) or with "revert" in the message, carrying
    // the revert data as a hex string; anything else is a node error, not a revert.
    const bool revert = code.text == "3" || message.text.find("revert") != std::string::npos;
    if (!revert) {
      throw ChainError(ErrorKind::rpc, "RPC " + transport_->name + " eth_call: error " + code.text + ": " +
                                           message.text.substr(0, 300));
    }
    CallResult r;
    r.reverted = true;
    r.message = message.text.substr(0, 300);
    if (data.kind == Value::Kind::string) r.data = from_hex(data.text);
    return r;
  }
  CallResult r;
  r.data = from_hex(string_result(member(doc, "result"), "eth_call"));
  return r;
}

U256 RpcClient::balance(const Address& who, const BlockRef& at) {
  return parse_quantity(string_result(
      request("eth_getBalance", "[" + json_str(to_0x(who)) + "," + json_str(to_param(at)) + "]"), "eth_getBalance"));
}

std::uint64_t RpcClient::transaction_count(const Address& who, const BlockRef& at) {
  return parse_quantity_u64(string_result(
      request("eth_getTransactionCount", "[" + json_str(to_0x(who)) + "," + json_str(to_param(at)) + "]"),
      "eth_getTransactionCount"));
}

std::uint64_t RpcClient::estimate_gas(const CallRequest& req) {
  return parse_quantity_u64(string_result(request("eth_estimateGas", "[" + call_object(req) + "]"), "eth_estimateGas"));
}

crypto::Hash32 RpcClient::send_raw_transaction(const Bytes& raw) {
  return to_hash(from_hex(string_result(request("eth_sendRawTransaction", "[" + json_str(to_0x(raw)) + "]", false),
                                        "eth_sendRawTransaction")));
}

std::optional<Receipt> RpcClient::receipt(const crypto::Hash32& tx_hash) {
  const Value v = request("eth_getTransactionReceipt", "[" + json_str(crypto::to_0x(tx_hash)) + "]");
  if (v.kind == Value::Kind::null) return std::nullopt;
  if (v.kind != Value::Kind::object) throw ChainError(ErrorKind::bad_response, "eth_getTransactionReceipt: expected an object");
  Receipt r;
  r.tx_hash = to_hash(from_hex(string_result(member(v, "transactionHash"), "receipt.transactionHash")));
  r.block_number = parse_quantity_u64(string_result(member(v, "blockNumber"), "receipt.blockNumber"));
  r.success = parse_quantity(string_result(member(v, "status"), "receipt.status")) == 1;
  r.gas_used = parse_quantity_u64(string_result(member(v, "gasUsed"), "receipt.gasUsed"));
  const Value& created = member(v, "contractAddress");
  if (created.kind == Value::Kind::string) r.contract_address = parse_address(created.text);
  return r;
}

}  // namespace xm::chains
