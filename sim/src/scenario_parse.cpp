#include "xm/sim/scenario_parse.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include "xm/codec/margin_codec.hpp"
#include "xm/engine/decimal.hpp"
#include "xm/engine/wad_fast.hpp"

namespace xm::sim {
namespace {

using json::JsonRef;

// Bounds that keep every simulator value inside the 128-bit fast path (prices × sizes < 10^38).
const i128 kMaxPrice = i128{1'000'000'000} * kWad;       // 10^9 USD
const i128 kMaxMoney = i128{1'000'000'000'000} * kWad;   // 10^12 USD
constexpr std::int64_t kMaxSteps = 1'000'000;
constexpr std::int64_t kMaxAccounts = 1'000'000;
constexpr std::size_t kMaxSources = 16;

i128 wad_in(const JsonRef& r, i128 lo, i128 hi) {
  const i128 v = to_i128(r.wad());
  if (v < lo || v > hi) r.fail("must be in [" + fmt(lo) + ", " + fmt(hi) + "], got \"" + fmt(v) + "\"");
  return v;
}
i128 fraction(const JsonRef& r) { return wad_in(r, 0, kWad); }
std::int64_t int_in(const JsonRef& r, std::int64_t lo, std::int64_t hi) {
  const std::int64_t v = r.integer();
  if (v < lo || v > hi)
    r.fail("must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " + std::to_string(v));
  return v;
}
template <class F>
auto opt(const JsonRef& obj, std::string_view key, decltype(std::declval<F>()(obj)) fallback, F f) {
  if (auto r = obj.find(key)) return f(*r);
  return fallback;
}

// Params in the margin format (docs/formats/margin.md: objects keyed by id), decoded and validated
// by the margin codec and check_params; then bounded to the simulator's 128-bit domain.
void parse_params(const JsonRef& p, Params& out) {
  out = codec::decode_params(p);
  codec::require_valid_params(out);
  auto bound = [&](const std::string& path, const Wad& w, i128 hi) {
    const auto v = fast::to_i128(w);
    if (!v || *v > hi || *v < -hi) JsonRef(p.value(), p.path() + "." + path).fail("must be within ±" + fmt(hi) + " for the simulator");
  };
  for (const auto& [id, a] : out.assets) {
    bound("assets." + id.value + ".init_liab_weight", a.init_liab_weight, 100 * kWad);
    bound("assets." + id.value + ".maint_liab_weight", a.maint_liab_weight, 100 * kWad);
  }
  for (const auto& [id, m] : out.markets) {
    bound("markets." + id.value + ".lot_size", m.lot_size, kMaxMoney);
    for (std::size_t i = 0; i < m.tiers.size(); ++i) {
      bound("markets." + id.value + ".tiers[" + std::to_string(i) + "].lo", m.tiers[i].lo, kMaxMoney);
      if (m.tiers[i].hi) bound("markets." + id.value + ".tiers[" + std::to_string(i) + "].hi", *m.tiers[i].hi, kMaxMoney);
    }
  }
}

PathSpec parse_path(const JsonRef& r, std::int64_t steps, const std::string& base_dir) {
  PathSpec ps;
  const std::string& kind = r.at("kind").string();
  if (kind == "fixed") {
    r.only({"kind"});
    ps.kind = PathKind::fixed;
  } else if (kind == "gbm") {
    r.only({"kind", "sigma_annual", "drift_annual", "market_weight", "jump_prob_per_step", "jump_mean", "jump_sigma"});
    ps.kind = PathKind::gbm;
    ps.sigma_annual = wad_in(r.at("sigma_annual"), 0, 20 * kWad);
    ps.drift_annual = opt(r, "drift_annual", i128{0}, [](const JsonRef& x) { return wad_in(x, -10 * kWad, 10 * kWad); });
    ps.market_weight = opt(r, "market_weight", i128{0}, fraction);
    ps.jump_prob_per_step = opt(r, "jump_prob_per_step", i128{0}, fraction);
    ps.jump_mean = opt(r, "jump_mean", i128{0}, [](const JsonRef& x) { return wad_in(x, -2 * kWad, 2 * kWad); });
    ps.jump_sigma = opt(r, "jump_sigma", i128{0}, [](const JsonRef& x) { return wad_in(x, 0, 2 * kWad); });
  } else if (kind == "recorded") {
    r.only({"kind", "points", "csv", "column"});
    ps.kind = PathKind::recorded;
    if (auto pts = r.find("points")) {
      if (r.find("csv")) r.fail("give either points or csv, not both");
      for (const auto& p : pts->items()) ps.points.push_back(wad_in(p, 1, kMaxPrice));
    } else {
      const std::string file = r.at("csv").string();
      const std::string path = base_dir.empty() || (!file.empty() && file[0] == '/') ? file : base_dir + "/" + file;
      std::ifstream in(path, std::ios::binary);
      if (!in) r.at("csv").fail("cannot read \"" + path + "\"");
      std::ostringstream ss;
      ss << in.rdbuf();
      try {
        ps.points = parse_path_csv(ss.str(), r.at("column").string(), path);
      } catch (const json::InputError& e) {
        r.at("csv").fail(e.what());
      }
    }
    if (static_cast<std::int64_t>(ps.points.size()) < steps + 1)
      r.fail("recorded path has " + std::to_string(ps.points.size()) + " points, the scenario needs steps + 1 = " +
             std::to_string(steps + 1));
  } else {
    r.at("kind").fail("unknown path kind \"" + kind + "\" (gbm, recorded, fixed)");
  }
  return ps;
}

FaultKind fault_kind(const JsonRef& r) {
  static const std::pair<const char*, FaultKind> kinds[] = {
      {"stale", FaultKind::stale},         {"frozen", FaultKind::frozen},
      {"spike", FaultKind::spike},         {"drift", FaultKind::drift},
      {"outage", FaultKind::outage},       {"flash_crash", FaultKind::flash_crash},
      {"chain_delay", FaultKind::chain_delay}, {"liquidation_latency", FaultKind::liquidation_latency}};
  for (const auto& [name, k] : kinds)
    if (r.string() == name) return k;
  r.fail("unknown fault kind \"" + r.string() + "\"");
}

const AssetSpec& find_asset(const Scenario& s, const JsonRef& r) {
  for (const auto& a : s.assets)
    if (a.id == r.string()) return a;
  r.fail("unknown asset \"" + r.string() + "\"");
}

Fault parse_fault(const JsonRef& r, const Scenario& s) {
  Fault f;
  f.kind = fault_kind(r.at("kind"));
  f.start_step = int_in(r.at("start_step"), 0, s.steps);
  f.duration_steps = int_in(r.at("duration_steps"), 1, kMaxSteps);
  auto source_of = [&](bool optional_source) {
    const AssetSpec& a = find_asset(s, r.at("asset"));
    f.asset = a.id;
    if (optional_source && !r.find("source")) return;
    f.source = r.at("source").string();
    for (const auto& src : a.sources)
      if (src.name == f.source) return;
    r.at("source").fail("asset \"" + a.id + "\" has no source \"" + f.source + "\"");
  };
  switch (f.kind) {
    case FaultKind::stale:
      r.only({"kind", "start_step", "duration_steps", "asset", "source"});
      source_of(false);
      break;
    case FaultKind::frozen:
      r.only({"kind", "start_step", "duration_steps", "asset", "source", "floor_price"});
      source_of(false);
      if (auto fl = r.find("floor_price")) f.floor_price = wad_in(*fl, 1, kMaxPrice);
      break;
    case FaultKind::spike:
      r.only({"kind", "start_step", "duration_steps", "asset", "source", "magnitude"});
      source_of(false);
      f.magnitude = wad_in(r.at("magnitude"), -kWad + 1, 100 * kWad);
      break;
    case FaultKind::drift:
      r.only({"kind", "start_step", "duration_steps", "asset", "source", "rate_per_step"});
      source_of(false);
      f.rate_per_step = wad_in(r.at("rate_per_step"), -kWad / 100, kWad / 100);
      break;
    case FaultKind::outage:
      r.only({"kind", "start_step", "duration_steps", "asset", "source"});
      source_of(true);
      break;
    case FaultKind::flash_crash:
      r.only({"kind", "start_step", "duration_steps", "asset", "depth", "hold_steps", "recover_steps"});
      f.asset = find_asset(s, r.at("asset")).id;
      f.depth = wad_in(r.at("depth"), 1, kWad - kWad / 1000);
      f.hold_steps = opt(r, "hold_steps", std::int64_t{0}, [](const JsonRef& x) { return int_in(x, 0, kMaxSteps); });
      f.recover_steps = opt(r, "recover_steps", std::int64_t{0}, [](const JsonRef& x) { return int_in(x, 0, kMaxSteps); });
      break;
    case FaultKind::chain_delay:
      r.only({"kind", "start_step", "duration_steps", "chain"});
      f.chain = static_cast<std::uint64_t>(r.at("chain").non_negative_integer());
      if (!s.params.chains.count(ChainId{f.chain})) r.at("chain").fail("unknown chain");
      break;
    case FaultKind::liquidation_latency:
      r.only({"kind", "start_step", "duration_steps", "latency_steps"});
      f.latency_steps = int_in(r.at("latency_steps"), 0, kMaxSteps);
      break;
  }
  return f;
}

void parse_population(const JsonRef& r, Scenario& s) {
  r.only({"count", "collateral_asset", "collateral_min", "collateral_max", "leverage", "hedged_fraction",
          "isolated_fraction", "markets", "chains"});
  PopulationSpec& p = s.population;
  p.count = int_in(r.at("count"), 1, kMaxAccounts);
  p.collateral_asset = r.at("collateral_asset").string();
  if (!s.params.assets.count(AssetId{p.collateral_asset})) r.at("collateral_asset").fail("not in params.assets");
  bool priced = false;
  for (const auto& a : s.assets) priced = priced || a.id == p.collateral_asset;
  if (!priced) r.at("collateral_asset").fail("not in assets (it needs a price)");
  p.collateral_min = wad_in(r.at("collateral_min"), kWad, kMaxMoney / 1000);
  p.collateral_max = wad_in(r.at("collateral_max"), p.collateral_min, kMaxMoney / 1000);
  for (const auto& b : r.at("leverage").items()) {
    b.only({"leverage", "weight"});
    p.leverage.push_back({wad_in(b.at("leverage"), kWad / 100, 100 * kWad), int_in(b.at("weight"), 1, 1'000'000)});
  }
  if (p.leverage.empty()) r.at("leverage").fail("at least one bucket");
  p.hedged_fraction = opt(r, "hedged_fraction", i128{0}, fraction);
  p.isolated_fraction = opt(r, "isolated_fraction", i128{0}, fraction);
  for (const auto& m : r.at("markets").items()) {
    if (!s.params.markets.count(MarketId{m.string()})) m.fail("unknown market");
    p.markets.push_back(m.string());
  }
  if (p.markets.empty()) r.at("markets").fail("at least one market");
  if (p.hedged_fraction > 0 && p.markets.size() < 2) r.at("hedged_fraction").fail("hedged accounts need two markets");
  for (const auto& c : r.at("chains").items()) {
    c.only({"chain", "weight"});
    ChainShare cs{static_cast<std::uint64_t>(c.at("chain").non_negative_integer()), int_in(c.at("weight"), 1, 1'000'000)};
    if (!s.params.chains.count(ChainId{cs.chain})) c.at("chain").fail("unknown chain");
    p.chains.push_back(cs);
  }
  if (p.chains.empty()) r.at("chains").fail("at least one chain");
}

}  // namespace

std::vector<i128> parse_path_csv(std::string_view text, const std::string& column, const std::string& where) {
  auto fail = [&](std::size_t line, const std::string& why) -> void {
    throw json::InputError(where + ":" + std::to_string(line), why);
  };
  std::vector<std::vector<std::string>> rows;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    if (line.empty()) continue;
    std::vector<std::string> cells;
    std::size_t c = 0;
    while (true) {
      const std::size_t comma = line.find(',', c);
      cells.emplace_back(line.substr(c, comma == std::string_view::npos ? std::string_view::npos : comma - c));
      if (comma == std::string_view::npos) break;
      c = comma + 1;
    }
    rows.push_back(std::move(cells));
  }
  if (rows.empty()) fail(1, "empty CSV");
  if (rows[0].empty() || rows[0][0] != "step") fail(1, "the first column must be \"step\"");
  std::size_t col = 0;
  for (std::size_t i = 1; i < rows[0].size(); ++i)
    if (rows[0][i] == column) col = i;
  if (col == 0) fail(1, "no column \"" + column + "\"");
  std::vector<i128> out;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].size() != rows[0].size()) fail(i + 1, "expected " + std::to_string(rows[0].size()) + " cells");
    auto step = parse_int64(rows[i][0]);
    if (!step || *step != static_cast<std::int64_t>(i - 1)) fail(i + 1, "step must be " + std::to_string(i - 1));
    auto price = parse_wad(rows[i][col]);
    if (!price) fail(i + 1, "bad price \"" + rows[i][col] + "\": " + price.error().reason);
    const i128 v = to_i128(*price);
    if (v <= 0 || v > kMaxPrice) fail(i + 1, "price must be in (0, 10^9]");
    out.push_back(v);
  }
  return out;
}

Scenario parse_scenario(const JsonRef& root, const std::string& base_dir) {
  root.only({"format", "name", "seed", "steps", "step_s", "start_ts", "params", "assets", "oracle", "liquidation",
             "population", "faults", "variants", "expect"});
  if (root.at("format").string() != kScenarioFormat)
    root.at("format").fail("expected \"" + std::string(kScenarioFormat) + "\"");
  Scenario s;
  s.name = root.at("name").string();
  s.seed = static_cast<std::uint64_t>(opt(root, "seed", std::int64_t{1}, [](const JsonRef& r) { return r.non_negative_integer(); }));
  s.steps = int_in(root.at("steps"), 1, kMaxSteps);
  s.step_s = int_in(root.at("step_s"), 1, 86'400);
  s.start_ts = int_in(root.at("start_ts"), 0, std::int64_t{1} << 40);
  parse_params(root.at("params"), s.params);

  std::set<std::string> seen;
  for (const auto& a : root.at("assets").items()) {
    a.only({"id", "initial_price", "path", "sources"});
    AssetSpec as;
    as.id = a.at("id").string();
    if (!s.params.assets.count(AssetId{as.id})) a.at("id").fail("not in params.assets");
    if (!seen.insert(as.id).second) a.at("id").fail("duplicate asset");
    as.initial_price = wad_in(a.at("initial_price"), kWad / 1'000'000, kMaxPrice);
    as.path = parse_path(a.at("path"), s.steps, base_dir);
    std::set<std::string> names;
    if (auto srcs = a.find("sources")) {
      for (const auto& src : srcs->items()) {
        src.only({"name", "noise_bps", "latency_steps"});
        SourceSpec ss{src.at("name").string(), int_in(src.at("noise_bps"), 0, 5000),
                      opt(src, "latency_steps", std::int64_t{0}, [](const JsonRef& r) { return int_in(r, 0, 10'000); })};
        if (!names.insert(ss.name).second) src.at("name").fail("duplicate source");
        as.sources.push_back(ss);
      }
      if (as.sources.size() > kMaxSources) srcs->fail("at most 16 sources");
    }
    s.assets.push_back(std::move(as));
  }
  for (const auto& [id, m] : s.params.markets)
    if (!seen.count(m.base.value)) root.at("assets").fail("market " + id.value + " needs a price for " + m.base.value);

  const JsonRef o = root.at("oracle");
  o.only({"min_sources", "max_age_s", "max_future_s", "max_deviation", "drift_rounds", "recovery_rounds",
          "breaker_max_move", "breaker_window_s", "breaker_cooldown_s"});
  s.oracle.min_sources = int_in(o.at("min_sources"), 1, 16);
  s.oracle.max_age_s = o.at("max_age_s").non_negative_integer();
  s.oracle.max_future_s = o.at("max_future_s").non_negative_integer();
  s.oracle.max_deviation = wad_in(o.at("max_deviation"), 1, 10 * kWad);
  s.oracle.drift_rounds = int_in(o.at("drift_rounds"), 1, 10'000);
  s.oracle.recovery_rounds = int_in(o.at("recovery_rounds"), 1, 10'000);
  s.oracle.breaker_max_move = wad_in(o.at("breaker_max_move"), 0, 10 * kWad);
  s.oracle.breaker_window_s = o.at("breaker_window_s").non_negative_integer();
  s.oracle.breaker_cooldown_s = o.at("breaker_cooldown_s").non_negative_integer();
  for (std::size_t i = 0; i < s.assets.size(); ++i)
    if (!s.assets[i].sources.empty() && static_cast<std::int64_t>(s.assets[i].sources.size()) < s.oracle.min_sources)
      root.at("assets")[i].at("sources").fail("fewer sources than oracle.min_sources (" + std::to_string(s.oracle.min_sources) + ")");

  const JsonRef l = root.at("liquidation");
  l.only({"latency_steps", "missed_after_steps", "insurance_fund"});
  s.liquidation.latency_steps = int_in(l.at("latency_steps"), 0, 10'000);
  s.liquidation.missed_after_steps = int_in(l.at("missed_after_steps"), 0, kMaxSteps);
  s.liquidation.insurance_fund = wad_in(l.at("insurance_fund"), 0, kMaxMoney);

  parse_population(root.at("population"), s);
  if (auto fs = root.find("faults"))
    for (const auto& f : fs->items()) s.faults.push_back(parse_fault(f, s));

  std::set<std::string> vnames;
  for (const auto& v : root.at("variants").items()) {
    v.only({"name", "margin_mode", "defenses"});
    Variant var;
    var.name = v.at("name").string();
    if (!vnames.insert(var.name).second) v.at("name").fail("duplicate variant");
    const std::string& mode = v.at("margin_mode").string();
    if (mode == "cross") var.margin_mode = MarginMode::cross;
    else if (mode == "isolated") var.margin_mode = MarginMode::isolated;
    else if (mode == "as_generated") var.margin_mode = MarginMode::as_generated;
    else v.at("margin_mode").fail("expected cross, isolated or as_generated");
    var.defenses = v.at("defenses").boolean();
    s.variants.push_back(var);
  }
  if (s.variants.empty() || s.variants.size() > 8) root.at("variants").fail("1 to 8 variants");

  if (auto e = root.find("expect")) {
    e->only({"invariant_violations", "fewer"});
    if (auto iv = e->find("invariant_violations")) s.expect.invariant_violations = iv->non_negative_integer();
    if (auto fw = e->find("fewer")) {
      for (const auto& f : fw->items()) {
        f.only({"metric", "variant", "than"});
        Expect::Fewer x{f.at("metric").string(), f.at("variant").string(), f.at("than").string()};
        if (x.metric != "liquidations" && x.metric != "false_liquidations" && x.metric != "bad_debt" &&
            x.metric != "missed_liquidations")
          f.at("metric").fail("unknown metric");
        if (!vnames.count(x.variant)) f.at("variant").fail("unknown variant");
        if (!vnames.count(x.than)) f.at("than").fail("unknown variant");
        s.expect.fewer.push_back(x);
      }
    }
  }
  return s;
}

const char* to_string(FaultKind k) noexcept {
  switch (k) {
    case FaultKind::stale: return "stale";
    case FaultKind::frozen: return "frozen";
    case FaultKind::spike: return "spike";
    case FaultKind::drift: return "drift";
    case FaultKind::outage: return "outage";
    case FaultKind::flash_crash: return "flash_crash";
    case FaultKind::chain_delay: return "chain_delay";
    case FaultKind::liquidation_latency: return "liquidation_latency";
  }
  return "?";
}
const char* to_string(MarginMode m) noexcept {
  switch (m) {
    case MarginMode::as_generated: return "as_generated";
    case MarginMode::cross: return "cross";
    case MarginMode::isolated: return "isolated";
  }
  return "?";
}

}  // namespace xm::sim
