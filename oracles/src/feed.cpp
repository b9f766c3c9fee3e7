#include "xm/oracles/feed.hpp"

#include <algorithm>
#include <array>
#include <bitset>
#include <cassert>
#include <span>
#include <tuple>

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

// Runs steps 3–4 natively when every price fits 128 bits (always, for real prices), else on Wad.
Aggregation<Wad> aggregate_round(std::span<const Candidate> active, std::span<const Candidate> quarantined,
                                 const Wad& max_deviation) {
  std::array<fast::i128, kMaxSources> a{}, q{};
  const auto limit = positive_raw_i128(max_deviation);
  bool native = limit.has_value();
  for (std::size_t i = 0; native && i < active.size(); ++i) {
    const auto v = positive_raw_i128(active[i].quote->price);
    native = v.has_value();
    a[i] = v.value_or(0);
  }
  for (std::size_t i = 0; native && i < quarantined.size(); ++i) {
    const auto v = positive_raw_i128(quarantined[i].quote->price);
    native = v.has_value();
    q[i] = v.value_or(0);
  }
  if (native) {
    Aggregation<fast::i128> n = aggregate<fast::i128>(std::span<const fast::i128>(a.data(), active.size()),
                                                      std::span<const fast::i128>(q.data(), quarantined.size()), *limit);
    Aggregation<Wad> out;
    out.deviant = std::move(n.deviant);
    out.any_deviant = n.any_deviant;
    out.used = n.used;
    out.reference = fast::from_i128(n.reference);
    out.conf = fast::from_i128(n.conf);
    out.agrees = std::move(n.agrees);
    return out;
  }
  std::vector<Wad> aw, qw;
  for (const auto& c : active) aw.push_back(c.quote->price);
  for (const auto& c : quarantined) qw.push_back(c.quote->price);
  return aggregate<Wad>(aw, qw, max_deviation);
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
  RoundSeen seen;
  std::vector<Candidate> active;
  std::vector<Candidate> quarantined;
  active.reserve(input.quotes.size());
  std::size_t index = 0;
  for (const auto& q : input.quotes) {
    if (auto d = validate_quote(q, now, policy_, seen, state_.signer_last_age, index)) {
      rep.dropped.push_back(std::move(*d));
      continue;
    }
    (state_.sources[index].quarantined ? quarantined : active).push_back(Candidate{&q, index});
    ++index;  // the hint for the next quote
  }

  std::optional<Wad> median;
  Wad conf;
  bool any_deviant = false;
  if (enough(active.size(), policy_)) {
    // Steps 3–4: median, deviant flags against it, one recompute without the deviants.
    const Aggregation<Wad> agg = aggregate_round(active, quarantined, policy_.max_deviation);
    any_deviant = agg.any_deviant;
    if (enough(agg.used, policy_)) {
      median = agg.reference;
      conf = agg.conf;
    }
    // Step 5: drift bookkeeping for every source that reported a usable quote this round.
    for (std::size_t i = 0; i < active.size(); ++i) {
      Candidate& c = active[i];
      c.deviant = agg.deviant[i];
      SourceState& s = state_.sources[c.index];
      if (!c.deviant) { s.deviant_streak = 0; continue; }
      rep.dropped.push_back(Dropped{c.quote->source, DropReason::deviant, {}});
      if (++s.deviant_streak >= policy_.drift_rounds) {
        s = SourceState{};
        s.quarantined = true;  // from the next round on
      }
    }
    for (std::size_t i = 0; i < quarantined.size(); ++i) {
      SourceState& s = state_.sources[quarantined[i].index];
      if (!agg.agrees[i]) s.agree_streak = 0;
      else if (++s.agree_streak >= policy_.recovery_rounds) s = SourceState{};  // usable next round
    }
  }
  for (const auto& c : quarantined) rep.dropped.push_back(Dropped{c.quote->source, DropReason::quarantined, {}});
  // `used` lists the quotes that passed every check; without quorum they are too few to price.
  // Walking the index set in order yields sorted names: Policy::sources is sorted.
  std::bitset<kMaxSources> used_index;
  for (const auto& c : active)
    if (!c.deviant) used_index.set(c.index);
  rep.used.reserve(used_index.count());
  for (std::size_t i = 0; i < policy_.sources.size(); ++i)
    if (used_index.test(i)) rep.used.push_back(policy_.sources[i]);
  // A total order on every reported field: ties are identical, so the output bytes are fixed
  // (and std::sort, unlike stable_sort, needs no temporary buffer).
  std::sort(rep.dropped.begin(), rep.dropped.end(), [](const Dropped& a, const Dropped& b) {
    return std::tie(a.source, a.reason, a.detail) < std::tie(b.source, b.reason, b.detail);
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
