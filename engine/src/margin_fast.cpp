// The 128-bit batch path (margin_fast.hpp). Every step mirrors margin.cpp's order and rounding; a
// step that cannot be done exactly in int128 abandons the account (nullopt) rather than approximate.
#include "xm/engine/margin_fast.hpp"

#include <limits>

namespace xm {
namespace {

using fast::i128;
constexpr i128 kOne = 1'000'000'000'000'000'000;

// Checked helpers: false when the exact result is not an int128.
inline bool fmul(i128 a, i128 b, Rounding r, i128& out) noexcept {
  if (b == kOne) {  // a·10^18/10^18 = a exactly: weights of 1 cost nothing
    out = a;
    return true;
  }
  const auto v = fast::mul(a, b, r);
  if (!v) return false;
  out = *v;
  return true;
}
inline bool fadd(i128& acc, i128 v) noexcept { return !__builtin_add_overflow(acc, v, &acc); }

std::optional<i128> fit(const Wad& w) { return fast::to_i128(w); }

}  // namespace

Result<HealthSummary, MarginError> health_summary(const MarginContext& ctx, const Account& account) {
  auto init = cross_health(ctx, account, HealthType::init);
  if (!init) return Unexpected{init.error()};
  auto maint = cross_health(ctx, account, HealthType::maint);
  if (!maint) return Unexpected{maint.error()};
  const bool liquidatable = maint->health.sign() < 0;
  return HealthSummary{*init, *maint, liquidatable};
}

FastMargin::FastMargin(const MarginContext& ctx) : ctx_(&ctx) {}

std::optional<std::uint32_t> FastMargin::slot_of(const AssetId& asset, const ChainId& chain) {
  const auto key = std::make_pair(asset, chain);
  const auto hit = slot_index_.find(key);
  if (hit != slot_index_.end()) return hit->second;
  std::optional<std::uint32_t> result;
  const auto price = ctx_->price(asset);
  const auto stale = ctx_->chain_stale(chain);
  if (price && stale) {
    const AssetParams& a = ctx_->params().assets.at(asset);
    const ChainParams& c = ctx_->params().chains.at(chain);
    const auto p = fit(price->maint), lo = fit(price->lo), hi = fit(price->hi);
    const auto ia = fit(a.init_asset_weight), ma = fit(a.maint_asset_weight);
    const auto il = fit(a.init_liab_weight), ml = fit(a.maint_liab_weight), cw = fit(c.collateral_weight);
    if (p && lo && hi && ia && ma && il && ml && cw) {
      slots_.push_back(Slot{*p, *lo, *hi, *ia, *ma, *il, *ml, *cw, *stale});
      result = static_cast<std::uint32_t>(slots_.size() - 1);
    }
  }
  slot_index_.emplace(key, result);
  return result;
}

std::optional<std::uint32_t> FastMargin::market_of(const MarketId& id) {
  const auto hit = market_index_.find(id);
  if (hit != market_index_.end()) return hit->second;
  std::optional<std::uint32_t> result;
  const auto m = ctx_->market(id);
  const auto price = m ? ctx_->price((*m)->base) : Result<ResolvedPrice, MarginError>(Unexpected{MarginError{}});
  if (m && price) {
    const auto p = fit(price->maint), lo = fit(price->lo), hi = fit(price->hi);
    const auto iw = fit((*m)->init_pnl_weight), mw = fit((*m)->maint_pnl_weight);
    bool ok = p && lo && hi && iw && mw;
    const auto begin = static_cast<std::uint32_t>(tiers_.size());
    for (const Tier& t : (*m)->tiers) {
      const auto tlo = fit(t.lo), imr = fit(t.imr), mmr = fit(t.mmr);
      const auto thi = t.hi ? fit(*t.hi) : std::optional<i128>(0);
      if (!(tlo && thi && imr && mmr)) ok = false;
      else tiers_.push_back(FastTier{*tlo, *thi, *imr, *mmr, t.hi.has_value()});
    }
    if (ok) {
      markets_.push_back(Market{*p, *lo, *hi, *iw, *mw, begin, static_cast<std::uint32_t>(tiers_.size())});
      result = static_cast<std::uint32_t>(markets_.size() - 1);
    }
  }
  market_index_.emplace(id, result);
  return result;
}

void FastMargin::add(FastBook& book, const Account& account) {
  bool dense = true;
  const std::size_t b0 = book.balances.size(), p0 = book.perps.size();
  for (const Balance& b : account.balances) {
    const auto slot = slot_of(b.asset, b.chain);
    const auto amount = fit(b.amount);
    if (!slot || !amount) { dense = false; break; }
    book.balances.push_back(FastBook::BalanceRow{*amount, *slot});
  }
  for (const PerpPosition& p : account.perps) {
    if (!dense) break;
    const auto market = market_of(p.market);
    const auto size = fit(p.size), quote = fit(p.quote);
    if (!market || !size || !quote) { dense = false; break; }
    book.perps.push_back(FastBook::PerpRow{*size, *quote, *market});
  }
  if (!dense) {  // keep the book aligned: a slow account owns no rows
    book.balances.resize(b0);
    book.perps.resize(p0);
  }
  book.balance_end.push_back(static_cast<std::uint32_t>(book.balances.size()));
  book.perp_end.push_back(static_cast<std::uint32_t>(book.perps.size()));
  book.dense.push_back(dense ? 1 : 0);
}

std::optional<FastHealth> FastMargin::health(const FastBook& book, std::size_t index) const noexcept {
  if (!book.dense[index]) return std::nullopt;
  FastHealth h;
  const std::uint32_t b_begin = index ? book.balance_end[index - 1] : 0;
  const std::uint32_t p_begin = index ? book.perp_end[index - 1] : 0;
  for (std::uint32_t i = b_begin; i < book.balance_end[index]; ++i) {
    const FastBook::BalanceRow& row = book.balances[i];
    const Slot& s = slots_[row.slot];
    i128 vi = 0, vm = 0, t = 0;
    if (row.amount >= 0) {
      if (!s.stale) {  // init: a positive balance on a stale chain counts 0
        if (!fmul(row.amount, s.lo, Rounding::floor, t) || !fmul(t, s.init_asset_w, Rounding::floor, t) ||
            !fmul(t, s.chain_w, Rounding::floor, vi))
          return std::nullopt;
      }
      if (!fmul(row.amount, s.p, Rounding::floor, t) || !fmul(t, s.maint_asset_w, Rounding::floor, t) ||
          !fmul(t, s.chain_w, Rounding::floor, vm))
        return std::nullopt;
    } else {
      if (!fmul(row.amount, s.hi, Rounding::floor, t) || !fmul(t, s.init_liab_w, Rounding::floor, vi)) return std::nullopt;
      if (!fmul(row.amount, s.p, Rounding::floor, t) || !fmul(t, s.maint_liab_w, Rounding::floor, vm)) return std::nullopt;
    }
    if (!fadd(h.init_equity, vi) || !fadd(h.maint_equity, vm)) return std::nullopt;
  }
  for (std::uint32_t i = p_begin; i < book.perp_end[index]; ++i) {
    const FastBook::PerpRow& row = book.perps[i];
    const Market& m = markets_[row.market];
    if (row.size == std::numeric_limits<i128>::min()) return std::nullopt;  // |size| would not fit
    const i128 abs_size = row.size < 0 ? -row.size : row.size;
    // pnl (init at p_lo for longs, p_hi for shorts; maint at p), weighted when positive.
    i128 pnl_i = 0, pnl_m = 0, n_i = 0, n_m = 0;
    if (!fmul(row.size, row.size >= 0 ? m.lo : m.hi, Rounding::floor, pnl_i) || !fadd(pnl_i, row.quote)) return std::nullopt;
    if (pnl_i > 0 && !fmul(pnl_i, m.init_pnl_w, Rounding::floor, pnl_i)) return std::nullopt;
    if (!fmul(row.size, m.p, Rounding::floor, pnl_m) || !fadd(pnl_m, row.quote)) return std::nullopt;
    if (pnl_m > 0 && !fmul(pnl_m, m.maint_pnl_w, Rounding::floor, pnl_m)) return std::nullopt;
    if (!fmul(abs_size, m.hi, Rounding::ceil, n_i) || !fmul(abs_size, m.p, Rounding::ceil, n_m)) return std::nullopt;
    if (!fadd(h.init_equity, pnl_i) || !fadd(h.maint_equity, pnl_m)) return std::nullopt;
    for (std::uint32_t k = m.tier_begin; k < m.tier_end; ++k) {
      const FastTier& t = tiers_[k];
      if (n_i <= t.lo && n_m <= t.lo) break;  // every later bracket adds 0 to both
      i128 part = 0;
      if (n_i > t.lo) {
        part = n_i - t.lo;  // both ≥ 0: no overflow
        if (t.bounded && part > t.hi - t.lo) part = t.hi - t.lo;
        if (!fmul(part, t.imr, Rounding::ceil, part) || !fadd(h.init_requirement, part)) return std::nullopt;
      }
      if (n_m > t.lo) {
        part = n_m - t.lo;
        if (t.bounded && part > t.hi - t.lo) part = t.hi - t.lo;
        if (!fmul(part, t.mmr, Rounding::ceil, part) || !fadd(h.maint_requirement, part)) return std::nullopt;
      }
    }
  }
  // health = equity − requirement must also fit (the summary reports it).
  i128 diff = 0;
  if (__builtin_sub_overflow(h.init_equity, h.init_requirement, &diff)) return std::nullopt;
  if (__builtin_sub_overflow(h.maint_equity, h.maint_requirement, &diff)) return std::nullopt;
  return h;
}

HealthSummary FastMargin::to_summary(const FastHealth& h) {
  HealthSummary s;
  s.init = HealthSide{fast::from_i128(h.init_equity), fast::from_i128(h.init_requirement),
                      fast::from_i128(h.init_equity - h.init_requirement)};
  s.maint = HealthSide{fast::from_i128(h.maint_equity), fast::from_i128(h.maint_requirement),
                       fast::from_i128(h.maint_equity - h.maint_requirement)};
  s.liquidatable = h.maint_equity < h.maint_requirement;
  return s;
}

}  // namespace xm
