#include "xm/sim/population.hpp"

#include "xm/sim/market.hpp"
#include "xm/sim/prng.hpp"

namespace xm::sim {
namespace {

template <class T>
std::size_t weighted_pick(Prng& rng, const std::vector<T>& items) {
  std::uint64_t total = 0;
  for (const auto& it : items) total += static_cast<std::uint64_t>(it.weight);
  std::uint64_t r = rng.below(total);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto w = static_cast<std::uint64_t>(items[i].weight);
    if (r < w) return i;
    r -= w;
  }
  return items.size() - 1;
}

Leg make_leg(const FastParams& p, std::size_t market, bool long_side, i128 notional, const std::vector<i128>& price) {
  const FastMarket& m = p.markets[market];
  const i128 px = price[m.base];
  i128 lots = div_floor(notional, px) / m.lot;  // whole lots of base that the notional buys
  if (lots < 1) lots = 1;
  const i128 size = (long_side ? 1 : -1) * lots * m.lot;
  return {market, size, -mul_ceil(size, px)};
}

}  // namespace

std::vector<Prototype> generate_population(const Scenario& s, const FastParams& p,
                                           const std::vector<i128>& entry_price, std::uint64_t seed) {
  const PopulationSpec& ps = s.population;
  Prng rng(seed, kStreamPopulation);
  std::vector<std::size_t> markets;
  for (const auto& id : ps.markets) markets.push_back(market_index(p, id));
  std::vector<std::size_t> chain_index;
  for (const auto& c : ps.chains)
    for (std::size_t i = 0; i < p.chains.size(); ++i)
      if (p.chains[i].id == c.chain) chain_index.push_back(i);
  const auto span_units = static_cast<std::uint64_t>((ps.collateral_max - ps.collateral_min) / kWad);

  std::vector<Prototype> out;
  out.reserve(static_cast<std::size_t>(ps.count));
  for (std::int64_t k = 0; k < ps.count; ++k) {
    Prototype proto;
    proto.collateral = ps.collateral_min + static_cast<i128>(rng.below(span_units + 1)) * kWad;
    const i128 leverage = ps.leverage[weighted_pick(rng, ps.leverage)].leverage;
    proto.chain = chain_index[weighted_pick(rng, ps.chains)];
    proto.hedged = rng.chance(ps.hedged_fraction);
    proto.prefers_isolated = rng.chance(ps.isolated_fraction);
    const i128 notional = mul_floor(proto.collateral, leverage);
    const std::size_t a = static_cast<std::size_t>(rng.below(markets.size()));
    const bool long_side = rng.below(2) == 0;
    if (proto.hedged) {
      std::size_t b = static_cast<std::size_t>(rng.below(markets.size() - 1));
      if (b >= a) ++b;
      proto.legs.push_back(make_leg(p, markets[a], long_side, notional / 2, entry_price));
      proto.legs.push_back(make_leg(p, markets[b], !long_side, notional / 2, entry_price));
    } else {
      proto.legs.push_back(make_leg(p, markets[a], long_side, notional, entry_price));
    }
    out.push_back(std::move(proto));
  }
  return out;
}

FastAccount materialize(const Prototype& proto, MarginMode mode, std::size_t collateral_asset) {
  FastAccount acc;
  const bool isolated = mode == MarginMode::isolated || (mode == MarginMode::as_generated && proto.prefers_isolated);
  if (!isolated) {
    acc.balances.push_back({proto.chain, collateral_asset, proto.collateral});
    for (const Leg& l : proto.legs) acc.perps.push_back({l.market, l.size, l.quote});
    return acc;
  }
  const auto n = static_cast<i128>(proto.legs.size());
  const i128 share = proto.collateral / n;  // floor; the first leg takes the remainder
  for (std::size_t i = 0; i < proto.legs.size(); ++i) {
    const Leg& l = proto.legs[i];
    acc.isolated.push_back({l.market, l.size, l.quote, i == 0 ? proto.collateral - share * (n - 1) : share});
  }
  return acc;
}

}  // namespace xm::sim
