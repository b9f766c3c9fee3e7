# All dependencies are Debian packages; scripts/setup.sh installs them.
find_package(Boost 1.74 REQUIRED)            # headers only: Multiprecision
find_package(RapidJSON REQUIRED)             # rapidjson-dev
find_package(Catch2 2.13 REQUIRED)           # catch2
find_package(PkgConfig REQUIRED)
pkg_check_modules(SECP256K1 REQUIRED IMPORTED_TARGET libsecp256k1)
pkg_check_modules(CRYPTOPP REQUIRED IMPORTED_TARGET libcrypto++)
# Debian ships cpp-httplib as a compiled .so with only a pkg-config file; its cflags carry the
# feature macros the library was built with, so they must reach every user of the header.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
find_package(Threads REQUIRED)

# RapidJSON's package config sets only a variable; wrap it in a target (SYSTEM: not our warnings).
add_library(xm_rapidjson INTERFACE)
target_include_directories(xm_rapidjson SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIRS})
# Catch.cmake (catch_discover_tests) sits beside Catch2's package config.
list(APPEND CMAKE_MODULE_PATH ${Catch2_DIR})
