#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (build-fuzz/) and fuzzes each for a fixed time
# (default 30 s), starting from its checked-in seeds in tests/fuzz/corpus/<target>/. New
# inputs go to build-fuzz/fuzz/<target>/corpus, never into the checked-in corpus; a crash,
# leak, UB or hang stops that target, and the script fails at the end naming the input
# that reproduces it.
#   scripts/fuzz.sh [seconds per target] [target …]     e.g. scripts/fuzz.sh 600 json_ledger
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

seconds="${1:-30}"
shift || true
all_targets=(json_ledger csv_ledger xlsx_ledger ods_ledger xls_ledger money_parse date_parse)
targets=("$@")
((${#targets[@]})) || targets=("${all_targets[@]}")
[[ "${seconds}" =~ ^[0-9]+$ ]] || { echo "usage: scripts/fuzz.sh [seconds] [target …]" >&2; exit 2; }

# clang and its runtime bring libFuzzer and the sanitizers; llvm-symbolizer names lines.
caseledger_install_packages "${caseledger_packages[@]}" "${caseledger_sanitizer_packages[@]}"

build="${caseledger_root}/build-fuzz"
werror="${CASELEDGER_WERROR:-}"
# Only the library and the fuzz targets: no tests, CLI, samples or bindings to build.
cmake -S "${caseledger_root}" -B "${build}" -G Ninja \
  -DCMAKE_CXX_COMPILER=clang++ \
  -DCASELEDGER_BUILD_FUZZERS=ON -DCASELEDGER_BUILD_TESTS=OFF -DCASELEDGER_BUILD_CLI=OFF \
  -DCASELEDGER_BUILD_SAMPLES=OFF -DCASELEDGER_BUILD_PYTHON=OFF -DCASELEDGER_INSTALL=OFF \
  ${werror:+-DCASELEDGER_WERROR="${werror}"} >/dev/null
ninja -C "${build}" -j "$(nproc)"

# The readers get room for a small ledger or workbook; the parsers for a long cell.
max_len_of() {
  case "$1" in
    money_parse | date_parse) echo 256 ;;
    *) echo 16384 ;;
  esac
}

failed=()
for target in "${targets[@]}"; do
  program="${build}/tests/fuzz/${target}_fuzz"
  [[ -x "${program}" ]] || { echo "caseledger: no fuzz target ${target}" >&2; exit 2; }
  work="${build}/fuzz/${target}"
  mkdir -p "${work}/corpus" "${work}/findings"
  dictionary=()
  [[ -f "${caseledger_root}/tests/fuzz/${target}.dict" ]] &&
    dictionary=(-dict="${caseledger_root}/tests/fuzz/${target}.dict")
  echo "caseledger: fuzzing ${target} for ${seconds} s" >&2
  # The first folder receives what the fuzzer learns; the seeds are only read.
  # -timeout: a single input taking this long (seconds) is a hang, and a finding.
  if ! "${program}" -max_total_time="${seconds}" -max_len="$(max_len_of "${target}")" \
    -timeout=25 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="${work}/findings/" \
    "${dictionary[@]}" \
    "${work}/corpus" "${caseledger_root}/tests/fuzz/corpus/${target}" \
    >"${work}/log" 2>&1; then
    tail -n 60 "${work}/log" >&2
    failed+=("${target}")
  fi
  grep -E '^stat::(number_of_executed_units|new_units_added)' "${work}/log" |
    sed "s/^/  ${target} /" >&2 || true
done

if ((${#failed[@]})); then
  echo "caseledger: fuzzing found a problem in: ${failed[*]}" >&2
  for target in "${failed[@]}"; do
    for finding in "${build}/fuzz/${target}/findings/"*; do
      [[ -e "${finding}" ]] || continue
      echo "  reproduce: ${build}/tests/fuzz/${target}_fuzz ${finding}" >&2
    done
  done
  exit 1
fi
echo "caseledger: no findings (${seconds} s per target)" >&2
