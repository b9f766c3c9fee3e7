// The chain registry file (xmargin-chains/1): the documented example parses; mistakes are input
// errors naming the JSON path.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "xm/chains/registry.hpp"
#include "xm/engine/decimal.hpp"

using namespace xm::chains;

namespace {

// The first ```json block of docs/chains.md, so the documentation cannot drift from the parser.
std::string documented_example() {
  std::ifstream in("docs/chains.md");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string doc = ss.str();
  const auto start = doc.find("```json\n");
  REQUIRE(start != std::string::npos);
  const auto end = doc.find("```", start + 8);
  return doc.substr(start + 8, end - start - 8);
}

std::string error_of(const std::string& text) {
  try {
    (void)parse_registry(text);
  } catch (const xm::json::InputError& e) {
    return e.what();
  }
  return "<no error>";
}

const char* kChain = R"({"chain_id": 5, "name": "x", "rpc_url": "http://127.0.0.1:1", "finality": "finalized",
                         "max_staleness_s": 60)";

std::string doc_with(const std::string& chain_extra, const std::string& top_extra = "") {
  return std::string(R"({"format": "xmargin-chains/1", "chains": [)") + kChain + chain_extra + "}]" + top_extra + "}";
}

}  // namespace

TEST_CASE("registry: the documented example parses", "[registry]") {
  const Registry reg = parse_registry(documented_example());
  REQUIRE(reg.chains.size() == 2);
  CHECK(reg.chains[0].params.id.value == 1);  // sorted by chain id
  CHECK(reg.chains[0].finality.tag == BlockTag::finalized);
  CHECK(reg.chains[0].tokens.at(0).decimals == 6u);
  CHECK(reg.chains[0].feeds.at(0).max_age_s == 3600);
  CHECK(reg.chains[1].params.id.value == 42161);
  CHECK_FALSE(reg.chains[1].finality.tag.has_value());
  CHECK(reg.chains[1].finality.confirmations == 20);
  CHECK(xm::format_wad(reg.chains[1].params.collateral_weight) == "0.9");
  CHECK(reg.rpc.max_attempts == 3);
  REQUIRE(reg.accounts.size() == 1);
  CHECK(to_0x(reg.accounts[0].address) == "0x00000000000000000000000000000000000a11ce");
}

TEST_CASE("registry: defaults", "[registry]") {
  const Registry reg = parse_registry(doc_with(""));
  CHECK(reg.chains[0].params.collateral_weight == xm::Wad::one());
  CHECK_FALSE(reg.chains[0].native_asset.has_value());
  CHECK(reg.accounts.empty());
  CHECK(reg.rpc.request_timeout_ms == 10000);
}

TEST_CASE("registry: mistakes name their JSON path", "[registry]") {
  CHECK_THAT(error_of(doc_with(R"(, "finality": "soon")")), Catch::Contains("duplicate"));  // repeated key
  CHECK_THAT(error_of(R"({"format": "xmargin-chains/1", "chains": [{"chain_id": 5, "name": "x", "rpc_url": "http://h",
             "finality": "soon", "max_staleness_s": 1}]})"),
             Catch::StartsWith("chains[0].finality: expected \"finalized\""));
  CHECK_THAT(error_of(doc_with(R"(, "colateral_weight": "1")")), Catch::StartsWith("chains[0]") && Catch::Contains("colateral_weight"));
  CHECK_THAT(error_of(doc_with(R"(, "collateral_weight": "1.5")")), Catch::StartsWith("chains[0].collateral_weight: must be ≤ 1"));
  CHECK_THAT(error_of(doc_with(R"(, "tokens": [{"asset": "USDC", "address": "0x1234"}])")),
             Catch::StartsWith("chains[0].tokens[0].address: expected a 20-byte hex address"));
  CHECK_THAT(error_of(doc_with(R"(, "native_asset": "ETH", "tokens": [{"asset": "ETH", "address": "0x00000000000000000000000000000000000a11ce"}])")),
             Catch::StartsWith("chains[0].tokens[0].asset: asset listed twice"));
  CHECK_THAT(error_of(doc_with("", R"(, "rpc": {"max_attempts": 0})")), Catch::StartsWith("rpc.max_attempts: must be in [1, 20]"));
  CHECK_THAT(error_of(std::string(R"({"format": "xmargin-chains/1", "chains": [)") + kChain + "}," + kChain + "}]}"),
             Catch::StartsWith("chains[1].chain_id: chain id listed twice"));
  CHECK_THAT(error_of(R"({"format": "xmargin-chains/1", "chains": [{"chain_id": 5, "name": "x", "rpc_url": "ftp://h",
             "finality": "latest", "max_staleness_s": 1}]})"),
             Catch::StartsWith("chains[0].rpc_url: must start with http:// or https://"));
  CHECK_THAT(error_of(R"({"format": "xmargin-margin/1", "chains": []})"), Catch::StartsWith("format: expected"));
  CHECK_THAT(error_of(R"({"format": "xmargin-chains/1", "chains": []})"), Catch::StartsWith("chains: at least one chain"));
}
