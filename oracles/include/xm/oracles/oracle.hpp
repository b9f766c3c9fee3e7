#pragma once
// Many assets, one round at a time: the deterministic front door of the oracle core.
#include <cstdint>
#include <map>
#include <string>

#include "xm/engine/model.hpp"
#include "xm/engine/result.hpp"
#include "xm/oracles/feed.hpp"

namespace xm::oracles {

using RoundReport = std::map<AssetId, AssetReport>;

class Oracle {
 public:
  // Errors name the asset: "ETH: min_sources: must be at least 1".
  static Result<Oracle, std::string> create(std::map<AssetId, Policy> policies);

  // One round: every configured asset gets a report (an asset absent from `inputs` had no quotes).
  // Quotes for an unconfigured asset, or `now` earlier than the previous round, are errors.
  Result<RoundReport, std::string> round(std::int64_t now, const std::map<AssetId, RoundInput>& inputs);

  // The engine's view of the last round: priced assets only (insufficient ones carry no price).
  static PriceSet prices(const RoundReport& report);

  const std::map<AssetId, AssetFeed>& feeds() const noexcept { return feeds_; }

 private:
  std::map<AssetId, AssetFeed> feeds_;
  std::optional<std::int64_t> last_now_;
};

}  // namespace xm::oracles
