// xmargin: a thin dispatcher over the libraries. Every error class maps to one exit code and one
// `error:` line (SPEC §6); nothing escapes as a crash.
#include <cstdio>
#include <exception>
#include <iostream>

#include "cli.hpp"
#include "version.hpp"
#include "xm/codec/json.hpp"

namespace {

void print_help() {
  std::cout << "xmargin " << xm::kVersion << " — deterministic fixed-point cross-margin engine\n\n"
            << "usage: xmargin <command> [options]\n\ncommands:\n";
  for (const auto& c : xm::cli::commands()) {
    std::string head = std::string(c.name) + " " + std::string(c.synopsis);
    std::cout << "  " << head;
    for (std::size_t i = head.size(); i < 36; ++i) std::cout << ' ';
    std::cout << c.summary << '\n';
  }
  std::cout << "\noptions: --help, --version (also after any command)\n"
            << "exit codes: 0 ok, 1 verify mismatch, 2 usage or input error, 3 outside failure\n";
}

int usage_error(const std::string& message) {
  std::cerr << "error: " << message << " (see 'xmargin --help')\n";
  return xm::cli::kInputError;
}

}  // namespace

int main(int argc, char** argv) {
  xm::cli::Args args(argv + 1, argv + argc);
  if (args.empty()) return usage_error("missing command");
  const std::string name = args.front();
  if (name == "--help" || name == "-h" || name == "help") { print_help(); return xm::cli::kOk; }
  if (name == "--version") { std::cout << "xmargin " << xm::kVersion << '\n'; return xm::cli::kOk; }

  const xm::cli::Command* command = nullptr;
  for (const auto& c : xm::cli::commands())
    if (c.name == name) command = &c;
  if (!command) return usage_error("unknown command '" + name + "'");
  args.erase(args.begin());
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") {
      std::cout << "usage: xmargin " << command->name << ' ' << command->synopsis << "\n  " << command->summary << '\n';
      return xm::cli::kOk;
    }
    if (a == "--version") { std::cout << "xmargin " << xm::kVersion << '\n'; return xm::cli::kOk; }
  }

  try {
    return command->run(args);
  } catch (const xm::cli::UsageError& e) {
    return usage_error(e.what());
  } catch (const xm::cli::FileInputError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return xm::cli::kInputError;
  } catch (const xm::json::InputError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return xm::cli::kInputError;
  } catch (const xm::cli::OutsideFailure& e) {
    std::cerr << "error: " << e.what() << '\n';
    return xm::cli::kOutsideFailure;
  } catch (const std::exception& e) {
    // A bug, not a user error: still one line and a defined exit code rather than an abort.
    std::cerr << "error: internal: " << e.what() << '\n';
    return 70;
  }
}
