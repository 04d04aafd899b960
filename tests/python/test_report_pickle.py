"""A Report pickles (bindings/python/src/report.cpp): what comes back is the same report,
figure for figure, in this process or another, without the ledger.

Equality is checked on to_dict(), the JSON report's every figure, and on what only the
Python views give (the days-to-resolve histogram, the beneficiary sets); the figures the
article published (docs of the sample) show the copy is not merely equal to something empty.
"""
import base64
import os
import pathlib
import pickle
import subprocess
import sys

import pytest

from conftest import FUZHOU_LEDGER

if "PYTHONPATH" in os.environ:
    import caseledger  # built: an import failure is a failure
else:
    caseledger = pytest.importorskip("caseledger")

Q1 = ("2020-01-01", "2020-03-31")


@pytest.fixture(scope="module")
def fuzhou():
    return caseledger.Ledger.load(FUZHOU_LEDGER)


def round_trip(report):
    return pickle.loads(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))


def test_a_pickled_report_comes_back_with_every_figure(fuzhou):
    q1 = caseledger.report(fuzhou, *Q1)
    copy = round_trip(q1)
    assert copy.to_dict() == q1.to_dict()
    assert copy.inputs == q1.inputs and q1.inputs[0]["name"] == str(FUZHOU_LEDGER)
    assert copy.to_json() == q1.to_json()
    assert repr(copy) == repr(q1)
    # The article's figures for 仓山区 (186 coordinated, 184 resolved).
    cangshan = copy.group(district="cangshan")
    assert (cangshan.label["zh"], cangshan.cases.coordinated, cangshan.cases.resolved) == \
        ("仓山区", 186, 184)
    assert len(copy.groups) == 4
    # What to_dict() only counts or sums up: the histogram and the sets themselves.
    for row, original in zip([*copy.groups, copy.total], [*q1.groups, q1.total]):
        assert row.cases.days_to_resolve.counts == original.cases.days_to_resolve.counts
        for kind, support in row.support.items():
            assert support.beneficiary_ids == original.support[kind].beneficiary_ids
            assert support.amount == original.support[kind].amount


def test_options_order_and_title_survive(fuzhou, tmp_path):
    report = caseledger.report(fuzhou, "2020-01-01", "2020-02-29", as_of="2020-03-15",
                               group_by=("district", "month"), rate_decimals=2,
                               key_only_resumption=True, title="一至二月")
    copy = round_trip(report)
    assert copy.options == report.options
    assert (copy.title, copy.as_of, copy.group_by) == ("一至二月", report.as_of,
                                                      ("district", "month"))
    assert [row.key for row in copy.groups] == [row.key for row in report.groups]
    # Four districts, each with its two months and a row, keyed by a null month, of what
    # has no month (teams, resumption): null key values come back as they went.
    assert len(copy.groups) == 4 * 3
    assert sum(row.key["month"] is None for row in copy.groups) == 4
    report.write_json(tmp_path / "original.json")
    copy.write_json(tmp_path / "copy.json")
    assert (tmp_path / "copy.json").read_bytes() == (tmp_path / "original.json").read_bytes()


def test_a_streamed_report_pickles_too(fuzhou):
    streamed = caseledger.stream_report(FUZHOU_LEDGER, *Q1)
    assert round_trip(streamed).to_dict() == caseledger.report(fuzhou, *Q1).to_dict()


def test_the_ledger_stays_behind(fuzhou, tmp_path):
    copy = round_trip(caseledger.report(fuzhou, *Q1))
    with pytest.raises(caseledger.UsageError, match="unpickled holds no ledger"):
        copy.write_xlsx(tmp_path / "q1.xlsx")
    assert not (tmp_path / "q1.xlsx").exists()


def test_a_report_travels_between_processes(fuzhou):
    """Pickled in a child process (as a process pool returns it), read back here."""
    child = subprocess.run(
        [sys.executable, "-c",
         "import base64, pickle, sys, caseledger\n"
         "book = caseledger.Ledger.load(sys.argv[1])\n"
         "report = caseledger.report(book, '2020-01-01', '2020-03-31')\n"
         "print(base64.b64encode(pickle.dumps(report)).decode())\n",
         str(FUZHOU_LEDGER)],
        capture_output=True, text=True, check=True, timeout=300,
        env={**os.environ,
             "PYTHONPATH": str(pathlib.Path(caseledger.__file__).resolve().parents[1])})
    shipped = pickle.loads(base64.b64decode(child.stdout))
    assert shipped.to_dict() == caseledger.report(fuzhou, *Q1).to_dict()


def test_a_state_that_is_not_a_reports_is_refused(fuzhou):
    state = caseledger.report(fuzhou, *Q1).__getstate__()
    broken = caseledger.Report.__new__(caseledger.Report)
    with pytest.raises(ValueError, match="not a pickled Report"):
        broken.__setstate__(state[:4])
    # A row whose key has no metrics in the document.
    rows = [(["nowhere"], *state[2][0][1:])]
    with pytest.raises(ValueError, match="no metrics"):
        broken.__setstate__((state[0], state[1], rows, state[3], state[4], state[5]))
