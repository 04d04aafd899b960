"""The bulletin options of the command line: --compare, --aging-buckets, --alert/--alerts,
--templates and the headline command, over a small ledger whose figures are worked out by
hand below. Every report written is validated against the schema."""
import json

import pytest

Q1 = ["--from", "2020-01-01", "--to", "2020-03-31"]

# Q1 2020 (as of 03-31) against Q4 2019 (as of 2019-12-31).
#   a: Q4 p1 p2 resolved, p3 open: coordinated 3, resolved 2 (66.7%), subsidy 100000.
#      Q1 c1 c2 resolved, c3 open (1 day old), c4 open (71 days): coordinated 4,
#      resolved 2 (50.0%), subsidy 400000.
#   b: Q4 nothing. Q1 c5 open (30 days): coordinated 1, resolved 0 (0.0%).
LEDGER = """{
  "format": "caseledger.ledger/1",
  "districts": [
    {"id": "a", "name": "甲区", "name_en": "A"},
    {"id": "b", "name": "乙区", "name_en": "B"}
  ],
  "cases": [
    {"id": "p1", "district": "a", "reported_on": "2019-10-10", "category": "labour", "resolved_on": "2019-10-12"},
    {"id": "p2", "district": "a", "reported_on": "2019-11-10", "category": "labour", "resolved_on": "2019-11-20"},
    {"id": "p3", "district": "a", "reported_on": "2019-12-10", "category": "labour"},
    {"id": "c1", "district": "a", "reported_on": "2020-01-05", "category": "funding", "resolved_on": "2020-01-08"},
    {"id": "c2", "district": "a", "reported_on": "2020-02-01", "category": "funding", "resolved_on": "2020-02-11"},
    {"id": "c3", "district": "a", "reported_on": "2020-03-30", "category": "energy"},
    {"id": "c4", "district": "a", "reported_on": "2020-01-20", "category": "energy"},
    {"id": "c5", "district": "b", "reported_on": "2020-03-01", "category": "other"}
  ],
  "measures": [
    {"id": "m1", "district": "a", "kind": "subsidy", "granted_on": "2020-02-01", "amount": "400000.00"},
    {"id": "m2", "district": "a", "kind": "subsidy", "granted_on": "2019-11-01", "amount": "100000.00"}
  ]
}
"""


@pytest.fixture
def ledger(tmp_path):
    path = tmp_path / "ledger.json"
    path.write_text(LEDGER, encoding="utf-8")
    return path


@pytest.fixture
def report(run_cli, ledger, tmp_path, validate_report):
    def make(*extra):
        out = tmp_path / "out.json"
        result = run_cli("report", ledger, *Q1, "--json", out, *extra)
        assert result.returncode == 0, result.stderr
        document = json.loads(out.read_text(encoding="utf-8"))
        validate_report(document)
        return document

    return make


def change(base, delta, relative, display):
    return {"base": base, "change": delta, "relative": relative, "relative_display": display}


def test_backlog_by_age_bucket(report):
    document = report()
    a, b = document["groups"]
    assert a["backlog"] == {
        "open": 2,
        "buckets": [{"from": 0, "to": 7, "count": 1}, {"from": 8, "to": 30, "count": 0},
                    {"from": 31, "to": 90, "count": 1}, {"from": 91, "to": None, "count": 0}],
        "oldest": {"case": "c4", "age": 71}}
    assert b["backlog"]["buckets"][1] == {"from": 8, "to": 30, "count": 1}  # 30 days: 8–30
    assert b["backlog"]["oldest"] == {"case": "c5", "age": 30}
    assert document["total"]["backlog"]["open"] == 3
    assert "comparison" not in document and "alerts" not in document


def test_aging_buckets_option(report):
    a, b = report("--aging-buckets", "1,30")["groups"]
    assert [x["count"] for x in a["backlog"]["buckets"]] == [1, 0, 1]
    assert [x["count"] for x in b["backlog"]["buckets"]] == [0, 1, 0]
    assert a["backlog"]["buckets"][2] == {"from": 31, "to": None, "count": 1}


def test_compare_with_the_previous_quarter(report):
    document = report("--compare", "previous")
    assert document["comparison"] == {"kind": "previous",
                                      "window": {"from": "2019-10-01", "to": "2019-12-31"},
                                      "as_of": "2019-12-31"}
    a, b = document["groups"]
    cases = a["comparison"]["cases"]
    assert cases["coordinated"] == change(3, 1, pytest.approx(1 / 3), "+33.3%")
    assert cases["resolved"] == change(2, 0, 0.0, "0.0%")
    assert cases["open"] == change(1, 1, 1.0, "+100.0%")
    # 2/4 = 50% against 2/3 = 66.67%: −16.67 points.
    assert cases["resolution_rate"]["base"]["display"] == "66.7%"
    assert cases["resolution_rate"]["points"] == pytest.approx(-50 / 3)
    assert cases["resolution_rate"]["points_display"] == "-16.7"
    assert a["comparison"]["support"]["subsidy"]["amount"] == change(
        "100000.00", "300000.00", 3.0, "+300.0%")
    # b had nothing in Q4: a zero base and a null rate give null changes.
    b_cases = b["comparison"]["cases"]
    assert b_cases["coordinated"] == change(0, 1, None, None)
    assert b_cases["resolution_rate"]["base"]["value"] is None
    assert b_cases["resolution_rate"]["points"] is None
    assert document["total"]["comparison"]["cases"]["coordinated"] == change(
        3, 2, pytest.approx(2 / 3), "+66.7%")


def test_compare_with_a_year_ago_and_an_explicit_window(report):
    document = report("--compare", "year-ago")
    assert document["comparison"]["window"] == {"from": "2019-01-01", "to": "2019-03-31"}
    assert document["groups"][0]["comparison"]["cases"]["coordinated"]["base"] == 0
    document = report("--compare", "2019-11-01..2019-11-30")
    assert document["comparison"]["kind"] == "window"
    assert document["groups"][0]["comparison"]["cases"]["coordinated"]["base"] == 1  # p2


def test_alerts_from_options(report):
    document = report("--alert", "resolution_rate<50%", "--alert", "open_older_than_30>0")
    alerts = [(x["key"], x["metric"], x["limit"]) for x in document["alerts"]]
    # a is at 50% exactly: no alert; b 0%; the total 2/5 = 40%. Older than 30 days: a (71)
    # and the total; b's case is 30 days old.
    assert alerts == [({"district": "a"}, "open_older_than", "0"),
                      ({"district": "b"}, "resolution_rate", "50%"),
                      ({}, "resolution_rate", "50%"),
                      ({}, "open_older_than", "0")]
    assert document["alerts"][1]["value"] == {"num": 0, "den": 1, "value": 0.0, "display": "0.0%"}
    assert document["alerts"][0]["value"] == 1
    assert document["alerts"][0]["days"] == 30


def test_alerts_from_a_file(report, tmp_path):
    thresholds = tmp_path / "alerts.json"
    thresholds.write_text(json.dumps({"format": "caseledger.alerts/1",
                                      "alerts": ["district=a:resolution_rate<50.1%"]}),
                          encoding="utf-8")
    document = report("--alerts", thresholds)
    assert [(x["key"], x["limit"]) for x in document["alerts"]] == [({"district": "a"}, "50.1%")]
    assert report("--alerts", thresholds, "--alert", "late>0")["alerts"] == document["alerts"]


def test_no_alert_crossed_is_an_empty_list(report):
    assert report("--alert", "open>10")["alerts"] == []


def test_headline_in_the_report(report):
    document = report("--compare", "previous")
    a, b = document["groups"]
    assert a["headline"]["zh-Hans"] == ("一季度，甲区累计协调企业、项目问题4个，办结2个，办结率50.0%，"
                                        "办结数环比0.0%，在办2个，发放补助40万元。")
    assert b["headline"]["zh-Hans"] == "一季度，乙区累计协调企业、项目问题1个，办结0个，办结率0.0%，在办1个。"
    assert b["headline"]["en"] == ("Q1 2020: B coordinated 1 problem of enterprises and projects, "
                                   "resolved 0, a resolution rate of 0.0%, 1 still open.")


def test_headline_command_text(run_cli, ledger):
    result = run_cli("headline", ledger, *Q1)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == (
        "一季度，甲区累计协调企业、项目问题4个，办结2个，办结率50.0%，在办2个，发放补助40万元。\n"
        "一季度，乙区累计协调企业、项目问题1个，办结0个，办结率0.0%，在办1个。\n"
        "一季度，合计协调企业、项目问题5个，办结2个，办结率40.0%，在办3个，发放补助40万元。\n")


def test_headline_command_markdown_in_english_and_traditional(run_cli, ledger):
    result = run_cli("headline", ledger, "--from", "2020-01-01", "--to", "2020-02-29",
                     "--format", "markdown", "--language", "en")
    assert result.returncode == 0, result.stderr
    # January–February: a has c1 c2 c4 (2 resolved), b nothing.
    assert result.stdout == (
        "## 一企一议问题办理情况（2020-01-01 至 2020-02-29）\n\n"
        "- January–February 2020: A coordinated 3 problems of enterprises and projects, "
        "resolved 2, a resolution rate of 66.7%, 1 still open, "
        "granted 400,000 yuan in subsidies.\n"
        "- January–February 2020: B coordinated 0 problems of enterprises and projects, "
        "resolved 0.\n"
        "\n"
        "January–February 2020: in total, coordinated 3 problems of enterprises and projects, "
        "resolved 2, a resolution rate of 66.7%, 1 still open, "
        "granted 400,000 yuan in subsidies.\n")
    hant = run_cli("headline", ledger, *Q1, "--language", "zh-Hant").stdout.splitlines()
    assert hant[0] == "一季度，甲区累計協調企業、項目問題4個，辦結2個，辦結率50.0%，在辦2個，發放補助40萬元。"


def test_headline_with_my_own_templates(run_cli, ledger, tmp_path):
    mine = {"format": "caseledger.headlines/1"}
    for language in ("zh-Hans", "zh-Hant", "en"):
        mine[language] = {"group": "{group}：{clauses}", "total": "{period}：{clauses}",
                          "separator": "、",
                          "clauses": [{"text": "最久在办{oldest_open_age}天（{oldest_open_case}）"}]}
    templates = tmp_path / "mine.json"
    templates.write_text(json.dumps(mine, ensure_ascii=False), encoding="utf-8")
    result = run_cli("headline", ledger, *Q1, "--templates", templates)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("甲区：最久在办71天（c4）\n乙区：最久在办30天（c5）\n"
                             "2020年一季度：最久在办71天（c4）\n")


def test_bad_templates_exit_2_naming_the_file(run_cli, ledger, tmp_path):
    templates = tmp_path / "mine.json"
    templates.write_text('{"format": "caseledger.headlines/1"}', encoding="utf-8")
    result = run_cli("headline", ledger, *Q1, "--templates", templates)
    assert result.returncode == 2
    assert result.stderr == f"caseledger: headline templates '{templates}': no templates for zh-Hans\n"


def test_a_missing_alerts_file_exits_1(run_cli, ledger, tmp_path):
    missing = tmp_path / "missing.json"
    result = run_cli("report", ledger, *Q1, "--json", tmp_path / "o.json", "--alerts", missing)
    assert result.returncode == 1
    assert result.stderr == f"caseledger: cannot open '{missing}': No such file or directory\n"
    assert not (tmp_path / "o.json").exists()


def test_the_help_lists_the_new_options(run_cli):
    report_help = run_cli("report", "--help").stdout
    for option in ("--compare", "--aging-buckets", "--alert ", "--alerts", "--templates"):
        assert option in report_help
    headline_help = run_cli("headline", "--help").stdout
    assert headline_help.startswith("Usage: caseledger headline")
    for option in ("--format", "--language", "--compare", "--from"):
        assert option in headline_help
    assert "headline LEDGER" in run_cli("--help").stdout


@pytest.mark.parametrize("args, message", [
    (["report", "l.json", *Q1, "--json", "o.json", "--compare", "weekly"],
     "caseledger: report: --compare: comparison 'weekly' is not previous, year-ago or FROM..TO "
     "(YYYY-MM-DD..YYYY-MM-DD) (see caseledger report --help)"),
    (["report", "l.json", *Q1, "--json", "o.json", "--aging-buckets", "7,x"],
     "caseledger: report: --aging-buckets: 'x' is not a whole number of days "
     "(see caseledger report --help)"),
    (["report", "l.json", *Q1, "--json", "o.json", "--aging-buckets", "30,7"],
     "caseledger: report: aging bucket limits must be increasing whole days from 0, got 30,7 "
     "(see caseledger report --help)"),
    (["report", "l.json", *Q1, "--json", "o.json", "--alert", "speed<3"],
     "caseledger: report: --alert: alert 'speed<3': unknown metric 'speed' (resolution_rate, "
     "on_time_rate, resumption_rate, open, late, open_older_than_DAYS, overdue_open, "
     "satisfaction_rate, follow_up_rate) (see caseledger report --help)"),
    (["headline", "l.json", *Q1, "--format", "html"],
     "caseledger: headline: --format: 'html' is not text or markdown "
     "(see caseledger headline --help)"),
    (["headline", "l.json", *Q1, "--language", "fr"],
     "caseledger: headline: --language: 'fr' is not zh-Hans, zh-Hant or en "
     "(see caseledger headline --help)"),
    (["headline", "l.json", "--to", "2020-03-31"],
     "caseledger: headline: the option '--from' is required but missing "
     "(see caseledger headline --help)"),
])
def test_bulletin_usage_errors_exit_2(run_cli, tmp_path, args, message):
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == message + "\n"
    assert list(tmp_path.iterdir()) == []


# --- the workbook ------------------------------------------------------------------------

def workbook(run_cli, ledger, tmp_path, *extra):
    """The data form's workbook: its tables where the checks below read them."""
    import openpyxl

    out = tmp_path / "q1.xlsx"
    result = run_cli("report", ledger, *Q1, "--xlsx", out, "--layout", "data", *extra)
    assert result.returncode == 0, result.stderr
    return openpyxl.load_workbook(out)


ALERT_FILL = "FFFFC7CE"


def test_workbook_headline_changes_and_alerts(run_cli, ledger, tmp_path):
    book = workbook(run_cli, ledger, tmp_path, "--compare", "previous",
                    "--alert", "resolution_rate<50%", "--alert", "open_older_than_30>0")
    summary = book["概况"]
    assert summary["A6"].value == ("一季度，合计协调企业、项目问题5个，办结2个，办结率40.0%，"
                                   "办结数环比0.0%，在办3个，发放补助40万元。")
    header = [cell.value for cell in summary[7]]
    assert header[-4:] == ["协调问题数环比", "办结数环比", "在办环比", "办结率环比（百分点）"]
    rows = {summary.cell(row, 1).value: row for row in range(8, 11)}
    assert set(rows) == {"甲区", "乙区", "合计"}
    change = len(header) - 3  # the first change column, 1-based
    # a: coordinated 4 against 3, resolved 2 against 2, open 2 against 1, rate −16.67 points.
    a = [summary.cell(rows["甲区"], change + i).value for i in range(4)]
    assert a[:3] == [1, 0, 1]
    assert a[3] == pytest.approx(-50 / 3)
    # b: no rate in Q4, so no change of rate.
    assert summary.cell(rows["乙区"], change + 3).value is None
    assert summary.cell(rows["合计"], change).value == 2
    assert summary.cell(rows["甲区"], change).number_format == '"▲"#,##0;"▼"#,##0;#,##0'
    assert summary.cell(rows["甲区"], change + 3).number_format == '"▲"0.0;"▼"0.0;0.0'

    def filled(name, column):
        return summary.cell(rows[name], header.index(column) + 1).fill.fgColor.rgb == ALERT_FILL

    # Resolution below 50%: b (0%) and the total (40%), not a (exactly 50%).
    assert [filled(n, "办结率") for n in ("甲区", "乙区", "合计")] == [False, True, True]
    # Open older than 30 days: a (71 days) and the total.
    assert [filled(n, "在办") for n in ("甲区", "乙区", "合计")] == [True, False, True]
    assert not filled("甲区", "按时办结率")

    alerts = list(book["预警"].iter_rows(min_row=3, values_only=True))
    assert alerts == [("分组", "指标", "条件", "阈值", "数值"),
                      ("甲区", "超期在办数（超过30天）", "高于", "0", 1),
                      ("乙区", "办结率", "低于", "50%", 0),
                      ("合计", "办结率", "低于", "50%", 0.4),
                      ("合计", "超期在办数（超过30天）", "高于", "0", 1)]


def test_workbook_without_the_options_has_no_bulletin_columns(run_cli, ledger, tmp_path):
    book = workbook(run_cli, ledger, tmp_path)
    assert "预警" not in book.sheetnames
    summary = book["概况"]
    assert summary[7][-1].value == "指导员"
    assert summary["A6"].value.startswith("一季度，合计协调企业、项目问题5个")
