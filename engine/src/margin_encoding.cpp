// Canonical bytes for margin digests (layout in docs/margin.md "Digests"). Only integers and bytes
// are written, big-endian, so the encoding is the same on every compiler, flag set and platform.
#include "xm/engine/margin_encoding.hpp"

namespace xm {
namespace {

class Writer {
 public:
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u64(std::uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8) u8(static_cast<std::uint8_t>(v >> shift));
  }
  void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
  void boolean(bool v) { u8(v ? 1 : 0); }
  void str(const std::string& s) {
    u64(s.size());
    out_ += s;
  }
  void tag(const char* name) { str(name); }  // field names make the layout self-describing
  // 32-byte big-endian two's complement, as the EVM ABI encodes int256.
  void wad(const Wad& w) {
    const Int512 modulus = Int512(1) << 256;
    Int512 u = Int512(w.raw());
    if (u.sign() < 0) u += modulus;
    for (int byte = 31; byte >= 0; --byte) {
      const Int512 b = (u >> (8 * byte)) & Int512(0xff);
      u8(static_cast<std::uint8_t>(b.convert_to<unsigned>()));
    }
  }
  void opt_wad(const std::optional<Wad>& w) {
    boolean(w.has_value());
    if (w) wad(*w);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

void side(Writer& w, const HealthSide& s) {
  w.wad(s.equity);
  w.wad(s.requirement);
  w.wad(s.health);
}

void position(Writer& w, const PositionResult& p) {
  w.str(p.market.value);
  for (const Wad* v : {&p.size, &p.quote, &p.notional_init, &p.notional_maint, &p.pnl_init, &p.pnl_maint,
                       &p.requirement_init, &p.requirement_maint})
    w.wad(*v);
  w.opt_wad(p.liquidation_price);
  w.boolean(p.liquidation_price_unresolved);
}

}  // namespace

std::string encode_margin_inputs(const MarketState& state, const std::vector<Account>& accounts) {
  Writer w;
  w.tag("xmargin-margin-inputs/1");
  const Params& p = state.params;
  w.tag("assets");
  w.u64(p.assets.size());
  for (const auto& [id, a] : p.assets) {
    w.str(id.value);
    for (const Wad* v : {&a.init_asset_weight, &a.maint_asset_weight, &a.init_liab_weight, &a.maint_liab_weight}) w.wad(*v);
  }
  w.tag("chains");
  w.u64(p.chains.size());
  for (const auto& [id, c] : p.chains) {
    w.u64(id.value);
    w.str(c.name);
    w.wad(c.collateral_weight);
    w.i64(c.max_staleness_s);
  }
  w.tag("markets");
  w.u64(p.markets.size());
  for (const auto& [id, m] : p.markets) {
    w.str(id.value);
    w.str(m.base.value);
    w.wad(m.lot_size);
    w.u64(m.tiers.size());
    for (const Tier& t : m.tiers) {
      w.wad(t.lo);
      w.opt_wad(t.hi);
      w.wad(t.imr);
      w.wad(t.mmr);
    }
    for (const Wad* v : {&m.init_pnl_weight, &m.maint_pnl_weight, &m.liquidation_fee, &m.insurance_share}) w.wad(*v);
  }
  w.wad(p.conf_multiplier);
  w.wad(p.liquidation_buffer);
  w.tag("prices");
  w.u64(state.prices.size());
  for (const auto& [id, pr] : state.prices) {
    w.str(id.value);
    w.wad(pr.price);
    w.wad(pr.conf);
    w.u8(static_cast<std::uint8_t>(pr.status));
  }
  w.tag("snapshots");
  w.u64(state.chain_snapshot_ts.size());
  for (const auto& [id, ts] : state.chain_snapshot_ts) {
    w.u64(id.value);
    w.i64(ts);
  }
  w.i64(state.now);
  w.tag("accounts");
  w.u64(accounts.size());
  for (const Account& a : accounts) {
    w.str(a.id);
    w.u64(a.balances.size());
    for (const Balance& b : a.balances) {
      w.u64(b.chain.value);
      w.str(b.asset.value);
      w.wad(b.amount);
    }
    w.u64(a.perps.size());
    for (const PerpPosition& pp : a.perps) {
      w.str(pp.market.value);
      w.wad(pp.size);
      w.wad(pp.quote);
    }
    w.u64(a.isolated.size());
    for (const IsolatedPosition& ip : a.isolated) {
      w.str(ip.market.value);
      w.wad(ip.size);
      w.wad(ip.quote);
      w.wad(ip.collateral);
    }
  }
  return w.take();
}

std::string encode_margin_results(const std::vector<AccountResult>& results) {
  Writer w;
  w.tag("xmargin-margin-results/1");
  w.u64(results.size());
  for (const AccountResult& r : results) {
    w.str(r.id);
    side(w, r.init);
    side(w, r.maint);
    w.boolean(r.liquidatable);
    w.opt_wad(r.margin_ratio);
    w.wad(r.free_collateral);
    w.boolean(r.stale_chain);
    w.u64(r.non_ok_prices.size());
    for (const AssetId& a : r.non_ok_prices) w.str(a.value);
    w.u64(r.balances.size());
    for (const BalanceResult& b : r.balances) {
      w.u64(b.chain.value);
      w.str(b.asset.value);
      w.wad(b.amount);
      w.wad(b.value_init);
      w.wad(b.value_maint);
      w.boolean(b.stale);
    }
    w.u64(r.perps.size());
    for (const PositionResult& p : r.perps) position(w, p);
    w.u64(r.isolated.size());
    for (const IsolatedResult& i : r.isolated) {
      position(w, i.position);
      w.wad(i.collateral);
      side(w, i.init);
      side(w, i.maint);
      w.boolean(i.liquidatable);
    }
  }
  return w.take();
}

}  // namespace xm
