#include <sstream>

#include "xm/sim/report.hpp"

namespace xm::sim {
namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      static const char* hex = "0123456789abcdef";
      out += "\\u00";
      out += hex[(c >> 4) & 0xf];
      out += hex[c & 0xf];
      continue;
    }
    out += c;
  }
  return out + "\"";
}
std::string money(i128 v) { return quoted(fmt(v)); }

void metrics_json(std::ostringstream& o, const Metrics& m, const char* indent) {
  auto line = [&](const char* key, const std::string& value, bool last = false) {
    o << indent << '"' << key << "\": " << value << (last ? "\n" : ",\n");
  };
  line("liquidations", std::to_string(m.liquidations));
  line("accounts_liquidated", std::to_string(m.accounts_liquidated));
  line("false_liquidations", std::to_string(m.false_liquidations));
  line("missed_liquidations", std::to_string(m.missed_liquidations));
  line("liquidated_notional", money(m.liquidated_notional));
  line("bad_debt", money(m.bad_debt));
  line("insurance_paid", money(m.insurance_paid));
  line("socialized_loss", money(m.socialized_loss));
  line("liquidator_fees", money(m.liquidator_fees));
  line("insurance_fund_start", money(m.insurance_fund_start));
  line("insurance_fund_end", money(m.insurance_fund_end));
  line("insurance_fund_min", money(m.insurance_fund_min));
  line("halted_steps", std::to_string(m.halted_steps));
  line("insufficient_steps", std::to_string(m.insufficient_steps));
  line("max_oracle_error_bps", std::to_string(m.max_oracle_error_bps));
  line("max_oracle_error_step", std::to_string(m.max_oracle_error_step));
  line("stale_chain_account_steps", std::to_string(m.stale_chain_account_steps));
  line("invariant_checks", std::to_string(m.invariant_checks), true);
}

void oracle_json(std::ostringstream& o, const Scenario& s, const RunResult& r,
                 const std::vector<std::vector<OracleOutput>>& series) {
  o << "{";
  for (std::size_t ai = 0; ai < s.assets.size(); ++ai) {
    std::int64_t counts[4] = {0, 0, 0, 0};
    std::int64_t max_bps = 0;
    for (std::size_t t = 0; t < series[ai].size(); ++t) {
      const OracleOutput& x = series[ai][t];
      ++counts[static_cast<int>(x.status)];
      if (!x.priced) continue;
      const i128 truth = r.world.true_price[ai][t];
      const i128 err = x.price > truth ? x.price - truth : truth - x.price;
      max_bps = std::max(max_bps, static_cast<std::int64_t>((err * kBps + truth - 1) / truth));
    }
    o << (ai ? ",\n" : "\n") << "      " << quoted(s.assets[ai].id) << ": {\"ok_steps\": " << counts[0]
      << ", \"degraded_steps\": " << counts[1] << ", \"insufficient_steps\": " << counts[2]
      << ", \"halted_steps\": " << counts[3] << ", \"halted_s\": " << counts[3] * s.step_s
      << ", \"max_error_bps\": " << max_bps << "}";
  }
  o << "\n    }";
}

}  // namespace

const char* status_name(PriceStatus st) noexcept {
  switch (st) {
    case PriceStatus::ok: return "ok";
    case PriceStatus::degraded: return "degraded";
    case PriceStatus::insufficient: return "insufficient";
    case PriceStatus::halted: return "halted";
  }
  return "?";
}

std::string report_json(const Scenario& s, const RunResult& r) {
  std::ostringstream o;
  o << "{\n  \"format\": " << quoted(kReportFormat) << ",\n  \"scenario\": " << quoted(s.name)
    << ",\n  \"seed\": " << r.seed << ",\n  \"steps\": " << s.steps << ",\n  \"step_s\": " << s.step_s
    << ",\n  \"steps_run\": " << r.steps_run << ",\n  \"accounts\": " << r.accounts << ",\n  \"status\": "
    << (r.violation ? "\"violation\"" : "\"ok\"") << ",\n  \"violation\": ";
  if (r.violation) {
    o << "{\"invariant\": " << quoted(r.violation->invariant) << ", \"variant\": " << quoted(r.violation->variant)
      << ", \"step\": " << r.violation->step << ", \"detail\": " << quoted(r.violation->detail) << "}";
  } else {
    o << "null";
  }
  o << ",\n  \"faults\": [";
  for (std::size_t i = 0; i < s.faults.size(); ++i) {
    const Fault& f = s.faults[i];
    o << (i ? ",\n" : "\n") << "    {\"kind\": " << quoted(to_string(f.kind)) << ", \"start_step\": " << f.start_step
      << ", \"end_step\": " << f.end_step();
    if (!f.asset.empty()) o << ", \"asset\": " << quoted(f.asset);
    if (!f.source.empty()) o << ", \"source\": " << quoted(f.source);
    if (f.kind == FaultKind::chain_delay) o << ", \"chain\": " << f.chain;
    o << "}";
  }
  o << (s.faults.empty() ? "],\n" : "\n  ],\n");
  o << "  \"oracle\": {\n    \"defended\": ";
  oracle_json(o, s, r, r.oracle_defended);
  if (!r.oracle_undefended.empty()) {
    o << ",\n    \"undefended\": ";
    oracle_json(o, s, r, r.oracle_undefended);
  }
  o << "\n  },\n  \"variants\": [";
  for (std::size_t i = 0; i < r.variants.size(); ++i) {
    const VariantResult& v = r.variants[i];
    o << (i ? ",\n" : "\n") << "    {\n      \"name\": " << quoted(v.variant.name) << ",\n      \"margin_mode\": "
      << quoted(to_string(v.variant.margin_mode)) << ",\n      \"defenses\": " << (v.variant.defenses ? "true" : "false")
      << ",\n      \"metrics\": {\n";
    metrics_json(o, v.metrics, "        ");
    o << "      },\n      \"health_start\": [";
    for (std::size_t b = 0; b < kHealthBuckets; ++b) o << (b ? ", " : "") << v.health_start[b];
    o << "],\n      \"health_end\": [";
    for (std::size_t b = 0; b < kHealthBuckets; ++b) o << (b ? ", " : "") << v.health_end[b];
    o << "]\n    }";
  }
  o << "\n  ]\n}\n";
  return o.str();
}

std::string prices_csv(const Scenario& s, const RunResult& r) {
  std::ostringstream o;
  o << "step,ts";
  for (const auto& a : s.assets) {
    o << ',' << a.id << "_true," << a.id << "_oracle," << a.id << "_status";
    if (!r.oracle_undefended.empty()) o << ',' << a.id << "_oracle_undefended," << a.id << "_status_undefended";
  }
  o << '\n';
  for (std::size_t t = 0; t < static_cast<std::size_t>(s.steps) + 1; ++t) {
    o << t << ',' << s.time_at(static_cast<std::int64_t>(t));
    for (std::size_t ai = 0; ai < s.assets.size(); ++ai) {
      const OracleOutput& d = r.oracle_defended[ai][t];
      o << ',' << fmt(r.world.true_price[ai][t]) << ',' << (d.priced ? fmt(d.price) : "") << ',' << status_name(d.status);
      if (!r.oracle_undefended.empty()) {
        const OracleOutput& u = r.oracle_undefended[ai][t];
        o << ',' << (u.priced ? fmt(u.price) : "") << ',' << status_name(u.status);
      }
    }
    o << '\n';
  }
  return o.str();
}

std::string variants_csv(const Scenario& s, const RunResult& r) {
  std::ostringstream o;
  o << "step";
  for (const auto& v : r.variants)
    o << ',' << v.variant.name << "_liquidations," << v.variant.name << "_insurance_fund," << v.variant.name
      << "_bad_debt";
  o << '\n';
  for (std::size_t t = 0; t < static_cast<std::size_t>(s.steps) + 1; ++t) {
    o << t;
    for (const auto& v : r.variants)
      o << ',' << v.liquidations_per_step[t] << ',' << fmt(v.insurance_fund[t]) << ',' << fmt(v.bad_debt_cumulative[t]);
    o << '\n';
  }
  return o.str();
}

}  // namespace xm::sim
