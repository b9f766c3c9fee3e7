#include "xm/sim/engine_check.hpp"

#include "xm/engine/margin.hpp"

namespace xm::sim {

EngineCheck::EngineCheck(const Scenario& s, const FastParams& p) : s_(s), p_(p) {}

Account EngineCheck::to_account(const FastAccount& a) const {
  Account out;
  for (const auto& b : a.balances)
    out.balances.push_back({ChainId{p_.chains[b.chain].id}, AssetId{s_.assets[b.asset].id}, to_wad(b.amount)});
  for (const auto& x : a.perps) out.perps.push_back({MarketId{p_.markets[x.market].id}, to_wad(x.size), to_wad(x.quote)});
  for (const auto& x : a.isolated)
    out.isolated.push_back({MarketId{p_.markets[x.market].id}, to_wad(x.size), to_wad(x.quote), to_wad(x.collateral)});
  return out;
}

std::optional<std::string> EngineCheck::compare(const FastAccount& a, int pool, i128 fast_health,
                                                const std::vector<i128>& price, const std::vector<PriceStatus>& status,
                                                std::int64_t now, const std::vector<std::int64_t>& chain_ts) const {
  MarketState state;
  state.params = s_.params;
  state.now = now;
  for (std::size_t ai = 0; ai < s_.assets.size(); ++ai)
    if (price[ai] > 0) state.prices[AssetId{s_.assets[ai].id}] = Price{to_wad(price[ai]), Wad::zero(), status[ai]};
  for (std::size_t c = 0; c < p_.chains.size(); ++c) state.chain_snapshot_ts[ChainId{p_.chains[c].id}] = chain_ts[c];
  const Account account = to_account(a);
  auto ctx = MarginContext::make(state);
  if (!ctx) return "engine: " + ctx.error().message();
  const auto side = pool < 0 ? cross_health(*ctx, account, HealthType::maint)
                             : isolated_health(*ctx, account.isolated[static_cast<std::size_t>(pool)], HealthType::maint);
  if (!side) return "engine: " + side.error().message();
  const i128 engine_health = to_i128(side->health);
  if (engine_health == fast_health) return std::nullopt;
  return "engine maint health " + fmt(engine_health) + " != simulator " + fmt(fast_health);
}

}  // namespace xm::sim
