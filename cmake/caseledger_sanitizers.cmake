# Sanitizer and fuzzer builds (docs/hardening.md). Both apply their flags to every target
# this project defines (library, CLI, samples, tests), never to a project embedding it.
#
# CASELEDGER_SANITIZE="address,undefined" or "thread": the library and every test built with
# those sanitizers; undefined behaviour stops the program instead of printing and going on.
# The Python bindings, the pytest case and the installed-package check are left out: they
# would load or link the instrumented library from an uninstrumented python or project.
#
# CASELEDGER_BUILD_FUZZERS=ON: everything is instrumented for libFuzzer (coverage) with
# AddressSanitizer and UndefinedBehaviorSanitizer, and tests/fuzz builds one libFuzzer
# program per reader or parser. libFuzzer ships with clang only.

set(caseledger_sanitize_values "" "address,undefined" "undefined,address" "address" "thread")
if(NOT CASELEDGER_SANITIZE IN_LIST caseledger_sanitize_values)
  message(FATAL_ERROR "CASELEDGER_SANITIZE='${CASELEDGER_SANITIZE}': expected empty, "
                      "'address,undefined' or 'thread'")
endif()

if(CASELEDGER_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "CASELEDGER_BUILD_FUZZERS needs clang (libFuzzer ships with it), not "
                        "${CMAKE_CXX_COMPILER_ID}: configure a fresh build folder with "
                        "-DCMAKE_CXX_COMPILER=clang++ (Debian: apt-get install clang "
                        "libclang-rt-14-dev)")
  endif()
  if(CASELEDGER_SANITIZE)
    message(FATAL_ERROR "CASELEDGER_BUILD_FUZZERS already builds with address,undefined: "
                        "leave CASELEDGER_SANITIZE empty")
  endif()
  # fuzzer-no-link: coverage instrumentation everywhere; only the fuzz programs link
  # libFuzzer's main (tests/fuzz/CMakeLists.txt).
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined
                      -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
elseif(CASELEDGER_SANITIZE)
  add_compile_options(-fsanitize=${CASELEDGER_SANITIZE} -fno-omit-frame-pointer)
  if(CASELEDGER_SANITIZE MATCHES "undefined")
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
  add_link_options(-fsanitize=${CASELEDGER_SANITIZE})
endif()

if(CASELEDGER_SANITIZE OR CASELEDGER_BUILD_FUZZERS)
  set(caseledger_instrumented ON)
else()
  set(caseledger_instrumented OFF)
endif()
