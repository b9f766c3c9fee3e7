#include "xm/codec/json.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <set>

#include "xm/engine/decimal.hpp"

namespace xm::json {

Value::Value() = default;
Value::~Value() = default;
Value::Value(const Value&) = default;
Value::Value(Value&&) noexcept = default;
Value& Value::operator=(const Value&) = default;
Value& Value::operator=(Value&&) noexcept = default;

namespace {

constexpr std::size_t kMaxDepth = 64;  // bounds recursion on hostile input

// Builds a Value tree from RapidJSON's SAX events.
class TreeBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TreeBuilder> {
 public:
  Value root;
  std::string error;

  bool Null() { return put(Value{}); }
  bool Bool(bool b) { Value v; v.kind = Value::Kind::boolean; v.flag = b; return put(std::move(v)); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    Value v; v.kind = Value::Kind::number; v.text.assign(s, n); return put(std::move(v));
  }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    Value v; v.kind = Value::Kind::string; v.text.assign(s, n); return put(std::move(v));
  }
  bool StartObject() { return open(Value::Kind::object); }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    Value* obj = stack_.back();
    std::string key(s, n);
    if (!keys_.back().insert(key).second) {
      error = "duplicate key \"" + key + "\"";
      return false;
    }
    obj->members.emplace_back(std::move(key), Value{});
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(Value::Kind::array); }
  bool EndArray(rapidjson::SizeType) { return close(); }

 private:
  Value* slot() {
    if (stack_.empty()) return &root;
    Value* top = stack_.back();
    if (top->kind == Value::Kind::array) {
      top->items.emplace_back();
      return &top->items.back();
    }
    return &top->members.back().second;
  }
  bool put(Value v) { *slot() = std::move(v); return true; }
  bool open(Value::Kind k) {
    if (stack_.size() >= kMaxDepth) {
      error = "nesting deeper than 64 levels";
      return false;
    }
    Value* s = slot();
    s->kind = k;
    stack_.push_back(s);
    keys_.emplace_back();
    return true;
  }
  bool close() { stack_.pop_back(); keys_.pop_back(); return true; }

  std::vector<Value*> stack_;  // pointers stay valid: a parent's vectors only grow at its back,
                               // and only the innermost open container is ever appended to
  std::vector<std::set<std::string>> keys_;
};

std::pair<std::size_t, std::size_t> line_col(std::string_view text, std::size_t offset) {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') { ++line; col = 1; } else { ++col; }
  }
  return {line, col};
}

}  // namespace

Value parse(std::string_view text) {
  TreeBuilder builder;
  rapidjson::Reader reader;
  rapidjson::MemoryStream ms(text.data(), text.size());
  rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> is(ms);
  constexpr unsigned kFlags = rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseValidateEncodingFlag |
                              rapidjson::kParseIterativeFlag;
  const rapidjson::ParseResult ok = reader.Parse<kFlags>(is, builder);
  if (!ok) {
    const auto [line, col] = line_col(text, ok.Offset());
    std::string reason = builder.error.empty() ? rapidjson::GetParseError_En(ok.Code()) : builder.error;
    throw InputError("", "invalid JSON at line " + std::to_string(line) + ", column " + std::to_string(col) +
                             ": " + reason);
  }
  return std::move(builder.root);
}

const char* kind_name(Value::Kind k) noexcept {
  switch (k) {
    case Value::Kind::null: return "null";
    case Value::Kind::boolean: return "a boolean";
    case Value::Kind::number: return "a number";
    case Value::Kind::string: return "a string";
    case Value::Kind::array: return "an array";
    case Value::Kind::object: return "an object";
  }
  return "?";
}

void JsonRef::fail(std::string reason) const { throw InputError(path_.empty() ? "$" : path_, std::move(reason)); }

void JsonRef::expect(Value::Kind k) const {
  if (v_->kind != k) fail(std::string("expected ") + kind_name(k) + ", found " + kind_name(v_->kind));
}

bool JsonRef::has(std::string_view key) const { return find(key).has_value(); }

std::optional<JsonRef> JsonRef::find(std::string_view key) const {
  expect(Value::Kind::object);
  for (const auto& [k, v] : v_->members)
    if (k == key) {
      if (v.kind == Value::Kind::null) return std::nullopt;
      return JsonRef(v, path_.empty() ? std::string(key) : path_ + "." + std::string(key));
    }
  return std::nullopt;
}

JsonRef JsonRef::at(std::string_view key) const {
  auto r = find(key);
  if (!r) JsonRef(*v_, path_.empty() ? std::string(key) : path_ + "." + std::string(key)).fail("missing required field");
  return *r;
}

std::vector<std::pair<std::string, JsonRef>> JsonRef::members() const {
  expect(Value::Kind::object);
  std::vector<std::pair<std::string, JsonRef>> out;
  out.reserve(v_->members.size());
  for (const auto& [k, v] : v_->members) out.emplace_back(k, JsonRef(v, path_.empty() ? k : path_ + "." + k));
  return out;
}

void JsonRef::only(std::initializer_list<std::string_view> known) const {
  expect(Value::Kind::object);
  for (const auto& [k, v] : v_->members) {
    if (k == "note" || k == "description" || k == "comment") continue;
    if (std::find(known.begin(), known.end(), k) == known.end())
      JsonRef(v, path_.empty() ? k : path_ + "." + k).fail("unknown field");
  }
}

std::size_t JsonRef::size() const {
  expect(Value::Kind::array);
  return v_->items.size();
}

JsonRef JsonRef::operator[](std::size_t i) const {
  expect(Value::Kind::array);
  if (i >= v_->items.size()) fail("index " + std::to_string(i) + " out of range");
  return JsonRef(v_->items[i], path_ + "[" + std::to_string(i) + "]");
}

std::vector<JsonRef> JsonRef::items() const {
  expect(Value::Kind::array);
  std::vector<JsonRef> out;
  out.reserve(v_->items.size());
  for (std::size_t i = 0; i < v_->items.size(); ++i)
    out.emplace_back(v_->items[i], path_ + "[" + std::to_string(i) + "]");
  return out;
}

Wad JsonRef::wad() const {
  if (v_->kind == Value::Kind::number) fail("must be a decimal string (e.g. \"" + v_->text + "\"), not a JSON number");
  expect(Value::Kind::string);
  auto r = parse_wad(v_->text);
  if (!r) fail("invalid decimal \"" + v_->text + "\": " + r.error().reason);
  return std::move(r).value();
}

Wad JsonRef::positive_wad() const {
  Wad w = wad();
  if (w.sign() <= 0) fail("must be > 0, got \"" + v_->text + "\"");
  return w;
}

Wad JsonRef::non_negative_wad() const {
  Wad w = wad();
  if (w.sign() < 0) fail("must be >= 0, got \"" + v_->text + "\"");
  return w;
}

std::int64_t JsonRef::integer() const {
  if (v_->kind != Value::Kind::number && v_->kind != Value::Kind::string)
    fail(std::string("expected an integer, found ") + kind_name(v_->kind));
  auto r = parse_int64(v_->text);
  if (!r) fail("invalid integer \"" + v_->text + "\": " + r.error().reason);
  return *r;
}

std::int64_t JsonRef::non_negative_integer() const {
  const std::int64_t v = integer();
  if (v < 0) fail("must be >= 0, got " + std::to_string(v));
  return v;
}

const std::string& JsonRef::string() const {
  expect(Value::Kind::string);
  return v_->text;
}

bool JsonRef::boolean() const {
  expect(Value::Kind::boolean);
  return v_->flag;
}

}  // namespace xm::json
