#pragma once
// Signed 18-decimal fixed point ("WAD") with Solidity int256 range, per SPEC §1.
//
// Boost's int256_t is sign-magnitude with a range of ±(2^256 − 1), so every operation here checks
// Solidity's [−2^255, 2^255 − 1] itself and reports `overflow` exactly where a checked Solidity
// 0.8 expression would revert. Products and quotients go through an exact 512-bit intermediate
// and are rounded once, in the direction the caller names.
#include <boost/multiprecision/cpp_int.hpp>

#include <compare>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "xm/engine/result.hpp"

namespace xm {

using Int256 = boost::multiprecision::int256_t;  // holds every int256 value (and a little more)
using Int512 = boost::multiprecision::int512_t;  // exact intermediate for products

enum class Rounding : std::uint8_t { floor, ceil };  // toward −∞ / toward +∞
enum class MathError : std::uint8_t { overflow, division_by_zero };

const char* to_string(MathError e) noexcept;

// Thrown by the convenience operations (mul_floor, +, …) inside pure computations; every public
// engine entry point catches it and returns it as a Result, so it never crosses a module boundary.
class ArithmeticError : public std::runtime_error {
 public:
  explicit ArithmeticError(MathError e) : std::runtime_error(to_string(e)), error_(e) {}
  MathError error() const noexcept { return error_; }

 private:
  MathError error_;
};

class Wad {
 public:
  static constexpr std::int64_t kScaleI64 = 1'000'000'000'000'000'000;  // 10^18

  constexpr Wad() = default;

  // The raw integer x meaning x / 10^18; an error when x is outside int256.
  static Result<Wad, MathError> from_raw(const Int256& raw);
  static Result<Wad, MathError> from_raw(const Int512& raw);
  // `whole` units (always in range: |whole| < 2^63 ≪ 2^255 / 10^18).
  static Wad from_units(std::int64_t whole);
  static Wad from_raw_i64(std::int64_t raw) { return Wad(Int256(raw)); }

  static const Wad& zero();
  static const Wad& one();
  static const Wad& max();  // 2^255 − 1 wei
  static const Wad& min();  // −2^255 wei

  const Int256& raw() const noexcept { return raw_; }
  int sign() const noexcept { return raw_.sign(); }
  bool is_zero() const noexcept { return raw_.is_zero(); }

  friend bool operator==(const Wad& a, const Wad& b) noexcept { return a.raw_ == b.raw_; }
  friend std::strong_ordering operator<=>(const Wad& a, const Wad& b) noexcept {
    return a.raw_ < b.raw_ ? std::strong_ordering::less
           : a.raw_ == b.raw_ ? std::strong_ordering::equal
                              : std::strong_ordering::greater;
  }

 private:
  explicit Wad(Int256 raw) : raw_(std::move(raw)) {}
  Int256 raw_;
};

bool in_int256_range(const Int256& x) noexcept;
bool in_int256_range(const Int512& x) noexcept;

// Checked operations: a value, or the error Solidity would revert with.
namespace checked {
Result<Wad, MathError> add(const Wad& a, const Wad& b);
Result<Wad, MathError> sub(const Wad& a, const Wad& b);
Result<Wad, MathError> neg(const Wad& a);
// a * b / 10^18 rounded once in direction r.
Result<Wad, MathError> mul(const Wad& a, const Wad& b, Rounding r);
// a * 10^18 / b rounded once in direction r; b = 0 is division_by_zero.
Result<Wad, MathError> div(const Wad& a, const Wad& b, Rounding r);
}  // namespace checked

// Throwing forms for use inside one pure computation (see ArithmeticError).
Wad mul(const Wad& a, const Wad& b, Rounding r);
Wad div(const Wad& a, const Wad& b, Rounding r);
inline Wad mul_floor(const Wad& a, const Wad& b) { return mul(a, b, Rounding::floor); }
inline Wad mul_ceil(const Wad& a, const Wad& b) { return mul(a, b, Rounding::ceil); }
inline Wad div_floor(const Wad& a, const Wad& b) { return div(a, b, Rounding::floor); }
inline Wad div_ceil(const Wad& a, const Wad& b) { return div(a, b, Rounding::ceil); }
Wad operator+(const Wad& a, const Wad& b);
Wad operator-(const Wad& a, const Wad& b);
Wad operator-(const Wad& a);
Wad abs(const Wad& a);
inline const Wad& min(const Wad& a, const Wad& b) { return b < a ? b : a; }
inline const Wad& max(const Wad& a, const Wad& b) { return a < b ? b : a; }

}  // namespace xm
