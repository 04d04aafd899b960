"""The handling process in the workbook and the page (issue 17, docs/xlsx.md and
docs/html.md): the summary's process columns, the 责任单位 and 超期未办结 sheets, the
listing's process columns, read back with openpyxl from a small ledger made here; and a
ledger without the process, whose workbook keeps the sheets and columns it had before.

As of 2020-03-31 (every March weekday a working day):
  c1 鼓楼 rsj, co swj: due 3-11, resolved 3-10 (6 working days), called back, 满意
  c2 鼓楼 rsj: due 3-11 extended on 3-10 to 3-20, resolved 3-18 (12), 基本满意
  c3 仓山 fgj, co rsj swj: due 3-11, open: overdue 20 days, 14 working days
  c4 仓山 fgj: due 3-30, open: overdue 1 day, 1 working day
  c5 仓山 no unit: due 3-20, resolved 3-25 (13, late), 不满意
  c6 鼓楼 swj: due 4-10, open, not overdue
"""
import copy
import datetime
import json

import openpyxl
import pytest

WINDOW = ["--from", "2020-03-01", "--to", "2020-03-31"]
SUMMARY_FIXED = 2 + 18  # 序号, 区县 and the built-in layout's figure columns
LISTING_HEADER = ["案件编号", "区县", "企业/项目", "问题类别", "报送渠道", "问题描述", "反映日期",
                  "办理时限", "办结日期", "状态", "办结天数", "服务队"]
PROCESS_FIELDS = ("unit", "co_units", "extended_on", "extended_due_on", "followed_up_on",
                  "satisfaction")


def case(id, district, on, category, due, summary, **fields):
    return {"id": id, "district": district, "reported_on": on, "category": category,
            "due_on": due, "summary": summary, **fields}


LEDGER = {
    "format": "caseledger.ledger/1",
    "districts": [{"id": "gulou", "name": "鼓楼区"}, {"id": "cangshan", "name": "仓山区"}],
    "units": [
        {"id": "rsj", "name": "鼓楼区人社局", "district": "gulou", "kind": "区人社局"},
        {"id": "fgj", "name": "仓山区发改局", "district": "cangshan", "kind": "区发改局"},
        {"id": "swj", "name": "市税务局", "kind": "市直部门"},
    ],
    "cases": [
        case("c1", "gulou", "2020-03-02", "labour", "2020-03-11", "招工难，缺口50人",
             unit="rsj", co_units=["swj"], resolved_on="2020-03-10",
             followed_up_on="2020-03-12", satisfaction="satisfied"),
        case("c2", "gulou", "2020-03-02", "funding", "2020-03-11", "流动资金紧张",
             unit="rsj", extended_on="2020-03-10", extended_due_on="2020-03-20",
             resolved_on="2020-03-18", followed_up_on="2020-03-19",
             satisfaction="basically_satisfied"),
        case("c3", "cangshan", "2020-03-02", "approval", "2020-03-11", "审批材料被退回",
             unit="fgj", co_units=["rsj", "swj"]),
        case("c4", "cangshan", "2020-03-05", "logistics", "2020-03-30", "物流车辆通行证",
             unit="fgj"),
        case("c5", "cangshan", "2020-03-06", "policy", "2020-03-20", "政策咨询",
             resolved_on="2020-03-25", followed_up_on="2020-03-26", satisfaction="dissatisfied"),
        case("c6", "gulou", "2020-03-09", "other", "2020-04-10", "厂房租金", unit="swj"),
    ],
}


def old_ledger():
    """The same cases as a ledger of earlier years records them: no units, no process."""
    old = copy.deepcopy(LEDGER)
    del old["units"]
    for c in old["cases"]:
        for field in PROCESS_FIELDS:
            c.pop(field, None)
    return old


def write(run_cli, folder, ledger, name, *switches):
    path = folder / f"{name}.json"
    path.write_text(json.dumps(ledger, ensure_ascii=False), encoding="utf-8")
    xlsx, html = folder / f"{name}.xlsx", folder / f"{name}.html"
    done = run_cli("report", path, *WINDOW, "--xlsx", xlsx, "--html", html, *switches)
    assert done.returncode == 0, done.stderr
    return xlsx, html


def header(sheet, row):
    return [c.value for c in sheet[row]]


def rows_by(sheet, first_row, key_col):
    """The rows from `first_row` on by the text in column `key_col` (1-based)."""
    found = {}
    for row in sheet.iter_rows(min_row=first_row, values_only=True):
        if row[key_col - 1] is not None:
            found[row[key_col - 1]] = row
    return found


@pytest.fixture(scope="module")
def process(run_cli, tmp_path_factory):
    folder = tmp_path_factory.mktemp("process")
    xlsx, html = write(run_cli, folder, LEDGER, "process")
    return openpyxl.load_workbook(xlsx), xlsx, html.read_text(encoding="utf-8"), folder


def test_the_sheets_of_a_ledger_with_units(process):
    book, *_ = process
    assert book.sheetnames == ["概况", "问题类别", "趋势", "帮扶", "返岗", "责任单位", "超期未办结",
                               "明细"]


def test_the_summary_gains_the_process_columns(process):
    sheet = process[0]["概况"]
    names = header(sheet, 3)
    assert names[SUMMARY_FIXED:] == ["超期未办结", "延期数", "回访率", "满意率", "平均办理工作日"]
    rows = rows_by(sheet, 4, 2)
    # 鼓楼: c1 c2 c6; 仓山: c3 c4 c5.
    assert rows["鼓楼区"][SUMMARY_FIXED:] == (0, 1, 1.0, 1.0, 9.0)
    assert rows["仓山区"][SUMMARY_FIXED:] == (2, 0, 1.0, 0.0, 13.0)
    total = rows["合计"][SUMMARY_FIXED:]
    assert total[:4] == (2, 1, 1.0, pytest.approx(2 / 3))
    assert total[4] == pytest.approx(31 / 3)
    fmt = [sheet.cell(row=4, column=SUMMARY_FIXED + i).number_format for i in range(1, 6)]
    assert fmt == ["#,##0", "#,##0", "0.0%", "0.0%", "#,##0.0"]


def test_the_units_sheet(process):
    sheet = process[0]["责任单位"]
    assert "责任单位" in sheet.cell(1, 1).value
    assert header(sheet, 3) == ["序号", "单位名称", "所属区县", "单位类型", "协调问题数", "办结数",
                                "在办", "超期未办结", "按时办结率", "延期数", "回访率", "满意率",
                                "平均办理工作日", "协办件数"]
    rows = rows_by(sheet, 4, 2)
    assert rows["仓山区发改局"][1:] == ("仓山区发改局", "仓山区", "区发改局", 2, 0, 2, 2, 0.0, 0,
                                      None, None, None, 0)
    assert rows["鼓楼区人社局"][2:] == ("鼓楼区", "区人社局", 2, 2, 0, 0, 1.0, 1, 1.0, 1.0, 9.0, 1)
    # A city-level unit: 市级; it helped with c1 and c3.
    assert rows["市税务局"][2:] == ("市级", "市直部门", 1, 0, 1, 0, None, 0, None, None, None, 2)
    assert rows["未指定"][2:] == (None, None, 1, 1, 0, 0, 0.0, 0, 1.0, 0.0, 13.0, 0)
    assert rows["合计"][0] is None and rows["合计"][4:8] == (6, 3, 3, 2)
    assert rows["合计"][13] == 3
    assert [r[0] for r in rows.values() if isinstance(r[0], int)] == [1, 2, 3, 4]


def test_the_overdue_sheet_lists_the_most_overdue_first(process):
    sheet = process[0]["超期未办结"]
    assert header(sheet, 3) == ["序号", "案件编号", "区县", "责任单位", "问题类别", "反映日期",
                                "办理时限（含延期）", "超期工作日", "超期天数", "问题描述"]
    data = [r for r in sheet.iter_rows(min_row=4, max_row=5, values_only=True)]
    day = lambda text: datetime.datetime.fromisoformat(text)  # noqa: E731
    assert data == [
        (1, "c3", "仓山区", "仓山区发改局", "审批", day("2020-03-02"), day("2020-03-11"), 14, 20,
         "审批材料被退回"),
        (2, "c4", "仓山区", "仓山区发改局", "运输", day("2020-03-05"), day("2020-03-30"), 1, 1,
         "物流车辆通行证"),
    ]
    assert sheet.cell(4, 7).number_format == "yyyy-mm-dd"


def test_the_listing_gains_the_process_columns(process):
    sheet = process[0]["明细"]
    assert header(sheet, 1) == LISTING_HEADER + ["责任单位", "协办单位", "延期至", "回访日期", "满意度"]
    rows = rows_by(sheet, 2, 1)
    assert rows["c3"][12:] == ("仓山区发改局", "鼓楼区人社局、市税务局", None, None, None)
    assert rows["c2"][12:] == ("鼓楼区人社局", None, datetime.datetime(2020, 3, 20),
                               datetime.datetime(2020, 3, 19), "基本满意")
    assert rows["c5"][12:] == (None, None, None, datetime.datetime(2020, 3, 26), "不满意")


def followed_up_only():
    """No units, one case called back: the process shows, found only once the cases are in."""
    ledger = old_ledger()
    ledger["cases"][4].update(followed_up_on="2020-03-26", satisfaction="dissatisfied")
    return ledger


@pytest.mark.parametrize("ledger", [LEDGER, followed_up_only()], ids=["units", "follow-up"])
def test_every_mode_writes_the_same_workbook(run_cli, tmp_path, ledger):
    """The command line's one pass writing the listing on a second thread (the default), on
    one thread, and Python's whole-ledger report give the same bytes."""
    caseledger = pytest.importorskip("caseledger")
    eager, _ = write(run_cli, tmp_path, ledger, "eager")
    one_thread, _ = write(run_cli, tmp_path, ledger, "one", "--threads", "1")
    assert one_thread.read_bytes() == eager.read_bytes()
    r = caseledger.report(caseledger.Ledger.from_dict(ledger), "2020-03-01", "2020-03-31")
    r.write_xlsx(tmp_path / "py.xlsx")
    assert (tmp_path / "py.xlsx").read_bytes() == eager.read_bytes()
    assert "超期未办结" in openpyxl.load_workbook(eager).sheetnames


def test_the_page_shows_overdue_and_satisfaction(process):
    html = process[2]
    assert 'data-figure="overdue_open">2<' in html
    assert 'data-figure="satisfaction_rate">66.7%<' in html
    assert '<td data-metric="overdue_open">2</td>' in html
    assert "超期未办结" in html and "满意率" in html


def test_a_comparison_adds_the_overdue_and_satisfaction_changes(run_cli, tmp_path):
    xlsx, html = write(run_cli, tmp_path, LEDGER, "compared", "--compare", "previous")
    sheet = openpyxl.load_workbook(xlsx)["概况"]
    names = header(sheet, 3)
    assert names[-2:] == ["超期未办结环比", "满意率环比（百分点）"]
    total = rows_by(sheet, 4, 2)["合计"]
    # February had no case: 2 more overdue; no satisfaction rate before, so no change.
    assert total[-2:] == (2, None)
    assert sheet.cell(4, len(names) - 1).number_format == '"▲"#,##0;"▼"#,##0;#,##0'
    assert 'data-figure="overdue_open">2<' in html.read_text(encoding="utf-8")


def test_the_process_alerts_fill_their_cells(run_cli, tmp_path):
    xlsx, html = write(run_cli, tmp_path, LEDGER, "alerts", "--alert", "overdue_open>0",
                       "--alert", "satisfaction_rate<90%")
    sheet = openpyxl.load_workbook(xlsx)["概况"]
    names = header(sheet, 3)
    rows = {sheet.cell(r, 2).value: r for r in range(4, 7)}

    def filled(name, column):
        cell = sheet.cell(rows[name], names.index(column) + 1)
        return cell.fill.fgColor.rgb == "FFFFC7CE"

    # 仓山: 2 overdue, satisfaction 0%; 鼓楼: none overdue, 100%; the total: 2, 66.7%.
    assert [filled(n, "超期未办结") for n in ("鼓楼区", "仓山区", "合计")] == [False, True, True]
    assert [filled(n, "满意率") for n in ("鼓楼区", "仓山区", "合计")] == [False, True, True]
    assert not filled("仓山区", "延期数")
    page = html.read_text(encoding="utf-8")
    assert '<td class="alert" data-metric="overdue_open">2</td>' in page
    assert '<td class="alert" data-metric="satisfaction_rate">0.0%</td>' in page


def test_every_language_names_the_process_sheets(run_cli, tmp_path):
    for language, names in [("zh-Hant", ["責任單位", "超期未辦結", "明細"]),
                            ("en", ["Units", "Overdue open", "Cases"])]:
        xlsx, _ = write(run_cli, tmp_path, LEDGER, language, "--language", language)
        assert openpyxl.load_workbook(xlsx).sheetnames[-3:] == names


def test_no_overdue_case_says_so(run_cli, tmp_path):
    ledger = copy.deepcopy(LEDGER)
    for c in ledger["cases"][2:4]:  # c3, c4: the overdue ones
        c["due_on"] = "2020-04-30"
    xlsx, _ = write(run_cli, tmp_path, ledger, "none")
    sheet = openpyxl.load_workbook(xlsx)["超期未办结"]
    assert sheet.cell(4, 2).value == "无超期未办结问题"
    assert sheet.cell(5, 2).value is None


def test_a_ledger_without_the_process_keeps_its_workbook_and_page(run_cli, tmp_path):
    xlsx, html = write(run_cli, tmp_path, old_ledger(), "old")
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["概况", "问题类别", "趋势", "帮扶", "返岗", "明细"]
    assert len([v for v in header(book["概况"], 3) if v is not None]) == SUMMARY_FIXED
    assert "超期未办结" not in header(book["概况"], 3)
    assert header(book["明细"], 1) == LISTING_HEADER
    page = html.read_text(encoding="utf-8")
    assert "overdue_open" not in page and "satisfaction_rate" not in page
