"""The pandas baseline of the benchmark (tests/bench/compare.py) computes the same district
figures as caseledger's JSON report; otherwise timing it would compare different work."""
import importlib.util
import json
import os
import pathlib
import subprocess

import pytest

pytest.importorskip("pandas")
pytest.importorskip("xlsxwriter")

COMPARE = pathlib.Path(__file__).resolve().parents[1] / "bench" / "compare.py"


@pytest.fixture(scope="module")
def compare():
    spec = importlib.util.spec_from_file_location("compare", COMPARE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def small_ledger(tmp_path_factory):
    generator = os.environ.get("CASELEDGER_BIG_LEDGER")
    if not generator:
        pytest.fail("CASELEDGER_BIG_LEDGER is not set: run the suite through ctest")
    path = tmp_path_factory.mktemp("bench") / "ledger.json"
    subprocess.run([generator, "--cases", "3000", "--seed", "11", "--format", "json", path],
                   check=True)
    return path


@pytest.fixture(scope="module")
def our_report(small_ledger, run_cli, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.json"
    result = run_cli("report", small_ledger, "--from", "2020-01-01", "--to", "2020-03-31",
                     "--json", out)
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_pandas_figures_equal_caseledgers(compare, small_ledger, our_report):
    groups, listing = compare.pandas_report(json.loads(small_ledger.read_text(encoding="utf-8")))
    assert compare.differences(groups, our_report) == []
    assert len(groups) == 11  # ten districts and the total
    # The figures compared are the report's, not a handful: every case, support, transport,
    # supplies, resumption, team and backlog figure of every group.
    assert len(compare.flatten(groups["total"])) > 70
    assert groups["total"]["cases"]["coordinated"] == our_report["total"]["cases"]["coordinated"]
    assert len(listing) == 3000  # every case is reported in the window
    assert list(listing["反映日期"]) == sorted(listing["反映日期"])


@pytest.mark.slow
def test_a_different_figure_is_reported(compare, small_ledger, our_report):
    groups, _ = compare.pandas_report(json.loads(small_ledger.read_text(encoding="utf-8")))
    changed = json.loads(json.dumps(our_report))
    changed["groups"][0]["support"]["loan"]["amount"] = "0.01"
    changed["total"]["backlog"]["buckets"][1]["count"] += 1
    found = compare.differences(groups, changed)
    assert len(found) == 2
    assert found[0].startswith(f"{changed['groups'][0]['key']['district']} support.loan.amount")


@pytest.mark.slow
def test_the_baseline_writes_summary_and_listing(compare, small_ledger, tmp_path):
    import openpyxl

    subprocess.run(["/usr/bin/python3", COMPARE, "pandas", small_ledger, "--json",
                    tmp_path / "p.json", "--xlsx", tmp_path / "p.xlsx"], check=True)
    book = openpyxl.load_workbook(tmp_path / "p.xlsx", read_only=True)
    assert book.sheetnames == ["概况", "明细"]
    assert book["明细"].max_row == 3001  # the header and every case
    figures = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert len(figures) == 11
    assert figures["total"]["cases"]["coordinated"] > 2800  # all but the withdrawn
