# Shared by scripts/sample.sh and scripts/test.sh (sourced, not run): the one list of
# Debian packages caseledger needs, and the one way to configure and build it.

# Everything needed to build the library, the CLI, the tests and the bindings, and to run
# the pytest suite. The one place to add a package.
caseledger_packages=(
  g++ cmake ninja-build pkg-config
  libboost-dev libboost-program-options-dev nlohmann-json3-dev libxlsxwriter-dev
  libminizip-dev zlib1g-dev libexpat1-dev libopencc-dev libssl-dev libjemalloc-dev
  libgtest-dev
  python3 python3-dev python3-pytest python3-openpyxl python3-jsonschema pybind11-dev
  git ca-certificates
)
# What only the tests need besides: LibreOffice opens the sample workbook headless and
# renders it to PDF (with a font that has the Chinese glyphs); mypy's stubtest checks the
# Python stub against the compiled module; Dask runs the partitioned-ledger sample; pandas
# and XlsxWriter run the benchmark baseline, whose figures a test checks against caseledger's.
# The package tests: Make builds the consumer through caseledger.pc; CPack's .deb needs
# dpkg-shlibdeps (dpkg-dev) and file; man renders the man page; pip builds the wheel with
# Debian's setuptools and wheel into a venv. Chromium renders the HTML page, screenshots
# it and prints it to PDF (tests/python/test_html_report.py).
caseledger_test_packages=(libreoffice-calc-nogui fonts-wqy-microhei fonts-crosextra-carlito
  poppler-utils make python3-mypy chromium
  python3-dask python3-distributed python3-pandas python3-xlsxwriter
  dpkg-dev file man-db python3-venv python3-pip python3-setuptools python3-wheel)
# What the benchmarks need besides (CASELEDGER_BUILD_BENCHMARKS, scripts/bench.sh): Google
# Benchmark, simdjson (the JSON yardstick), pandas and XlsxWriter (the baseline), GNU time.
caseledger_bench_packages=(libbenchmark-dev libsimdjson-dev python3-pandas python3-xlsxwriter
  time)
# The sanitizer and fuzzer builds (scripts/sanitize.sh, scripts/fuzz.sh): clang with its
# runtime (libFuzzer, the sanitizers) and llvm-symbolizer for readable stack traces.
caseledger_sanitizer_packages=(clang libclang-rt-14-dev llvm)

caseledger_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
caseledger_build_dir="${caseledger_root}/build"

# Installs those of the packages given that are missing. dpkg-query answers first, so a
# machine that has them all does no apt work at all.
caseledger_install_packages() {
  local missing=() package status
  for package in "$@"; do
    status="$(dpkg-query -W -f='${Status}' "${package}" 2>/dev/null || true)"
    [[ "${status}" == "install ok installed" ]] || missing+=("${package}")
  done
  ((${#missing[@]} == 0)) && return 0

  local as_root=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || {
      echo "caseledger: need root or sudo to install: ${missing[*]}" >&2
      return 1
    }
    as_root=(sudo)
  fi
  echo "caseledger: installing ${missing[*]}" >&2
  # A fresh Debian image has no package lists yet; someone else may hold the apt lock.
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get update -o DPkg::Lock::Timeout=300
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 "${missing[@]}"
}

# Configures build/ with Ninja once, then builds the targets given (all by default); a
# no-op when nothing changed. CASELEDGER_WERROR=ON in the environment turns warnings into
# errors (CI sets it).
caseledger_build() {
  local cache="${caseledger_build_dir}/CMakeCache.txt"
  local werror="${CASELEDGER_WERROR:-}"
  # No build.ninja: never configured, or an earlier configure failed half-way.
  if [[ ! -f "${caseledger_build_dir}/build.ninja" ]]; then
    cmake -S "${caseledger_root}" -B "${caseledger_build_dir}" -G Ninja \
      -DPython_EXECUTABLE=/usr/bin/python3 \
      ${werror:+-DCASELEDGER_WERROR="${werror}"}
  elif [[ -n "${werror}" ]] && ! grep -qx "CASELEDGER_WERROR:BOOL=${werror}" "${cache}"; then
    cmake -B "${caseledger_build_dir}" -DCASELEDGER_WERROR="${werror}"
  fi
  ninja -C "${caseledger_build_dir}" -j "$(nproc)" "$@"
}
