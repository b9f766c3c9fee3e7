// xmargin liquidate FILE [--json]: plans the liquidation of the account in an xmargin-liquidation/1
// document (its "expect" block, if any, is ignored). --json prints the certificate; otherwise a
// readable summary. A refusal is a result, not an error: exit 0 with the named reason.
#include <iostream>

#include "commands.hpp"
#include "liquidation_certificate.hpp"
#include "xm/engine/decimal.hpp"

namespace xm::cli {
namespace {

void print_text(const codec::LiquidationInput& in, const json::Value& expect) {
  std::cout << "account " << in.account.id << "\n";
  if (const json::Value* refusal = codec::member(expect, "refusal")) {
    std::cout << "refused: " << codec::member(*refusal, "reason")->text << " "
              << codec::member(*refusal, "subject")->text;
    const std::string& detail = codec::member(*refusal, "detail")->text;
    std::cout << (detail.empty() ? "" : " (" + detail + ")") << "\n";
    return;
  }
  const json::Value& plan = *codec::member(expect, "plan");
  auto field = [](const json::Value& o, std::string_view k) { return codec::member(o, k)->text; };
  std::size_t n = 0;
  for (const auto& s : codec::member(plan, "steps")->items) {
    std::cout << "step " << ++n << ": " << field(s, "kind");
    if (field(s, "kind") == "borrow") {
      std::cout << " repay " << field(s, "repaid") << " " << field(*codec::member(s, "borrow"), "asset") << " seize "
                << field(s, "seized") << " " << field(*codec::member(s, "collateral"), "asset");
    } else {
      std::cout << " " << field(s, "market") << " close " << field(s, "delta") << " at " << field(s, "price")
                << " fee " << field(s, "fee") << " (insurance " << field(s, "fee_to_insurance") << ")";
    }
    std::cout << "  health " << field(s, "health_before") << " -> " << field(s, "health_after") << "\n";
  }
  const json::Value& cross = *codec::member(plan, "cross");
  std::cout << "cross health " << field(cross, "health_before") << " -> " << field(cross, "health_after")
            << " (target " << field(cross, "target_after") << ")\n"
            << "bad debt " << field(plan, "bad_debt") << ": insurance paid " << field(plan, "insurance_paid")
            << ", socialized " << field(plan, "socialized_loss") << "; insurance fund "
            << field(plan, "insurance_fund_before") << " -> " << field(plan, "insurance_fund_after") << "\n"
            << "result digest " << codec::member(expect, "result_digest")->text << "\n";
}

}  // namespace

int cmd_liquidate(const Args& args) {
  ArgScanner scan("liquidate", args);
  const bool as_json = scan.flag("--json");
  const std::string file = scan.positionals(1, 1).front();
  try {
    const json::Value doc = json::parse(read_file(file));
    const json::JsonRef root(doc, "");
    root.only({"format", "params", "prices", "account", "insurance_fund", "borrow_liquidation_fee", "expect"});
    const std::string& format = root.at("format").string();
    if (format != "xmargin-liquidation/1") root.at("format").fail("must be \"xmargin-liquidation/1\"");
    const codec::LiquidationInput in = codec::decode_liquidation_input(root);
    if (as_json) {
      std::cout << codec::to_text(liquidation_certificate(in), true) << "\n";
    } else {
      print_text(in, liquidation_expect(in));
    }
  } catch (const json::InputError& e) {
    throw FileInputError(file, e.path(), e.reason());
  }
  return kOk;
}

}  // namespace xm::cli
