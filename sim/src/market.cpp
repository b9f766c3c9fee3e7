#include "xm/sim/market.hpp"

#include <algorithm>

#include "xm/sim/prng.hpp"

namespace xm::sim {
namespace {

constexpr std::int64_t kYearS = 365 * 86'400;
const i128 kMaxLog = 30 * kWad;  // e^±30: far outside any sane path, inside exp_wad's domain

// Flash-crash multiplier (WAD) at `step`: linear fall over duration, hold, linear recovery.
i128 crash_multiplier(const Fault& f, std::int64_t step) {
  const std::int64_t d = step - f.start_step;
  if (d < 0) return kWad;
  if (d < f.duration_steps) return kWad - f.depth * (d + 1) / f.duration_steps;
  const std::int64_t after_hold = d - f.duration_steps - f.hold_steps;
  if (after_hold < 0) return kWad - f.depth;
  if (f.recover_steps == 0) return kWad - f.depth;
  if (after_hold >= f.recover_steps) return kWad;
  return kWad - f.depth * (f.recover_steps - after_hold - 1) / f.recover_steps;
}

std::vector<i128> gbm_path(const AssetSpec& a, const Scenario& s, const std::vector<i128>& market_z,
                           std::uint64_t seed, std::uint64_t asset_index) {
  const PathSpec& p = a.path;
  const i128 dt = div_floor(static_cast<i128>(s.step_s) * kWad, static_cast<i128>(kYearS) * kWad);
  const i128 sigma_step = mul_floor(p.sigma_annual, sqrt_wad(dt));
  // Itô drift of the log price: (μ − σ²/2)·dt.
  const i128 drift_step = mul_floor(p.drift_annual - mul_floor(p.sigma_annual, p.sigma_annual) / 2, dt);
  const i128 w_market = sqrt_wad(p.market_weight);
  const i128 w_own = sqrt_wad(kWad - p.market_weight);
  Prng rng(seed, kStreamAssetBase + asset_index);
  const auto n = static_cast<std::size_t>(s.steps) + 1;
  std::vector<i128> out;
  out.reserve(n);
  out.push_back(a.initial_price);
  i128 log_price = 0;
  for (std::size_t t = 1; t < n; ++t) {
    const i128 z = mul_floor(w_market, market_z[t]) + mul_floor(w_own, rng.normal_wad());
    i128 jump = 0;
    const bool jumps = rng.chance(p.jump_prob_per_step);
    const i128 jump_z = rng.normal_wad();  // drawn every step so a jump never shifts later draws
    if (jumps) jump = p.jump_mean + mul_floor(p.jump_sigma, jump_z);
    log_price = std::clamp<i128>(log_price + drift_step + mul_floor(sigma_step, z) + jump, -kMaxLog, kMaxLog);
    out.push_back(std::max<i128>(1, mul_floor(a.initial_price, exp_wad(log_price))));
  }
  return out;
}

}  // namespace

std::vector<std::vector<i128>> true_paths(const Scenario& s, std::uint64_t seed) {
  const auto n = static_cast<std::size_t>(s.steps) + 1;
  std::vector<i128> market_z(n, 0);
  Prng market(seed, kStreamMarket);
  for (std::size_t t = 1; t < n; ++t) market_z[t] = market.normal_wad();

  std::vector<std::vector<i128>> paths;
  for (std::size_t i = 0; i < s.assets.size(); ++i) {
    const AssetSpec& a = s.assets[i];
    std::vector<i128> path;
    switch (a.path.kind) {
      case PathKind::fixed: path.assign(n, a.initial_price); break;
      case PathKind::recorded: path.assign(a.path.points.begin(), a.path.points.begin() + static_cast<std::ptrdiff_t>(n)); break;
      case PathKind::gbm: path = gbm_path(a, s, market_z, seed, i); break;
    }
    for (const Fault& f : s.faults) {
      if (f.kind != FaultKind::flash_crash || f.asset != a.id) continue;
      for (std::size_t t = 0; t < n; ++t)
        path[t] = std::max<i128>(1, mul_floor(path[t], crash_multiplier(f, static_cast<std::int64_t>(t))));
    }
    paths.push_back(std::move(path));
  }
  return paths;
}

World build_world(const Scenario& s, std::uint64_t seed) {
  World w;
  w.true_price = true_paths(s, seed);
  const auto n = static_cast<std::size_t>(s.steps) + 1;
  for (std::size_t ai = 0; ai < s.assets.size(); ++ai) {
    const AssetSpec& a = s.assets[ai];
    std::vector<std::vector<SimQuote>> per_source;
    for (std::size_t si = 0; si < a.sources.size(); ++si) {
      const SourceSpec& src = a.sources[si];
      Prng noise(seed, kStreamSourceBase + ai * 64 + si);
      std::vector<SimQuote> q(n);
      for (std::size_t t = 0; t < n; ++t) {
        const auto step = static_cast<std::int64_t>(t);
        const std::int64_t seen = std::max<std::int64_t>(0, step - src.latency_steps);
        const i128 z = noise.normal_wad();  // drawn every step, faults or not
        const i128 factor = kWad + static_cast<i128>(src.noise_bps) * z / kBps;
        SimQuote quote{true, mul_floor(w.true_price[ai][static_cast<std::size_t>(seen)], factor), s.time_at(seen)};
        for (const Fault& f : s.faults) {
          if (!f.active(step) || f.asset != a.id || (!f.source.empty() && f.source != src.name)) continue;
          switch (f.kind) {
            case FaultKind::spike: quote.price = mul_floor(quote.price, kWad + f.magnitude); break;
            case FaultKind::drift:
              quote.price = mul_floor(quote.price, kWad + f.rate_per_step * (step - f.start_step + 1));
              break;
            case FaultKind::frozen:
              if (f.floor_price) quote.price = std::max(quote.price, *f.floor_price);
              else if (f.start_step > 0) quote.price = q[static_cast<std::size_t>(f.start_step - 1)].price;
              break;
            default: break;
          }
        }
        for (const Fault& f : s.faults) {
          if (!f.active(step) || f.asset != a.id || (!f.source.empty() && f.source != src.name)) continue;
          if (f.kind == FaultKind::stale) quote = t > 0 ? q[t - 1] : SimQuote{};
        }
        for (const Fault& f : s.faults) {
          if (!f.active(step) || f.asset != a.id || (!f.source.empty() && f.source != src.name)) continue;
          if (f.kind == FaultKind::outage) quote = SimQuote{};
        }
        q[t] = quote;
      }
      per_source.push_back(std::move(q));
    }
    w.quotes.push_back(std::move(per_source));
  }
  for (const auto& [id, chain] : s.params.chains) {
    std::vector<std::int64_t> ts(n);
    for (std::size_t t = 0; t < n; ++t) {
      const auto step = static_cast<std::int64_t>(t);
      bool delayed = false;
      for (const Fault& f : s.faults) delayed = delayed || (f.kind == FaultKind::chain_delay && f.chain == id.value && f.active(step));
      ts[t] = delayed && t > 0 ? ts[t - 1] : s.time_at(step);
    }
    w.chain_ts.push_back(std::move(ts));
  }
  w.liquidation_latency.assign(n, s.liquidation.latency_steps);
  for (const Fault& f : s.faults) {
    if (f.kind != FaultKind::liquidation_latency) continue;
    for (std::size_t t = 0; t < n; ++t)
      if (f.active(static_cast<std::int64_t>(t)))
        w.liquidation_latency[t] = std::max(w.liquidation_latency[t], f.latency_steps);
  }
  return w;
}

}  // namespace xm::sim
