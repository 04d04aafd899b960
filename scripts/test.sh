#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (the GoogleTest programs, the
# pytest suite and the installed-package check) through ctest.
#   CASELEDGER_WERROR=ON scripts/test.sh    warnings as errors, as CI runs it
# Extra arguments go to ctest, e.g. scripts/test.sh -L unit
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

caseledger_install_packages "${caseledger_packages[@]}" "${caseledger_test_packages[@]}"
caseledger_build
ctest --test-dir "${caseledger_build_dir}" --output-on-failure "$@"
