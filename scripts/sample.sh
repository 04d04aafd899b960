#!/usr/bin/env bash
# Installs what is missing, builds, and writes the Fuzhou sample's reports (the first
# quarter of 2020, and January–February; JSON, workbook and page) to out/fuzhou-2020q1/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

caseledger_install_packages "${caseledger_packages[@]}"
caseledger_build caseledger_cli caseledger_python  # the tests are scripts/test.sh's to build
# The Python package goes where Debian's python3 finds it (/usr/local/lib/python3.*/
# dist-packages), so that `/usr/bin/python3 -c "import caseledger"` works from anywhere.
cmake --install "${caseledger_build_dir}" --component python >/dev/null
echo "Python package: $(/usr/bin/python3 -c 'import caseledger, os; print(os.path.dirname(caseledger.__file__))')"

cli="${caseledger_build_dir}/cli/caseledger"
ledger="${caseledger_root}/samples/fuzhou-2020q1/ledger.json"
out="${caseledger_root}/out/fuzhou-2020q1"
mkdir -p "${out}"

# Writes out/fuzhou-2020q1/<name>.json, .xlsx and .html for the window [from, to] and says
# where.
write_report() {
  local name="$1" from="$2" to="$3"
  local written=("${out}/${name}.json" "${out}/${name}.xlsx" "${out}/${name}.html")
  rm -f "${written[@]}"  # so that a file left by an earlier run cannot pass for this one's
  # The CLI's "wrote …" lines are dropped: the list below says it all.
  "${cli}" report "${ledger}" --from "${from}" --to "${to}" --json "${written[0]}" \
    --xlsx "${written[1]}" --html "${written[2]}" >/dev/null
  local file
  for file in "${written[@]}"; do
    [[ -s "${file}" ]] || { echo "caseledger: ${file} was not written" >&2; return 1; }
    echo "  ${file}"
  done
}

echo "Reports of ${ledger#"${caseledger_root}/"}:"
write_report q1 2020-01-01 2020-03-31
write_report jan-feb 2020-01-01 2020-02-29
