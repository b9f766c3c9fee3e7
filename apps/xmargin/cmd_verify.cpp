// xmargin verify FILE...: checks every expectation of every fixture, one line per check.
#include <iostream>

#include "cli.hpp"
#include "commands.hpp"
#include "verifiers.hpp"

namespace xm::cli {

int cmd_verify(const Args& args) {
  ArgScanner scan("verify", args);
  const bool quiet = scan.flag("--quiet");
  const auto files = scan.positionals(1, SIZE_MAX);
  std::size_t held = 0, failed = 0, input_errors = 0;
  for (const auto& file : files) {
    try {
      const json::Value doc = json::parse(read_file(file));
      const json::JsonRef root(doc, "");
      const std::string& format = root.at("format").string();
      const FormatVerifier* verifier = nullptr;
      for (const auto& v : verifiers())
        if (v.format == format) verifier = &v;
      if (!verifier) root.at("format").fail("unknown fixture format \"" + format + "\"");
      for (const auto& check : verifier->verify(root)) {
        if (check.ok) {
          ++held;
          if (!quiet) std::cout << "ok    " << file << ": " << check.name << '\n';
        } else {
          ++failed;
          std::cout << "FAIL  " << file << ": " << check.name << ": expected " << check.expected << ", actual "
                    << check.actual << '\n';
        }
      }
    } catch (const json::InputError& e) {
      ++input_errors;
      std::cerr << "error: " << file << ": " << e.what() << '\n';
    } catch (const FileInputError& e) {
      ++input_errors;
      std::cerr << "error: " << e.what() << '\n';
    }
  }
  std::cout << "verify: " << held << " held, " << failed << " mismatched, " << input_errors << " input errors in "
            << files.size() << " files\n";
  if (input_errors) return kInputError;
  return failed ? kMismatch : kOk;
}

}  // namespace xm::cli
