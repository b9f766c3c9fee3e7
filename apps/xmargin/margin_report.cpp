#include "margin_report.hpp"

#include <sstream>

#include "xm/crypto/keccak.hpp"
#include "xm/engine/decimal.hpp"
#include "xm/engine/margin_encoding.hpp"

namespace xm::cli {
namespace {

std::string opt(const std::optional<Wad>& w, bool unresolved = false) {
  if (unresolved) return "unresolved";
  return w ? format_wad(*w) : "none";
}
std::string flag(bool b) { return b ? "true" : "false"; }

void side(FlatFields& out, const std::string& prefix, const HealthSide& s) {
  out.emplace_back(prefix + ".equity", format_wad(s.equity));
  out.emplace_back(prefix + ".requirement", format_wad(s.requirement));
  out.emplace_back(prefix + ".health", format_wad(s.health));
}

void position(FlatFields& out, const std::string& prefix, const PositionResult& p) {
  out.emplace_back(prefix + ".notional_init", format_wad(p.notional_init));
  out.emplace_back(prefix + ".notional_maint", format_wad(p.notional_maint));
  out.emplace_back(prefix + ".pnl_init", format_wad(p.pnl_init));
  out.emplace_back(prefix + ".pnl_maint", format_wad(p.pnl_maint));
  out.emplace_back(prefix + ".requirement_init", format_wad(p.requirement_init));
  out.emplace_back(prefix + ".requirement_maint", format_wad(p.requirement_maint));
  out.emplace_back(prefix + ".liquidation_price", opt(p.liquidation_price, p.liquidation_price_unresolved));
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {  // control characters as \u00XX
      const char* hex = "0123456789abcdef";
      out += "\\u00";
      out += hex[(c >> 4) & 0xf];
      out += hex[c & 0xf];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// Renders flat fields as nested JSON; a path segment "name[i]" is an array element. Fields come in
// document order with each array's elements contiguous, which is all this needs.
std::string pad(std::size_t n) { return std::string(n, ' '); }

std::string hex_digest(const std::string& bytes) { return crypto::to_0x(crypto::keccak256(bytes)); }

}  // namespace

std::vector<AccountOutcome> evaluate_all(const codec::MarginInput& in) {
  std::vector<AccountOutcome> out;
  const auto ctx = MarginContext::make(in.state);
  for (const Account& a : in.accounts) {
    if (!ctx) out.emplace_back(Unexpected{ctx.error()});
    else out.push_back(evaluate(*ctx, a));
  }
  return out;
}

FlatFields flatten(const AccountOutcome& outcome) {
  FlatFields out;
  if (!outcome) {
    out.emplace_back("error", to_string(outcome.error().code));
    return out;
  }
  const AccountResult& r = *outcome;
  side(out, "init", r.init);
  side(out, "maint", r.maint);
  out.emplace_back("liquidatable", flag(r.liquidatable));
  out.emplace_back("margin_ratio", opt(r.margin_ratio));
  out.emplace_back("free_collateral", format_wad(r.free_collateral));
  out.emplace_back("stale_chain", flag(r.stale_chain));
  std::string non_ok;
  for (const AssetId& a : r.non_ok_prices) non_ok += (non_ok.empty() ? "" : ",") + a.value;
  out.emplace_back("non_ok_prices", non_ok);
  for (std::size_t i = 0; i < r.balances.size(); ++i) {
    const std::string p = "balances[" + std::to_string(i) + "]";
    out.emplace_back(p + ".value_init", format_wad(r.balances[i].value_init));
    out.emplace_back(p + ".value_maint", format_wad(r.balances[i].value_maint));
    out.emplace_back(p + ".stale", flag(r.balances[i].stale));
  }
  for (std::size_t i = 0; i < r.perps.size(); ++i) position(out, "perps[" + std::to_string(i) + "]", r.perps[i]);
  for (std::size_t i = 0; i < r.isolated.size(); ++i) {
    const std::string p = "isolated[" + std::to_string(i) + "]";
    position(out, p, r.isolated[i].position);
    side(out, p + ".init", r.isolated[i].init);
    side(out, p + ".maint", r.isolated[i].maint);
    out.emplace_back(p + ".liquidatable", flag(r.isolated[i].liquidatable));
  }
  return out;
}

std::string outcome_json(const AccountOutcome& outcome, const std::string& indent) {
  std::ostringstream o;
  const std::string in1 = indent + "  ", in2 = in1 + "  ", in3 = in2 + "  ";
  auto str = [](const std::string& s) { return quoted(s); };
  auto sidej = [&](const HealthSide& s) {
    return "{\"equity\": " + str(format_wad(s.equity)) + ", \"requirement\": " + str(format_wad(s.requirement)) +
           ", \"health\": " + str(format_wad(s.health)) + "}";
  };
  auto posj = [&](const PositionResult& p) {
    return "\"market\": " + str(p.market.value) + ", \"size\": " + str(format_wad(p.size)) +
           ", \"notional_init\": " + str(format_wad(p.notional_init)) +
           ", \"notional_maint\": " + str(format_wad(p.notional_maint)) + ", \"pnl_init\": " + str(format_wad(p.pnl_init)) +
           ", \"pnl_maint\": " + str(format_wad(p.pnl_maint)) +
           ", \"requirement_init\": " + str(format_wad(p.requirement_init)) +
           ", \"requirement_maint\": " + str(format_wad(p.requirement_maint)) +
           ", \"liquidation_price\": " + str(opt(p.liquidation_price, p.liquidation_price_unresolved));
  };
  o << "{\n";
  if (!outcome) {
    o << in1 << "\"error\": " << str(to_string(outcome.error().code)) << ",\n"
      << in1 << "\"error_detail\": " << str(outcome.error().where) << "\n" << indent << "}";
    return o.str();
  }
  const AccountResult& r = *outcome;
  o << in1 << "\"id\": " << str(r.id) << ",\n";
  o << in1 << "\"init\": " << sidej(r.init) << ",\n";
  o << in1 << "\"maint\": " << sidej(r.maint) << ",\n";
  o << in1 << "\"liquidatable\": " << flag(r.liquidatable) << ",\n";
  o << in1 << "\"margin_ratio\": " << str(opt(r.margin_ratio)) << ",\n";
  o << in1 << "\"free_collateral\": " << str(format_wad(r.free_collateral)) << ",\n";
  o << in1 << "\"stale_chain\": " << flag(r.stale_chain) << ",\n";
  o << in1 << "\"non_ok_prices\": [";
  for (std::size_t i = 0; i < r.non_ok_prices.size(); ++i) o << (i ? ", " : "") << str(r.non_ok_prices[i].value);
  o << "],\n" << in1 << "\"balances\": [";
  for (std::size_t i = 0; i < r.balances.size(); ++i) {
    const BalanceResult& b = r.balances[i];
    o << (i ? "," : "") << "\n" << in2 << "{\"chain\": " << b.chain.value << ", \"asset\": " << str(b.asset.value)
      << ", \"amount\": " << str(format_wad(b.amount)) << ", \"value_init\": " << str(format_wad(b.value_init))
      << ", \"value_maint\": " << str(format_wad(b.value_maint)) << ", \"stale\": " << flag(b.stale) << "}";
  }
  o << (r.balances.empty() ? "" : "\n" + in1) << "],\n" << in1 << "\"perps\": [";
  for (std::size_t i = 0; i < r.perps.size(); ++i) o << (i ? "," : "") << "\n" << in2 << "{" << posj(r.perps[i]) << "}";
  o << (r.perps.empty() ? "" : "\n" + in1) << "],\n" << in1 << "\"isolated\": [";
  for (std::size_t i = 0; i < r.isolated.size(); ++i) {
    const IsolatedResult& iso = r.isolated[i];
    o << (i ? "," : "") << "\n" << in2 << "{" << posj(iso.position) << ",\n" << in3
      << "\"collateral\": " << str(format_wad(iso.collateral)) << ", \"init\": " << sidej(iso.init)
      << ", \"maint\": " << sidej(iso.maint) << ", \"liquidatable\": " << flag(iso.liquidatable) << "}";
  }
  o << (r.isolated.empty() ? "" : "\n" + in1) << "]\n" << indent << "}";
  return o.str();
}

std::string outcome_table(const AccountOutcome& outcome, const std::string& account_id) {
  std::ostringstream o;
  auto col = [](const std::string& s, std::size_t w) { return s.size() >= w ? s + " " : s + pad(w - s.size()); };
  if (!outcome) {
    o << "account " << account_id << ": ERROR " << outcome.error().message() << "\n";
    return o.str();
  }
  const AccountResult& r = *outcome;
  o << "account " << r.id << (r.liquidatable ? "  ** LIQUIDATABLE **" : "  healthy")
    << (r.stale_chain ? "  (maint uses stale chain data)" : "") << "\n";
  o << "  " << col("", 8) << col("equity", 26) << col("requirement", 26) << "health\n";
  o << "  " << col("init", 8) << col(format_wad(r.init.equity), 26) << col(format_wad(r.init.requirement), 26)
    << format_wad(r.init.health) << "\n";
  o << "  " << col("maint", 8) << col(format_wad(r.maint.equity), 26) << col(format_wad(r.maint.requirement), 26)
    << format_wad(r.maint.health) << "\n";
  o << "  margin ratio " << opt(r.margin_ratio) << ", free collateral " << format_wad(r.free_collateral) << "\n";
  if (!r.non_ok_prices.empty()) {
    o << "  prices not ok:";
    for (const AssetId& a : r.non_ok_prices) o << " " << a.value;
    o << "\n";
  }
  if (!r.balances.empty()) {
    o << "  " << col("balance", 12) << col("chain", 8) << col("amount", 18) << col("value init", 22) << "value maint\n";
    for (const BalanceResult& b : r.balances)
      o << "  " << col(b.asset.value, 12) << col(std::to_string(b.chain.value), 8) << col(format_wad(b.amount), 18)
        << col(format_wad(b.value_init) + (b.stale ? " (stale)" : ""), 22) << format_wad(b.value_maint) << "\n";
  }
  auto pos_line = [&](const PositionResult& p, const std::string& kind) {
    o << "  " << col(kind + " " + p.market.value, 22) << col(format_wad(p.size), 12) << col(format_wad(p.notional_maint), 18)
      << col(format_wad(p.pnl_maint), 18) << col(format_wad(p.requirement_maint), 16)
      << opt(p.liquidation_price, p.liquidation_price_unresolved) << "\n";
  };
  if (!r.perps.empty() || !r.isolated.empty())
    o << "  " << col("position", 22) << col("size", 12) << col("notional", 18) << col("pnl (maint)", 18)
      << col("req (maint)", 16) << "liq. price\n";
  for (const PositionResult& p : r.perps) pos_line(p, "cross");
  for (const IsolatedResult& i : r.isolated) {
    pos_line(i.position, "isolated");
    o << "    isolated maint health " << format_wad(i.maint.health) << (i.liquidatable ? "  ** LIQUIDATABLE **" : "")
      << "\n";
  }
  return o.str();
}

std::string inputs_digest(const codec::MarginInput& in) {
  return hex_digest(encode_margin_inputs(in.state, in.accounts));
}

std::string results_digest(const std::vector<AccountOutcome>& outcomes) {
  // Successful results in the canonical layout, then each failure as (index, code), so an error is
  // part of what two builds must agree on.
  std::vector<AccountResult> ok;
  std::string failures;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (outcomes[i]) ok.push_back(*outcomes[i]);
    else failures += std::to_string(i) + ":" + to_string(outcomes[i].error().code) + ";";
  }
  return hex_digest(encode_margin_results(ok) + failures);
}

}  // namespace xm::cli
