"""Report.to_pandas(): the report as a table for analysts, every figure checked against the
JSON report of the same report (the notebook view, _repr_html_, is the page's:
test_html_report.py)."""
import json
import math
import subprocess
import sys
from decimal import Decimal

import pytest

caseledger = pytest.importorskip("caseledger")
pd = pytest.importorskip("pandas")

from conftest import FUZHOU_LEDGER  # noqa: E402

Q1 = ("2020-01-01", "2020-03-31")


@pytest.fixture(scope="module")
def book():
    return caseledger.Ledger.load(FUZHOU_LEDGER)


@pytest.fixture(scope="module")
def q1(book):
    return caseledger.report(book, *Q1)


def test_one_row_per_group_then_the_total(q1):
    frame = q1.to_pandas()
    data = json.loads(q1.to_json())
    groups = data["groups"] + [data["total"]]
    assert len(frame) == len(groups)
    assert list(frame["is_total"]) == [False] * (len(groups) - 1) + [True]
    assert list(frame["district"]) == [g["key"].get("district") for g in groups]
    assert list(frame["label"]) == [g["label"]["zh"] for g in groups]
    assert list(frame["coordinated"]) == [g["cases"]["coordinated"] for g in groups]
    for i, group in enumerate(groups):
        rate = group["cases"]["resolution_rate"]
        assert frame["resolution_rate"][i] == rate["num"] / rate["den"]
        assert frame["loan_amount"][i] == Decimal(group["support"]["loan"]["amount"])
        assert frame["median_days"][i] == group["cases"]["days_to_resolve"]["median"]
        assert frame["workers"][i] == group["return_to_work"]["workers"]
    # The total row is the sum of the groups' for counts and exact money.
    assert frame["subsidy_amount"][:-1].sum() == frame["subsidy_amount"].iloc[-1]
    assert frame.loc[frame["label"] == "连江县", "subsidy_amount"].item() == Decimal("400000.00")


def test_columns_are_numeric(q1):
    frame = q1.to_pandas()
    assert frame["coordinated"].dtype == "int64"
    assert frame["resolution_rate"].dtype == "float64"
    assert frame["median_days"].dtype == "Int64"
    assert frame["is_total"].dtype == "bool"
    assert all(isinstance(v, Decimal) for v in frame["loan_amount"])
    floats = q1.to_pandas(money="float")
    assert floats["loan_amount"].dtype == "float64"
    assert floats["loan_amount"].iloc[-1] == float(frame["loan_amount"].iloc[-1])
    with pytest.raises(ValueError, match="money must be 'decimal' or 'float', not 'yuan'"):
        q1.to_pandas(money="yuan")


def test_months_are_dates_and_empty_groups_have_no_rate(book):
    # By month over a window with a month of no cases: its rates have no denominator.
    r = caseledger.report(book, "2020-03-01", "2020-05-31", group_by=("month",))
    frame = r.to_pandas()
    assert str(frame["month"].dtype).startswith("datetime64")
    data = json.loads(r.to_json())
    months = [g["key"]["month"] for g in data["groups"]]
    assert months[:3] == ["2020-03", "2020-04", "2020-05"]
    for i, month in enumerate(months + [None]):  # the total has no month
        if month is None:
            assert pd.isna(frame["month"][i])
        else:
            assert frame["month"][i].strftime("%Y-%m") == month
    for i, group in enumerate(data["groups"]):
        if group["cases"]["resolution_rate"]["den"] == 0:
            assert math.isnan(frame["resolution_rate"][i])
            assert pd.isna(frame["median_days"][i])


def test_pandas_is_optional(tmp_path):
    script = ("import sys; sys.modules['pandas'] = None\n"
              "import caseledger\n"
              f"r = caseledger.report(caseledger.Ledger.load({str(FUZHOU_LEDGER)!r}), "
              "'2020-01-01', '2020-03-31')\n"
              "try:\n    r.to_pandas()\nexcept ImportError as e:\n    print(e)\n"
              "print('<table>' in r._repr_html_())\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Report.to_pandas() needs pandas (Debian: apt-get install python3-pandas; pip: pip "
        "install pandas)", "True"]
