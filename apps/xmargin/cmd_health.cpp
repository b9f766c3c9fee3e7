// xmargin health FILE [--json]: margin of every account of an xmargin-margin/1 document (its expect
// block, if any, is ignored): a readable table, or JSON with the input and result digests.
#include <iostream>

#include "commands.hpp"
#include "margin_report.hpp"

namespace xm::cli {

int cmd_health(const Args& args) {
  ArgScanner scan("health", args);
  const bool as_json = scan.flag("--json");
  const std::string file = scan.positionals(1, 1).front();
  codec::MarginInput in;
  try {
    const json::Value doc = json::parse(read_file(file));
    const json::JsonRef root(doc, "");
    root.only({"format", "params", "prices", "snapshots", "now", "accounts", "expect"});
    const std::string& format = root.at("format").string();
    if (format != "xmargin-margin/1") root.at("format").fail("health reads xmargin-margin/1, got \"" + format + "\"");
    in = codec::decode_margin_input(root);
  } catch (const json::InputError& e) {
    throw FileInputError(file, e.path(), e.reason());
  }
  const auto outcomes = evaluate_all(in);
  const std::string in_digest = inputs_digest(in), out_digest = results_digest(outcomes);
  if (as_json) {
    std::cout << "{\n  \"format\": \"xmargin-health/1\",\n  \"inputs_digest\": \"" << in_digest
              << "\",\n  \"results_digest\": \"" << out_digest << "\",\n  \"accounts\": [";
    for (std::size_t i = 0; i < outcomes.size(); ++i)
      std::cout << (i ? "," : "") << "\n    " << outcome_json(outcomes[i], "    ");
    std::cout << "\n  ]\n}\n";
  } else {
    for (std::size_t i = 0; i < outcomes.size(); ++i) std::cout << outcome_table(outcomes[i], in.accounts[i].id) << "\n";
    std::cout << "inputs digest  " << in_digest << "\nresults digest " << out_digest << "\n";
  }
  return kOk;
}

}  // namespace xm::cli
