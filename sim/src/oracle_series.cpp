// Drives the oracle core (xm::oracles::AssetFeed, SPEC §5) with the World's quotes: one feed per
// asset, one round per step. "Defenses off" is the same core with deviant exclusion, drift
// quarantine and the breaker made unreachable (max_deviation and breaker_max_move of 10^9): the
// plain median of the valid quotes, with validation and the quorum still in force.
#include "xm/oracles/feed.hpp"
#include "xm/sim/oracle_series.hpp"

namespace xm::sim {
namespace {

oracles::Policy policy_for(const OracleSpec& o, const AssetSpec& a, bool defenses) {
  oracles::Policy p;
  for (const auto& src : a.sources) p.sources.push_back(src.name);
  p.min_sources = o.min_sources;
  p.max_age_s = o.max_age_s;
  p.max_future_s = o.max_future_s;
  p.max_deviation = to_wad(o.max_deviation);
  p.drift_rounds = o.drift_rounds;
  p.recovery_rounds = o.recovery_rounds;
  p.breaker_max_move = to_wad(o.breaker_max_move);
  p.breaker_window_s = o.breaker_window_s;
  p.breaker_cooldown_s = o.breaker_cooldown_s;
  if (!defenses) {
    const Wad unreachable = Wad::from_units(1'000'000'000);
    p.max_deviation = unreachable;
    p.breaker_max_move = unreachable;
  }
  oracles::normalize(p);
  return p;
}

}  // namespace

std::vector<std::vector<OracleOutput>> oracle_series(const Scenario& s, const World& w, bool defenses) {
  std::vector<std::vector<OracleOutput>> out;
  const auto n = static_cast<std::size_t>(s.steps) + 1;
  for (std::size_t ai = 0; ai < s.assets.size(); ++ai) {
    const AssetSpec& a = s.assets[ai];
    std::vector<OracleOutput> series(n);
    if (a.sources.empty()) {
      for (std::size_t t = 0; t < n; ++t) series[t] = {PriceStatus::ok, true, w.true_price[ai][t]};
      out.push_back(std::move(series));
      continue;
    }
    oracles::AssetFeed feed(policy_for(s.oracle, a, defenses));  // checked by parse_scenario
    for (std::size_t t = 0; t < n; ++t) {
      oracles::RoundInput round;
      for (std::size_t si = 0; si < a.sources.size(); ++si) {
        const SimQuote& q = w.quotes[ai][si][t];
        if (q.present) round.quotes.push_back(oracles::Quote{a.sources[si].name, to_wad(q.price), std::nullopt, q.ts, std::nullopt});
        else round.failures.push_back(oracles::SourceFailure{a.sources[si].name, "no quote"});
      }
      const oracles::AssetReport rep = feed.update(s.time_at(static_cast<std::int64_t>(t)), round);
      series[t] = {rep.status, rep.price.has_value(), rep.price ? to_i128(*rep.price) : i128{0}};
    }
    out.push_back(std::move(series));
  }
  return out;
}

}  // namespace xm::sim
