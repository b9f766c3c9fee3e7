#include "cli.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace xm::cli {
namespace {
constexpr std::uintmax_t kMaxInputBytes = 256ull << 20;  // inputs are bounded like everything else
}

ArgScanner::ArgScanner(std::string_view command, const Args& args) : command_(command), rest_(args) {}

bool ArgScanner::flag(std::string_view name) {
  auto it = std::find(rest_.begin(), rest_.end(), name);
  if (it == rest_.end()) return false;
  rest_.erase(it);
  return true;
}

std::string ArgScanner::value(std::string_view name, bool required) {
  for (auto it = rest_.begin(); it != rest_.end(); ++it) {
    if (*it == name) {
      if (std::next(it) == rest_.end() || std::next(it)->starts_with("--"))
        throw UsageError(std::string(command_) + ": " + std::string(name) + " needs a value");
      std::string v = *std::next(it);
      rest_.erase(it, it + 2);
      return v;
    }
    const std::string prefix = std::string(name) + "=";
    if (it->starts_with(prefix)) {
      std::string v = it->substr(prefix.size());
      rest_.erase(it);
      return v;
    }
  }
  if (required) throw UsageError(std::string(command_) + ": " + std::string(name) + " is required");
  return {};
}

std::vector<std::string> ArgScanner::positionals(std::size_t min, std::size_t max) {
  for (const auto& a : rest_)
    if (a.starts_with("-") && a != "-") throw UsageError(std::string(command_) + ": unknown option '" + a + "'");
  if (rest_.size() < min) throw UsageError(std::string(command_) + ": missing FILE argument");
  if (rest_.size() > max) throw UsageError(std::string(command_) + ": unexpected argument '" + rest_[max] + "'");
  return rest_;
}

std::string read_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw FileInputError(path, "", "no such file");
  if (std::filesystem::file_size(path, ec) > kMaxInputBytes) throw FileInputError(path, "", "file larger than 256 MiB");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileInputError(path, "", "cannot be read");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file_atomic(const std::string& path, std::string_view content) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      throw OutsideFailure("cannot write " + path);
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    throw OutsideFailure("cannot write " + path + ": " + ec.message());
  }
}

}  // namespace xm::cli
