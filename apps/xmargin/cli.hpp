#pragma once
// The xmargin command line: a table of subcommands, exit codes per SPEC §6, and the error types the
// dispatcher turns into one `error:` line on stderr.
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace xm::cli {

enum Exit : int {
  kOk = 0,              // every check held / the command did its job
  kMismatch = 1,        // `verify`: some expectation did not hold
  kInputError = 2,      // usage error or malformed input
  kOutsideFailure = 3,  // RPC unreachable, port in use, … (after a clean shutdown)
};

// Bad command-line usage: printed as `error: <message>` plus a hint, exit 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bad input in a file: printed as `error: FILE: JSON.PATH: reason`, exit 2.
class FileInputError : public std::runtime_error {
 public:
  FileInputError(std::string file, std::string path, std::string reason)
      : std::runtime_error(file + ": " + (path.empty() ? "" : path + ": ") + reason) {}
};

// A failure outside the program (network, ports): exit 3.
class OutsideFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using Args = std::vector<std::string>;

struct Command {
  std::string_view name;
  std::string_view synopsis;  // "FILE [--json]"
  std::string_view summary;   // one line for --help
  int (*run)(const Args& args);
};

std::span<const Command> commands();

// Small argument scanner shared by the subcommands: flags, flag values and positionals, with
// UsageError for anything unknown.
class ArgScanner {
 public:
  ArgScanner(std::string_view command, const Args& args);
  bool flag(std::string_view name);                          // --json
  std::string value(std::string_view name, bool required);  // --out DIR
  std::vector<std::string> positionals(std::size_t min, std::size_t max);  // must be called last

 private:
  std::string_view command_;
  std::vector<std::string> rest_;
};

// Reads a whole file; FileInputError when it cannot (missing, unreadable, larger than the bound).
std::string read_file(const std::string& path);
// Writes a file atomically (temporary + rename), so a failure never leaves a partial file behind
// looking complete.
void write_file_atomic(const std::string& path, std::string_view content);

}  // namespace xm::cli
