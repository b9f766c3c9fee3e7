// Oracle benchmarks (docs/benchmarks/oracle.md):
//   BM_OracleRound_50x9   one round of 50 assets × 9 unsigned sources through the full core
//                         (validation, median, deviant recompute, drift, breaker) — goal < 50 µs
//   BM_SignedReportVerify check_report on one ethers-signed Median report (digest, low-s,
//                         recovery, address, authorization)
//   BM_RawSecp256k1Recover libsecp256k1 parse_compact + ecdsa_recover on the same digest — the
//                         goal is ours ≥ 90 % of this rate
#include <benchmark/benchmark.h>
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <string>
#include <vector>

#include "xm/engine/decimal.hpp"
#include "xm/oracles/oracle.hpp"
#include "xm/oracles/signed_report.hpp"

using namespace xm;
using namespace xm::oracles;

namespace {

constexpr int kAssets = 50;
constexpr int kSources = 9;
constexpr int kRounds = 64;  // distinct pre-built rounds, cycled

std::vector<std::uint8_t> hex(const std::string& s) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 2; i + 1 < s.size(); i += 2) out.push_back(static_cast<std::uint8_t>(std::stoi(s.substr(i, 2), nullptr, 16)));
  return out;
}

void BM_OracleRound_50x9(benchmark::State& state) {
  std::map<AssetId, Policy> policies;
  for (int a = 0; a < kAssets; ++a) {
    Policy p;
    for (int s = 0; s < kSources; ++s) p.sources.push_back("src" + std::to_string(s));
    p.min_sources = 5;
    policies.emplace(AssetId{"A" + std::to_string(100 + a)}, p);
  }
  auto created = Oracle::create(policies);
  if (!created) { state.SkipWithError("policy"); return; }
  Oracle oracle = std::move(created).value();
  // Prices around 1000..50000 units with small per-source spreads; one source per asset lies by 10 %.
  std::vector<std::map<AssetId, RoundInput>> rounds(kRounds);
  for (int r = 0; r < kRounds; ++r) {
    for (int a = 0; a < kAssets; ++a) {
      RoundInput in;
      const std::int64_t base = 1000 * (a + 1);
      for (int s = 0; s < kSources; ++s) {
        Quote q;
        q.source = "src" + std::to_string(s);
        const std::int64_t bp = (s == 8) ? 1000 : (s * 3 + r) % 17;  // basis points above base
        q.price = mul_floor(Wad::from_units(base * (10'000 + bp)), Wad::from_raw_i64(100'000'000'000'000));  // × 0.0001
        q.ts = 0;
        in.quotes.push_back(std::move(q));
      }
      rounds[static_cast<std::size_t>(r)].emplace(AssetId{"A" + std::to_string(100 + a)}, std::move(in));
    }
  }
  std::int64_t now = 0;
  std::size_t i = 0;
  for (auto _ : state) {
    auto& round = rounds[i++ % kRounds];
    for (auto& [id, in] : round)
      for (auto& q : in.quotes) q.ts = now;
    auto rep = oracle.round(now, round);
    benchmark::DoNotOptimize(rep);
    ++now;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * kAssets * kSources);
}
BENCHMARK(BM_OracleRound_50x9)->Unit(benchmark::kMicrosecond);

// valid_signer_1 of oracles/tests/data/signed_vectors.json (made by ethers).
const char* kSig =
    "0xf318dacf567f3a595c0c5d7c6f5f8812919205afd80def049ddb29aa96190c1e0cc65b1db63c8e930f10d64b6cf2dd3016812d5360c520267d7ffcce6f9b59401b";
const char* kDigest = "0x5332b633ea1ab09d6311bd368defa21ebc2187d6dc64261ec40168c30ae84dc1";

void BM_SignedReportVerify(benchmark::State& state) {
  Policy p;
  p.sources = {"m1"};
  p.min_sources = 1;
  p.wat = "ETHUSD";
  p.signers = {*crypto::parse_address("0x4a90cd3402bff2416116453614084dc544c2fede")};
  Quote q;
  q.source = "m1";
  q.price = *parse_wad("3000.5");
  q.ts = 1767225600;
  q.signed_report = SignedReport{"ETHUSD", hex(kSig)};
  if (!check_report(q, p).signer) { state.SkipWithError("vector does not verify"); return; }
  for (auto _ : state) benchmark::DoNotOptimize(check_report(q, p));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_SignedReportVerify)->Unit(benchmark::kMicrosecond);

void BM_RawSecp256k1Recover(benchmark::State& state) {
  const auto sig = hex(kSig);
  const auto digest = hex(kDigest);
  secp256k1_context* ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
  for (auto _ : state) {
    secp256k1_ecdsa_recoverable_signature rs;
    secp256k1_pubkey pk;
    const int ok = secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &rs, sig.data(), sig[64] - 27) &&
                   secp256k1_ecdsa_recover(ctx, &pk, &rs, digest.data());
    benchmark::DoNotOptimize(ok);
    benchmark::DoNotOptimize(pk);
  }
  secp256k1_context_destroy(ctx);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_RawSecp256k1Recover)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
