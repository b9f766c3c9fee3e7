#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "xm/engine/decimal.hpp"
#include "xm/engine/wad_fast.hpp"
#include "xm/oracles/aggregate.hpp"

using namespace xm;
using namespace xm::oracles;

namespace {
Wad w(const char* s) { return *parse_wad(s); }
std::vector<Wad> ws(std::initializer_list<const char*> xs) {
  std::vector<Wad> v;
  for (auto x : xs) v.push_back(w(x));
  return v;
}
}  // namespace

TEST_CASE("median: odd takes the middle, even floors the mean of the two middles", "[oracle]") {
  CHECK(median_sorted(ws({"7"})) == w("7"));
  CHECK(median_sorted(ws({"1", "2", "100"})) == w("2"));
  // (1 wei + 2 wei) / 2 = 1.5 wei -> floor 1 wei
  CHECK(median_sorted(ws({"0.000000000000000001", "0.000000000000000002"})) == w("0.000000000000000001"));
  // 3000 + 3000.000000000000000001 = 6000.000000000000000001 -> /2 floors to 3000
  CHECK(median_sorted(ws({"1", "3000", "3000.000000000000000001", "9000"})) == w("3000"));
}

TEST_CASE("conf: max distance from median to p25/p75 with Pyth's indices", "[oracle]") {
  // n=5: p25 = q[1] = 2, p75 = q[3] = 10, median 3 -> max(1, 7) = 7
  const auto v = ws({"1", "2", "3", "10", "50"});
  CHECK(conf_sorted(v, median_sorted(v)) == w("7"));
  // n=1: p25 = p75 = median -> 0
  CHECK(conf_sorted(ws({"5"}), w("5")) == w("0"));
  // n=4: p25 = q[1] = 2, p75 = q[2] = 4, median 3 -> 1
  const auto e = ws({"1", "2", "4", "100"});
  CHECK(conf_sorted(e, median_sorted(e)) == w("1"));
}

TEST_CASE("relative move rounds up and overflow counts as exceeding", "[oracle]") {
  // |3060 - 3000| / 3000 = 0.02 exactly -> not more than 0.02
  CHECK_FALSE(moves_more_than(w("3060"), w("3000"), w("0.02")));
  // 3060.000000000000000001: 0.02 + 1/3e21 -> ceil -> 0.020000000000000001 > 0.02
  CHECK(moves_more_than(w("3060.000000000000000001"), w("3000"), w("0.02")));
  CHECK(*relative_move(w("1"), w("3")) == w("0.666666666666666667"));
  // 10^57 / 1 wei relative move overflows int256 -> exceeds any limit
  CHECK(moves_more_than(w("1000000000000000000000000000000000000000000000000000000000"),
                        w("0.000000000000000001"), w("1000000")));
  CHECK_FALSE(relative_move(w("1000000000000000000000000000000000000000000000000000000000"),
                            w("0.000000000000000001")));
}

TEST_CASE("the cross-multiplied deviation test agrees with the rounded division", "[oracle][property]") {
  // moves_more_than compares d·10^18 > limit·ref; relative_move divides and rounds up. Same answer
  // on boundaries (limit exactly hit, one wei either side) and random 64..127-bit values.
  std::mt19937_64 rng(7);
  const auto rnd = [&](int bits) {
    const fast::u128 v = (static_cast<fast::u128>(rng()) << 64) | rng();
    return fast::from_i128(static_cast<fast::i128>(v >> (128 - bits)));
  };
  for (int i = 0; i < 20000; ++i) {
    const Wad ref = max(rnd(1 + i % 100), Wad::from_raw_i64(1));
    const Wad q = rnd(1 + (i * 7) % 126);
    const auto rm = relative_move(q, ref);
    const Wad limit = (i % 3 == 0 && rm) ? *rm - Wad::from_raw_i64(i % 2) : rnd(1 + (i * 13) % 90);
    INFO(format_raw(q) << " " << format_raw(ref) << " " << format_raw(limit));
    CHECK(moves_more_than(q, ref, limit) == (!rm || *rm > limit));
    if (q.sign() >= 0 && limit.sign() >= 0) {
      CHECK(outside_band(q, ref, deviation_band(ref, limit)) == (!rm || *rm > limit));
      const auto qi = fast::to_i128(q), ri = fast::to_i128(ref), li = fast::to_i128(limit);
      if (qi && ri && li) CHECK(outside_band(*qi, *ri, deviation_band(*ri, *li)) == (!rm || *rm > limit));
    }
  }
}

TEST_CASE("the native 128-bit aggregation gives the Wad aggregation's bits", "[oracle][property]") {
  std::mt19937_64 rng(11);
  for (int i = 0; i < 5000; ++i) {
    const int bits = 1 + i % 126;
    const auto draw = [&] {
      const fast::u128 v = (static_cast<fast::u128>(rng()) << 64) | rng();
      return std::max<fast::i128>(1, static_cast<fast::i128>(v >> (128 - bits)));
    };
    std::vector<fast::i128> a(1 + rng() % 12), q(rng() % 3);
    for (auto& x : a) x = draw();
    for (auto& x : q) x = draw();
    const fast::i128 limit = static_cast<fast::i128>(rng() % 300'000'000'000'000'000ull);
    std::vector<Wad> aw, qw;
    for (auto x : a) aw.push_back(fast::from_i128(x));
    for (auto x : q) qw.push_back(fast::from_i128(x));
    const auto n = aggregate<fast::i128>(a, q, limit);
    const auto w = aggregate<Wad>(aw, qw, fast::from_i128(limit));
    CHECK(fast::from_i128(n.reference) == w.reference);
    CHECK(fast::from_i128(n.conf) == w.conf);
    CHECK(n.deviant == w.deviant);
    CHECK(n.agrees == w.agrees);
    CHECK(n.used == w.used);
  }
}

TEST_CASE("positive_raw_i128 reads the limbs like fast::to_i128", "[oracle]") {
  std::mt19937_64 rng(5);
  for (int i = 0; i < 5000; ++i) {
    const fast::u128 v = ((static_cast<fast::u128>(rng()) << 64) | rng()) >> (i % 128);
    const Wad w = fast::from_i128(static_cast<fast::i128>(v >> 1));
    CHECK(positive_raw_i128(w) == fast::to_i128(w));
  }
  CHECK(*positive_raw_i128(Wad::zero()) == 0);
  CHECK_FALSE(positive_raw_i128(*parse_wad("-1")));
  CHECK_FALSE(positive_raw_i128(*Wad::from_raw(Int256(1) << 127)));
  CHECK(positive_raw_i128(*Wad::from_raw((Int256(1) << 127) - 1)));
  CHECK_FALSE(positive_raw_i128(Wad::max()));
}
