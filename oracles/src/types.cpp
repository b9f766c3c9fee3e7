#include <algorithm>

#include "xm/oracles/signed_report.hpp"
#include "xm/oracles/types.hpp"

namespace xm::oracles {

const char* to_string(DropReason r) noexcept {
  switch (r) {
    case DropReason::unavailable: return "unavailable";
    case DropReason::non_positive: return "non_positive";
    case DropReason::future: return "future";
    case DropReason::stale: return "stale";
    case DropReason::unknown_source: return "unknown_source";
    case DropReason::duplicate_source: return "duplicate_source";
    case DropReason::bad_signature: return "bad_signature";
    case DropReason::uncertain: return "uncertain";
    case DropReason::deviant: return "deviant";
    case DropReason::quarantined: return "quarantined";
  }
  return "unknown";
}

const char* to_string(PriceStatus s) noexcept {
  switch (s) {
    case PriceStatus::ok: return "ok";
    case PriceStatus::degraded: return "degraded";
    case PriceStatus::insufficient: return "insufficient";
    case PriceStatus::halted: return "halted";
  }
  return "unknown";
}

void normalize(Policy& p) {
  std::sort(p.sources.begin(), p.sources.end());
  p.sources.erase(std::unique(p.sources.begin(), p.sources.end()), p.sources.end());
  std::sort(p.signers.begin(), p.signers.end());
  p.signers.erase(std::unique(p.signers.begin(), p.signers.end()), p.signers.end());
}

std::optional<std::string> check_policy(const Policy& p) {
  if (p.sources.empty()) return "sources: at least one source is required";
  if (p.sources.size() > kMaxSources) return "sources: more than 64 sources";
  if (!std::is_sorted(p.sources.begin(), p.sources.end()) ||
      std::adjacent_find(p.sources.begin(), p.sources.end()) != p.sources.end())
    return "sources: must be unique (normalize first)";
  for (const auto& s : p.sources)
    if (s.empty()) return "sources: a source name is empty";
  if (p.min_sources < 1) return "min_sources: must be at least 1";
  if (p.min_sources > static_cast<std::int64_t>(p.sources.size()))
    return "min_sources: larger than the number of configured sources";
  if (p.max_age_s < 0) return "max_age_s: must be >= 0";
  if (p.max_future_s < 0) return "max_future_s: must be >= 0";
  if (p.max_conf_ratio.sign() < 0) return "max_conf_ratio: must be >= 0";
  if (p.max_deviation.sign() < 0) return "max_deviation: must be >= 0";
  if (p.drift_rounds < 1) return "drift_rounds: must be at least 1";
  if (p.recovery_rounds < 1) return "recovery_rounds: must be at least 1";
  if (p.breaker_max_move.sign() < 0) return "breaker_max_move: must be >= 0";
  if (p.breaker_window_s < 0) return "breaker_window_s: must be >= 0";
  if (p.breaker_cooldown_s < 0) return "breaker_cooldown_s: must be >= 0";
  if (!p.wat.empty() && !wat_bytes32(p.wat)) return "wat: must be 1 to 32 printable ASCII characters";
  if (!std::is_sorted(p.signers.begin(), p.signers.end())) return "signers: must be sorted (normalize first)";
  if ((p.require_signatures || !p.signers.empty()) && p.wat.empty())
    return "wat: required when signers or require_signatures are given";
  if (p.require_signatures && p.signers.empty()) return "signers: required when require_signatures is true";
  return std::nullopt;
}

}  // namespace xm::oracles
