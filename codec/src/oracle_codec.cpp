#include "xm/codec/oracle_codec.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "xm/engine/decimal.hpp"

namespace xm::codec {
namespace {

using json::JsonRef;

constexpr std::size_t kMaxRounds = 100000;
constexpr std::size_t kMaxQuotesPerAsset = 256;

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// "0x"-prefixed hex of any even length up to 1 KiB; length rules belong to the signature check.
std::vector<std::uint8_t> hex_bytes(const JsonRef& v) {
  const std::string& s = v.string();
  if (s.size() < 2 || s[0] != '0' || s[1] != 'x') v.fail("must be 0x-prefixed hex");
  if (s.size() % 2 != 0) v.fail("odd number of hex digits");
  if (s.size() > 2050) v.fail("longer than 1024 bytes");
  std::vector<std::uint8_t> out;
  for (std::size_t i = 2; i < s.size(); i += 2) {
    const int hi = hex_digit(s[i]), lo = hex_digit(s[i + 1]);
    if (hi < 0 || lo < 0) v.fail("not hex at offset " + std::to_string(i));
    out.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
  }
  return out;
}

oracles::Quote decode_quote(const JsonRef& q) {
  q.only({"source", "price", "conf", "ts", "wat", "signature"});
  oracles::Quote out;
  out.source = q.at("source").string();
  out.price = q.at("price").wad();  // any sign: non_positive is a drop reason, not an input error
  if (auto c = q.find("conf")) out.conf = c->non_negative_wad();
  out.ts = q.at("ts").integer();
  const auto wat = q.find("wat");
  const auto sig = q.find("signature");
  if (wat.has_value() != sig.has_value()) q.fail("a signed quote needs both \"wat\" and \"signature\"");
  if (sig) out.signed_report = oracles::SignedReport{wat->string(), hex_bytes(*sig)};
  return out;
}

std::vector<std::string> string_list(const JsonRef& v) {
  std::vector<std::string> out;
  for (const auto& it : v.items()) out.push_back(it.string());
  return out;
}

std::optional<std::string> price_text(const JsonRef& v) {
  if (v.is_null()) return std::string("none");
  return format_wad(v.wad());
}

OracleExpect decode_expect(const JsonRef& e) {
  e.only({"status", "price", "conf", "median", "breaker_tripped", "used", "dropped"});
  OracleExpect x;
  x.path = e.path();
  if (auto s = e.find("status")) {
    const std::string& t = s->string();
    if (t != "ok" && t != "degraded" && t != "insufficient" && t != "halted")
      s->fail("must be ok, degraded, insufficient or halted");
    x.status = t;
  }
  // find() treats null as absent, so "price": null (no price) is read through members().
  for (const auto& [key, ref] : e.members()) {
    if (key == "price") x.price = price_text(ref);
    if (key == "conf") x.conf = price_text(ref);
    if (key == "median") x.median = price_text(ref);
  }
  if (auto b = e.find("breaker_tripped")) x.breaker_tripped = b->boolean();
  if (auto u = e.find("used")) {
    x.used = string_list(*u);
    std::sort(x.used->begin(), x.used->end());
  }
  if (auto d = e.find("dropped")) x.dropped = string_list(*d);
  return x;
}

std::map<AssetId, oracles::RoundInput> decode_inputs(const JsonRef& round, const OracleFixture& f) {
  std::map<AssetId, oracles::RoundInput> inputs;
  const auto known = [&](const std::string& asset, const JsonRef& where) {
    if (!f.policies.count(AssetId{asset})) where.fail("asset \"" + asset + "\" is not configured in \"assets\"");
  };
  if (auto qs = round.find("quotes")) {
    for (const auto& [asset, list] : qs->members()) {
      known(asset, list);
      if (list.size() > kMaxQuotesPerAsset) list.fail("more than 256 quotes");
      auto& in = inputs[AssetId{asset}];
      for (const auto& q : list.items()) in.quotes.push_back(decode_quote(q));
    }
  }
  if (auto fs = round.find("failures")) {
    for (const auto& [asset, list] : fs->members()) {
      known(asset, list);
      auto& in = inputs[AssetId{asset}];
      for (const auto& item : list.items()) {
        item.only({"source", "detail"});
        in.failures.push_back(oracles::SourceFailure{item.at("source").string(), item.at("detail").string()});
      }
    }
  }
  return inputs;
}

void write_wad(rapidjson::Writer<rapidjson::StringBuffer>& w, const std::optional<Wad>& v) {
  if (v) {
    const std::string s = format_wad(*v);
    w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
  } else {
    w.Null();
  }
}

void write_string(rapidjson::Writer<rapidjson::StringBuffer>& w, const std::string& s) {
  w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
}

}  // namespace

oracles::Policy decode_policy(const JsonRef& p) {
  p.only({"sources", "min_sources", "max_age_s", "max_future_s", "max_conf_ratio", "max_deviation", "drift_rounds",
          "recovery_rounds", "breaker_max_move", "breaker_window_s", "breaker_cooldown_s", "wat", "signers",
          "require_signatures"});
  oracles::Policy out;
  out.sources = string_list(p.at("sources"));
  if (auto v = p.find("min_sources")) out.min_sources = v->integer();
  if (auto v = p.find("max_age_s")) out.max_age_s = v->integer();
  if (auto v = p.find("max_future_s")) out.max_future_s = v->integer();
  if (auto v = p.find("max_conf_ratio")) out.max_conf_ratio = v->non_negative_wad();
  if (auto v = p.find("max_deviation")) out.max_deviation = v->non_negative_wad();
  if (auto v = p.find("drift_rounds")) out.drift_rounds = v->integer();
  if (auto v = p.find("recovery_rounds")) out.recovery_rounds = v->integer();
  if (auto v = p.find("breaker_max_move")) out.breaker_max_move = v->non_negative_wad();
  if (auto v = p.find("breaker_window_s")) out.breaker_window_s = v->integer();
  if (auto v = p.find("breaker_cooldown_s")) out.breaker_cooldown_s = v->integer();
  if (auto v = p.find("wat")) out.wat = v->string();
  if (auto v = p.find("signers")) {
    for (const auto& s : v->items()) {
      const auto a = crypto::parse_address(s.string());
      if (!a) s.fail("must be a 0x-prefixed 20-byte hex address");
      out.signers.push_back(*a);
    }
  }
  if (auto v = p.find("require_signatures")) out.require_signatures = v->boolean();
  const std::size_t configured = out.sources.size();
  oracles::normalize(out);
  if (out.sources.size() != configured) p.at("sources").fail("a source is listed twice");
  if (auto err = oracles::check_policy(out)) {
    const std::string& e = *err;
    const auto colon = e.find(':');
    const std::string field = e.substr(0, colon);
    const auto at = p.find(field);
    (at ? *at : p).fail(e.substr(colon + 2));
  }
  return out;
}

OracleFixture decode_oracle_fixture(const JsonRef& root) {
  root.only({"format", "assets", "rounds"});
  if (root.at("format").string() != "xmargin-oracle/1") root.at("format").fail("must be \"xmargin-oracle/1\"");
  OracleFixture f;
  for (const auto& [asset, policy] : root.at("assets").members()) f.policies.emplace(AssetId{asset}, decode_policy(policy));
  if (f.policies.empty()) root.at("assets").fail("at least one asset is required");
  const auto rounds = root.at("rounds");
  if (rounds.size() > kMaxRounds) rounds.fail("more than 100000 rounds");
  std::optional<std::int64_t> last_now;
  for (const auto& r : rounds.items()) {
    r.only({"now", "quotes", "failures", "expect"});
    OracleRound round;
    round.now = r.at("now").integer();
    if (last_now && round.now < *last_now) r.at("now").fail("earlier than the previous round's now");
    last_now = round.now;
    round.inputs = decode_inputs(r, f);
    if (auto e = r.find("expect")) {
      for (const auto& [asset, block] : e->members()) {
        if (!f.policies.count(AssetId{asset})) block.fail("asset \"" + asset + "\" is not configured in \"assets\"");
        round.expect.emplace(AssetId{asset}, decode_expect(block));
      }
    }
    f.rounds.push_back(std::move(round));
  }
  return f;
}

std::string describe(const oracles::Dropped& d) {
  std::string s = d.source + ":" + oracles::to_string(d.reason);
  if (!d.detail.empty()) s += ":" + d.detail;
  return s;
}

std::string encode_oracle_report(const std::vector<std::pair<std::int64_t, oracles::RoundReport>>& rounds) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("format");
  w.String("xmargin-oracle-report/1");
  w.Key("rounds");
  w.StartArray();
  for (const auto& [now, report] : rounds) {
    w.StartObject();
    w.Key("now");
    w.Int64(now);
    w.Key("assets");
    w.StartObject();
    for (const auto& [id, r] : report) {
      w.Key(id.value.c_str(), static_cast<rapidjson::SizeType>(id.value.size()));
      w.StartObject();
      w.Key("status");
      w.String(oracles::to_string(r.status));
      w.Key("price");
      write_wad(w, r.price);
      w.Key("conf");
      write_wad(w, r.conf);
      w.Key("median");
      write_wad(w, r.median);
      w.Key("breaker_tripped");
      w.Bool(r.breaker_tripped);
      w.Key("used");
      w.StartArray();
      for (const auto& s : r.used) write_string(w, s);
      w.EndArray();
      w.Key("dropped");
      w.StartArray();
      for (const auto& d : r.dropped) {
        w.StartObject();
        w.Key("source");
        write_string(w, d.source);
        w.Key("reason");
        w.String(oracles::to_string(d.reason));
        w.Key("detail");
        write_string(w, d.detail);
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize()) + "\n";
}

}  // namespace xm::codec
