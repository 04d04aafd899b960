#!/usr/bin/env bash
# Builds the benchmarks in build/ (CASELEDGER_BUILD_BENCHMARKS=ON) and runs the
# end-to-end comparison with pandas (tests/bench/compare.py; docs/performance.md).
#   scripts/bench.sh                                  100k and 1M cases, 3 runs each
#   scripts/bench.sh --sizes 100000 --runs 1          quicker
#   scripts/bench.sh --summary-only-sizes 10000000    also caseledger's summary at 10M
#   CASELEDGER_KERNELS=1 scripts/bench.sh             the Google Benchmark kernels first
# Arguments go to compare.py (see its --help).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

caseledger_install_packages "${caseledger_packages[@]}" "${caseledger_bench_packages[@]}"
cmake -S "${caseledger_root}" -B "${caseledger_build_dir}" -G Ninja \
  -DPython_EXECUTABLE=/usr/bin/python3 -DCASELEDGER_BUILD_BENCHMARKS=ON >/dev/null
ninja -C "${caseledger_build_dir}" -j "$(nproc)" caseledger_cli make_big_ledger \
  kernels_bench simdjson_ledger read_ledger_whole bare_xlsx_listing
if [[ -n "${CASELEDGER_KERNELS:-}" ]]; then
  "${caseledger_build_dir}/tests/bench/kernels_bench"
fi
/usr/bin/python3 "${caseledger_root}/tests/bench/compare.py" --build "${caseledger_build_dir}" "$@"
