#include "xm/oracles/oracle.hpp"

namespace xm::oracles {

Result<Oracle, std::string> Oracle::create(std::map<AssetId, Policy> policies) {
  Oracle o;
  for (auto& [id, p] : policies) {
    normalize(p);
    if (auto err = check_policy(p)) return Unexpected{id.value + ": " + *err};
    o.feeds_.emplace(id, AssetFeed(std::move(p)));
  }
  return o;
}

Result<RoundReport, std::string> Oracle::round(std::int64_t now, const std::map<AssetId, RoundInput>& inputs) {
  if (last_now_ && now < *last_now_) return Unexpected{std::string("now goes back in time")};
  for (const auto& [id, in] : inputs)
    if (!feeds_.count(id)) return Unexpected{id.value + ": not a configured asset"};
  last_now_ = now;
  static const RoundInput kEmpty;
  RoundReport out;
  // Both maps are sorted by asset id: walk them together instead of looking each asset up.
  auto in = inputs.begin();
  for (auto& [id, feed] : feeds_) {
    const bool has_input = in != inputs.end() && in->first == id;
    out.emplace_hint(out.end(), id, feed.update(now, has_input ? in->second : kEmpty));
    if (has_input) ++in;
  }
  return out;
}

PriceSet Oracle::prices(const RoundReport& report) {
  PriceSet set;
  for (const auto& [id, r] : report)
    if (r.price) set.emplace(id, Price{*r.price, r.conf.value_or(Wad::zero()), r.status});
  return set;
}

}  // namespace xm::oracles
