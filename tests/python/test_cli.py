"""The caseledger command line: usage, reports written from a small hand-made ledger
(figures computed by hand below), bad input, validate."""
import json

import pytest

WINDOW = ["--from", "2020-01-01", "--to", "2020-03-31"]

# Two districts. Window 2020-01-01 … 2020-03-31, as of 2020-03-31.
#   cangshan: c1 resolved in 3 days before its due date; c2 resolved in 10 days after
#     it; c3 open and past its due date; c4 withdrawn (not counted).
#   minhou: c5 resolved in 1 day; c6 reported before the window, resolved in it
#     (resolved_in_window only); c7 closed as unresolvable on the last day.
LEDGER = """{
  "format": "caseledger.ledger/1",
  "districts": [
    {"id": "cangshan", "name": "仓山区", "name_en": "Cangshan", "parent": "福州市"},
    {"id": "minhou", "name": "闽侯县", "name_en": "Minhou"}
  ],
  "enterprises": [
    {"id": "e1", "name": "闽兴公司", "district": "minhou", "key": true, "resumed_on": "2020-02-10"},
    {"id": "e2", "name": "甲公司", "district": "cangshan"}
  ],
  "projects": [
    {"id": "p1", "name": "乙工程", "district": "cangshan", "key": true, "resumed_on": "2020-04-10"}
  ],
  "teams": [
    {"id": "t1", "district": "minhou", "kind": "service_team", "name": "一队"},
    {"id": "t2", "district": "cangshan", "kind": "instructor"}
  ],
  "cases": [
    {"id": "c1", "district": "cangshan", "reported_on": "2020-01-05", "category": "labour", "enterprise": "e2", "due_on": "2020-01-10", "resolved_on": "2020-01-08"},
    {"id": "c2", "district": "cangshan", "reported_on": "2020-02-01", "category": "funding", "project": "p1", "due_on": "2020-02-05", "resolved_on": "2020-02-11"},
    {"id": "c3", "district": "cangshan", "reported_on": "2020-03-20", "category": "approval", "due_on": "2020-03-25"},
    {"id": "c4", "district": "cangshan", "reported_on": "2020-03-01", "category": "other", "status": "withdrawn", "closed_on": "2020-03-02"},
    {"id": "c5", "district": "minhou", "reported_on": "2020-01-10", "category": "energy", "enterprise": "e1", "resolved_on": "2020-01-11"},
    {"id": "c6", "district": "minhou", "reported_on": "2019-12-20", "category": "energy", "resolved_on": "2020-01-02"},
    {"id": "c7", "district": "minhou", "reported_on": "2020-03-30", "category": "labour", "status": "unresolvable", "closed_on": "2020-03-31"}
  ],
  "measures": [
    {"id": "m1", "district": "minhou", "kind": "fee_reduction", "granted_on": "2020-02-15", "enterprise": "e1", "case": "c5", "amount": "160000.00"},
    {"id": "m2", "district": "cangshan", "kind": "subsidy", "granted_on": "2020-01-20", "enterprise": "e2", "amount": 400000},
    {"id": "m3", "district": "cangshan", "kind": "transport", "granted_on": "2020-02-20", "enterprise": "e2", "mode": "dedicated_vehicle", "workers": 60, "origin": "out_of_province", "origin_place": "陇西"},
    {"id": "m4", "district": "cangshan", "kind": "supplies", "granted_on": "2020-02-01", "enterprise": "e2", "item": "masks", "quantity": 1000},
    {"id": "m5", "district": "cangshan", "kind": "supplies", "granted_on": "2020-02-02", "project": "p1", "item": "masks", "quantity": 500},
    {"id": "m6", "district": "cangshan", "kind": "supplies", "granted_on": "2020-02-03", "enterprise": "e2", "item": "masks", "quantity": 200},
    {"id": "m7", "district": "cangshan", "kind": "subsidy", "granted_on": "2020-04-02", "enterprise": "e2", "amount": "1.00"}
  ]
}
"""


def rate(num, den, display):
    return {"num": num, "den": den, "value": None if den == 0 else num / den,
            "display": display}


def zeros(names, **given):
    return {name: given.get(name, 0) for name in names}


CATEGORIES = ["labour", "funding", "approval", "logistics", "epidemic_supplies",
              "raw_materials", "energy", "policy", "other"]
MODES = ["chartered_bus", "chartered_flight", "chartered_train", "dedicated_vehicle",
         "self_arranged"]


def by_category(**given):
    return {name: dict(zip(("coordinated", "resolved"), given.get(name, (0, 0))))
            for name in CATEGORIES}


def support(**given):
    empty = {"amount": "0.00", "count": 0, "beneficiaries": 0}
    return {kind: given.get(kind, empty)
            for kind in ("subsidy", "fee_reduction", "loan", "allowance")}


@pytest.fixture
def ledger(tmp_path):
    path = tmp_path / "ledger.json"
    path.write_text(LEDGER, encoding="utf-8")
    return path


def report(run_cli, ledger, out, *extra):
    result = run_cli("report", ledger, *WINDOW, "--json", out, *extra)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(out.read_text(encoding="utf-8"))


# --- usage -------------------------------------------------------------------------------

def test_version(run_cli):
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("caseledger ")
    assert result.stdout.strip().split(" ")[1].count(".") == 2


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["report", "--help"],
                                  ["validate", "--help"]])
def test_help(run_cli, args):
    result = run_cli(*args)
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: caseledger")
    assert result.stderr == ""


def test_report_help_lists_its_options(run_cli):
    text = run_cli("report", "--help").stdout
    for option in ("--from", "--to", "--as-of", "--group-by", "--rate-decimals",
                   "--key-only-resumption", "--title", "--keep-extras", "--json", "--xlsx"):
        assert option in text


@pytest.mark.parametrize("args, message", [
    ([], "caseledger: no command given (report, headline, validate; see caseledger --help)"),
    (["summarise"], "caseledger: unknown command 'summarise' (report, headline, validate; "
                    "see caseledger --help)"),
    (["--bogus"], "caseledger: unknown option '--bogus' (see caseledger --help)"),
    (["report"], "caseledger: report: no LEDGER given (see caseledger report --help)"),
    (["report", "l.json", "--to", "2020-03-31", "--json", "o.json"],
     "caseledger: report: the option '--from' is required but missing "
     "(see caseledger report --help)"),
    (["report", "l.json", *WINDOW],
     "caseledger: report: nothing to write: give --json OUT.json, --xlsx OUT.xlsx or --html "
     "OUT.html (see caseledger report --help)"),
    (["report", "l.json", "--from", "2020-02-30", "--to", "2020-03-31", "--json", "o.json"],
     "caseledger: report: --from: '2020-02-30' is not a calendar date "
     "(see caseledger report --help)"),
    (["report", "l.json", *WINDOW, "--json", "o.json", "--group-by", "district,week"],
     "caseledger: report: --group-by: unknown dimension 'week' "
     "(district, category, channel, month, team, unit) (see caseledger report --help)"),
    (["report", "l.json", *WINDOW, "--json", "o.json", "--colour"],
     "caseledger: report: unrecognised option '--colour' (see caseledger report --help)"),
    (["report", "l.json", *WINDOW, "--js", "o.json"],
     "caseledger: report: unrecognised option '--js' (see caseledger report --help)"),
    (["report", "l.json", *WINDOW, "--json", "o.json", "--rate-decimals", "two"],
     "caseledger: report: the argument ('two') for option '--rate-decimals' is invalid "
     "(see caseledger report --help)"),
    (["validate", "l.json", "--max-problems", "0"],
     "caseledger: validate: --max-problems must be at least 1 "
     "(see caseledger validate --help)"),
])
def test_usage_errors_exit_2_with_one_clear_line(run_cli, tmp_path, args, message):
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == message + "\n"
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [
    ["--from", "2020-03-31", "--to", "2020-01-01"],        # window ends before it starts
    [*WINDOW, "--rate-decimals", "7"],
    [*WINDOW, "--group-by", "district,district"],
])
def test_options_that_make_no_sense_exit_2(run_cli, ledger, tmp_path, args):
    result = run_cli("report", ledger, *args, "--json", tmp_path / "o.json")
    assert result.returncode == 2
    assert result.stderr.startswith("caseledger: report: ")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "o.json").exists()


# --- report ------------------------------------------------------------------------------

def test_report_by_district(run_cli, ledger, tmp_path, validate_report):
    out = tmp_path / "q1.json"
    result = run_cli("report", ledger, *WINDOW, "--json", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {out}\n"
    document = json.loads(out.read_text(encoding="utf-8"))
    validate_report(document)

    assert document["format"] == "caseledger.report/1"
    assert document["title"] == "一企一议问题办理情况（2020-01-01 至 2020-03-31）"
    assert document["generator"] == run_cli("--version").stdout.strip()
    assert document["window"] == {"from": "2020-01-01", "to": "2020-03-31"}
    assert document["as_of"] == "2020-03-31"
    assert document["group_by"] == ["district"]
    assert document["options"] == {"rate_decimals": 1, "key_only_resumption": False}
    assert [g["key"] for g in document["groups"]] == [{"district": "cangshan"},
                                                      {"district": "minhou"}]
    cangshan, minhou = document["groups"]
    total = document["total"]

    assert cangshan["label"] == {"zh": "仓山区", "en": "Cangshan"}
    assert cangshan["cases"] == {
        "coordinated": 3, "resolved": 2, "unresolvable": 0, "open": 1,
        "resolution_rate": rate(2, 3, "66.7%"),
        "on_time_rate": rate(1, 3, "33.3%"),   # c1 on time; c2 late; c3 open past due
        "days_to_resolve": {"count": 2, "mean": 6.5, "median": 3, "p90": 10, "max": 10},
        "resolved_in_window": 2,
        "by_category": by_category(labour=(1, 1), funding=(1, 1), approval=(1, 0)),
    }
    assert cangshan["support"] == support(
        subsidy={"amount": "400000.00", "count": 1, "beneficiaries": 1})  # m7 is April's
    assert cangshan["return_to_work"] == {
        "workers": 60, "trips": 1, "by_mode": zeros(MODES, dedicated_vehicle=60),
        "by_origin": {"in_province": 0, "out_of_province": 60}}
    assert cangshan["supplies"] == {"masks": {"quantity": 1700, "recipients": 2}}
    # e2 has not resumed, p1 resumed after as_of.
    assert cangshan["resumption"] == {"tracked": 2, "resumed": 0, "rate": rate(0, 2, "0.0%")}
    assert cangshan["teams"] == {"service_team": 0, "party_team": 0, "instructor": 1}

    assert minhou["label"] == {"zh": "闽侯县", "en": "Minhou"}
    assert minhou["cases"] == {
        "coordinated": 2, "resolved": 1, "unresolvable": 1, "open": 0,
        "resolution_rate": rate(1, 2, "50.0%"),
        "on_time_rate": rate(0, 0, None),
        "days_to_resolve": {"count": 1, "mean": 1.0, "median": 1, "p90": 1, "max": 1},
        "resolved_in_window": 2,              # c5 and c6
        "by_category": by_category(labour=(1, 0), energy=(1, 1)),
    }
    assert minhou["support"] == support(
        fee_reduction={"amount": "160000.00", "count": 1, "beneficiaries": 1})
    assert minhou["return_to_work"]["workers"] == 0
    assert minhou["supplies"] == {"masks": {"quantity": 0, "recipients": 0}}
    assert minhou["resumption"] == {"tracked": 1, "resumed": 1, "rate": rate(1, 1, "100.0%")}
    assert minhou["teams"] == {"service_team": 1, "party_team": 0, "instructor": 0}

    assert total["key"] == {}
    assert total["label"] == {"zh": "合计", "en": "Total"}
    assert total["cases"]["coordinated"] == 5
    assert total["cases"]["resolved"] == 3
    assert total["cases"]["unresolvable"] == 1
    assert total["cases"]["open"] == 1
    assert total["cases"]["resolution_rate"] == rate(3, 5, "60.0%")
    # 1, 3, 10: mean 14 / 3 = 4.67, median the 2nd, p90 the 3rd.
    assert total["cases"]["days_to_resolve"] == {"count": 3, "mean": 4.7, "median": 3,
                                                 "p90": 10, "max": 10}
    assert total["cases"]["resolved_in_window"] == 4
    assert total["support"]["subsidy"]["amount"] == "400000.00"
    assert total["support"]["fee_reduction"]["amount"] == "160000.00"
    assert total["supplies"] == {"masks": {"quantity": 1700, "recipients": 2}}
    assert total["resumption"] == {"tracked": 3, "resumed": 1, "rate": rate(1, 3, "33.3%")}
    assert total["teams"] == {"service_team": 1, "party_team": 0, "instructor": 1}


def test_report_options(run_cli, ledger, tmp_path, validate_report):
    document = report(run_cli, ledger, tmp_path / "q1.json", "--rate-decimals", "0",
                      "--key-only-resumption", "--title", "第一季度", "--as-of", "2020-04-30")
    validate_report(document)
    assert document["title"] == "第一季度"
    assert document["as_of"] == "2020-04-30"
    assert document["options"] == {"rate_decimals": 0, "key_only_resumption": True}
    cangshan, minhou = document["groups"]
    assert cangshan["cases"]["resolution_rate"]["display"] == "67%"
    # Key ones only: p1 (resumed 2020-04-10, by as_of now) and e1.
    assert cangshan["resumption"] == {"tracked": 1, "resumed": 1, "rate": rate(1, 1, "100%")}
    assert minhou["resumption"] == {"tracked": 1, "resumed": 1, "rate": rate(1, 1, "100%")}
    assert document["total"]["resumption"]["tracked"] == 2


def test_report_by_month(run_cli, ledger, tmp_path, validate_report):
    document = report(run_cli, ledger, tmp_path / "q1.json", "--group-by", "month")
    validate_report(document)
    assert document["group_by"] == ["month"]
    keys = [g["key"] for g in document["groups"]]
    assert keys[:3] == [{"month": "2020-01"}, {"month": "2020-02"}, {"month": "2020-03"}]
    assert [g["cases"]["coordinated"] for g in document["groups"][:3]] == [2, 1, 2]
    assert document["groups"][1]["label"] == {"zh": "2020年2月", "en": "2020-02"}


def test_report_is_deterministic(run_cli, ledger, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    report(run_cli, ledger, first, "--group-by", "district,month")
    report(run_cli, ledger, second, "--group-by", "district,month")
    assert first.read_bytes() == second.read_bytes()


def test_report_replaces_an_old_output(run_cli, ledger, tmp_path):
    out = tmp_path / "q1.json"
    out.write_text("old", encoding="utf-8")
    report(run_cli, ledger, out)
    assert out.read_text(encoding="utf-8").startswith("{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.json", "q1.json"]


# --- bad input ---------------------------------------------------------------------------

BAD_LEDGER = """{
  "format": "caseledger.ledger/1",
  "districts": [{"id": "cangshan", "name": "仓山区"}],
  "cases": [
    {"id": "c1", "district": "cangshan", "reported_on": "2020-01-05", "category": "labour", "resolved_on": "2020-01-02"}
  ]
}
"""


def bad_ledger_message(path):
    """The reader's one line for BAD_LEDGER: a rule checked once the case is read, so it
    points at the start of the case's record."""
    line = 5
    column = BAD_LEDGER.splitlines()[line - 1].index("{") + 1
    return (f"{path}:{line}:{column}: /cases/0/resolved_on (case c1): "
            "resolved_on 2020-01-02 is before reported_on 2020-01-05")


def test_a_bad_ledger_exits_1_with_one_line_and_writes_nothing(run_cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(BAD_LEDGER, encoding="utf-8")
    old = tmp_path / "old.json"
    old.write_text("old report", encoding="utf-8")
    for out in (tmp_path / "new.json", old):
        result = run_cli("report", bad, *WINDOW, "--json", out)
        assert result.returncode == 1
        assert result.stderr == bad_ledger_message(bad) + "\n"
        assert result.stdout == ""
    assert old.read_text(encoding="utf-8") == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json", "old.json"]


def test_a_missing_ledger_exits_1(run_cli, tmp_path):
    missing = tmp_path / "missing.json"
    result = run_cli("report", missing, *WINDOW, "--json", tmp_path / "o.json")
    assert result.returncode == 1
    assert result.stderr == f"caseledger: cannot open '{missing}': No such file or directory\n"
    assert not (tmp_path / "o.json").exists()


def test_an_output_folder_that_does_not_exist_exits_1(run_cli, ledger, tmp_path):
    out = tmp_path / "no" / "q1.json"
    result = run_cli("report", ledger, *WINDOW, "--json", out)
    assert result.returncode == 1
    assert result.stderr == f"caseledger: cannot write '{out}': No such file or directory\n"


def test_when_one_output_fails_neither_is_written(run_cli, ledger, tmp_path):
    old_json = tmp_path / "q1.json"
    old_json.write_text("old report", encoding="utf-8")
    # The workbook cannot be written (its folder is missing), so the JSON must not be either.
    result = run_cli("report", ledger, *WINDOW, "--json", old_json,
                     "--xlsx", tmp_path / "no" / "q1.xlsx")
    assert result.returncode == 1
    assert old_json.read_text(encoding="utf-8") == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.json", "q1.json"]


# --- validate ----------------------------------------------------------------------------

def test_validate_a_good_ledger(run_cli, ledger):
    result = run_cli("validate", ledger)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("ok: 7 cases, 7 measures, 2 districts, 2 enterprises, "
                             "1 project, 2 teams\n")
    assert result.stderr == ""


SEVERAL_PROBLEMS = """{
  "format": "caseledger.ledger/1",
  "districts": [{"id": "cangshan", "name": "仓山区"}],
  "cases": [
    {"id": "c1", "district": "gulou", "reported_on": "2020-01-05", "category": "labour"},
    {"id": "c2", "district": "cangshan", "reported_on": "2020-02-30", "category": "labour"},
    {"id": "c3", "district": "cangshan", "reported_on": "2020-01-05", "category": "weather"}
  ]
}
"""


def test_validate_lists_every_problem(run_cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(SEVERAL_PROBLEMS, encoding="utf-8")
    result = run_cli("validate", bad)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 3, result.stderr
    assert all(line.startswith(f"{bad}:") for line in lines)
    assert any("/cases/0/district" in line and "gulou" in line for line in lines)
    assert any("/cases/1/reported_on" in line and "2020-02-30" in line for line in lines)
    assert any("/cases/2/category" in line and "weather" in line for line in lines)
    assert result.stdout == "invalid: 3 problems\n"


def test_validate_stops_at_max_problems(run_cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(SEVERAL_PROBLEMS, encoding="utf-8")
    result = run_cli("validate", bad, "--max-problems", "2")
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 2
    assert result.stdout == "invalid: 2 problems (stopped at --max-problems)\n"


def test_validate_lists_problems_in_the_order_of_the_lines(run_cli, tmp_path):
    # The reader finds the bad category (line 5) before the checks that run once every
    # record is read find the unknown districts (lines 4 and 6): printed by line all the same.
    ledger = tmp_path / "order.json"
    ledger.write_text(
        '{"format": "caseledger.ledger/1",\n'
        ' "districts": [{"id": "d1", "name": "x"}],\n'
        ' "cases": [\n'
        '  {"id": "c1", "district": "nowhere", "reported_on": "2020-01-05", "category": "labour"},\n'
        '  {"id": "c2", "district": "d1", "reported_on": "2020-01-05", "category": "bogus"},\n'
        '  {"id": "c3", "district": "elsewhere", "reported_on": "2020-01-05", "category": "labour"}\n'
        ' ]}\n', encoding="utf-8")
    result = run_cli("validate", ledger, "--max-problems", "10")
    assert result.returncode == 1
    lines = [int(line.split(":")[1]) for line in result.stderr.splitlines()]
    assert lines == [4, 5, 6]
