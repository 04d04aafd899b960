#!/usr/bin/env bash
# Installs what is missing, builds, and writes the Fuzhou sample's reports (the first
# quarter of 2020, and January–February) to out/fuzhou-2020q1/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

caseledger_install_packages
caseledger_build caseledger_cli  # the tests are scripts/test.sh's to build

cli="${caseledger_build_dir}/cli/caseledger"
ledger="${caseledger_root}/samples/fuzhou-2020q1/ledger.json"
out="${caseledger_root}/out/fuzhou-2020q1"
mkdir -p "${out}"

# Writes out/fuzhou-2020q1/<name>.json and .xlsx for the window [from, to] and says where.
write_report() {
  local name="$1" from="$2" to="$3" errors
  local args=(report "${ledger}" --from "${from}" --to "${to}" --json "${out}/${name}.json")
  local written=("${out}/${name}.json" "${out}/${name}.xlsx")
  rm -f "${written[@]}"  # so that a file left by an earlier run cannot pass for this one's
  # errors= the CLI's stderr; its "wrote …" lines are dropped, the list below says it all.
  if errors="$("${cli}" "${args[@]}" --xlsx "${out}/${name}.xlsx" 2>&1 >/dev/null)"; then
    :
  # Until the Excel writer lands the library says so; write the JSON alone meanwhile.
  # (Delete this branch when lib/io/xlsx_report.cpp is the real writer.)
  elif [[ "${errors}" == *"xlsx writer is not built yet"* ]]; then
    "${cli}" "${args[@]}" >/dev/null
    written=("${out}/${name}.json")
    echo "  (no ${name}.xlsx: the Excel writer is not built yet)"
  else
    echo "${errors}" >&2
    return 1
  fi
  local file
  for file in "${written[@]}"; do
    [[ -s "${file}" ]] || { echo "caseledger: ${file} was not written" >&2; return 1; }
    echo "  ${file}"
  done
}

echo "Reports of ${ledger#"${caseledger_root}/"}:"
write_report q1 2020-01-01 2020-03-31
write_report jan-feb 2020-01-01 2020-02-29
