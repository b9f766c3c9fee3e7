#include "xm/chains/registry.hpp"

#include <algorithm>
#include <set>

#include "xm/codec/json.hpp"

namespace xm::chains {
namespace {

using json::JsonRef;

// Bounds that keep a typo from configuring a client that never gives up.
constexpr std::int64_t kMaxTimeoutMs = 600'000;
constexpr std::int64_t kMaxAttempts = 20;
constexpr std::uint64_t kMaxConfirmations = 1'000'000;

Address address_at(const JsonRef& r) {
  try {
    return parse_address(r.string());
  } catch (const ChainError&) {
    r.fail("expected a 20-byte hex address \"0x…\"");
  }
}

std::int64_t bounded(const JsonRef& r, std::int64_t lo, std::int64_t hi) {
  const std::int64_t v = r.integer();
  if (v < lo || v > hi) r.fail("must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return v;
}

std::string nonempty(const JsonRef& r) {
  const std::string& s = r.string();
  if (s.empty()) r.fail("must not be empty");
  return s;
}

Finality parse_finality(const JsonRef& r) {
  Finality f;
  if (r.kind() == json::Value::Kind::string) {
    const std::string& s = r.string();
    if (s == "finalized") f.tag = BlockTag::finalized;
    else if (s == "safe") f.tag = BlockTag::safe;
    else if (s == "latest") f.tag = BlockTag::latest;
    else r.fail("expected \"finalized\", \"safe\", \"latest\" or {\"confirmations\": N}");
    return f;
  }
  r.only({"confirmations"});
  f.confirmations = static_cast<std::uint64_t>(bounded(r.at("confirmations"), 0, kMaxConfirmations));
  return f;
}

RpcOptions parse_rpc(const JsonRef& r) {
  r.only({"connect_timeout_ms", "request_timeout_ms", "max_attempts", "backoff_ms", "max_response_bytes"});
  RpcOptions o;
  if (auto v = r.find("connect_timeout_ms")) o.connect_timeout_ms = bounded(*v, 1, kMaxTimeoutMs);
  if (auto v = r.find("request_timeout_ms")) o.request_timeout_ms = bounded(*v, 1, kMaxTimeoutMs);
  if (auto v = r.find("max_attempts")) o.max_attempts = static_cast<int>(bounded(*v, 1, kMaxAttempts));
  if (auto v = r.find("backoff_ms")) o.backoff_ms = bounded(*v, 0, kMaxTimeoutMs);
  if (auto v = r.find("max_response_bytes")) {
    o.max_response_bytes = static_cast<std::size_t>(bounded(*v, 1024, std::int64_t{1} << 30));
  }
  return o;
}

ChainConfig parse_chain(const JsonRef& r) {
  r.only({"chain_id", "name", "rpc_url", "finality", "collateral_weight", "max_staleness_s", "native_asset",
          "tokens", "feeds"});
  ChainConfig c;
  const std::int64_t id = r.at("chain_id").integer();
  if (id <= 0) r.at("chain_id").fail("must be positive");
  c.params.id = ChainId{static_cast<std::uint64_t>(id)};
  c.params.name = nonempty(r.at("name"));
  c.rpc_url = nonempty(r.at("rpc_url"));
  if (!c.rpc_url.starts_with("http://") && !c.rpc_url.starts_with("https://")) {
    r.at("rpc_url").fail("must start with http:// or https://");
  }
  c.finality = parse_finality(r.at("finality"));
  if (auto w = r.find("collateral_weight")) {
    c.params.collateral_weight = w->non_negative_wad();
    if (c.params.collateral_weight > Wad::one()) w->fail("must be ≤ 1");
  }
  c.params.max_staleness_s = bounded(r.at("max_staleness_s"), 0, std::int64_t{1} << 40);
  if (auto n = r.find("native_asset")) c.native_asset = AssetId{nonempty(*n)};

  std::set<AssetId> assets;
  if (c.native_asset) assets.insert(*c.native_asset);
  if (auto tokens = r.find("tokens")) {
    for (const auto& t : tokens->items()) {
      t.only({"asset", "address", "decimals"});
      TokenConfig tc;
      tc.asset = AssetId{nonempty(t.at("asset"))};
      if (!assets.insert(tc.asset).second) t.at("asset").fail("asset listed twice on this chain");
      tc.address = address_at(t.at("address"));
      if (auto d = t.find("decimals")) tc.decimals = static_cast<unsigned>(bounded(*d, 0, 255));
      c.tokens.push_back(std::move(tc));
    }
  }
  if (auto feeds = r.find("feeds")) {
    std::set<std::pair<AssetId, std::string>> seen;
    for (const auto& f : feeds->items()) {
      f.only({"asset", "source", "address", "max_age_s", "max_future_s"});
      FeedConfig fc;
      fc.asset = AssetId{nonempty(f.at("asset"))};
      fc.source = nonempty(f.at("source"));
      if (!seen.insert({fc.asset, fc.source}).second) f.at("source").fail("feed listed twice for this asset");
      fc.address = address_at(f.at("address"));
      if (auto v = f.find("max_age_s")) fc.max_age_s = bounded(*v, 0, std::int64_t{1} << 40);
      if (auto v = f.find("max_future_s")) fc.max_future_s = bounded(*v, 0, std::int64_t{1} << 40);
      c.feeds.push_back(std::move(fc));
    }
  }
  return c;
}

}  // namespace

Registry parse_registry(std::string_view json_text) {
  const json::Value doc = json::parse(json_text);
  const JsonRef root(doc, "");
  root.only({"format", "chains", "accounts", "rpc"});
  if (root.at("format").string() != "xmargin-chains/1") root.at("format").fail("expected \"xmargin-chains/1\"");
  Registry reg;
  if (auto rpc = root.find("rpc")) reg.rpc = parse_rpc(*rpc);
  const JsonRef chains = root.at("chains");
  if (chains.size() == 0) chains.fail("at least one chain is required");
  for (std::size_t i = 0; i < chains.size(); ++i) {
    ChainConfig c = parse_chain(chains[i]);
    for (const auto& other : reg.chains) {
      if (other.params.id == c.params.id) chains[i].at("chain_id").fail("chain id listed twice");
    }
    reg.chains.push_back(std::move(c));
  }
  std::sort(reg.chains.begin(), reg.chains.end(),
            [](const ChainConfig& a, const ChainConfig& b) { return a.params.id < b.params.id; });
  if (auto accounts = root.find("accounts")) {
    for (const auto& a : accounts->items()) {
      a.only({"id", "address"});
      AccountConfig ac{nonempty(a.at("id")), address_at(a.at("address"))};
      for (const auto& other : reg.accounts) {
        if (other.id == ac.id) a.at("id").fail("account id listed twice");
      }
      reg.accounts.push_back(std::move(ac));
    }
  }
  std::sort(reg.accounts.begin(), reg.accounts.end(),
            [](const AccountConfig& a, const AccountConfig& b) { return a.id < b.id; });
  return reg;
}

}  // namespace xm::chains
