// test_util.h — helpers shared by the unit tests: reading fixture files.
#pragma once
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace ae_test {
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
inline std::string data(const std::string& name) { return read_file(std::string(AE_TEST_DATA_DIR) + "/" + name); }
inline std::string asset(const std::string& name) { return read_file(std::string(AE_ASSETS_DIR) + "/" + name); }
}  // namespace ae_test
