// Format xmargin-oracle/1: rounds of quotes through the oracle core, expectations per asset per
// round (docs/formats/oracle.md).
#include <algorithm>

#include "oracle_replay.hpp"
#include "verifiers.hpp"
#include "xm/engine/decimal.hpp"

namespace xm::cli {
namespace {

std::string text_of(const std::optional<Wad>& v) { return v ? format_wad(*v) : std::string("none"); }

std::string joined(const std::vector<std::string>& xs) {
  std::string s = "[";
  for (std::size_t i = 0; i < xs.size(); ++i) s += (i ? ", " : "") + xs[i];
  return s + "]";
}

// The actual drop list at the granularity of the expectation: an expected entry without a detail
// ("b:bad_signature") is compared without the actual detail.
std::vector<std::string> dropped_like(const std::vector<oracles::Dropped>& actual, const std::vector<std::string>& expected) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const bool with_detail = i < expected.size() && std::count(expected[i].begin(), expected[i].end(), ':') >= 2;
    out.push_back(with_detail ? codec::describe(actual[i]) : actual[i].source + ":" + oracles::to_string(actual[i].reason));
  }
  return out;
}

void check_asset(std::vector<Check>& out, const codec::OracleExpect& e, const oracles::AssetReport& r) {
  const std::string& p = e.path;
  if (e.status) expect_equal(out, p + ".status", *e.status, oracles::to_string(r.status));
  if (e.price) expect_equal(out, p + ".price", *e.price, text_of(r.price));
  if (e.conf) expect_equal(out, p + ".conf", *e.conf, text_of(r.conf));
  if (e.median) expect_equal(out, p + ".median", *e.median, text_of(r.median));
  if (e.breaker_tripped)
    expect_equal(out, p + ".breaker_tripped", *e.breaker_tripped ? "true" : "false", r.breaker_tripped ? "true" : "false");
  if (e.used) expect_equal(out, p + ".used", joined(*e.used), joined(r.used));
  if (e.dropped) expect_equal(out, p + ".dropped", joined(*e.dropped), joined(dropped_like(r.dropped, *e.dropped)));
}

}  // namespace

OracleReplay replay_oracle(const codec::OracleFixture& fixture) {
  auto oracle = oracles::Oracle::create(fixture.policies);
  if (!oracle) throw json::InputError("assets", oracle.error());
  oracles::Oracle o = std::move(oracle).value();
  OracleReplay out;
  for (std::size_t i = 0; i < fixture.rounds.size(); ++i) {
    const auto& round = fixture.rounds[i];
    auto rep = o.round(round.now, round.inputs);
    if (!rep) throw json::InputError("rounds[" + std::to_string(i) + "]", rep.error());
    out.emplace_back(round.now, std::move(rep).value());
  }
  return out;
}

std::vector<Check> verify_oracle(const json::JsonRef& root) {
  const codec::OracleFixture fixture = codec::decode_oracle_fixture(root);
  const OracleReplay replay = replay_oracle(fixture);
  std::vector<Check> checks;
  for (std::size_t i = 0; i < fixture.rounds.size(); ++i)
    for (const auto& [asset, e] : fixture.rounds[i].expect) check_asset(checks, e, replay[i].second.at(asset));
  return checks;
}

}  // namespace xm::cli
