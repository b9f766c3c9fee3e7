// report.html: one self-contained page (inline CSS and SVG, no script, no external resource).
// Coordinates are integers computed from the WAD series, so the page is byte-identical per seed.
#include <algorithm>
#include <sstream>

#include "xm/sim/report.hpp"

namespace xm::sim {
namespace {

constexpr int kW = 860, kH = 260, kLeft = 70, kRight = 12, kTop = 14, kBottom = 26;
constexpr std::size_t kMaxBuckets = 400;  // per series: ≤ 800 points (min and max of each bucket)
const char* const kPalette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"};

std::string esc(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '<') o += "&lt;";
    else if (c == '>') o += "&gt;";
    else if (c == '&') o += "&amp;";
    else if (c == '"') o += "&quot;";
    else o += c;
  }
  return o;
}

// A value for an axis label: two decimals, truncated toward zero.
std::string label(i128 v) { return fmt(v / (kWad / 100) * (kWad / 100)); }

struct Series {
  std::string name;
  std::string color;
  std::vector<std::pair<std::size_t, i128>> points;  // (step, value), already reduced
  bool dashed = false;
};

// Keeps the first and last point and, per bucket of steps, the minimum and the maximum in the
// order they occur: a crash shorter than a bucket still shows at its full depth.
std::vector<std::pair<std::size_t, i128>> reduce(const std::vector<std::optional<i128>>& v) {
  std::vector<std::pair<std::size_t, i128>> out;
  const std::size_t n = v.size();
  const std::size_t per = std::max<std::size_t>(1, (n + kMaxBuckets - 1) / kMaxBuckets);
  for (std::size_t b = 0; b < n; b += per) {
    std::optional<std::pair<std::size_t, i128>> lo, hi;
    for (std::size_t t = b; t < std::min(n, b + per); ++t) {
      if (!v[t]) continue;
      if (!lo || *v[t] < lo->second) lo = std::pair{t, *v[t]};
      if (!hi || *v[t] > hi->second) hi = std::pair{t, *v[t]};
    }
    if (!lo) continue;
    if (lo->first == hi->first) out.push_back(*lo);
    else if (lo->first < hi->first) { out.push_back(*lo); out.push_back(*hi); }
    else { out.push_back(*hi); out.push_back(*lo); }
  }
  return out;
}

struct Window {
  std::int64_t from, to;
  std::string what;
};

class Chart {
 public:
  Chart(std::string title, std::size_t steps) : title_(std::move(title)), steps_(std::max<std::size_t>(1, steps)) {}
  void add(Series s) { series_.push_back(std::move(s)); }
  void shade(Window w) { windows_.push_back(std::move(w)); }

  std::string svg() const {
    i128 lo = 0, hi = 0;
    bool any = false;
    for (const auto& s : series_)
      for (const auto& [t, v] : s.points) {
        if (!any) { lo = hi = v; any = true; }
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    if (!any || hi == lo) { hi = lo + kWad; }
    const i128 pad = (hi - lo) / 20;
    lo -= pad; hi += pad;
    const int pw = kW - kLeft - kRight, ph = kH - kTop - kBottom;
    auto x = [&](std::size_t t) { return kLeft + static_cast<int>(static_cast<i128>(t) * pw / static_cast<i128>(steps_)); };
    auto y = [&](i128 v) { return kTop + ph - static_cast<int>((v - lo) * ph / (hi - lo)); };
    std::ostringstream o;
    o << "<figure><figcaption>" << esc(title_) << "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kW
      << "\" height=\"" << kH << "\" viewBox=\"0 0 " << kW << ' ' << kH << "\" role=\"img\">\n";
    o << "<rect x=\"" << kLeft << "\" y=\"" << kTop << "\" width=\"" << pw << "\" height=\"" << ph
      << "\" fill=\"#fafafa\" stroke=\"#999\"/>\n";
    for (const auto& w : windows_) {
      const int x0 = x(static_cast<std::size_t>(std::clamp<std::int64_t>(w.from, 0, static_cast<std::int64_t>(steps_))));
      const int x1 = x(static_cast<std::size_t>(std::clamp<std::int64_t>(w.to, 0, static_cast<std::int64_t>(steps_))));
      o << "<rect class=\"fault\" x=\"" << x0 << "\" y=\"" << kTop << "\" width=\"" << std::max(1, x1 - x0)
        << "\" height=\"" << ph << "\" fill=\"#f4c7c3\" opacity=\"0.6\"><title>" << esc(w.what) << "</title></rect>\n";
    }
    for (int k = 0; k <= 4; ++k) {
      const i128 v = lo + (hi - lo) * k / 4;
      o << "<text x=\"" << kLeft - 4 << "\" y=\"" << y(v) + 4 << "\" text-anchor=\"end\">" << label(v) << "</text>\n";
      o << "<line x1=\"" << kLeft << "\" x2=\"" << kW - kRight << "\" y1=\"" << y(v) << "\" y2=\"" << y(v)
        << "\" stroke=\"#e0e0e0\"/>\n";
    }
    o << "<text x=\"" << kLeft << "\" y=\"" << kH - 8 << "\">step 0</text><text x=\"" << kW - kRight << "\" y=\"" << kH - 8
      << "\" text-anchor=\"end\">step " << steps_ << "</text>\n";
    int legend_x = kLeft + 90;
    for (const auto& s : series_) {
      o << "<polyline fill=\"none\" stroke=\"" << s.color << "\" stroke-width=\"1.5\""
        << (s.dashed ? " stroke-dasharray=\"5,3\"" : "") << " points=\"";
      for (std::size_t i = 0; i < s.points.size(); ++i)
        o << (i ? " " : "") << x(s.points[i].first) << ',' << y(s.points[i].second);
      o << "\"/>\n<text x=\"" << legend_x << "\" y=\"" << kH - 8 << "\" fill=\"" << s.color << "\">" << esc(s.name)
        << "</text>\n";
      legend_x += 14 + 7 * static_cast<int>(s.name.size());
    }
    o << "</svg></figure>\n";
    return o.str();
  }

 private:
  std::string title_;
  std::size_t steps_;
  std::vector<Series> series_;
  std::vector<Window> windows_;
};

std::string bars(const std::string& title, const std::vector<std::pair<std::string, std::array<std::int64_t, kHealthBuckets>>>& groups) {
  static const char* names[kHealthBuckets] = {"<0", "0-10", "10-20", "20-30", "30-40", "40-50",
                                              "50-60", "60-70", "70-80", "80-90", "90-100", ">=100"};
  std::int64_t top = 1;
  for (const auto& g : groups)
    for (auto c : g.second) top = std::max(top, c);
  const int pw = kW - kLeft - kRight, ph = kH - kTop - kBottom;
  const int slot = pw / static_cast<int>(kHealthBuckets);
  const int bw = std::max(1, (slot - 6) / std::max(1, static_cast<int>(groups.size())));
  std::ostringstream o;
  o << "<figure><figcaption>" << esc(title) << "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kW
    << "\" height=\"" << kH + 44 << "\" viewBox=\"0 0 " << kW << ' ' << kH + 44 << "\" role=\"img\">\n";
  o << "<text x=\"" << kLeft - 4 << "\" y=\"" << kTop + 4 << "\" text-anchor=\"end\">" << top << "</text>\n";
  for (std::size_t b = 0; b < kHealthBuckets; ++b) {
    const int x0 = kLeft + static_cast<int>(b) * slot;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const std::int64_t c = groups[g].second[b];
      const int h = static_cast<int>(c * ph / top);
      o << "<rect x=\"" << x0 + 3 + static_cast<int>(g) * bw << "\" y=\"" << kTop + ph - h << "\" width=\"" << bw
        << "\" height=\"" << h << "\" fill=\"" << kPalette[g % 8] << "\"><title>" << esc(groups[g].first) << ": " << c
        << "</title></rect>\n";
    }
    o << "<text x=\"" << x0 + slot / 2 << "\" y=\"" << kTop + ph + 14 << "\" text-anchor=\"middle\">" << names[b]
      << "</text>\n";
  }
  int legend_x = kLeft, legend_y = kH + 10;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const int width = 14 + 7 * static_cast<int>(groups[g].first.size());
    if (legend_x + width > kW) {  // wrap to the next row
      legend_x = kLeft;
      legend_y += 14;
    }
    o << "<text x=\"" << legend_x << "\" y=\"" << legend_y << "\" fill=\"" << kPalette[g % 8] << "\">" << esc(groups[g].first)
      << "</text>\n";
    legend_x += width;
  }
  o << "</svg></figure>\n";
  return o.str();
}

std::vector<std::optional<i128>> oracle_values(const std::vector<OracleOutput>& v) {
  std::vector<std::optional<i128>> out;
  for (const auto& x : v) out.push_back(x.priced ? std::optional<i128>(x.price) : std::nullopt);
  return out;
}

template <class T, class F>
std::vector<std::optional<i128>> map_series(const std::vector<T>& v, F f) {
  std::vector<std::optional<i128>> out;
  for (const auto& x : v) out.push_back(f(x));
  return out;
}

}  // namespace

std::string report_html(const Scenario& s, const RunResult& r) {
  const auto steps = static_cast<std::size_t>(s.steps);
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>xmargin simulation: " << esc(s.name)
    << "</title>\n<style>body{font:14px sans-serif;margin:24px;color:#222;background:#fff}"
       "table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
       "th{background:#eee}td:first-child,th:first-child{text-align:left}figure{margin:16px 0}"
       "figcaption{font-weight:bold;margin-bottom:4px}svg text{font:11px sans-serif}"
       ".bad{color:#b00;font-weight:bold}</style></head><body>\n";
  o << "<h1>Simulation: " << esc(s.name) << "</h1>\n<p>seed " << r.seed << " · " << s.steps << " steps of " << s.step_s
    << " s · " << r.accounts << " accounts · " << r.variants.size() << " variants · status: "
    << (r.violation ? "<span class=\"bad\">INVARIANT VIOLATION</span>" : "all invariants held") << "</p>\n";
  if (r.violation)
    o << "<p class=\"bad\">" << esc(replay_hint(*r.violation, r.seed)) << "</p>\n";

  // Side by side: every variant's metrics in one table.
  o << "<h2>Variants side by side</h2>\n<table><tr><th>metric</th>";
  for (const auto& v : r.variants) o << "<th>" << esc(v.variant.name) << "</th>";
  o << "</tr>\n";
  auto row = [&](const char* name, auto get) {
    o << "<tr><td>" << name << "</td>";
    for (const auto& v : r.variants) o << "<td>" << get(v) << "</td>";
    o << "</tr>\n";
  };
  row("margin mode", [](const VariantResult& v) { return std::string(to_string(v.variant.margin_mode)); });
  row("oracle defenses", [](const VariantResult& v) { return std::string(v.variant.defenses ? "on" : "off"); });
  row("liquidations", [](const VariantResult& v) { return std::to_string(v.metrics.liquidations); });
  row("accounts liquidated", [](const VariantResult& v) { return std::to_string(v.metrics.accounts_liquidated); });
  row("false liquidations", [](const VariantResult& v) { return std::to_string(v.metrics.false_liquidations); });
  row("missed liquidations", [](const VariantResult& v) { return std::to_string(v.metrics.missed_liquidations); });
  row("bad debt", [](const VariantResult& v) { return label(v.metrics.bad_debt); });
  row("insurance paid", [](const VariantResult& v) { return label(v.metrics.insurance_paid); });
  row("socialized loss", [](const VariantResult& v) { return label(v.metrics.socialized_loss); });
  row("insurance fund end", [](const VariantResult& v) { return label(v.metrics.insurance_fund_end); });
  row("steps halted", [](const VariantResult& v) { return std::to_string(v.metrics.halted_steps); });
  row("steps insufficient", [](const VariantResult& v) { return std::to_string(v.metrics.insufficient_steps); });
  row("max oracle error (bps)", [](const VariantResult& v) { return std::to_string(v.metrics.max_oracle_error_bps); });
  row("invariant checks", [](const VariantResult& v) { return std::to_string(v.metrics.invariant_checks); });
  o << "</table>\n";

  o << "<h2>True vs oracle price</h2>\n<p>Shaded: fault windows (hover for the fault).</p>\n";
  for (std::size_t ai = 0; ai < s.assets.size(); ++ai) {
    if (s.assets[ai].sources.empty()) continue;
    Chart c(s.assets[ai].id + ": true vs oracle price (USD)", steps);
    for (const Fault& f : s.faults)
      if (f.asset == s.assets[ai].id || f.asset.empty())
        c.shade({f.start_step, f.end_step(), std::string(to_string(f.kind)) + (f.source.empty() ? "" : " " + f.source)});
    c.add({"true", "#222", reduce(map_series(r.world.true_price[ai], [](i128 v) { return std::optional<i128>(v); })), false});
    c.add({"oracle (defenses on)", kPalette[0], reduce(oracle_values(r.oracle_defended[ai])), false});
    if (!r.oracle_undefended.empty())
      c.add({"oracle (defenses off)", kPalette[1], reduce(oracle_values(r.oracle_undefended[ai])), true});
    o << c.svg();
  }

  std::vector<std::pair<std::string, std::array<std::int64_t, kHealthBuckets>>> groups;
  for (const auto& v : r.variants) groups.push_back({v.variant.name + " (start)", v.health_start});
  for (const auto& v : r.variants) groups.push_back({v.variant.name + " (end)", v.health_end});
  o << "<h2>Health distribution</h2>\n"
    << bars("Accounts by maint health at the true price, % of initial collateral", groups);

  Chart liq("Cumulative liquidations", steps), fund("Insurance fund (USD)", steps), debt("Cumulative bad debt (USD)", steps);
  for (std::size_t i = 0; i < r.variants.size(); ++i) {
    const VariantResult& v = r.variants[i];
    std::vector<std::optional<i128>> cum;
    i128 total = 0;
    for (auto n : v.liquidations_per_step) cum.push_back(total += static_cast<i128>(n) * kWad);
    const std::string color = kPalette[i % 8];
    liq.add({v.variant.name, color, reduce(cum), !v.variant.defenses});
    fund.add({v.variant.name, color, reduce(map_series(v.insurance_fund, [](i128 x) { return std::optional<i128>(x); })), !v.variant.defenses});
    debt.add({v.variant.name, color, reduce(map_series(v.bad_debt_cumulative, [](i128 x) { return std::optional<i128>(x); })), !v.variant.defenses});
  }
  for (const Fault& f : s.faults) {
    liq.shade({f.start_step, f.end_step(), to_string(f.kind)});
    debt.shade({f.start_step, f.end_step(), to_string(f.kind)});
  }
  o << "<h2>Liquidations over time</h2>\n" << liq.svg() << "<h2>Bad debt and insurance fund</h2>\n" << debt.svg() << fund.svg();
  o << "<p>Series: prices.csv, variants.csv; all metrics: report.json.</p>\n</body></html>\n";
  return o.str();
}

}  // namespace xm::sim
