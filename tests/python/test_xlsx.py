"""The Excel workbook, read back with openpyxl and compared with the JSON report.

The workbooks come from tests/xlsx_writer_fixture.cpp (a synthetic ledger built in code,
with hostile text on demand), whose path ctest passes in CASELEDGER_XLSX_FIXTURE; the
JSON report of the same ledger and options is the reference for every figure.
"""
import csv
import datetime
import json
import os
import pathlib
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from conftest import FUZHOU_LEDGER

FORBIDDEN_IN_SHEET_NAMES = set("[]:*?/\\")
WINDOW_FROM = datetime.date(2020, 1, 1)
WINDOW_TO = datetime.date(2020, 3, 31)

SHEETS = {
    "zh_hans": ["概况", "问题类别", "趋势", "帮扶", "返岗", "明细"],
    "zh_hant": ["概況", "問題類別", "趨勢", "幫扶", "返崗", "明細"],
    "en": ["Summary", "By category", "Trend", "Support", "Return to work", "Cases"],
}
SUMMARY_HEADER_ROW = 7  # 1-based, as openpyxl counts
CATEGORIES = ["labour", "funding", "approval", "logistics", "epidemic_supplies",
              "raw_materials", "energy", "policy", "other"]
MODES = ["chartered_bus", "chartered_flight", "chartered_train", "dedicated_vehicle",
         "self_arranged"]
ORIGINS = ["in_province", "out_of_province"]
MONEY_KINDS = ["subsidy", "fee_reduction", "loan", "allowance"]
TEAM_KINDS = ["service_team", "party_team", "instructor"]


@pytest.fixture(scope="session")
def fixture_path():
    path = os.environ.get("CASELEDGER_XLSX_FIXTURE")
    if not path:
        pytest.fail("CASELEDGER_XLSX_FIXTURE is not set: run the suite through ctest")
    return pathlib.Path(path)


@pytest.fixture(scope="session")
def write_workbook(fixture_path, tmp_path_factory):
    """Writes a workbook (and its JSON report) with the fixture; returns (xlsx, json)."""
    folder = tmp_path_factory.mktemp("xlsx")
    counter = iter(range(10**6))

    def write(*args, env=None):
        n = next(counter)
        xlsx = folder / f"book{n}.xlsx"
        report = folder / f"book{n}.json"
        done = subprocess.run([str(fixture_path), str(xlsx), "--json", str(report), *args],
                              capture_output=True, text=True, timeout=1800,
                              env={**os.environ, **(env or {})})
        assert done.returncode == 0, done.stderr
        return xlsx, json.loads(report.read_text(encoding="utf-8")), done.stderr

    return write


@pytest.fixture(scope="session")
def default_book(write_workbook):
    xlsx, report, _ = write_workbook()
    return openpyxl.load_workbook(xlsx), report, xlsx


@pytest.fixture(scope="session")
def hostile_book(write_workbook):
    xlsx, report, stderr = write_workbook("--hostile")
    return openpyxl.load_workbook(xlsx), report, xlsx, stderr


def rows_of(sheet, first_row):
    return [list(row) for row in sheet.iter_rows(min_row=first_row, values_only=True)]


def rate_value(rate):
    return rate["value"]


def assert_rate_cell(cell, rate):
    if rate["value"] is None:
        assert cell.value is None
    else:
        assert cell.value == pytest.approx(rate["num"] / rate["den"], abs=1e-15)


def money_value(text, wan=False):
    amount = Decimal(text)
    return float(amount / 10000) if wan else float(amount)


# --- sheets and names ------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh_hans", "zh_hant", "en"])
def test_sheet_names_are_localised_and_valid(write_workbook, language):
    xlsx, _, _ = write_workbook("--language", language)
    names = openpyxl.load_workbook(xlsx, read_only=True).sheetnames
    assert names == SHEETS[language]
    for name in names:
        assert 0 < len(name) <= 31
        assert not set(name) & FORBIDDEN_IN_SHEET_NAMES


def test_summary_head_names_the_report(default_book):
    book, report, _ = default_book
    sheet = book["概况"]
    assert sheet["A1"].value == report["title"]
    assert sheet["B2"].value == datetime.datetime(2020, 1, 1)
    assert sheet["B3"].value == datetime.datetime(2020, 3, 31)
    assert sheet["B4"].value == datetime.datetime(2020, 3, 31)
    assert sheet["B5"].value == report["generator"]
    for cell in ("B2", "B3", "B4"):
        assert sheet[cell].is_date
        assert sheet[cell].number_format == "yyyy-mm-dd"


def test_frozen_panes_and_filters(default_book):
    book, report, _ = default_book
    groups = len(report["groups"])
    assert book["概况"].freeze_panes == "B8"
    assert book["概况"].auto_filter.ref == f"A7:S{7 + groups}"
    for name in ("问题类别", "帮扶", "返岗"):
        assert book[name].freeze_panes == "B5"
    assert book["趋势"].freeze_panes == "B4"
    listing = book["明细"]
    assert listing.freeze_panes == "B2"
    assert listing.auto_filter.ref == f"A1:L{listing.max_row}"


# --- figures against the JSON report ---------------------------------------------------


def test_summary_rows_match_the_json_report(default_book):
    book, report, _ = default_book
    sheet = book["概况"]
    header = [c.value for c in sheet[SUMMARY_HEADER_ROW]]
    assert header == ["区县", "协调问题数", "办结数", "无法解决", "在办", "办结率", "按时办结率",
                      "办结天数中位数", "办结天数P90", "补助（元）", "减免（元）", "贷款（元）",
                      "返岗补助（元）", "返岗人数", "物资受领单位", "复工率", "服务队",
                      "党员攻坚队", "指导员"]
    groups = report["groups"] + [report["total"]]
    rows = list(sheet.iter_rows(min_row=SUMMARY_HEADER_ROW + 1,
                                max_row=SUMMARY_HEADER_ROW + len(groups)))
    assert sheet.cell(SUMMARY_HEADER_ROW + len(groups) + 1, 1).value is None
    for group, row in zip(groups, rows):
        cases = group["cases"]
        assert row[0].value == group["label"]["zh"]
        assert [c.value for c in row[1:5]] == [cases["coordinated"], cases["resolved"],
                                              cases["unresolvable"], cases["open"]]
        assert_rate_cell(row[5], cases["resolution_rate"])
        assert_rate_cell(row[6], cases["on_time_rate"])
        assert row[7].value == cases["days_to_resolve"]["median"]
        assert row[8].value == cases["days_to_resolve"]["p90"]
        for cell, kind in zip(row[9:13], MONEY_KINDS):
            assert cell.value == money_value(group["support"][kind]["amount"])
            assert cell.number_format == "#,##0.00"
        assert row[13].value == group["return_to_work"]["workers"]
        # Distinct recipients over every item: the fixture gives each item one recipient
        # of its own, so the sum over items is the distinct count.
        assert row[14].value == sum(s["recipients"] for s in group["supplies"].values())
        assert_rate_cell(row[15], group["resumption"]["rate"])
        assert [c.value for c in row[16:19]] == [group["teams"][k] for k in TEAM_KINDS]
        for cell in row[1:5]:
            assert cell.data_type == "n"
            assert cell.number_format == "#,##0"
        for cell in (row[5], row[6], row[15]):
            assert cell.number_format == "0.0%"
    assert rows[-1][0].value == "合计"
    assert rows[-1][1].font.b


def test_summary_rate_display_matches_json_display(default_book):
    book, report, _ = default_book
    sheet = book["概况"]
    for i, group in enumerate(report["groups"] + [report["total"]]):
        cell = sheet.cell(SUMMARY_HEADER_ROW + 1 + i, 6)
        display = group["cases"]["resolution_rate"]["display"]
        if display is None:
            continue
        decimals = len(cell.number_format.split(".")[1]) - 1 if "." in cell.number_format else 0
        shown = f"{Decimal(repr(cell.value)) * 100:.{decimals}f}%"
        assert shown == display


@pytest.mark.parametrize("decimals,fmt", [("0", "0%"), ("2", "0.00%")])
def test_percent_format_follows_rate_decimals(write_workbook, decimals, fmt):
    xlsx, _, _ = write_workbook("--rate-decimals", decimals, "--no-cases")
    sheet = openpyxl.load_workbook(xlsx)["概况"]
    assert sheet.cell(SUMMARY_HEADER_ROW + 1, 6).number_format == fmt


def test_money_in_wan(write_workbook):
    xlsx, report, _ = write_workbook("--wan", "--no-cases")
    book = openpyxl.load_workbook(xlsx)
    sheet = book["概况"]
    assert sheet.cell(SUMMARY_HEADER_ROW, 10).value == "补助（万元）"
    total_row = SUMMARY_HEADER_ROW + len(report["groups"]) + 1
    for col, kind in zip(range(10, 14), MONEY_KINDS):
        cell = sheet.cell(total_row, col)
        assert cell.value == pytest.approx(money_value(report["total"]["support"][kind]["amount"],
                                                       wan=True), abs=1e-12)
        assert cell.number_format == "#,##0.00"
    assert book["帮扶"]["B4"].value == "金额（万元）"
    assert book.sheetnames == SHEETS["zh_hans"][:-1]  # --no-cases: no listing


def test_by_category_matches_the_json_report(default_book):
    book, report, _ = default_book
    sheet = book["问题类别"]
    assert sheet["B3"].value == "用工"
    assert [sheet.cell(4, c).value for c in (2, 3, 4)] == ["协调问题数", "办结数", "办结率"]
    for i, group in enumerate(report["groups"] + [report["total"]]):
        row = 5 + i
        assert sheet.cell(row, 1).value == group["label"]["zh"]
        for c, category in enumerate(CATEGORIES):
            counts = group["cases"]["by_category"][category]
            col = 2 + 3 * c
            assert sheet.cell(row, col).value == counts["coordinated"]
            assert sheet.cell(row, col + 1).value == counts["resolved"]
            rate = sheet.cell(row, col + 2).value
            if counts["coordinated"] == 0:
                assert rate is None
            else:
                assert rate == pytest.approx(counts["resolved"] / counts["coordinated"])


def test_trend_matches_the_monthly_json_report(default_book, write_workbook):
    book, _, _ = default_book
    _, monthly, _ = write_workbook("--group-by", "month", "--no-cases")
    months = [g for g in monthly["groups"] if g["key"].get("month")]
    assert [g["key"]["month"] for g in months] == ["2020-01", "2020-02", "2020-03"]
    sheet = book["趋势"]
    assert [c.value for c in sheet[3]] == ["月份", "新增问题", "当月办结", "累计办结率"]
    coordinated = resolved = 0
    for i, group in enumerate(months):
        row = [c.value for c in sheet[4 + i]]
        cases = group["cases"]
        coordinated += cases["coordinated"]
        resolved += cases["resolved"]
        assert row[0] == f"2020年{i + 1}月"
        assert row[1:3] == [cases["coordinated"], cases["resolved_in_window"]]
        assert row[3] == pytest.approx(resolved / coordinated)
    total = [c.value for c in sheet[4 + len(months)]]
    assert total[0] == "合计"
    assert total[1:3] == [monthly["total"]["cases"]["coordinated"],
                          monthly["total"]["cases"]["resolved_in_window"]]
    assert total[3] == pytest.approx(rate_value(monthly["total"]["cases"]["resolution_rate"]))


SHORT_WINDOW_WEEKS = [("2020-02-01", "2020-02-02"), ("2020-02-03", "2020-02-09"),
                      ("2020-02-10", "2020-02-16"), ("2020-02-17", "2020-02-23"),
                      ("2020-02-24", "2020-03-01"), ("2020-03-02", "2020-03-08"),
                      ("2020-03-09", "2020-03-15")]


def test_a_short_window_trends_by_week(write_workbook):
    xlsx, report, _ = write_workbook("--from", "2020-02-01", "--to", "2020-03-15", "--no-cases")
    sheet = openpyxl.load_workbook(xlsx)["趋势"]
    assert [c.value for c in sheet[3]] == ["周", "新增问题", "当周办结", "累计办结率"]
    coordinated = resolved = 0
    for i, (first, last) in enumerate(SHORT_WINDOW_WEEKS):
        # Each week's figures: the JSON report of that week alone, as of the window's end.
        _, week, _ = write_workbook("--from", first, "--to", last, "--as-of", "2020-03-15",
                                    "--no-cases")
        cases = week["total"]["cases"]
        coordinated += cases["coordinated"]
        resolved += cases["resolved"]
        row = [c.value for c in sheet[4 + i]]
        m1, d1 = int(first[5:7]), int(first[8:])
        m2, d2 = int(last[5:7]), int(last[8:])
        assert row[0] == f"{m1}月{d1}日–{m2}月{d2}日"
        assert row[1:3] == [cases["coordinated"], cases["resolved_in_window"]]
        assert row[3] == pytest.approx(resolved / coordinated)
    total = [c.value for c in sheet[4 + len(SHORT_WINDOW_WEEKS)]]
    assert total[:3] == ["合计", report["total"]["cases"]["coordinated"],
                         report["total"]["cases"]["resolved_in_window"]]
    assert total[3] == pytest.approx(report["total"]["cases"]["resolution_rate"]["value"])
    assert coordinated == report["total"]["cases"]["coordinated"]


def test_weeks_after_the_as_of_date_have_nothing_resolved(write_workbook):
    xlsx, _, _ = write_workbook("--from", "2020-02-01", "--to", "2020-03-15",
                                "--as-of", "2020-02-20", "--no-cases")
    rows = rows_of(openpyxl.load_workbook(xlsx)["趋势"], 4)
    later = rows[4:7]  # the weeks from 2020-02-24
    assert [row[2] for row in later] == [0, 0, 0]
    full, _, _ = write_workbook("--from", "2020-02-01", "--to", "2020-03-15", "--no-cases")
    full_rows = rows_of(openpyxl.load_workbook(full)["趋势"], 4)
    assert [row[1] for row in later] == [row[1] for row in full_rows[4:7]]


def test_support_matches_the_json_report(default_book):
    book, report, _ = default_book
    sheet = book["帮扶"]
    items = sorted(report["total"]["supplies"])
    assert [sheet.cell(3, 2 + 3 * k).value for k in range(4)] == ["补助", "减免", "贷款", "返岗补助"]
    assert [sheet.cell(3, 14 + 2 * i).value for i in range(len(items))] == \
        [f"物资：{item}" for item in items]
    for i, group in enumerate(report["groups"] + [report["total"]]):
        row = 5 + i
        for k, kind in enumerate(MONEY_KINDS):
            support = group["support"][kind]
            assert sheet.cell(row, 2 + 3 * k).value == money_value(support["amount"])
            assert sheet.cell(row, 3 + 3 * k).value == support["count"]
            assert sheet.cell(row, 4 + 3 * k).value == support["beneficiaries"]
        for j, item in enumerate(items):
            supplies = group["supplies"][item]
            assert sheet.cell(row, 14 + 2 * j).value == supplies["quantity"]
            assert sheet.cell(row, 15 + 2 * j).value == supplies["recipients"]


def test_return_to_work_matches_the_json_report(default_book):
    book, report, _ = default_book
    sheet = book["返岗"]
    assert [sheet.cell(4, c).value for c in range(2, 11)] == [
        "返岗人数", "趟次", "包车", "包机", "包列", "专车", "自行返岗", "省内", "省外"]
    for i, group in enumerate(report["groups"] + [report["total"]]):
        back = group["return_to_work"]
        row = [c.value for c in sheet[5 + i]]
        assert row[1:3] == [back["workers"], back["trips"]]
        assert row[3:8] == [back["by_mode"][m] for m in MODES]
        assert row[8:10] == [back["by_origin"][o] for o in ORIGINS]


def test_english_workbook_uses_english_labels(write_workbook):
    xlsx, report, _ = write_workbook("--language", "en", "--no-cases")
    book = openpyxl.load_workbook(xlsx)
    sheet = book["Summary"]
    assert sheet["A1"].value == "Enterprise assistance cases (2020-01-01 to 2020-03-31)"
    labels = [sheet.cell(SUMMARY_HEADER_ROW + 1 + i, 1).value
              for i in range(len(report["groups"]) + 1)]
    assert labels == [g["label"]["en"] for g in report["groups"]] + ["Total"]
    assert sheet.cell(SUMMARY_HEADER_ROW, 2).value == "Coordinated"
    assert sheet.cell(SUMMARY_HEADER_ROW, 10).value == "Subsidy (yuan)"
    assert book.properties.title == "Enterprise assistance cases (2020-01-01 to 2020-03-31)"


def test_a_hostile_title_is_text_in_cells_and_properties(write_workbook):
    xlsx, report, _ = write_workbook("--title", "=Q1\x01 report _x0041_", "--no-cases")
    book = openpyxl.load_workbook(xlsx)  # parses docProps/core.xml too
    assert report["title"] == "=Q1\x01 report _x0041_"
    assert book["概况"]["A1"].value == "=Q1 report _x005F_x0041_"
    assert book["概况"]["A1"].data_type == "s"
    assert book.properties.title == "=Q1 report _x0041_"


def test_traditional_chinese_workbook(write_workbook):
    xlsx, _, _ = write_workbook("--language", "zh_hant", "--no-cases")
    sheet = openpyxl.load_workbook(xlsx)["概況"]
    assert sheet.cell(SUMMARY_HEADER_ROW, 1).value == "區縣"
    assert sheet.cell(SUMMARY_HEADER_ROW, 3).value == "辦結數"
    assert sheet["A1"].value == "一企一議問題辦理情況（2020-01-01 至 2020-03-31）"


def test_district_and_month_groups(write_workbook):
    xlsx, report, _ = write_workbook("--group-by", "district,month", "--no-cases")
    sheet = openpyxl.load_workbook(xlsx)["概况"]
    assert sheet.cell(SUMMARY_HEADER_ROW, 1).value == "区县 · 月份"
    for i, group in enumerate(report["groups"]):
        assert sheet.cell(SUMMARY_HEADER_ROW + 1 + i, 1).value == group["label"]["zh"]
        assert sheet.cell(SUMMARY_HEADER_ROW + 1 + i, 2).value == group["cases"]["coordinated"]


# --- charts ----------------------------------------------------------------------------


def test_native_charts_with_quoted_references(default_book):
    _, _, xlsx = default_book
    with zipfile.ZipFile(xlsx) as archive:
        charts = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
        assert charts == ["xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/charts/chart3.xml"]
        rate, trend, back = (archive.read(n).decode("utf-8") for n in charts)
        drawings = [n for n in archive.namelist() if n.startswith("xl/drawings/drawing")]
        assert len(drawings) == 3
    assert '<c:barDir val="col"/>' in rate and "<c:showVal val=\"1\"/>" in rate
    assert "<c:f>'概况'!$A$8:$A$10</c:f>" in rate
    assert "<c:f>'概况'!$F$8:$F$10</c:f>" in rate
    assert "<c:strRef>" in rate  # text categories, not 1, 2, 3
    assert "<c:lineChart>" in trend and "<c:f>'趋势'!$B$4:$B$6</c:f>" in trend
    assert '<c:barDir val="bar"/>' in back and "<c:f>'返岗'!$D$4:$H$4</c:f>" in back


# --- cell rules --------------------------------------------------------------------------


def test_no_formulas_anywhere(hostile_book):
    _, _, xlsx, _ = hostile_book
    with zipfile.ZipFile(xlsx) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert "<f>" not in archive.read(name).decode("utf-8"), name


def listing_by_id(book, sheet="明细"):
    rows = rows_of(book[sheet], 2)
    return {row[0]: row for row in rows}


def test_hostile_text_comes_back_as_text(hostile_book):
    book, _, _, stderr = hostile_book
    listing = book["明细"]
    for row in listing.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type in ("s", "n", "d"), (cell.coordinate, cell.data_type)
    rows = listing_by_id(book)
    summaries = {case_id: row[5] for case_id, row in rows.items()}
    # The fixture's hostile summaries go to cs-2 … cs-15 (ids changed for two of them).
    expected = {
        "cs-2": "=1+1", "cs-3": "+86 591 1234", "cs-4": "-12", "cs-5": "@SUM(A1:A2)",
        "cs-6": '=HYPERLINK("http://example.com","x")',
        "cs-7": "bell nulend",  # \x07, \0 and \x1f are removed
        "cs-8": "tab\tand\nnew line",
        "cs-9": "x" * 32767,
        "913501007051234567": "913501007051234567", "=2+2": "0012",
        "cs-12": "1E5", "cs-13": "2020-01-05", "cs-14": "TRUE",
        "cs-15": "中文摘要：工人返岗需要包车，涉及𠀀字（扩展B）",
        # Excel and LibreOffice read _xHHHH_ as an escaped character, so the writer escapes
        # the underscore; openpyxl does not unescape, so it shows the escape itself.
        "cs-16": "_x005F_x0041_ is not A",
    }
    for case_id, text in expected.items():
        assert summaries[case_id] == text, case_id
        assert isinstance(summaries[case_id], str)
    assert "text longer than 32767 characters cut" in stderr
    assert stderr.count("warning") == 1


def test_ids_stay_text(hostile_book):
    book, _, _, _ = hostile_book
    rows = listing_by_id(book)
    assert "913501007051234567" in rows
    assert "=2+2" in rows
    for row in book["明细"].iter_rows(min_row=2, max_col=1):
        assert row[0].data_type == "s"
    names = {row[2] for row in rows.values()}
    assert "=1+1" in names and "@滨海新城" in names


def test_listing_dates_and_days(hostile_book):
    book, _, _, _ = hostile_book
    sheet = book["明细"]
    header = [c.value for c in sheet[1]]
    assert header == ["案件编号", "区县", "企业/项目", "问题类别", "报送渠道", "问题描述",
                      "反映日期", "办理时限", "办结日期", "状态", "办结天数", "服务队"]
    for row in sheet.iter_rows(min_row=2):
        reported, due, resolved = row[6], row[7], row[8]
        assert reported.is_date and reported.number_format == "yyyy-mm-dd"
        assert WINDOW_FROM <= reported.value.date() <= WINDOW_TO
        if resolved.value is not None:
            assert resolved.is_date
        if row[9].value == "办结":
            assert row[10].value == (resolved.value - reported.value).days
        else:
            assert row[10].value is None


def fixture_cases_in_window(count):
    """Which of the fixture's cases are reported in the window, from its own rule."""
    inside = 0
    for i in range(count):
        reported = datetime.date(2020, 1, 1) + datetime.timedelta(days=(i * 7 % 95) - 3)
        if WINDOW_FROM <= reported <= WINDOW_TO:
            inside += 1
    return inside


def test_listing_has_every_case_reported_in_the_window(default_book):
    book, _, _ = default_book
    assert book["明细"].max_row - 1 == fixture_cases_in_window(60)


def test_listing_continues_on_numbered_sheets(write_workbook, default_book):
    whole_book, _, _ = default_book
    whole = rows_of(whole_book["明细"], 1)
    xlsx, _, _ = write_workbook("--max-rows", "20")
    book = openpyxl.load_workbook(xlsx)
    parts = [name for name in book.sheetnames if name.startswith("明细")]
    expected_parts = -(-(len(whole) - 1) // 20)
    assert parts == ["明细"] + [f"明细({n})" for n in range(2, expected_parts + 1)]
    joined = []
    for name in parts:
        rows = rows_of(book[name], 1)
        assert rows[0] == whole[0]  # header repeated
        assert 1 <= len(rows) - 1 <= 20
        assert book[name].freeze_panes == "B2"
        joined.extend(rows[1:])
    assert joined == whole[1:]


def test_english_listing_sheets(write_workbook):
    xlsx, _, _ = write_workbook("--language", "en", "--max-rows", "30")
    names = openpyxl.load_workbook(xlsx, read_only=True).sheetnames
    assert names[5:] == ["Cases", "Cases (2)"]


def test_column_widths_follow_display_width(default_book):
    book, _, _ = default_book
    sheet = book["明细"]
    # 福州某某电子有限公司: ten CJK characters, twenty columns, plus the margin.
    assert sheet.column_dimensions["C"].width == pytest.approx(22, abs=1)
    assert sheet.column_dimensions["F"].width == pytest.approx(50, abs=1)
    assert sheet["F2"].alignment.wrap_text


# --- determinism -------------------------------------------------------------------------


def test_same_input_gives_the_same_bytes(write_workbook):
    first, _, _ = write_workbook("--hostile")
    second, _, _ = write_workbook("--hostile")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2020-03-31T00:00:00Z" in core


def test_as_of_and_source_date_epoch_set_the_created_time(write_workbook):
    as_of, _, _ = write_workbook("--as-of", "2020-04-15", "--no-cases")
    epoch, _, _ = write_workbook("--no-cases", env={"SOURCE_DATE_EPOCH": "1700000000"})
    with zipfile.ZipFile(as_of) as archive:
        assert "2020-04-15T00:00:00Z" in archive.read("docProps/core.xml").decode("utf-8")
    with zipfile.ZipFile(epoch) as archive:
        assert "2023-11-14T22:13:20Z" in archive.read("docProps/core.xml").decode("utf-8")


# --- a listing past Excel's row limit ---------------------------------------------------


@pytest.mark.slow
def test_listing_past_excel_rows_continues_on_a_second_sheet(write_workbook):
    cases = 1_100_000
    xlsx, _, _ = write_workbook("--cases", str(cases))
    book = openpyxl.load_workbook(xlsx, read_only=True)
    assert book.sheetnames[5:] == ["明细", "明细(2)"]
    inside = fixture_cases_in_window(cases)
    first, second = book["明细"], book["明细(2)"]
    assert first.max_row == 1_048_576
    assert second.max_row - 1 == inside - 1_048_575
    header = next(first.iter_rows(max_row=1, values_only=True))
    assert next(second.iter_rows(max_row=1, values_only=True)) == header
    row = next(second.iter_rows(min_row=2, max_row=2, values_only=True))
    assert re.fullmatch(r"cs-\d+", row[0])


# --- the Fuzhou sample through the command line ---------------------------------------


@pytest.fixture(scope="module")
def fuzhou_q1(run_cli, tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzhou")
    xlsx, report = folder / "q1.xlsx", folder / "q1.json"
    done = run_cli("report", FUZHOU_LEDGER, "--from", "2020-01-01", "--to", "2020-03-31",
                   "--json", report, "--xlsx", xlsx, "--layout", "data")
    assert done.returncode == 0, done.stderr
    return xlsx, json.loads(report.read_text(encoding="utf-8"))


def test_fuzhou_summary_matches_its_json_report(fuzhou_q1):
    xlsx, report = fuzhou_q1
    sheet = openpyxl.load_workbook(xlsx)["概况"]
    groups = report["groups"] + [report["total"]]
    for i, group in enumerate(groups):
        row = [c for c in sheet[SUMMARY_HEADER_ROW + 1 + i]]
        cases = group["cases"]
        assert row[0].value == group["label"]["zh"]
        assert [c.value for c in row[1:5]] == [cases["coordinated"], cases["resolved"],
                                              cases["unresolvable"], cases["open"]]
        assert_rate_cell(row[5], cases["resolution_rate"])
        for cell, kind in zip(row[9:13], MONEY_KINDS):
            assert cell.value == money_value(group["support"][kind]["amount"])
        assert row[13].value == group["return_to_work"]["workers"]
    cangshan = sheet.cell(SUMMARY_HEADER_ROW + 1, 1).value
    assert cangshan == "仓山区"
    assert sheet.cell(SUMMARY_HEADER_ROW + 1, 2).value == 186
    assert sheet.cell(SUMMARY_HEADER_ROW + 1, 3).value == 184


def test_fuzhou_listing_has_every_case_of_the_window(fuzhou_q1):
    xlsx, _ = fuzhou_q1
    ledger = json.loads(FUZHOU_LEDGER.read_text(encoding="utf-8"))
    in_window = sorted((c["reported_on"], c["id"]) for c in ledger["cases"]
                       if "2020-01-01" <= c["reported_on"] <= "2020-03-31")
    book = openpyxl.load_workbook(xlsx, read_only=True)
    rows = list(book["明细"].iter_rows(min_row=2, values_only=True))
    assert [(r[6].date().isoformat(), r[0]) for r in rows] == in_window


def test_fuzhou_workbook_is_reproducible(run_cli, fuzhou_q1, tmp_path):
    xlsx, _ = fuzhou_q1
    again = tmp_path / "again.xlsx"
    done = run_cli("report", FUZHOU_LEDGER, "--from", "2020-01-01", "--to", "2020-03-31",
                   "--xlsx", again, "--layout", "data")
    assert done.returncode == 0, done.stderr
    assert again.read_bytes() == xlsx.read_bytes()


def test_cli_workbook_in_a_missing_folder_writes_nothing(run_cli, tmp_path):
    json_out = tmp_path / "q1.json"
    done = run_cli("report", FUZHOU_LEDGER, "--from", "2020-01-01", "--to", "2020-03-31",
                   "--json", json_out, "--xlsx", tmp_path / "missing" / "q1.xlsx")
    assert done.returncode == 1
    assert "missing" in done.stderr
    assert list(tmp_path.iterdir()) == []


# --- LibreOffice (Debian's libreoffice-calc-nogui; skipped when it is not installed) --

SOFFICE = shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


def libreoffice_convert(source, target_format, folder):
    """Converts `source` headless into `folder`, with a profile of its own (concurrent
    runs must not share one)."""
    profile = folder / "profile"
    done = subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                           "--convert-to", target_format, "--outdir", str(folder), str(source)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done


@needs_libreoffice
def test_libreoffice_converts_the_sample_to_pdf(fuzhou_q1, tmp_path):
    xlsx, _ = fuzhou_q1
    libreoffice_convert(xlsx, "pdf", tmp_path)
    pdf = tmp_path / (xlsx.stem + ".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 10_000


@needs_libreoffice
def test_libreoffice_reads_hostile_text_as_text(hostile_book, tmp_path):
    _, _, xlsx, _ = hostile_book
    # Every sheet to its own CSV, values unformatted (the last token, -1: all sheets).
    libreoffice_convert(xlsx, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,"
                              "false,false,false,-1", tmp_path)
    with open(tmp_path / f"{xlsx.stem}-明细.csv", encoding="utf-8", newline="") as f:
        rows = {row[0]: row for row in csv.reader(f)}
    assert rows["cs-2"][5] == "=1+1"
    assert rows["cs-5"][5] == "@SUM(A1:A2)"
    assert rows["cs-16"][5] == "_x0041_ is not A"  # not "A is not A"
    assert rows["913501007051234567"][5] == "913501007051234567"
    assert rows["=2+2"][5] == "0012"
    assert rows["cs-2"][2] == "=1+1"
