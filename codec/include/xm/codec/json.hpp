#pragma once
// The project's one JSON layer (RapidJSON underneath). Numbers are kept as their source text, so
// nothing ever passes through `double`, and a JSON number stays distinguishable from a string:
// money must be a decimal *string* (SPEC §1), counts may be either.
//
// Reading goes through JsonRef, which carries its JSON path ("accounts[3].perps[0].size") and
// throws InputError naming that path and the reason on any mismatch. The CLI catches InputError at
// its boundary and prints `error: FILE: PATH: reason` (exit 2).
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "xm/engine/wad.hpp"

namespace xm::json {

struct Value {
  enum class Kind : std::uint8_t { null, boolean, number, string, array, object };
  Kind kind = Kind::null;
  bool flag = false;
  std::string text;  // a number's source text or a string's content
  std::vector<Value> items;
  std::vector<std::pair<std::string, Value>> members;  // in document order; keys are unique

  // Declared here, defaulted in json.cpp: with the implicit ones, clang (with libstdc++ 12) must
  // complete std::pair<std::string, Value> while Value itself is incomplete, and rejects the file.
  Value();
  ~Value();
  Value(const Value&);
  Value(Value&&) noexcept;
  Value& operator=(const Value&);
  Value& operator=(Value&&) noexcept;
};

class InputError : public std::runtime_error {
 public:
  InputError(std::string path, std::string reason)
      : std::runtime_error(path.empty() ? reason : path + ": " + reason),
        path_(std::move(path)), reason_(std::move(reason)) {}
  const std::string& path() const noexcept { return path_; }
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::string path_;
  std::string reason_;
};

// Parses a whole document; throws InputError (path "", reason with line and column) when the text
// is not JSON, repeats a key in one object, or is not valid UTF-8.
Value parse(std::string_view text);

const char* kind_name(Value::Kind k) noexcept;

class JsonRef {
 public:
  JsonRef(const Value& v, std::string path) : v_(&v), path_(std::move(path)) {}

  const std::string& path() const noexcept { return path_; }
  const Value& value() const noexcept { return *v_; }
  Value::Kind kind() const noexcept { return v_->kind; }
  bool is_null() const noexcept { return v_->kind == Value::Kind::null; }

  // Objects
  bool has(std::string_view key) const;
  JsonRef at(std::string_view key) const;                   // required member
  std::optional<JsonRef> find(std::string_view key) const;  // optional member (null counts as absent)
  std::vector<std::pair<std::string, JsonRef>> members() const;
  // Rejects members other than `known` (and the free-text keys "note", "description", "comment"),
  // so that a misspelt field is an error instead of being silently ignored.
  void only(std::initializer_list<std::string_view> known) const;

  // Arrays
  std::size_t size() const;
  JsonRef operator[](std::size_t i) const;
  std::vector<JsonRef> items() const;

  // Scalars
  Wad wad() const;                 // decimal string per SPEC §1
  Wad positive_wad() const;        // > 0
  Wad non_negative_wad() const;    // >= 0
  std::int64_t integer() const;    // JSON integer or decimal string, 64-bit
  std::int64_t non_negative_integer() const;
  const std::string& string() const;
  bool boolean() const;

  [[noreturn]] void fail(std::string reason) const;

 private:
  void expect(Value::Kind k) const;
  const Value* v_;
  std::string path_;
};

}  // namespace xm::json
