#include "xm/oracles/validate.hpp"

#include <algorithm>

#include "xm/engine/wad_fast.hpp"
#include "xm/oracles/signed_report.hpp"

namespace xm::oracles {
namespace {

using fast::i128;  // time arithmetic without int64 overflow on hostile timestamps

Dropped drop(const Quote& q, DropReason r, std::string detail = {}) { return Dropped{q.source, r, std::move(detail)}; }

// conf > mul(max_conf_ratio, price, floor); a bound beyond int256 cannot be exceeded.
bool too_uncertain(const Wad& conf, const Wad& price, const Wad& max_conf_ratio) {
  const auto bound = checked::mul(max_conf_ratio, price, Rounding::floor);
  return bound && conf > *bound;
}

}  // namespace

std::optional<Dropped> validate_quote(const Quote& q, std::int64_t now, const Policy& policy, RoundSeen& seen,
                                      std::map<crypto::Address, std::int64_t>& signer_last_age,
                                      std::size_t& source_index) {
  if (q.price.sign() <= 0) return drop(q, DropReason::non_positive);
  if (i128{q.ts} > i128{now} + policy.max_future_s) return drop(q, DropReason::future);
  if (i128{now} - q.ts > policy.max_age_s) return drop(q, DropReason::stale);
  // Adapters usually deliver quotes in the policy's (sorted) order: try the hinted slot first.
  std::size_t index = source_index;
  if (index >= policy.sources.size() || policy.sources[index] != q.source) {
    const auto it = std::lower_bound(policy.sources.begin(), policy.sources.end(), q.source);
    if (it == policy.sources.end() || *it != q.source) return drop(q, DropReason::unknown_source);
    index = static_cast<std::size_t>(it - policy.sources.begin());
  }
  if (seen.sources[index]) return drop(q, DropReason::duplicate_source);

  std::optional<crypto::Address> signer;
  if (q.signed_report || policy.require_signatures) {
    const SignatureVerdict v = check_report(q, policy);
    if (!v.signer) return drop(q, DropReason::bad_signature, v.detail);
    // One signer counts once per round, whatever source name it reports under.
    if (seen.signers.count(*v.signer)) return drop(q, DropReason::bad_signature, "duplicate_signer");
    const auto last = signer_last_age.find(*v.signer);
    if (last != signer_last_age.end() && q.ts <= last->second)
      return drop(q, DropReason::bad_signature, "age_not_newer");
    signer = v.signer;
  }
  if (q.conf && too_uncertain(*q.conf, q.price, policy.max_conf_ratio)) return drop(q, DropReason::uncertain);

  // Accepted by step 1. A source counts once per round; a signer's age is consumed even if a later
  // step (deviant, quarantined) leaves the quote out, as Median consumes it on poke.
  seen.sources[index] = true;
  source_index = index;
  if (signer) {
    seen.signers.insert(*signer);
    signer_last_age[*signer] = q.ts;
  }
  return std::nullopt;
}

}  // namespace xm::oracles
