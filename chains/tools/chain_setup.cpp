// xm_chain_setup DIR — deploys the chain-test world on the local anvil chains listed in
// DIR/chains.txt (written by scripts/anvil.sh), using only the project's own signing code, and
// writes DIR/registry.json (a xmargin-chains/1 registry for them) and DIR/deployment.json (contract
// addresses and the exact amounts minted, for the tests to check against).
//
// Chain 1: USDC (6 decimals), WETH (18), native ETH, an ETH/USD feed with 8 decimals, three bad
//          feeds (answer 0, answer −5, 20 decimals) and the MarginReference contract.
// Chain 2: DAI (18), USDC (6), native ETH, an ETH/USD feed with 18 decimals, MarginReference.
// Then 70 blocks are mined on each so that anvil's "finalized" (latest − 64) covers all of it.
// Exit 0 on success, 3 on any chain failure.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "xm/chains/abi.hpp"
#include "xm/chains/dev_chain.hpp"
#include "xm/chains/sender.hpp"
#include "xm/codec/json.hpp"

using namespace xm::chains;

namespace {

constexpr const char* kAlice = "0x00000000000000000000000000000000000a11ce";
constexpr const char* kBob = "0x0000000000000000000000000000000000000b0b";

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Bytes bytecode(const std::string& contract) {
  const auto doc = xm::json::parse(slurp("chains/evm/build/" + contract + ".json"));
  return from_hex(xm::json::JsonRef(doc, contract).at("bytecode").string());
}

Bytes with_args(Bytes code, const std::vector<abi::Value>& args) {
  const Bytes enc = abi::encode(args);
  code.insert(code.end(), enc.begin(), enc.end());
  return code;
}

struct Chain {
  std::uint64_t id = 0;
  std::string url;
};

struct World {
  std::ostringstream registry_chains;
  std::ostringstream deployment;
};

Address deploy_token(TxSender& s, const std::string& name, const std::string& symbol, unsigned decimals) {
  return s.deploy(with_args(bytecode("TestToken"), {abi::Value::string_of(name), abi::Value::string_of(symbol),
                                                   abi::Value::uint(decimals)}));
}

void mint(TxSender& s, const Address& token, const char* to, const U256& amount) {
  s.send(token, abi::call_data("mint(address,uint256)", {abi::Value::address(parse_address(to)), abi::Value::uint(amount)}));
}

Address deploy_feed(TxSender& s, unsigned decimals, const xm::Int256& answer, std::int64_t updated_at) {
  const Address feed = s.deploy(with_args(bytecode("MockAggregator"), {abi::Value::uint(decimals)}));
  s.send(feed, abi::call_data("setRound(int256,uint256)", {abi::Value::int_(answer), abi::Value::uint(U256(updated_at))}));
  return feed;
}

std::string q(const std::string& s) { return "\"" + s + "\""; }

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: xm_chain_setup DIR   (run from the repository root)\n";
    return 2;
  }
  const std::string dir = argv[1];
  try {
    std::vector<Chain> chains;
    {
      std::istringstream lines(slurp(dir + "/chains.txt"));
      Chain c;
      std::string pid;
      while (lines >> c.id >> c.url >> pid) chains.push_back(c);
    }
    if (chains.size() < 2) throw std::runtime_error(dir + "/chains.txt lists fewer than two chains");
    const xm::crypto::SecretKey key = anvil_dev_key();

    std::ostringstream reg_chains, dep;
    for (std::size_t i = 0; i < 2; ++i) {
      RpcClient rpc(chains[i].url);
      TxSender sender(rpc, key);
      const auto latest = rpc.block(BlockTag::latest);
      const std::int64_t now = latest ? latest->timestamp : 0;
      const std::string id = std::to_string(chains[i].id);
      if (i == 0) {
        const Address usdc = deploy_token(sender, "USD Coin", "USDC", 6);
        const Address weth = deploy_token(sender, "Wrapped Ether", "WETH", 18);
        mint(sender, usdc, kAlice, U256("1234567891"));              // 1234.567891 USDC
        mint(sender, usdc, kBob, 1);                                 // 0.000001 USDC
        mint(sender, weth, kAlice, U256("2500000000000000001"));     // 2.500000000000000001 WETH
        sender.send(parse_address(kAlice), {}, U256("1500000000000000000"));  // 1.5 ETH
        sender.send(parse_address(kBob), {}, 1);                               // 1 wei
        const Address feed = deploy_feed(sender, 8, xm::Int256("300012345678"), now);  // 3000.12345678
        const Address zero_feed = deploy_feed(sender, 8, 0, now);
        const Address negative_feed = deploy_feed(sender, 8, -5, now);
        const Address wide_feed = deploy_feed(sender, 20, 1, now);
        const Address margin = sender.deploy(bytecode("MarginReference"));
        reg_chains << "{" << q("chain_id") << ":" << id << "," << q("name") << ":" << q("local-a") << ","
                   << q("rpc_url") << ":" << q(chains[i].url) << "," << q("finality") << ":" << q("finalized") << ","
                   << q("collateral_weight") << ":" << q("1") << "," << q("max_staleness_s") << ":600,"
                   << q("native_asset") << ":" << q("ETH") << "," << q("tokens") << ":["
                   << "{" << q("asset") << ":" << q("USDC") << "," << q("address") << ":" << q(to_0x(usdc)) << ","
                   << q("decimals") << ":6},"
                   << "{" << q("asset") << ":" << q("WETH") << "," << q("address") << ":" << q(to_0x(weth)) << "}],"
                   << q("feeds") << ":[{" << q("asset") << ":" << q("ETH") << "," << q("source") << ":"
                   << q("chainlink-a") << "," << q("address") << ":" << q(to_0x(feed)) << "," << q("max_age_s")
                   << ":3600}]},";
        dep << q("chain_a") << ":{" << q("chain_id") << ":" << id << "," << q("rpc_url") << ":" << q(chains[i].url)
            << "," << q("usdc") << ":" << q(to_0x(usdc)) << "," << q("weth") << ":" << q(to_0x(weth)) << ","
            << q("feed") << ":" << q(to_0x(feed)) << "," << q("zero_feed") << ":" << q(to_0x(zero_feed)) << ","
            << q("negative_feed") << ":" << q(to_0x(negative_feed)) << "," << q("wide_feed") << ":"
            << q(to_0x(wide_feed)) << "," << q("margin") << ":" << q(to_0x(margin)) << "," << q("feed_updated_at")
            << ":" << now << "},";
      } else {
        const Address dai = deploy_token(sender, "Dai", "DAI", 18);
        const Address usdc = deploy_token(sender, "USD Coin", "USDC", 6);
        mint(sender, dai, kAlice, U256("1000000000000000000000"));   // 1000 DAI
        mint(sender, dai, kBob, 1);                                  // 1e-18 DAI
        mint(sender, usdc, kBob, U256("999999999999"));              // 999999.999999 USDC
        sender.send(parse_address(kAlice), {}, U256("2000000000000000000"));  // 2 ETH
        const Address feed = deploy_feed(sender, 18, xm::Int256("2999500000000000000000"), now);  // 2999.5
        const Address margin = sender.deploy(bytecode("MarginReference"));
        reg_chains << "{" << q("chain_id") << ":" << id << "," << q("name") << ":" << q("local-b") << ","
                   << q("rpc_url") << ":" << q(chains[i].url) << "," << q("finality") << ":{" << q("confirmations")
                   << ":3}," << q("collateral_weight") << ":" << q("0.9") << "," << q("max_staleness_s") << ":600,"
                   << q("native_asset") << ":" << q("ETH") << "," << q("tokens") << ":["
                   << "{" << q("asset") << ":" << q("DAI") << "," << q("address") << ":" << q(to_0x(dai)) << ","
                   << q("decimals") << ":18},"
                   << "{" << q("asset") << ":" << q("USDC") << "," << q("address") << ":" << q(to_0x(usdc)) << "}],"
                   << q("feeds") << ":[{" << q("asset") << ":" << q("ETH") << "," << q("source") << ":"
                   << q("chainlink-b") << "," << q("address") << ":" << q(to_0x(feed)) << "}]}";
        dep << q("chain_b") << ":{" << q("chain_id") << ":" << id << "," << q("rpc_url") << ":" << q(chains[i].url)
            << "," << q("dai") << ":" << q(to_0x(dai)) << "," << q("usdc") << ":" << q(to_0x(usdc)) << ","
            << q("feed") << ":" << q(to_0x(feed)) << "," << q("margin") << ":" << q(to_0x(margin)) << ","
            << q("feed_updated_at") << ":" << now << "}";
      }
      // 70 empty blocks: anvil's "finalized" is latest − 64, so everything above becomes final.
      rpc.request("anvil_mine", "[\"0x46\"]");
    }
    std::ofstream(dir + "/registry.json")
        << "{\"format\":\"xmargin-chains/1\",\"rpc\":{\"connect_timeout_ms\":1000,\"request_timeout_ms\":5000,"
           "\"max_attempts\":3,\"backoff_ms\":100},\"chains\":["
        << reg_chains.str() << "],\"accounts\":[{\"id\":\"alice\",\"address\":\"" << kAlice
        << "\"},{\"id\":\"bob\",\"address\":\"" << kBob << "\"}]}\n";
    std::ofstream(dir + "/deployment.json") << "{" << dep.str() << "}\n";
    std::cout << "deployed on " << chains[0].url << " and " << chains[1].url << "; wrote " << dir
              << "/registry.json and deployment.json\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 3;
  }
}
