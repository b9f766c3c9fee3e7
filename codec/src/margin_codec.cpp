#include "xm/codec/margin_codec.hpp"

#include <set>

#include "xm/engine/decimal.hpp"

namespace xm::codec {
namespace {

Wad wad_or(const json::JsonRef& obj, std::string_view key, const Wad& fallback) {
  const auto v = obj.find(key);
  return v ? v->wad() : fallback;
}

AssetParams decode_asset(const std::string& id, const json::JsonRef& a) {
  a.only({"init_asset_weight", "maint_asset_weight", "init_liab_weight", "maint_liab_weight"});
  return AssetParams{AssetId{id}, a.at("init_asset_weight").wad(), a.at("maint_asset_weight").wad(),
                     a.at("init_liab_weight").wad(), a.at("maint_liab_weight").wad()};
}

ChainParams decode_chain(ChainId id, const json::JsonRef& c) {
  c.only({"name", "collateral_weight", "max_staleness_s"});
  ChainParams out;
  out.id = id;
  out.name = c.at("name").string();
  out.collateral_weight = wad_or(c, "collateral_weight", Wad::one());
  out.max_staleness_s = c.at("max_staleness_s").integer();
  return out;
}

Tier decode_tier(const json::JsonRef& t) {
  t.only({"lo", "hi", "imr", "mmr"});
  Tier out;
  out.lo = t.at("lo").wad();
  if (const auto hi = t.find("hi")) out.hi = hi->wad();
  out.imr = t.at("imr").wad();
  out.mmr = t.at("mmr").wad();
  return out;
}

PerpMarket decode_market(const std::string& id, const json::JsonRef& m) {
  m.only({"base", "lot_size", "tiers", "init_pnl_weight", "maint_pnl_weight", "liquidation_fee", "insurance_share"});
  PerpMarket out;
  out.id = MarketId{id};
  out.base = AssetId{m.at("base").string()};
  out.lot_size = m.at("lot_size").wad();
  for (const auto& t : m.at("tiers").items()) out.tiers.push_back(decode_tier(t));
  out.init_pnl_weight = m.at("init_pnl_weight").wad();
  out.maint_pnl_weight = m.at("maint_pnl_weight").wad();
  out.liquidation_fee = m.at("liquidation_fee").wad();
  out.insurance_share = m.at("insurance_share").wad();
  return out;
}

PriceStatus decode_status(const json::JsonRef& s) {
  const std::string& v = s.string();
  if (v == "ok") return PriceStatus::ok;
  if (v == "degraded") return PriceStatus::degraded;
  if (v == "insufficient") return PriceStatus::insufficient;
  if (v == "halted") return PriceStatus::halted;
  s.fail("must be one of ok, degraded, insufficient, halted; got \"" + v + "\"");
}

}  // namespace

ChainId decode_chain_key(const json::JsonRef& where, const std::string& key) {
  const auto v = parse_int64(key);
  if (!v || *v < 0) where.fail("chain id \"" + key + "\" must be a non-negative integer");
  return ChainId{static_cast<std::uint64_t>(*v)};
}

Params decode_params(const json::JsonRef& p) {
  p.only({"assets", "chains", "markets", "conf_multiplier", "liquidation_buffer"});
  Params out;
  for (const auto& [id, a] : p.at("assets").members()) out.assets.emplace(AssetId{id}, decode_asset(id, a));
  for (const auto& [key, c] : p.at("chains").members()) {
    const ChainId id = decode_chain_key(c, key);
    out.chains.emplace(id, decode_chain(id, c));
  }
  for (const auto& [id, m] : p.at("markets").members()) out.markets.emplace(MarketId{id}, decode_market(id, m));
  out.conf_multiplier = wad_or(p, "conf_multiplier", Wad::zero());
  out.liquidation_buffer = wad_or(p, "liquidation_buffer", Wad::zero());
  return out;
}

PriceSet decode_prices(const json::JsonRef& prices) {
  PriceSet out;
  for (const auto& [id, p] : prices.members()) {
    p.only({"price", "conf", "status"});
    Price price;
    price.price = p.at("price").wad();  // ≤ 0 is the engine's unpriceable_asset, reported per account
    price.conf = p.find("conf") ? p.at("conf").non_negative_wad() : Wad::zero();
    if (const auto s = p.find("status")) price.status = decode_status(*s);
    out.emplace(AssetId{id}, price);
  }
  return out;
}

std::map<ChainId, std::int64_t> decode_snapshots(const json::JsonRef& snapshots) {
  std::map<ChainId, std::int64_t> out;
  for (const auto& [key, ts] : snapshots.members()) out.emplace(decode_chain_key(ts, key), ts.integer());
  return out;
}

Account decode_account(const json::JsonRef& a) {
  a.only({"id", "balances", "perps", "isolated"});
  Account out;
  out.id = a.at("id").string();
  if (out.id.empty()) a.at("id").fail("must not be empty");
  if (const auto bs = a.find("balances")) {
    for (const auto& b : bs->items()) {
      b.only({"chain", "asset", "amount"});
      const auto chain = b.at("chain").non_negative_integer();
      out.balances.push_back(
          Balance{ChainId{static_cast<std::uint64_t>(chain)}, AssetId{b.at("asset").string()}, b.at("amount").wad()});
    }
  }
  if (const auto ps = a.find("perps")) {
    for (const auto& p : ps->items()) {
      p.only({"market", "size", "quote"});
      out.perps.push_back(PerpPosition{MarketId{p.at("market").string()}, p.at("size").wad(), p.at("quote").wad()});
    }
  }
  if (const auto is = a.find("isolated")) {
    for (const auto& p : is->items()) {
      p.only({"market", "size", "quote", "collateral"});
      out.isolated.push_back(IsolatedPosition{MarketId{p.at("market").string()}, p.at("size").wad(),
                                              p.at("quote").wad(), p.at("collateral").wad()});
    }
  }
  return out;
}

std::vector<Account> decode_accounts(const json::JsonRef& accounts) {
  std::vector<Account> out;
  std::set<std::string> seen;
  for (const auto& a : accounts.items()) {
    out.push_back(decode_account(a));
    if (!seen.insert(out.back().id).second) a.at("id").fail("duplicate account id \"" + out.back().id + "\"");
  }
  return out;
}

void require_valid_params(const Params& params) {
  if (const auto e = check_params(params)) throw json::InputError(e->path, std::string(to_string(e->code)) + ": " + e->reason);
}

MarginInput decode_margin_input(const json::JsonRef& root) {
  MarginInput in;
  in.state.params = decode_params(root.at("params"));
  require_valid_params(in.state.params);
  in.state.prices = decode_prices(root.at("prices"));
  in.state.chain_snapshot_ts = decode_snapshots(root.at("snapshots"));
  in.state.now = root.at("now").integer();
  in.accounts = decode_accounts(root.at("accounts"));
  return in;
}

}  // namespace xm::codec
