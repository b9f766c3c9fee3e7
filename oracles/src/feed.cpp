#include "xm/oracles/feed.hpp"

#include <algorithm>
#include <cassert>

#include "xm/engine/wad_fast.hpp"
#include "xm/oracles/aggregate.hpp"
#include "xm/oracles/validate.hpp"

namespace xm::oracles {
namespace {

struct Candidate {
  const Quote* quote;
  std::size_t index;  // into Policy::sources and FeedState::sources
  bool deviant = false;
};

std::vector<Wad> sorted_prices(const std::vector<Candidate>& cs, bool skip_deviant) {
  std::vector<Wad> v;
  v.reserve(cs.size());
  for (const auto& c : cs)
    if (!(skip_deviant && c.deviant)) v.push_back(c.quote->price);
  std::sort(v.begin(), v.end());
  return v;
}

bool enough(std::size_t n, const Policy& p) { return static_cast<std::int64_t>(n) >= p.min_sources; }

}  // namespace

AssetFeed::AssetFeed(Policy policy) : policy_(std::move(policy)) {
  assert(!check_policy(policy_) && "AssetFeed needs a checked policy");
  state_.sources.resize(policy_.sources.size());
}

const SourceState& AssetFeed::source_state(std::string_view source) const {
  const auto it = std::lower_bound(policy_.sources.begin(), policy_.sources.end(), source);
  assert(it != policy_.sources.end() && *it == source);
  return state_.sources[static_cast<std::size_t>(it - policy_.sources.begin())];
}

AssetReport AssetFeed::update(std::int64_t now, const RoundInput& input) {
  assert(!state_.last_now || now >= *state_.last_now);
  state_.last_now = now;
  AssetReport rep;
  for (const auto& f : input.failures) rep.dropped.push_back(Dropped{f.source, DropReason::unavailable, f.detail});

  // Step 1: validation, then set quarantined sources aside (step 5 decided in earlier rounds).
  RoundSeen seen(policy_.sources.size());
  std::vector<Candidate> active;
  std::vector<Candidate> quarantined;
  active.reserve(input.quotes.size());
  for (const auto& q : input.quotes) {
    std::size_t index = 0;
    if (auto d = validate_quote(q, now, policy_, seen, state_.signer_last_age, index)) {
      rep.dropped.push_back(std::move(*d));
      continue;
    }
    (state_.sources[index].quarantined ? quarantined : active).push_back(Candidate{&q, index});
  }

  std::optional<Wad> median;
  std::vector<Wad> used_prices;
  bool any_deviant = false;
  if (enough(active.size(), policy_)) {
    // Steps 3–4: median, deviant flags against it, one recompute without the deviants.
    const std::vector<Wad> all = sorted_prices(active, false);
    const Wad first = median_sorted(all);
    for (auto& c : active) {
      c.deviant = moves_more_than(c.quote->price, first, policy_.max_deviation);
      any_deviant = any_deviant || c.deviant;
    }
    used_prices = any_deviant ? sorted_prices(active, true) : all;
    const Wad reference = used_prices.empty() ? first : median_sorted(used_prices);
    if (enough(used_prices.size(), policy_)) median = reference;

    // Step 5: drift bookkeeping for every source that reported a usable quote this round.
    for (const auto& c : active) {
      SourceState& s = state_.sources[c.index];
      if (!c.deviant) { s.deviant_streak = 0; continue; }
      rep.dropped.push_back(Dropped{c.quote->source, DropReason::deviant, {}});
      if (++s.deviant_streak >= policy_.drift_rounds) {
        s = SourceState{};
        s.quarantined = true;  // from the next round on
      }
    }
    for (const auto& c : quarantined) {
      SourceState& s = state_.sources[c.index];
      if (moves_more_than(c.quote->price, reference, policy_.max_deviation)) s.agree_streak = 0;
      else if (++s.agree_streak >= policy_.recovery_rounds) s = SourceState{};  // usable next round
    }
  }
  for (const auto& c : quarantined) rep.dropped.push_back(Dropped{c.quote->source, DropReason::quarantined, {}});
  // `used` lists the quotes that passed every check; without quorum they are too few to price.
  for (const auto& c : active)
    if (!c.deviant) rep.used.push_back(c.quote->source);

  std::sort(rep.used.begin(), rep.used.end());
  std::stable_sort(rep.dropped.begin(), rep.dropped.end(), [](const Dropped& a, const Dropped& b) {
    return a.source != b.source ? a.source < b.source : a.reason < b.reason;
  });

  // Steps 6–7: circuit breaker and output.
  const auto hold_last = [&] {
    rep.status = PriceStatus::halted;
    rep.price = state_.last_price;
    rep.conf = state_.last_conf;
  };
  if (!median) {
    if (state_.halted) hold_last();  // a halt persists through rounds without quorum
    else rep.status = PriceStatus::insufficient;
    return rep;
  }
  rep.median = median;
  const Wad conf = conf_sorted(used_prices, *median);
  if (state_.halted) {
    // Released only after the cooldown, and only when the sources agree again: quorum, and no
    // valid non-quarantined quote of this round deviates from the median.
    const bool cooled = fast::i128{now} - state_.halted_since >= policy_.breaker_cooldown_s;
    if (!cooled || any_deviant) { hold_last(); return rep; }
    state_.halted = false;
  } else if (state_.last_price && fast::i128{now} - state_.last_price_ts <= policy_.breaker_window_s &&
             moves_more_than(*median, *state_.last_price, policy_.breaker_max_move)) {
    state_.halted = true;
    state_.halted_since = now;
    rep.breaker_tripped = true;
    hold_last();
    return rep;
  }
  state_.last_price = median;
  state_.last_conf = conf;
  state_.last_price_ts = now;
  rep.price = median;
  rep.conf = conf;
  // `used` holds distinct configured sources, so equal size means every configured source was used.
  rep.status = rep.used.size() == policy_.sources.size() ? PriceStatus::ok : PriceStatus::degraded;
  return rep;
}

}  // namespace xm::oracles
