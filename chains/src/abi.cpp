#include "xm/chains/abi.hpp"

#include <algorithm>

#include "xm/crypto/keccak.hpp"

namespace xm::chains::abi {
namespace {

constexpr std::size_t kWord = 32;
// Decoding bound: no array in a reply the project reads is anywhere near this long, and it keeps a
// hostile length word from asking for gigabytes.
constexpr std::size_t kMaxDecodedItems = 1u << 16;
constexpr std::size_t kMaxDecodedValues = 1u << 20;

[[noreturn]] void malformed(const std::string& why) {
  throw ChainError(ErrorKind::bad_response, "ABI decode: " + why);
}

[[noreturn]] void wrong_kind(const char* want) {
  throw ChainError(ErrorKind::invalid_argument, std::string("ABI value is not ") + want);
}

const U256& int256_span() {
  static const U256 half = U256(1) << 255;
  return half;
}

void append_word(Bytes& out, const U256& v) {
  const auto w = to_word(v);
  out.insert(out.end(), w.begin(), w.end());
}

Bytes encode_one(const Value& v);

// Encodes a sequence as a tuple: heads of static members in place, offsets to tails for dynamic ones.
Bytes encode_sequence(const std::vector<Value>& items) {
  std::size_t head_size = 0;
  std::vector<Bytes> encoded;
  encoded.reserve(items.size());
  for (const auto& item : items) {
    encoded.push_back(encode_one(item));
    head_size += item.is_dynamic() ? kWord : encoded.back().size();
  }
  Bytes head, tail;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].is_dynamic()) {
      append_word(head, U256(head_size + tail.size()));
      tail.insert(tail.end(), encoded[i].begin(), encoded[i].end());
    } else {
      head.insert(head.end(), encoded[i].begin(), encoded[i].end());
    }
  }
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

Bytes encode_one(const Value& v) {
  switch (v.kind) {
    case Kind::uint:
    case Kind::int_:
    case Kind::address:
    case Kind::boolean:
    case Kind::bytes32: {
      Bytes out;
      append_word(out, v.word);
      return out;
    }
    case Kind::bytes:
    case Kind::string: {
      Bytes out;
      append_word(out, U256(v.bytes.size()));
      out.insert(out.end(), v.bytes.begin(), v.bytes.end());
      out.resize(out.size() + (kWord - v.bytes.size() % kWord) % kWord, 0);
      return out;
    }
    case Kind::tuple: return encode_sequence(v.items);
    case Kind::array: {
      Bytes out;
      append_word(out, U256(v.items.size()));
      const Bytes body = encode_sequence(v.items);
      out.insert(out.end(), body.begin(), body.end());
      return out;
    }
  }
  return {};
}

// A bounds-checked view of the data being decoded; `base` is where the current tuple starts, which
// offsets are relative to.
class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> data) : data_(data) {}

  // Offsets may point anywhere, even back at shared tails, so the decoded tree could be far larger
  // than the data: a budget on decoded values bounds the work a hostile reply can cause.
  void count_value() const {
    if (++values_ > kMaxDecodedValues) malformed("too many values");
  }

  U256 word_at(std::size_t pos) const {
    if (pos > data_.size() || data_.size() - pos < kWord) malformed("word past the end of the data");
    return from_word(data_.subspan(pos, kWord));
  }

  std::size_t offset_at(std::size_t pos, std::size_t base) const {
    const U256 off = word_at(pos);
    if (off > data_.size() || base + static_cast<std::size_t>(off) > data_.size()) {
      malformed("offset past the end of the data");
    }
    return base + static_cast<std::size_t>(off);
  }

  std::span<const std::uint8_t> bytes_at(std::size_t pos, std::size_t len) const {
    if (pos > data_.size() || data_.size() - pos < len) malformed("bytes past the end of the data");
    return data_.subspan(pos, len);
  }

 private:
  std::span<const std::uint8_t> data_;
  mutable std::size_t values_ = 0;
};

std::size_t static_size(const Type& t) {
  if (t.kind == Kind::tuple) {
    std::size_t n = 0;
    for (const auto& c : t.components) n += static_size(c);
    return n;
  }
  return kWord;  // only called on static types: scalars
}

Value decode_at(const Type& t, const Reader& r, std::size_t pos);

std::vector<Value> decode_sequence(const std::vector<Type>& types, const Reader& r, std::size_t base) {
  std::vector<Value> out;
  out.reserve(types.size());
  std::size_t head = base;
  for (const auto& t : types) {
    if (t.is_dynamic()) {
      out.push_back(decode_at(t, r, r.offset_at(head, base)));
      head += kWord;
    } else {
      out.push_back(decode_at(t, r, head));
      head += static_size(t);
    }
  }
  return out;
}

Value decode_scalar(const Type& t, const U256& w) {
  Value v;
  v.kind = t.kind;
  v.word = w;
  switch (t.kind) {
    case Kind::uint:
    case Kind::address:
      if (t.bits < 256 && (w >> t.bits) != 0) malformed("value wider than " + t.canonical());
      break;
    case Kind::int_:
      if (t.bits < 256) {
        // Canonical: the top 256 − bits + 1 bits are all equal (sign extension).
        const U256 top = w >> (t.bits - 1);
        const U256 all_ones = (U256(1) << (256 - t.bits + 1)) - 1;
        if (top != 0 && top != all_ones) malformed("bad sign extension for " + t.canonical());
      }
      break;
    case Kind::boolean:
      if (w > 1) malformed("bool word is neither 0 nor 1");
      break;
    default: break;
  }
  return v;
}

Value decode_at(const Type& t, const Reader& r, std::size_t pos) {
  r.count_value();
  switch (t.kind) {
    case Kind::uint:
    case Kind::int_:
    case Kind::address:
    case Kind::boolean:
    case Kind::bytes32: return decode_scalar(t, r.word_at(pos));
    case Kind::bytes:
    case Kind::string: {
      const U256 len = r.word_at(pos);
      if (len > (U256(1) << 32)) malformed("byte string length out of bounds");
      const auto span = r.bytes_at(pos + kWord, static_cast<std::size_t>(len));
      Value v;
      v.kind = t.kind;
      v.bytes.assign(span.begin(), span.end());
      return v;
    }
    case Kind::tuple: {
      Value v;
      v.kind = Kind::tuple;
      v.items = decode_sequence(t.components, r, pos);
      return v;
    }
    case Kind::array: {
      const U256 len = r.word_at(pos);
      if (len > kMaxDecodedItems) malformed("array length out of bounds");
      const std::vector<Type> elements(static_cast<std::size_t>(len), t.components.at(0));
      Value v;
      v.kind = Kind::array;
      v.items = decode_sequence(elements, r, pos + kWord);
      return v;
    }
  }
  malformed("unknown type");
}

}  // namespace

bool Type::is_dynamic() const {
  switch (kind) {
    case Kind::bytes:
    case Kind::string:
    case Kind::array: return true;
    case Kind::tuple:
      return std::any_of(components.begin(), components.end(), [](const Type& c) { return c.is_dynamic(); });
    default: return false;
  }
}

std::string Type::canonical() const {
  switch (kind) {
    case Kind::uint: return "uint" + std::to_string(bits);
    case Kind::int_: return "int" + std::to_string(bits);
    case Kind::address: return "address";
    case Kind::boolean: return "bool";
    case Kind::bytes32: return "bytes32";
    case Kind::bytes: return "bytes";
    case Kind::string: return "string";
    case Kind::tuple: {
      std::string s = "(";
      for (std::size_t i = 0; i < components.size(); ++i) {
        if (i) s += ",";
        s += components[i].canonical();
      }
      return s + ")";
    }
    case Kind::array: return components.at(0).canonical() + "[]";
  }
  return "?";
}

Value Value::uint(const U256& v) { return Value{Kind::uint, v, {}, {}}; }

Value Value::int_(const Int256& v) {
  if (!in_int256_range(v)) throw ChainError(ErrorKind::invalid_argument, "ABI int256 out of range");
  U256 w;
  if (v >= 0) {
    w = static_cast<U256>(v);
  } else {
    const Int256 magnitude = -v;  // ≤ 2^255, representable in Boost's sign-magnitude int256
    w = ~static_cast<U256>(magnitude) + 1;  // two's complement mod 2^256
  }
  return Value{Kind::int_, w, {}, {}};
}

Value Value::address(const Address& a) {
  return Value{Kind::address, from_word([&] {
                 std::array<std::uint8_t, 32> w{};
                 std::copy(a.begin(), a.end(), w.begin() + 12);
                 return w;
               }()),
               {}, {}};
}

Value Value::boolean(bool b) { return Value{Kind::boolean, U256(b ? 1 : 0), {}, {}}; }
Value Value::bytes32(const std::array<std::uint8_t, 32>& b) { return Value{Kind::bytes32, from_word(b), {}, {}}; }
Value Value::bytes_of(Bytes b) { return Value{Kind::bytes, 0, std::move(b), {}}; }
Value Value::string_of(std::string_view s) { return Value{Kind::string, 0, Bytes(s.begin(), s.end()), {}}; }
Value Value::tuple(std::vector<Value> members) { return Value{Kind::tuple, 0, {}, std::move(members)}; }
Value Value::array(std::vector<Value> elements) { return Value{Kind::array, 0, {}, std::move(elements)}; }

bool Value::is_dynamic() const {
  switch (kind) {
    case Kind::bytes:
    case Kind::string:
    case Kind::array: return true;
    case Kind::tuple:
      return std::any_of(items.begin(), items.end(), [](const Value& c) { return c.is_dynamic(); });
    default: return false;
  }
}

const U256& Value::as_uint() const {
  if (kind != Kind::uint) wrong_kind("a uint");
  return word;
}

Int256 Value::as_int() const {
  if (kind != Kind::int_) wrong_kind("an int");
  if (word < int256_span()) return static_cast<Int256>(word);
  return -static_cast<Int256>(~word) - 1;  // word − 2^256, computed without leaving 256 bits
}

Address Value::as_address() const {
  if (kind != Kind::address) wrong_kind("an address");
  const auto w = to_word(word);
  Address a{};
  std::copy(w.begin() + 12, w.end(), a.begin());
  return a;
}

bool Value::as_bool() const {
  if (kind != Kind::boolean) wrong_kind("a bool");
  return word != 0;
}

const std::vector<Value>& Value::as_items() const {
  if (kind != Kind::tuple && kind != Kind::array) wrong_kind("a tuple or array");
  return items;
}

Bytes encode(const std::vector<Value>& args) { return encode_sequence(args); }

std::vector<Value> decode(const std::vector<Type>& types, std::span<const std::uint8_t> data) {
  const Reader r(data);
  return decode_sequence(types, r, 0);
}

std::array<std::uint8_t, 4> selector(std::string_view signature) {
  const auto h = crypto::keccak256(signature);
  return {h[0], h[1], h[2], h[3]};
}

Bytes call_data(std::string_view signature, const std::vector<Value>& args) {
  const auto sel = selector(signature);
  Bytes out(sel.begin(), sel.end());
  const Bytes body = encode(args);
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

}  // namespace xm::chains::abi
