// STAND-IN for the oracle core (issue 5, branch `oracle`): a compact i128 implementation of SPEC §5
// steps 1–7 written inside the simulator so that it runs end to end before xm::oracles lands.
// TO REPLACE by xm::oracles::AssetFeed once it is on main (oracle_series() is the only user).
#include <algorithm>
#include <deque>

#include "xm/sim/oracle_series.hpp"

namespace xm::sim {
namespace {

i128 median_of(std::vector<i128> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;  // prices > 0: '/' floors
}

// |q − m| > mul(limit, m, floor)  ⇔  div(|q − m|, m, ceil) > limit (SPEC §5 step 4), without a division.
bool deviates(i128 q, i128 m, i128 limit) { return (q > m ? q - m : m - q) > mul_floor(limit, m); }

class StandinFeed {
 public:
  StandinFeed(const OracleSpec& spec, std::size_t sources, bool defenses)
      : spec_(spec), defenses_(defenses), src_(sources) {}

  OracleOutput update(std::int64_t now, const std::vector<const SimQuote*>& quotes) {
    std::vector<std::pair<std::size_t, i128>> valid;
    for (std::size_t i = 0; i < quotes.size(); ++i) {
      const SimQuote& q = *quotes[i];
      if (!q.present || q.price <= 0 || q.ts > now + spec_.max_future_s || now - q.ts > spec_.max_age_s) continue;
      valid.emplace_back(i, q.price);
    }
    std::vector<i128> used;
    for (const auto& [i, p] : valid)
      if (!defenses_ || !src_[i].quarantined) used.push_back(p);
    if (static_cast<std::int64_t>(used.size()) < spec_.min_sources) return hold(PriceStatus::insufficient);
    i128 m = median_of(used);
    bool any_deviant = false;
    if (defenses_) {
      std::vector<i128> kept;
      for (const auto& [i, p] : valid) {
        const bool dev = deviates(p, m, spec_.max_deviation);
        if (!src_[i].quarantined) {
          src_[i].deviant_streak = dev ? src_[i].deviant_streak + 1 : 0;
          if (dev) any_deviant = true;
          else kept.push_back(p);
          if (src_[i].deviant_streak >= spec_.drift_rounds) {
            src_[i].quarantined = true;
            src_[i].agree_streak = 0;
          }
        }
      }
      if (static_cast<std::int64_t>(kept.size()) < spec_.min_sources) return hold(PriceStatus::insufficient);
      m = median_of(kept);
      used = kept;
      for (const auto& [i, p] : valid) {
        if (!src_[i].quarantined) continue;
        src_[i].agree_streak = deviates(p, m, spec_.max_deviation) ? 0 : src_[i].agree_streak + 1;
        if (src_[i].agree_streak >= spec_.recovery_rounds) src_[i] = SourceState{};
      }
      if (spec_.breaker_max_move > 0 && breaker(now, m, any_deviant)) return {PriceStatus::halted, last_ > 0, last_};
    }
    last_ = m;
    history_.emplace_back(now, m);
    const bool complete = used.size() == quotes.size();
    return {complete ? PriceStatus::ok : PriceStatus::degraded, true, m};
  }

 private:
  struct SourceState {
    std::int64_t deviant_streak = 0;
    std::int64_t agree_streak = 0;
    bool quarantined = false;
  };

  OracleOutput hold(PriceStatus st) const { return {st, false, 0}; }

  // True when the asset is (or becomes) halted this round.
  bool breaker(std::int64_t now, i128 m, bool any_deviant) {
    while (!history_.empty() && history_.front().first < now - spec_.breaker_window_s) history_.pop_front();
    if (halted_) {
      if (now - halted_since_ >= spec_.breaker_cooldown_s && !any_deviant) {
        halted_ = false;
        history_.clear();  // the released price starts a new window
        return false;
      }
      return true;
    }
    for (const auto& [ts, ref] : history_) {
      if (deviates(m, ref, spec_.breaker_max_move)) {
        halted_ = true;
        halted_since_ = now;
        return last_ > 0;
      }
    }
    return false;
  }

  OracleSpec spec_;
  bool defenses_;
  std::vector<SourceState> src_;
  std::deque<std::pair<std::int64_t, i128>> history_;
  i128 last_ = 0;
  bool halted_ = false;
  std::int64_t halted_since_ = 0;
};

}  // namespace

std::vector<std::vector<OracleOutput>> oracle_series(const Scenario& s, const World& w, bool defenses) {
  std::vector<std::vector<OracleOutput>> out;
  const auto n = static_cast<std::size_t>(s.steps) + 1;
  for (std::size_t ai = 0; ai < s.assets.size(); ++ai) {
    std::vector<OracleOutput> series(n);
    const auto& sources = w.quotes[ai];
    if (sources.empty()) {
      for (std::size_t t = 0; t < n; ++t) series[t] = {PriceStatus::ok, true, w.true_price[ai][t]};
    } else {
      StandinFeed feed(s.oracle, sources.size(), defenses);
      std::vector<const SimQuote*> round(sources.size());
      for (std::size_t t = 0; t < n; ++t) {
        for (std::size_t si = 0; si < sources.size(); ++si) round[si] = &sources[si][t];
        series[t] = feed.update(s.time_at(static_cast<std::int64_t>(t)), round);
      }
    }
    out.push_back(std::move(series));
  }
  return out;
}

}  // namespace xm::sim
