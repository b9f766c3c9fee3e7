# Strict warnings for the project's own targets (third-party headers come in as SYSTEM).
add_library(xm_warnings INTERFACE)
target_compile_options(xm_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
  $<$<BOOL:${XM_WERROR}>:-Werror>
  # GCC 12 reports a false -Wrestrict inside std::string as inlined from Boost's cpp_int::str() at -O3
  # (GCC bug 105329); it is not about the project's code.
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)

# Assertions stay on in every build type: a broken invariant in money code must stop, not continue.
string(REPLACE "-DNDEBUG" "" CMAKE_CXX_FLAGS_RELEASE "${CMAKE_CXX_FLAGS_RELEASE}")
string(REPLACE "-DNDEBUG" "" CMAKE_CXX_FLAGS_RELWITHDEBINFO "${CMAKE_CXX_FLAGS_RELWITHDEBINFO}")

if(XM_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# Adds a Catch2 test executable from the *_test.cpp files of a folder, labelled for `ctest -L`.
function(xm_add_tests name label)
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/tests/*_test.cpp)
  if(NOT sources)
    return()
  endif()
  add_executable(${name} ${sources})
  target_link_libraries(${name} PRIVATE ${ARGN} Catch2::Catch2WithMain xm_warnings)
  catch_discover_tests(${name} PROPERTIES LABELS "${label}"
                       WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endfunction()
