#include "xm/engine/margin.hpp"

#include <algorithm>
#include <set>

#include "liquidation_price.hpp"

namespace xm {
namespace {

Unexpected<MarginError> error(MarginErrorCode code, std::string where) {
  return Unexpected{MarginError{code, std::move(where)}};
}

MarginErrorCode code_of(MathError e) {
  return e == MathError::overflow ? MarginErrorCode::overflow : MarginErrorCode::division_by_zero;
}

// Runs a computation that uses the throwing WAD operations; an ArithmeticError becomes a MarginError.
template <class F>
auto guarded(const std::string& where, F&& f) -> Result<decltype(f()), MarginError> {
  try {
    return f();
  } catch (const ArithmeticError& e) {
    return error(code_of(e.error()), where);
  }
}

template <class T>
T take(Result<T, MarginError> r) {  // inside guarded(): rethrows a MarginError as a value below
  if (!r) throw r.error();
  return std::move(r).value();
}

Result<ResolvedPrice, MarginError> resolve(const Params& params, const AssetId& id, const Price& p) {
  const std::string where = "asset " + id.value;
  if (p.price.sign() <= 0) return error(MarginErrorCode::unpriceable_asset, where + " (price <= 0)");
  try {
    // The band is subtracted from assets and added to liabilities: ceil widens it (against the account).
    const Wad band = mul_ceil(params.conf_multiplier, p.conf);
    ResolvedPrice r{p.price, p.price - band, p.price + band, p.status};
    if (r.lo.sign() <= 0) return error(MarginErrorCode::unpriceable_asset, where + " (p_lo = p - k*conf <= 0)");
    return r;
  } catch (const ArithmeticError& e) {
    return error(code_of(e.error()), where);
  }
}

const Wad& rate_of(const Tier& t, HealthType type) { return type == HealthType::init ? t.imr : t.mmr; }

// Throwing forms used inside one evaluation.
Wad pnl_of(const PerpMarket& m, const Wad& size, const Wad& quote, const Wad& price, HealthType type) {
  Wad pnl = mul_floor(size, price) + quote;
  if (pnl.sign() > 0) pnl = mul_floor(pnl, type == HealthType::init ? m.init_pnl_weight : m.maint_pnl_weight);
  return pnl;
}

Wad notional_of(const Wad& size, const Wad& price) { return mul_ceil(abs(size), price); }

Wad requirement_of(const PerpMarket& m, const Wad& notional, HealthType type) {
  Wad total = Wad::zero();
  for (const Tier& t : m.tiers) {
    if (notional <= t.lo) break;  // this and every later bracket contribute mul(0, rate) = 0
    Wad in_bracket = notional - t.lo;
    if (t.hi) in_bracket = min(in_bracket, *t.hi - t.lo);
    total = total + mul_ceil(in_bracket, rate_of(t, type));
  }
  return total;
}

Wad balance_value_of(const AssetParams& a, const ChainParams& c, const Wad& amount, const Wad& price, bool stale,
                     HealthType type) {
  const bool init = type == HealthType::init;
  if (amount.sign() >= 0) {
    if (init && stale) return Wad::zero();  // stale collateral cannot back new risk
    const Wad weighted = mul_floor(mul_floor(amount, price), init ? a.init_asset_weight : a.maint_asset_weight);
    return mul_floor(weighted, c.collateral_weight);
  }
  return mul_floor(mul_floor(amount, price), init ? a.init_liab_weight : a.maint_liab_weight);
}

struct BalanceInputs {
  const AssetParams* asset;
  const ChainParams* chain;
  ResolvedPrice price;
  bool stale;
};

Result<BalanceInputs, MarginError> balance_inputs(const MarginContext& ctx, const Balance& b, const std::string& where) {
  const auto a = ctx.params().assets.find(b.asset);
  if (a == ctx.params().assets.end()) return error(MarginErrorCode::unknown_asset, where + " asset " + b.asset.value);
  const auto c = ctx.params().chains.find(b.chain);
  if (c == ctx.params().chains.end())
    return error(MarginErrorCode::unknown_chain, where + " chain " + std::to_string(b.chain.value));
  auto stale = ctx.chain_stale(b.chain);
  if (!stale) return error(stale.error().code, where + ": " + stale.error().where);
  auto price = ctx.price(b.asset);
  if (!price) return error(price.error().code, where + ": " + price.error().where);
  return BalanceInputs{&a->second, &c->second, *price, *stale};
}

struct PerpInputs {
  const PerpMarket* market;
  ResolvedPrice price;
};

Result<PerpInputs, MarginError> perp_inputs(const MarginContext& ctx, const MarketId& id, const std::string& where) {
  auto m = ctx.market(id);
  if (!m) return error(m.error().code, where + ": " + m.error().where);
  auto price = ctx.price((*m)->base);
  if (!price) return error(price.error().code, where + ": " + price.error().where);
  return PerpInputs{*m, *price};
}

// The per-position numbers of SPEC §3 for both health types.
PositionResult position_of(const PerpMarket& m, const ResolvedPrice& p, const MarketId& id, const Wad& size,
                           const Wad& quote) {
  PositionResult r;
  r.market = id;
  r.size = size;
  r.quote = quote;
  // Init: longs are valued at p_lo, shorts at p_hi, and the notional is taken at p_hi.
  const Wad& init_pnl_price = size.sign() >= 0 ? p.lo : p.hi;
  r.pnl_init = pnl_of(m, size, quote, init_pnl_price, HealthType::init);
  r.notional_init = notional_of(size, p.hi);
  r.requirement_init = requirement_of(m, r.notional_init, HealthType::init);
  r.pnl_maint = pnl_of(m, size, quote, p.maint, HealthType::maint);
  r.notional_maint = notional_of(size, p.maint);
  r.requirement_maint = requirement_of(m, r.notional_maint, HealthType::maint);
  return r;
}

HealthSide side(const Wad& equity, const Wad& requirement) { return HealthSide{equity, requirement, equity - requirement}; }

// Out of line: GCC 12's -Warray-bounds misreads Boost's widening copy once it is inlined.
[[gnu::noinline]] Int512 wide(const Wad& w) { return Int512(w.raw()); }

// H(p) of the cross pool as a function of `asset`'s maint price (docs/margin.md).
detail::HealthCurve cross_curve(const MarginContext& ctx, const Account& account, const AccountResult& r,
                                const AssetId& asset) {
  detail::HealthCurve curve;
  curve.constant = 0;
  curve.slack = 0;
  for (std::size_t i = 0; i < account.balances.size(); ++i) {
    const Balance& b = account.balances[i];
    if (b.asset != asset) {
      curve.constant += wide(r.balances[i].value_maint);
      continue;
    }
    detail::PriceTerm t;
    t.kind = detail::PriceTerm::Kind::balance;
    t.asset = &ctx.params().assets.at(b.asset);
    t.chain = &ctx.params().chains.at(b.chain);
    t.amount = b.amount;
    t.direction = b.amount.sign() >= 0 ? 1 : -1;
    detail::add_term(curve, t);
  }
  for (std::size_t i = 0; i < account.perps.size(); ++i) {
    const PerpPosition& p = account.perps[i];
    const PerpMarket* m = &ctx.params().markets.at(p.market);
    if (m->base != asset) {
      curve.constant += wide(r.perps[i].pnl_maint) - wide(r.perps[i].requirement_maint);
      continue;
    }
    detail::PriceTerm pnl;
    pnl.kind = detail::PriceTerm::Kind::pnl;
    pnl.market = m;
    pnl.amount = p.size;
    pnl.quote = p.quote;
    pnl.direction = p.size.sign() >= 0 ? 1 : -1;
    detail::add_term(curve, pnl);
    detail::PriceTerm req;
    req.kind = detail::PriceTerm::Kind::requirement;
    req.market = m;
    req.amount = p.size;
    req.direction = -1;
    detail::add_term(curve, req);
  }
  return curve;
}

detail::HealthCurve isolated_curve(const PerpMarket& m, const IsolatedPosition& p) {
  detail::HealthCurve curve;
  curve.constant = wide(p.collateral);
  curve.slack = 0;
  detail::PriceTerm pnl;
    pnl.kind = detail::PriceTerm::Kind::pnl;
  pnl.market = &m;
  pnl.amount = p.size;
  pnl.quote = p.quote;
  pnl.direction = p.size.sign() >= 0 ? 1 : -1;
  detail::PriceTerm req;
    req.kind = detail::PriceTerm::Kind::requirement;
  req.market = &m;
  req.amount = p.size;
  req.direction = -1;
  detail::add_term(curve, pnl);
  detail::add_term(curve, req);
  return curve;
}

void set_liquidation_price(PositionResult& pos, const detail::HealthCurve& curve, const Wad& p0) {
  if (pos.size.is_zero()) return;  // no exposure: "none"
  const auto found = detail::search_liquidation_price(curve, p0, pos.size.sign() > 0);
  pos.liquidation_price = found.price;
  pos.liquidation_price_unresolved = found.unresolved;
}

}  // namespace

namespace detail {
// The value of one term at price p, as used by the search (liquidation_price.cpp).
Int512 term_value(const PriceTerm& t, const Wad& p) {
  switch (t.kind) {
    case PriceTerm::Kind::balance:
      return wide(balance_value_of(*t.asset, *t.chain, t.amount, p, false, HealthType::maint));
    case PriceTerm::Kind::pnl: return wide(pnl_of(*t.market, t.amount, t.quote, p, HealthType::maint));
    case PriceTerm::Kind::requirement:
      return -wide(requirement_of(*t.market, notional_of(t.amount, p), HealthType::maint));
  }
  return 0;
}
}  // namespace detail

const char* to_string(MarginErrorCode code) noexcept {
  switch (code) {
    case MarginErrorCode::overflow: return "overflow";
    case MarginErrorCode::division_by_zero: return "division_by_zero";
    case MarginErrorCode::unknown_asset: return "unknown_asset";
    case MarginErrorCode::unknown_market: return "unknown_market";
    case MarginErrorCode::unknown_chain: return "unknown_chain";
    case MarginErrorCode::missing_chain_snapshot: return "missing_chain_snapshot";
    case MarginErrorCode::missing_price: return "missing_price";
    case MarginErrorCode::unpriceable_asset: return "unpriceable_asset";
  }
  return "unknown_margin_error";
}

std::string MarginError::message() const { return std::string(to_string(code)) + ": " + where; }

Result<MarginContext, MarginError> MarginContext::make(const MarketState& state) {
  MarginContext ctx(state);
  for (const auto& [id, p] : state.prices) ctx.prices_.emplace(id, resolve(state.params, id, p));
  return ctx;
}

Result<ResolvedPrice, MarginError> MarginContext::price(const AssetId& asset) const {
  if (!params().assets.count(asset)) return error(MarginErrorCode::unknown_asset, "asset " + asset.value);
  const auto it = prices_.find(asset);
  if (it == prices_.end()) return error(MarginErrorCode::missing_price, "asset " + asset.value);
  return it->second;
}

Result<bool, MarginError> MarginContext::chain_stale(const ChainId& chain) const {
  const std::string where = "chain " + std::to_string(chain.value);
  const auto c = params().chains.find(chain);
  if (c == params().chains.end()) return error(MarginErrorCode::unknown_chain, where);
  const auto ts = state_->chain_snapshot_ts.find(chain);
  if (ts == state_->chain_snapshot_ts.end()) return error(MarginErrorCode::missing_chain_snapshot, where);
  // now − ts in 128 bits: two int64 values cannot overflow it.
  __extension__ typedef __int128 i128;
  const i128 age = static_cast<i128>(state_->now) - ts->second;
  return age > c->second.max_staleness_s;
}

Result<const PerpMarket*, MarginError> MarginContext::market(const MarketId& id) const {
  const auto m = params().markets.find(id);
  if (m == params().markets.end()) return error(MarginErrorCode::unknown_market, "market " + id.value);
  return &m->second;
}

Result<AccountResult, MarginError> evaluate(const MarginContext& ctx, const Account& account,
                                            const EvalOptions& options) {
  const std::string acct = "account " + account.id;
  try {
    AccountResult r;
    r.id = account.id;
    std::set<AssetId> non_ok;
    Wad init_equity = Wad::zero(), maint_equity = Wad::zero();
    for (std::size_t i = 0; i < account.balances.size(); ++i) {
      const Balance& b = account.balances[i];
      const std::string where = acct + " balances[" + std::to_string(i) + "]";
      const BalanceInputs in = take(balance_inputs(ctx, b, where));
      if (in.price.status != PriceStatus::ok) non_ok.insert(b.asset);
      BalanceResult br{b.chain, b.asset, b.amount, Wad::zero(), Wad::zero(), in.stale};
      // Init: assets at p_lo, liabilities at p_hi.
      const Wad& init_price = b.amount.sign() >= 0 ? in.price.lo : in.price.hi;
      br.value_init = balance_value_of(*in.asset, *in.chain, b.amount, init_price, in.stale, HealthType::init);
      br.value_maint = balance_value_of(*in.asset, *in.chain, b.amount, in.price.maint, in.stale, HealthType::maint);
      if (in.stale && !b.amount.is_zero()) r.stale_chain = true;
      init_equity = init_equity + br.value_init;
      maint_equity = maint_equity + br.value_maint;
      r.balances.push_back(std::move(br));
    }
    Wad init_req = Wad::zero(), maint_req = Wad::zero();
    std::vector<ResolvedPrice> perp_prices;
    for (std::size_t i = 0; i < account.perps.size(); ++i) {
      const PerpPosition& p = account.perps[i];
      const PerpInputs in = take(perp_inputs(ctx, p.market, acct + " perps[" + std::to_string(i) + "]"));
      if (in.price.status != PriceStatus::ok) non_ok.insert(in.market->base);
      r.perps.push_back(position_of(*in.market, in.price, p.market, p.size, p.quote));
      perp_prices.push_back(in.price);
      init_equity = init_equity + r.perps.back().pnl_init;
      maint_equity = maint_equity + r.perps.back().pnl_maint;
    }
    for (const PositionResult& pos : r.perps) {
      init_req = init_req + pos.requirement_init;
      maint_req = maint_req + pos.requirement_maint;
    }
    r.init = side(init_equity, init_req);
    r.maint = side(maint_equity, maint_req);
    r.liquidatable = r.maint.health.sign() < 0;
    // Ratio rounds up: a higher ratio is the worse reading (against the account).
    if (r.maint.equity.sign() > 0) r.margin_ratio = div_ceil(r.maint.requirement, r.maint.equity);
    r.free_collateral = max(r.init.health, Wad::zero());

    for (std::size_t i = 0; i < account.isolated.size(); ++i) {
      const IsolatedPosition& p = account.isolated[i];
      const PerpInputs in = take(perp_inputs(ctx, p.market, acct + " isolated[" + std::to_string(i) + "]"));
      if (in.price.status != PriceStatus::ok) non_ok.insert(in.market->base);
      IsolatedResult ir;
      ir.position = position_of(*in.market, in.price, p.market, p.size, p.quote);
      ir.collateral = p.collateral;
      ir.init = side(p.collateral + ir.position.pnl_init, ir.position.requirement_init);
      ir.maint = side(p.collateral + ir.position.pnl_maint, ir.position.requirement_maint);
      ir.liquidatable = ir.maint.health.sign() < 0;
      if (options.liquidation_prices) set_liquidation_price(ir.position, isolated_curve(*in.market, p), in.price.maint);
      r.isolated.push_back(std::move(ir));
    }

    if (options.liquidation_prices) {
      // One curve per base asset; every cross position on that base shares it.
      std::map<AssetId, detail::HealthCurve> curves;
      for (std::size_t i = 0; i < account.perps.size(); ++i) {
        const AssetId& base = ctx.params().markets.at(account.perps[i].market).base;
        auto it = curves.find(base);
        if (it == curves.end()) it = curves.emplace(base, cross_curve(ctx, account, r, base)).first;
        set_liquidation_price(r.perps[i], it->second, perp_prices[i].maint);
      }
    }
    r.non_ok_prices.assign(non_ok.begin(), non_ok.end());
    return r;
  } catch (const ArithmeticError& e) {
    return error(code_of(e.error()), acct);
  } catch (const MarginError& e) {
    return Unexpected{e};
  }
}

Result<HealthSide, MarginError> cross_health(const MarginContext& ctx, const Account& account, HealthType type) {
  const std::string acct = "account " + account.id;
  try {
    Wad equity = Wad::zero(), requirement = Wad::zero();
    for (std::size_t i = 0; i < account.balances.size(); ++i) {
      const Balance& b = account.balances[i];
      const BalanceInputs in = take(balance_inputs(ctx, b, acct + " balances[" + std::to_string(i) + "]"));
      const bool init = type == HealthType::init;
      const Wad& price = !init ? in.price.maint : b.amount.sign() >= 0 ? in.price.lo : in.price.hi;
      equity = equity + balance_value_of(*in.asset, *in.chain, b.amount, price, in.stale, type);
    }
    for (std::size_t i = 0; i < account.perps.size(); ++i) {
      const PerpPosition& p = account.perps[i];
      const PerpInputs in = take(perp_inputs(ctx, p.market, acct + " perps[" + std::to_string(i) + "]"));
      const PositionResult pos = position_of(*in.market, in.price, p.market, p.size, p.quote);
      equity = equity + (type == HealthType::init ? pos.pnl_init : pos.pnl_maint);
    }
    for (std::size_t i = 0; i < account.perps.size(); ++i) {
      const PerpPosition& p = account.perps[i];
      const PerpInputs in = take(perp_inputs(ctx, p.market, acct + " perps[" + std::to_string(i) + "]"));
      const Wad& price = type == HealthType::init ? in.price.hi : in.price.maint;
      requirement = requirement + requirement_of(*in.market, notional_of(p.size, price), type);
    }
    return side(equity, requirement);
  } catch (const ArithmeticError& e) {
    return error(code_of(e.error()), acct);
  } catch (const MarginError& e) {
    return Unexpected{e};
  }
}

Result<HealthSide, MarginError> isolated_health(const MarginContext& ctx, const IsolatedPosition& position,
                                                HealthType type) {
  const std::string where = "isolated " + position.market.value;
  auto in = perp_inputs(ctx, position.market, where);
  if (!in) return Unexpected{in.error()};
  return guarded(where, [&] {
    const PositionResult pos = position_of(*in->market, in->price, position.market, position.size, position.quote);
    const bool init = type == HealthType::init;
    return side(position.collateral + (init ? pos.pnl_init : pos.pnl_maint),
                init ? pos.requirement_init : pos.requirement_maint);
  });
}

Result<Wad, MarginError> perp_pnl(const PerpMarket& market, const Wad& size, const Wad& quote, const Wad& price,
                                  HealthType type) {
  return guarded("pnl " + market.id.value, [&] { return pnl_of(market, size, quote, price, type); });
}

Result<Wad, MarginError> perp_notional(const Wad& size, const Wad& price) {
  return guarded("notional", [&] { return notional_of(size, price); });
}

Result<Wad, MarginError> tier_requirement(const PerpMarket& market, const Wad& notional, HealthType type) {
  return guarded("requirement " + market.id.value, [&] { return requirement_of(market, notional, type); });
}

Result<Wad, MarginError> perp_requirement(const PerpMarket& market, const Wad& size, const Wad& price,
                                          HealthType type) {
  return guarded("requirement " + market.id.value,
                 [&] { return requirement_of(market, notional_of(size, price), type); });
}

Result<Wad, MarginError> balance_value(const AssetParams& asset, const ChainParams& chain, const Wad& amount,
                                       const Wad& price, bool stale, HealthType type) {
  return guarded("balance " + asset.id.value,
                 [&] { return balance_value_of(asset, chain, amount, price, stale, type); });
}

}  // namespace xm
