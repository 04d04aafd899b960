#!/usr/bin/env bash
# The whole C++ test suite under AddressSanitizer + UndefinedBehaviorSanitizer (g++, in
# build-asan/), then the tests labelled `threaded` under ThreadSanitizer (build-tsan/).
# pytest and the installed-package check are not part of these builds (docs/hardening.md).
#   scripts/sanitize.sh            both
#   scripts/sanitize.sh address    only ASan + UBSan;  scripts/sanitize.sh thread  only TSan
# CASELEDGER_WERROR=ON in the environment turns warnings into errors, as in CI.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

which="${1:-all}"
case "${which}" in
  all | address | thread) ;;
  *) echo "usage: scripts/sanitize.sh [all|address|thread]" >&2; exit 2 ;;
esac

# llvm-symbolizer turns the sanitizers' addresses into file:line; the benchmarks need theirs.
caseledger_install_packages "${caseledger_packages[@]}" "${caseledger_sanitizer_packages[@]}" \
  "${caseledger_bench_packages[@]}"

# Reports name the source line; a leak or any UB fails the test; no report is cut short.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"

# Configures a sanitizer build folder (every run: cheap when nothing changed). Extra
# arguments go to cmake.
sanitizer_configure() {
  local folder="$1" sanitizers="$2"
  shift 2
  local werror="${CASELEDGER_WERROR:-}"
  cmake -S "${caseledger_root}" -B "${folder}" -G Ninja \
    -DCASELEDGER_SANITIZE="${sanitizers}" -DCASELEDGER_BUILD_PYTHON=OFF \
    -DPython_EXECUTABLE=/usr/bin/python3 \
    ${werror:+-DCASELEDGER_WERROR="${werror}"} "$@" >/dev/null
}

if [[ "${which}" != thread ]]; then
  echo "caseledger: the C++ tests under AddressSanitizer + UndefinedBehaviorSanitizer" >&2
  # The benchmarks are built here too, and each kernel run once, so that they keep
  # compiling and their code is checked like the rest.
  sanitizer_configure "${caseledger_root}/build-asan" address,undefined \
    -DCASELEDGER_BUILD_BENCHMARKS=ON
  ninja -C "${caseledger_root}/build-asan" -j "$(nproc)"
  # pytest and package_consumer are disabled in this build; -LE keeps them out regardless.
  ctest --test-dir "${caseledger_root}/build-asan" --output-on-failure -j "$(nproc)" \
    -LE '^(python|package)$'
  "${caseledger_root}/build-asan/tests/bench/kernels_bench" --benchmark_min_time=0.01 \
    >/dev/null
fi

# How many tests build-asan/ has labelled `threaded` (the same sources as build-tsan/).
threaded_tests_in_asan_build() {
  ctest --test-dir "${caseledger_root}/build-asan" -N -L '^threaded$' |
    sed -n 's/^Total Tests: //p'
}

if [[ "${which}" != address ]]; then
  if [[ "${which}" == all && "$(threaded_tests_in_asan_build)" == 0 ]]; then
    # A whole TSan build (as long as the ASan one) would run nothing.
    echo "caseledger: no test is labelled threaded: no ThreadSanitizer build" >&2
  else
    echo "caseledger: the threaded tests under ThreadSanitizer" >&2
    # Only the programs of the threaded tests are built (tests/CMakeLists.txt gathers them
    # in one target): a whole second build would double the time for tests TSan skips.
    sanitizer_configure "${caseledger_root}/build-tsan" thread
    ninja -C "${caseledger_root}/build-tsan" -j "$(nproc)" caseledger_threaded_tests
    # No test labelled `threaded` is no failure (--no-tests=ignore).
    ctest --test-dir "${caseledger_root}/build-tsan" --output-on-failure -j "$(nproc)" \
      -L '^threaded$' --no-tests=ignore
  fi
fi
