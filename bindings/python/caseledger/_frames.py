"""A report as a table for analysts: `Report.to_pandas()` reads `Report.to_dict()`, the
JSON report's shape (docs/report-json.md), so it shows exactly what the JSON report holds."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

MONEY_KINDS = ("subsidy", "fee_reduction", "loan", "allowance")
TEAM_KINDS = ("service_team", "party_team", "instructor")
RATES = ("resolution_rate", "on_time_rate")


def _rate(rate: dict[str, Any]) -> float:
    """A rate's exact value as a float; NaN when it has no denominator."""
    return rate["num"] / rate["den"] if rate["den"] else float("nan")


def _key_value(dimension: str, value: str | None) -> Any:
    """A group key's value as a column holds it: a month as its first day (a datetime64
    column), every other key as its id."""
    if value is not None and dimension == "month":
        return datetime.datetime.strptime(value + "-01", "%Y-%m-%d")
    return value


def _row(group: dict[str, Any], dimensions: list[str], total: bool, money) -> dict[str, Any]:
    cases = group["cases"]
    row: dict[str, Any] = {d: _key_value(d, group["key"].get(d)) for d in dimensions}
    row["label"] = group["label"]["zh"]
    row["is_total"] = total
    for name in ("coordinated", "resolved", "unresolvable", "open", "resolved_in_window"):
        row[name] = cases[name]
    for name in RATES:
        row[name] = _rate(cases[name])
    row["median_days"] = cases["days_to_resolve"]["median"]
    row["p90_days"] = cases["days_to_resolve"]["p90"]
    for kind in MONEY_KINDS:
        support = group["support"][kind]
        row[f"{kind}_amount"] = money(support["amount"])
        row[f"{kind}_count"] = support["count"]
        row[f"{kind}_beneficiaries"] = support["beneficiaries"]
    row["workers"] = group["return_to_work"]["workers"]
    row["trips"] = group["return_to_work"]["trips"]
    row["resumption_tracked"] = group["resumption"]["tracked"]
    row["resumed"] = group["resumption"]["resumed"]
    row["resumption_rate"] = _rate(group["resumption"]["rate"])
    for kind in TEAM_KINDS:
        row[kind] = group["teams"][kind]
    return row


def to_pandas(self, money: str = "decimal"):  # a method of Report: `self` is the report
    """One row per group, then the total's (`is_total` True); the group's key as columns
    (a month as a datetime64), its Chinese label, the case counts, rates as floats (NaN
    without a denominator), the days to resolve (nullable integers), the support amounts
    (decimal.Decimal, exact; money="float" for floats), counts and beneficiaries, workers,
    trips, resumption and teams. Needs pandas (ImportError naming it otherwise)."""
    try:
        import pandas as pd
    except ImportError as missing:
        raise ImportError("Report.to_pandas() needs pandas (Debian: apt-get install "
                          "python3-pandas; pip: pip install pandas)") from missing
    if money not in ("decimal", "float"):
        raise ValueError(f"money must be 'decimal' or 'float', not {money!r}")
    convert = Decimal if money == "decimal" else float
    data = self.to_dict()
    dimensions = list(data["group_by"])
    rows = [_row(g, dimensions, False, convert) for g in data["groups"]]
    rows.append(_row(data["total"], dimensions, True, convert))
    frame = pd.DataFrame(rows)
    for column in ("median_days", "p90_days"):
        frame[column] = frame[column].astype("Int64")
    if "month" in dimensions:
        frame["month"] = pd.to_datetime(frame["month"])
    return frame
