// chains: EIP-1559 signing, ABI encoding, and (when XM_BENCH_RPC_URL names a node, e.g. an anvil
// from scripts/anvil.sh) one JSON-RPC round trip.
//   build/bench/chains_bench                               (offline parts)
//   XM_BENCH_RPC_URL=http://127.0.0.1:18545 build/bench/chains_bench
#include <benchmark/benchmark.h>

#include <cstdlib>

#include "xm/chains/abi.hpp"
#include "xm/chains/dev_chain.hpp"
#include "xm/chains/rpc.hpp"
#include "xm/chains/tx.hpp"

using namespace xm::chains;

namespace {

void BM_sign_eip1559(benchmark::State& state) {
  Eip1559Tx tx;
  tx.chain_id = 31337;
  tx.gas_limit = 100000;
  tx.max_fee_per_gas = 30'000'000'000ULL;
  tx.to = parse_address("0x5fbdb2315678afecb367f032d93f642f64180aa3");
  tx.data = Bytes(68, 0xab);
  const auto key = anvil_dev_key();
  for (auto _ : state) {
    ++tx.nonce;
    benchmark::DoNotOptimize(sign(tx, key));
  }
}
BENCHMARK(BM_sign_eip1559);

// 64 (int256, int256, int256) tuples in a dynamic array: the size of a large margin account.
void BM_abi_encode_64_tuples(benchmark::State& state) {
  std::vector<abi::Value> rows;
  for (int i = 0; i < 64; ++i) {
    rows.push_back(abi::Value::tuple({abi::Value::int_(xm::Int256(i) * 1000000007), abi::Value::int_(-i),
                                      abi::Value::int_(xm::Int256(1) << 200)}));
  }
  const std::vector<abi::Value> args{abi::Value::array(rows)};
  for (auto _ : state) benchmark::DoNotOptimize(abi::call_data("f((int256,int256,int256)[])", args));
}
BENCHMARK(BM_abi_encode_64_tuples);

void BM_abi_decode_64_tuples(benchmark::State& state) {
  std::vector<abi::Value> rows;
  for (int i = 0; i < 64; ++i) rows.push_back(abi::Value::tuple({abi::Value::int_(-i), abi::Value::int_(i), abi::Value::int_(0)}));
  const Bytes enc = abi::encode({abi::Value::array(rows)});
  const std::vector<abi::Type> types{abi::Type::array(abi::Type::tuple({abi::Type::int_(), abi::Type::int_(), abi::Type::int_()}))};
  for (auto _ : state) benchmark::DoNotOptimize(abi::decode(types, enc));
}
BENCHMARK(BM_abi_decode_64_tuples);

void BM_rpc_eth_chainId(benchmark::State& state) {
  const char* url = std::getenv("XM_BENCH_RPC_URL");
  if (!url) {
    state.SkipWithError("set XM_BENCH_RPC_URL to a local node");
    return;
  }
  RpcClient rpc(url);
  for (auto _ : state) benchmark::DoNotOptimize(rpc.chain_id());
}
BENCHMARK(BM_rpc_eth_chainId)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
