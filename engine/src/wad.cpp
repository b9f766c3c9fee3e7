#include "xm/engine/wad.hpp"

namespace xm {
namespace {

const Int256 kScale = Int256(Wad::kScaleI64);
const Int512 kScale512 = Int512(Wad::kScaleI64);
const Int256 kMaxRaw = (Int256(1) << 255) - 1;
const Int256 kMinRaw = -(Int256(1) << 255);

template <class I>
Result<Wad, MathError> ranged(const I& x) {
  if (!in_int256_range(x)) return Unexpected{MathError::overflow};
  return Wad::from_raw(Int256(x));
}

// q = n / d truncated toward zero (Boost's semantics), then moved once toward −∞ or +∞ when the
// division was inexact: the remainder's presence and the true quotient's sign decide the step.
Int512 divide_rounded(const Int512& n, const Int512& d, Rounding r) {
  Int512 q, rem;
  boost::multiprecision::divide_qr(n, d, q, rem);
  if (!rem.is_zero()) {
    const bool negative = (n.sign() < 0) != (d.sign() < 0);
    if (r == Rounding::floor && negative) --q;
    if (r == Rounding::ceil && !negative) ++q;
  }
  return q;
}

Wad unwrap(Result<Wad, MathError> r) {
  if (!r) throw ArithmeticError(r.error());
  return std::move(r).value();
}

}  // namespace

const char* to_string(MathError e) noexcept {
  switch (e) {
    case MathError::overflow: return "overflow";
    case MathError::division_by_zero: return "division by zero";
  }
  return "unknown math error";
}

bool in_int256_range(const Int256& x) noexcept { return x >= kMinRaw && x <= kMaxRaw; }
bool in_int256_range(const Int512& x) noexcept {
  return x >= Int512(kMinRaw) && x <= Int512(kMaxRaw);
}

Result<Wad, MathError> Wad::from_raw(const Int256& raw) {
  if (!in_int256_range(raw)) return Unexpected{MathError::overflow};
  return Wad(raw);
}
Result<Wad, MathError> Wad::from_raw(const Int512& raw) {
  if (!in_int256_range(raw)) return Unexpected{MathError::overflow};
  return Wad(Int256(raw));
}
Wad Wad::from_units(std::int64_t whole) { return Wad(Int256(whole) * kScale); }

const Wad& Wad::zero() { static const Wad w{Int256(0)}; return w; }
const Wad& Wad::one() { static const Wad w{kScale}; return w; }
const Wad& Wad::max() { static const Wad w{kMaxRaw}; return w; }
const Wad& Wad::min() { static const Wad w{kMinRaw}; return w; }

namespace checked {

Result<Wad, MathError> add(const Wad& a, const Wad& b) {
  // Pre-checks keep the sum inside Int256's magnitude (−2^255 + −2^255 would not fit it).
  if (b.sign() > 0 && a.raw() > kMaxRaw - b.raw()) return Unexpected{MathError::overflow};
  if (b.sign() < 0 && a.raw() < kMinRaw - b.raw()) return Unexpected{MathError::overflow};
  return Wad::from_raw(Int256(a.raw() + b.raw()));
}

Result<Wad, MathError> sub(const Wad& a, const Wad& b) {
  if (b.sign() < 0 && a.raw() > kMaxRaw + b.raw()) return Unexpected{MathError::overflow};
  if (b.sign() > 0 && a.raw() < kMinRaw + b.raw()) return Unexpected{MathError::overflow};
  return Wad::from_raw(Int256(a.raw() - b.raw()));
}

Result<Wad, MathError> neg(const Wad& a) { return ranged(Int256(-a.raw())); }

Result<Wad, MathError> mul(const Wad& a, const Wad& b, Rounding r) {
  const Int512 product = Int512(a.raw()) * Int512(b.raw());
  return ranged(divide_rounded(product, kScale512, r));
}

Result<Wad, MathError> div(const Wad& a, const Wad& b, Rounding r) {
  if (b.is_zero()) return Unexpected{MathError::division_by_zero};
  const Int512 scaled = Int512(a.raw()) * kScale512;
  return ranged(divide_rounded(scaled, Int512(b.raw()), r));
}

}  // namespace checked

Wad mul(const Wad& a, const Wad& b, Rounding r) { return unwrap(checked::mul(a, b, r)); }
Wad div(const Wad& a, const Wad& b, Rounding r) { return unwrap(checked::div(a, b, r)); }
Wad operator+(const Wad& a, const Wad& b) { return unwrap(checked::add(a, b)); }
Wad operator-(const Wad& a, const Wad& b) { return unwrap(checked::sub(a, b)); }
Wad operator-(const Wad& a) { return unwrap(checked::neg(a)); }
Wad abs(const Wad& a) { return a.sign() < 0 ? -a : a; }

}  // namespace xm
