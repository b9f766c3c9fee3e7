// Cross-chain collateral read from two live anvil chains (different chain ids; tokens of 6 and 18
// decimals; native ETH), at each chain's final block. Expected amounts are the integers
// xm_chain_setup minted, written out by hand as decimals: units / 10^decimals.
#include <catch2/catch.hpp>

#include "live.hpp"
#include "xm/chains/abi.hpp"
#include "xm/chains/collateral.hpp"
#include "xm/chains/dev_chain.hpp"
#include "xm/chains/sender.hpp"
#include "xm/engine/decimal.hpp"

using namespace xm::chains;

namespace {

std::string amount(const xm::Account& a, std::uint64_t chain, const std::string& asset) {
  for (const auto& b : a.balances) {
    if (b.chain.value == chain && b.asset.value == asset) return xm::format_wad(b.amount);
  }
  return "<missing>";
}

}  // namespace

TEST_CASE("collateral: balances on two chains, exact to the last unit", "[chain]") {
  const Registry reg = live::registry();
  REQUIRE(reg.chains.size() == 2);
  const auto a = static_cast<std::uint64_t>(live::chain_a().at("chain_id").integer());
  const auto b = static_cast<std::uint64_t>(live::chain_b().at("chain_id").integer());
  REQUIRE(a != b);

  const CollateralSnapshot snap = read_collateral(reg);
  REQUIRE(snap.accounts.size() == 2);
  const xm::Account& alice = snap.accounts[0];
  const xm::Account& bob = snap.accounts[1];
  REQUIRE(alice.id == "alice");
  REQUIRE(bob.id == "bob");

  // Chain A: 1234567891 USDC units (6 dec), 2500000000000000001 WETH units (18 dec), 1.5e18 wei.
  CHECK(amount(alice, a, "USDC") == "1234.567891");
  CHECK(amount(alice, a, "WETH") == "2.500000000000000001");
  CHECK(amount(alice, a, "ETH") == "1.5");
  CHECK(amount(bob, a, "USDC") == "0.000001");
  CHECK(amount(bob, a, "WETH") == "0");
  CHECK(amount(bob, a, "ETH") == "0.000000000000000001");
  // Chain B: 10^21 DAI units (18 dec), 999999999999 USDC units (6 dec), 2e18 wei.
  CHECK(amount(alice, b, "DAI") == "1000");
  CHECK(amount(alice, b, "ETH") == "2");
  CHECK(amount(alice, b, "USDC") == "0");
  CHECK(amount(bob, b, "DAI") == "0.000000000000000001");
  CHECK(amount(bob, b, "USDC") == "999999.999999");

  // Balances come sorted by (chain, asset); every (chain, asset) of the registry is present.
  CHECK(alice.balances.size() == 6);
  for (std::size_t i = 1; i < alice.balances.size(); ++i) {
    CHECK(std::tie(alice.balances[i - 1].chain, alice.balances[i - 1].asset) <
          std::tie(alice.balances[i].chain, alice.balances[i].asset));
  }

  // Snapshot times are the final blocks' own timestamps, per chain.
  REQUIRE(snap.chains.size() == 2);
  for (const auto& c : snap.chains) {
    const auto& cfg = c.chain.value == a ? reg.chains[0] : reg.chains[1];
    RpcClient rpc(cfg.rpc_url);
    const auto header = rpc.block(c.block_number);
    REQUIRE(header);
    CHECK(header->timestamp == c.timestamp);
    CHECK(header->hash == c.block_hash);
    CHECK(snap.snapshot_ts().at(c.chain) == c.timestamp);
  }
}

TEST_CASE("collateral: finality — the finalized tag and N confirmations pick the right block", "[chain]") {
  const Registry reg = live::registry();
  for (const auto& cfg : reg.chains) {
    RpcClient rpc(cfg.rpc_url);
    const ChainSnapshot at = final_block(rpc, cfg);
    const std::uint64_t latest = rpc.block_number();
    if (cfg.finality.tag) {
      // anvil reports "finalized" as latest − 64 (at least genesis).
      CHECK(at.block_number + 64 <= latest + 0);
      CHECK(at.block_number == rpc.block(BlockTag::finalized)->number);
    } else {
      CHECK(at.block_number == latest - cfg.finality.confirmations);
    }
  }
}

TEST_CASE("collateral: a transfer is not collateral until its block is final", "[chain]") {
  // A fresh address not in the registry, so the other tests' expectations are untouched.
  const Registry reg = live::registry();
  const ChainConfig& chain = reg.chains[0];  // finality "finalized"
  RpcClient rpc(chain.rpc_url);
  TxSender sender(rpc, anvil_dev_key());
  const std::vector<AccountConfig> carol{{"carol", parse_address("0x00000000000000000000000000000000000ca201")}};
  const Address usdc = parse_address(live::chain_a().at("usdc").string());
  sender.send(usdc, abi::call_data("mint(address,uint256)", {abi::Value::address(carol[0].address), abi::Value::uint(42)}));

  auto read_usdc = [&] {
    std::vector<xm::Account> out(1);
    read_chain_balances(rpc, chain, carol, final_block(rpc, chain), out);
    return amount(out[0], chain.params.id.value, "USDC");
  };
  CHECK(read_usdc() == "0");  // minted, but its block is not yet 64 deep
  rpc.request("anvil_mine", "[\"0x41\"]");  // 65 blocks
  CHECK(read_usdc() == "0.000042");
}

TEST_CASE("collateral: a registry pointing at the wrong chain id is refused", "[chain]") {
  Registry reg = live::registry();
  std::swap(reg.chains[0].rpc_url, reg.chains[1].rpc_url);
  try {
    (void)read_collateral(reg);
    FAIL("no error");
  } catch (const ChainError& e) {
    CHECK(e.kind() == ErrorKind::bad_response);
    CHECK(std::string(e.what()).find("reports chain id") != std::string::npos);
  }
}
