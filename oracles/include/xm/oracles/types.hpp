#pragma once
// Value types of the oracle core (SPEC §5): quotes in, one report per asset per round out.
// Sources and signers are plain names/addresses; order-sensitive collections are sorted vectors
// or std::map so that replaying the same rounds gives the same bytes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "xm/crypto/secp256k1.hpp"
#include "xm/engine/model.hpp"
#include "xm/engine/wad.hpp"

namespace xm::oracles {

// Why a quote was not used. The first six are SPEC §5 step 1 in its checking order; `unavailable`
// comes from adapters (no quote at all), `duplicate_source` is the project's addition for a source
// quoting twice in one round, `deviant` and `quarantined` come from steps 4–5.
enum class DropReason : std::uint8_t {
  unavailable,
  non_positive,
  future,
  stale,
  unknown_source,
  duplicate_source,
  bad_signature,
  uncertain,
  deviant,
  quarantined,
};
const char* to_string(DropReason r) noexcept;

// A MakerDAO-Median report: the quote's price is `val`, its ts is `age`; `wat` names the feed.
struct SignedReport {
  std::string wat;
  std::vector<std::uint8_t> signature;  // r ‖ s ‖ v, expected 65 bytes
};

struct Quote {
  std::string source;
  Wad price;
  std::optional<Wad> conf;  // the source's own uncertainty, absolute, same unit as price
  std::int64_t ts = 0;      // unix seconds
  std::optional<SignedReport> signed_report;
};

// A configured source that produced no quote this round (timeout, HTTP 500, garbage, …).
struct SourceFailure {
  std::string source;
  std::string detail;
};

struct RoundInput {
  std::vector<Quote> quotes;
  std::vector<SourceFailure> failures;
};

// Sources per asset are bounded (DESIGN: bound everything); per-round flags fit one bitset.
inline constexpr std::size_t kMaxSources = 64;

// Per-asset policy; the defaults are documented in docs/oracles.md.
struct Policy {
  std::vector<std::string> sources;      // configured sources (kept sorted, unique)
  std::int64_t min_sources = 3;          // ≥ 1
  std::int64_t max_age_s = 60;           // ≥ 0
  std::int64_t max_future_s = 5;         // ≥ 0
  Wad max_conf_ratio = Wad::from_raw_i64(20'000'000'000'000'000);  // 0.02
  Wad max_deviation = Wad::from_raw_i64(20'000'000'000'000'000);   // 0.02
  std::int64_t drift_rounds = 3;         // ≥ 1
  std::int64_t recovery_rounds = 3;      // ≥ 1
  Wad breaker_max_move = Wad::from_raw_i64(200'000'000'000'000'000);  // 0.2
  std::int64_t breaker_window_s = 300;   // ≥ 0
  std::int64_t breaker_cooldown_s = 600; // ≥ 0
  // Signed reports (optional): the feed name and the authorized signer set (kept sorted).
  std::string wat;
  std::vector<crypto::Address> signers;
  bool require_signatures = false;       // then an unsigned quote is bad_signature/missing_signature
};

// nullopt when the policy is usable; otherwise "field: reason".
std::optional<std::string> check_policy(const Policy& p);
// Sorts and de-duplicates sources and signers (what check_policy expects).
void normalize(Policy& p);

struct Dropped {
  std::string source;
  DropReason reason = DropReason::unavailable;
  std::string detail;  // sub-reason, e.g. "high_s" for bad_signature; may be empty
  friend bool operator==(const Dropped&, const Dropped&) = default;
};

struct AssetReport {
  PriceStatus status = PriceStatus::insufficient;
  std::optional<Wad> price;          // the price to use (last good price while halted)
  std::optional<Wad> conf;
  std::optional<Wad> median;         // this round's aggregated median, when one was formed
  bool breaker_tripped = false;      // the breaker tripped in this very round
  std::vector<std::string> used;     // sorted
  std::vector<Dropped> dropped;      // sorted by source, then reason
};

const char* to_string(PriceStatus s) noexcept;

}  // namespace xm::oracles
