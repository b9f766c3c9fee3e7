#include "xm/codec/liquidation_codec.hpp"

#include <limits>

#include "xm/codec/margin_codec.hpp"
#include "xm/engine/decimal.hpp"

namespace xm::codec {

using json::Value;

Value jstring(std::string s) {
  Value v;
  v.kind = Value::Kind::string;
  v.text = std::move(s);
  return v;
}
Value jnumber(std::string digits) {
  Value v;
  v.kind = Value::Kind::number;
  v.text = std::move(digits);
  return v;
}
Value jbool(bool b) {
  Value v;
  v.kind = Value::Kind::boolean;
  v.flag = b;
  return v;
}
Value jwad(const Wad& w) { return jstring(format_wad(w)); }
Value jobject() {
  Value v;
  v.kind = Value::Kind::object;
  return v;
}
Value jarray() {
  Value v;
  v.kind = Value::Kind::array;
  return v;
}
void put(Value& object, std::string key, Value v) { object.members.emplace_back(std::move(key), std::move(v)); }
void push(Value& array, Value v) { array.items.push_back(std::move(v)); }
const Value* member(const Value& object, std::string_view key) {
  for (const auto& [k, v] : object.members)
    if (k == key) return &v;
  return nullptr;
}

namespace {

const char* status_name(PriceStatus s) {
  switch (s) {
    case PriceStatus::ok: return "ok";
    case PriceStatus::degraded: return "degraded";
    case PriceStatus::insufficient: return "insufficient";
    case PriceStatus::halted: return "halted";
  }
  return "?";
}

Value jcount(std::uint64_t n) { return jnumber(std::to_string(n)); }

void escape_into(std::string& out, const std::string& s) {
  out += '"';
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      static const char* hex = "0123456789abcdef";
      out += "\\u00";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else {
      out += c;
    }
  }
  out += '"';
}

void write(std::string& out, const Value& v, bool pretty, int depth) {
  const std::string pad = pretty ? "\n" + std::string(static_cast<std::size_t>(depth + 1) * 2, ' ') : "";
  const std::string end = pretty ? "\n" + std::string(static_cast<std::size_t>(depth) * 2, ' ') : "";
  switch (v.kind) {
    case Value::Kind::null: out += "null"; return;
    case Value::Kind::boolean: out += v.flag ? "true" : "false"; return;
    case Value::Kind::number: out += v.text; return;
    case Value::Kind::string: escape_into(out, v.text); return;
    case Value::Kind::array:
      out += '[';
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        out += (i ? "," : "") + pad;
        write(out, v.items[i], pretty, depth + 1);
      }
      out += (v.items.empty() ? "" : end) + "]";
      return;
    case Value::Kind::object:
      out += '{';
      for (std::size_t i = 0; i < v.members.size(); ++i) {
        out += (i ? "," : "") + pad;
        escape_into(out, v.members[i].first);
        out += pretty ? ": " : ":";
        write(out, v.members[i].second, pretty, depth + 1);
      }
      out += (v.members.empty() ? "" : end) + "}";
      return;
  }
}

Value encode_step(const LiquidationStep& s) {
  Value o = jobject();
  put(o, "kind", jstring(to_string(s.kind)));
  if (s.kind == StepKind::borrow) {
    Value b = jobject();
    put(b, "chain", jcount(s.borrow_chain.value));
    put(b, "asset", jstring(s.borrow_asset.value));
    put(b, "price", jwad(s.borrow_price));
    put(o, "borrow", std::move(b));
    put(o, "repaid", jwad(s.repaid));
    Value c = jobject();
    put(c, "chain", jcount(s.collateral_chain.value));
    put(c, "asset", jstring(s.collateral_asset.value));
    put(c, "price", jwad(s.collateral_price));
    put(o, "collateral", std::move(c));
    put(o, "seized", jwad(s.seized));
  } else {
    put(o, "market", jstring(s.market.value));
    put(o, "position", jcount(s.position_index));
    put(o, "size_before", jwad(s.size_before));
    put(o, "delta", jwad(s.delta));
    put(o, "whole_position", jbool(s.whole_position));
    // δ in lots: ⌊|δ| / lot_size⌋ and what is left (non-zero only when a whole position is not a multiple).
    const Int256 closed = abs(s.delta).raw();
    const Int256 lots = closed / s.lot_size.raw();
    put(o, "lots", lots <= std::numeric_limits<std::int64_t>::max() ? jnumber(lots.str()) : jstring(lots.str()));
    put(o, "lot_remainder", jwad(*Wad::from_raw(Int256(closed - lots * s.lot_size.raw()))));
    put(o, "price", jwad(s.price));
    put(o, "quote_in", jwad(s.quote_in));
    put(o, "fee_uncapped", jwad(s.fee_uncapped));
    put(o, "fee", jwad(s.fee));
    put(o, "fee_to_insurance", jwad(s.fee_to_insurance));
    put(o, "fee_to_liquidator", jwad(s.fee_to_liquidator));
  }
  put(o, "health_before", jwad(s.health_before));
  put(o, "health_after", jwad(s.health_after));
  put(o, "requirement_after", jwad(s.requirement_after));
  put(o, "target_after", jwad(s.target_after));
  return o;
}

Value encode_plan(const LiquidationPlan& p) {
  Value o = jobject();
  Value steps = jarray();
  for (const auto& s : p.steps) push(steps, encode_step(s));
  put(o, "steps", std::move(steps));
  Value cross = jobject();
  put(cross, "liquidated", jbool(p.cross_liquidated));
  put(cross, "health_before", jwad(p.cross_health_before));
  put(cross, "health_after", jwad(p.cross_health_after));
  put(cross, "requirement_after", jwad(p.cross_requirement_after));
  put(cross, "target_after", jwad(p.cross_target_after));
  put(cross, "credit", jwad(p.cross_credit));
  put(o, "cross", std::move(cross));
  Value debts = jarray();
  for (const auto& d : p.bad_debts) {
    Value b = jobject();
    put(b, "pool", jstring(d.isolated ? "isolated" : "cross"));
    if (d.isolated) {
      put(b, "position", jcount(d.position_index));
      put(b, "market", jstring(d.market.value));
    }
    put(b, "amount", jwad(d.amount));
    put(b, "insurance_paid", jwad(d.insurance_paid));
    put(b, "socialized", jwad(d.socialized));
    push(debts, std::move(b));
  }
  put(o, "bad_debts", std::move(debts));
  put(o, "bad_debt", jwad(p.bad_debt));
  put(o, "insurance_paid", jwad(p.insurance_paid));
  put(o, "socialized_loss", jwad(p.socialized_loss));
  put(o, "insurance_fund_before", jwad(p.insurance_fund_before));
  put(o, "insurance_fund_after", jwad(p.insurance_fund_after));
  Value liq = jobject();
  Value perps = jobject();
  for (const auto& [m, sq] : p.liquidator.perps) {
    Value e = jobject();
    put(e, "size", jwad(sq.first));
    put(e, "quote", jwad(sq.second));
    put(perps, m.value, std::move(e));
  }
  put(liq, "perps", std::move(perps));
  Value bals = jarray();
  for (const auto& [k, amount] : p.liquidator.balances) {
    Value e = jobject();
    put(e, "chain", jcount(k.first.value));
    put(e, "asset", jstring(k.second.value));
    put(e, "amount", jwad(amount));
    push(bals, std::move(e));
  }
  put(liq, "balances", std::move(bals));
  put(liq, "fees", jwad(p.liquidator.fees));
  put(o, "liquidator", std::move(liq));
  put(o, "account_after", encode_account(p.account_after));
  return o;
}

}  // namespace

std::string to_text(const Value& v, bool pretty) {
  std::string out;
  write(out, v, pretty, 0);
  return out;
}

LiquidationInput decode_liquidation_input(const json::JsonRef& root) {
  LiquidationInput in;
  in.params = decode_params(root.at("params"));
  require_valid_params(in.params);
  in.prices = decode_prices(root.at("prices"));
  in.account = decode_account(root.at("account"));
  in.insurance_fund = root.at("insurance_fund").non_negative_wad();
  if (const auto fee = root.find("borrow_liquidation_fee")) in.config.borrow_liquidation_fee = fee->non_negative_wad();
  return in;
}

Value encode_params(const Params& params) {
  Value o = jobject();
  Value assets = jobject();
  for (const auto& [id, a] : params.assets) {
    Value e = jobject();
    put(e, "init_asset_weight", jwad(a.init_asset_weight));
    put(e, "maint_asset_weight", jwad(a.maint_asset_weight));
    put(e, "init_liab_weight", jwad(a.init_liab_weight));
    put(e, "maint_liab_weight", jwad(a.maint_liab_weight));
    put(assets, id.value, std::move(e));
  }
  put(o, "assets", std::move(assets));
  Value chains = jobject();
  for (const auto& [id, c] : params.chains) {
    Value e = jobject();
    put(e, "name", jstring(c.name));
    put(e, "collateral_weight", jwad(c.collateral_weight));
    put(e, "max_staleness_s", jnumber(std::to_string(c.max_staleness_s)));
    put(chains, std::to_string(id.value), std::move(e));
  }
  put(o, "chains", std::move(chains));
  Value markets = jobject();
  for (const auto& [id, m] : params.markets) {
    Value e = jobject();
    put(e, "base", jstring(m.base.value));
    put(e, "lot_size", jwad(m.lot_size));
    Value tiers = jarray();
    for (const auto& t : m.tiers) {
      Value te = jobject();
      put(te, "lo", jwad(t.lo));
      if (t.hi) put(te, "hi", jwad(*t.hi));
      put(te, "imr", jwad(t.imr));
      put(te, "mmr", jwad(t.mmr));
      push(tiers, std::move(te));
    }
    put(e, "tiers", std::move(tiers));
    put(e, "init_pnl_weight", jwad(m.init_pnl_weight));
    put(e, "maint_pnl_weight", jwad(m.maint_pnl_weight));
    put(e, "liquidation_fee", jwad(m.liquidation_fee));
    put(e, "insurance_share", jwad(m.insurance_share));
    put(markets, id.value, std::move(e));
  }
  put(o, "markets", std::move(markets));
  put(o, "conf_multiplier", jwad(params.conf_multiplier));
  put(o, "liquidation_buffer", jwad(params.liquidation_buffer));
  return o;
}

Value encode_prices(const PriceSet& prices) {
  Value o = jobject();
  for (const auto& [id, p] : prices) {
    Value e = jobject();
    put(e, "price", jwad(p.price));
    put(e, "conf", jwad(p.conf));
    put(e, "status", jstring(status_name(p.status)));
    put(o, id.value, std::move(e));
  }
  return o;
}

Value encode_account(const Account& a) {
  Value o = jobject();
  put(o, "id", jstring(a.id));
  Value bals = jarray();
  for (const auto& b : a.balances) {
    Value e = jobject();
    put(e, "chain", jcount(b.chain.value));
    put(e, "asset", jstring(b.asset.value));
    put(e, "amount", jwad(b.amount));
    push(bals, std::move(e));
  }
  put(o, "balances", std::move(bals));
  Value perps = jarray();
  for (const auto& p : a.perps) {
    Value e = jobject();
    put(e, "market", jstring(p.market.value));
    put(e, "size", jwad(p.size));
    put(e, "quote", jwad(p.quote));
    push(perps, std::move(e));
  }
  put(o, "perps", std::move(perps));
  Value iso = jarray();
  for (const auto& p : a.isolated) {
    Value e = jobject();
    put(e, "market", jstring(p.market.value));
    put(e, "size", jwad(p.size));
    put(e, "quote", jwad(p.quote));
    put(e, "collateral", jwad(p.collateral));
    push(iso, std::move(e));
  }
  put(o, "isolated", std::move(iso));
  return o;
}

Value encode_liquidation_inputs(const LiquidationInput& in) {
  Value o = jobject();
  put(o, "params", encode_params(in.params));
  put(o, "prices", encode_prices(in.prices));
  put(o, "account", encode_account(in.account));
  put(o, "insurance_fund", jwad(in.insurance_fund));
  put(o, "borrow_liquidation_fee", jwad(in.config.borrow_liquidation_fee));
  return o;
}

Value encode_liquidation_outcome(const Result<LiquidationPlan, LiquidationRefusal>& outcome) {
  Value o = jobject();
  if (outcome) {
    put(o, "plan", encode_plan(*outcome));
  } else {
    Value r = jobject();
    put(r, "reason", jstring(to_string(outcome.error().reason)));
    put(r, "subject", jstring(outcome.error().subject));
    put(r, "detail", jstring(outcome.error().detail));
    put(o, "refusal", std::move(r));
  }
  return o;
}

}  // namespace xm::codec
