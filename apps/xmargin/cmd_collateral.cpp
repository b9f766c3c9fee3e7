// xmargin collateral --config FILE [--json] [--now UNIX_S] [--watch-ms N [--rounds K]]
// Reads every account's collateral on every chain of a xmargin-chains/1 registry (at each chain's
// final block) and the registry's Chainlink feeds (at the latest block), and prints them. With
// --watch-ms it repeats every N ms (K rounds, or until stopped or a failure). Any RPC failure ends
// the command with exit 3 and one `error:` line naming the endpoint and method.
#include <chrono>
#include <iostream>
#include <sstream>
#include <thread>

#include "commands.hpp"
#include "xm/chains/collateral.hpp"
#include "xm/chains/price_feed.hpp"
#include "xm/engine/decimal.hpp"

namespace xm::cli {
namespace {

struct Round {
  chains::CollateralSnapshot snapshot;
  std::vector<chains::FeedOutcome> feeds;
};

Round read_round(const chains::Registry& reg, std::int64_t now) {
  Round r;
  r.snapshot = chains::read_collateral(reg);
  for (const auto& chain : reg.chains) {
    if (chain.feeds.empty()) continue;
    chains::RpcClient rpc(chain.rpc_url, reg.rpc);
    for (const auto& feed : chain.feeds) {
      r.feeds.push_back(chains::read_feed(rpc, chain.params.id, feed, chains::BlockTag::latest, now));
    }
  }
  return r;
}

std::string text(const Round& r, const chains::Registry& reg, std::uint64_t round_no) {
  std::ostringstream s;
  s << "round " << round_no << "\n";
  for (std::size_t i = 0; i < r.snapshot.chains.size(); ++i) {
    const auto& c = r.snapshot.chains[i];
    s << "  chain " << c.chain.value << " " << reg.chains[i].params.name << ": block " << c.block_number << " "
      << crypto::to_0x(c.block_hash) << " ts " << c.timestamp << "\n";
  }
  for (const auto& a : r.snapshot.accounts) {
    s << "  account " << a.id << "\n";
    for (const auto& b : a.balances) {
      s << "    " << b.chain.value << " " << b.asset.value << " " << format_wad(b.amount) << "\n";
    }
  }
  for (const auto& f : r.feeds) {
    s << "  feed " << f.feed.asset.value << " " << f.feed.source << " (chain " << f.chain.value << "): ";
    if (f.reading) s << format_wad(f.reading->price_wad) << " updated_at " << f.reading->updated_at << "\n";
    else s << "rejected: " << chains::to_string(*f.rejection) << " (answer " << f.round.answer << ", updatedAt "
           << f.round.updated_at << ")\n";
  }
  return s.str();
}

std::string json_text(const Round& r, std::int64_t now) {
  std::ostringstream s;
  s << "{\"format\":\"xmargin-collateral/1\",\"now\":" << now << ",\"chains\":[";
  for (std::size_t i = 0; i < r.snapshot.chains.size(); ++i) {
    const auto& c = r.snapshot.chains[i];
    s << (i ? "," : "") << "{\"chain_id\":" << c.chain.value << ",\"block_number\":" << c.block_number
      << ",\"block_hash\":\"" << crypto::to_0x(c.block_hash) << "\",\"snapshot_ts\":" << c.timestamp << "}";
  }
  s << "],\"accounts\":[";
  for (std::size_t i = 0; i < r.snapshot.accounts.size(); ++i) {
    const auto& a = r.snapshot.accounts[i];
    s << (i ? "," : "") << "{\"id\":\"" << a.id << "\",\"balances\":[";
    for (std::size_t j = 0; j < a.balances.size(); ++j) {
      const auto& b = a.balances[j];
      s << (j ? "," : "") << "{\"chain_id\":" << b.chain.value << ",\"asset\":\"" << b.asset.value
        << "\",\"amount\":\"" << format_wad(b.amount) << "\"}";
    }
    s << "]}";
  }
  s << "],\"feeds\":[";
  for (std::size_t i = 0; i < r.feeds.size(); ++i) {
    const auto& f = r.feeds[i];
    s << (i ? "," : "") << "{\"asset\":\"" << f.feed.asset.value << "\",\"source\":\"" << f.feed.source
      << "\",\"chain_id\":" << f.chain.value << ",\"status\":\""
      << (f.reading ? "ok" : chains::to_string(*f.rejection)) << "\"";
    if (f.reading) s << ",\"price\":\"" << format_wad(f.reading->price_wad) << "\",\"ts\":" << f.reading->updated_at;
    s << "}";
  }
  s << "]}\n";
  return s.str();
}

std::int64_t int_flag(ArgScanner& scan, std::string_view name, std::int64_t fallback, std::int64_t min) {
  const std::string v = scan.value(name, false);
  if (v.empty()) return fallback;
  const auto n = parse_int64(v);
  if (!n || *n < min) throw UsageError(std::string(name) + " expects an integer ≥ " + std::to_string(min));
  return *n;
}

}  // namespace

int cmd_collateral(const Args& args) {
  ArgScanner scan("collateral", args);
  const std::string file = scan.value("--config", true);
  const bool as_json = scan.flag("--json");
  const std::int64_t wall_now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const std::int64_t fixed_now = int_flag(scan, "--now", -1, 0);
  const std::int64_t watch_ms = int_flag(scan, "--watch-ms", 0, 1);
  const std::int64_t rounds = int_flag(scan, "--rounds", watch_ms > 0 ? 0 : 1, 0);  // 0: until stopped
  scan.positionals(0, 0);
  chains::Registry reg;
  try {
    reg = chains::parse_registry(read_file(file));
  } catch (const json::InputError& e) {
    throw FileInputError(file, e.path(), e.reason());
  }
  for (std::uint64_t n = 1;; ++n) {
    const std::int64_t now = fixed_now >= 0 ? fixed_now : wall_now + (watch_ms * static_cast<std::int64_t>(n - 1)) / 1000;
    Round r;
    try {
      r = read_round(reg, now);
    } catch (const chains::ChainError& e) {
      throw OutsideFailure(e.what());
    }
    std::cout << (as_json ? json_text(r, now) : text(r, reg, n)) << std::flush;
    if (rounds > 0 && static_cast<std::int64_t>(n) >= rounds) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(watch_ms > 0 ? watch_ms : 0));
  }
  return kOk;
}

}  // namespace xm::cli
