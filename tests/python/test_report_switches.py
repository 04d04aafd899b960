"""`caseledger report`'s workbook switches: --money-unit, --language, --no-listing and
--rows-per-sheet, read back with openpyxl; the JSON report never changes with them."""
import pytest

from conftest import FUZHOU_LEDGER

openpyxl = pytest.importorskip("openpyxl")

WINDOW = ["--from", "2020-01-01", "--to", "2020-03-31"]


def support_row(workbook, district):
    """The 帮扶 sheet's row of `district` (the office form: 序号, then the label): {column
    header: value} for the columns right of the label."""
    sheet = workbook["帮扶"]
    groups, units = [c.value for c in sheet[3]], [c.value for c in sheet[4]]
    assert groups[:2] == ["序号", "区县"]
    group, header = None, {}
    for i, (g, unit) in enumerate(zip(groups, units)):
        group = g or group
        header[i] = f"{group} {unit}"
    for row in sheet.iter_rows(min_row=5, values_only=True):
        if row[1] == district:
            return {header[i]: value for i, value in enumerate(row) if i > 1}
    raise AssertionError(f"no row for {district}")


def test_money_in_wan_shows_the_articles_figures(run_cli, tmp_path):
    # The article: 连江县 granted a 40万元 subsidy and a 550万元 loan, 闽侯县 waived 16万元.
    paths = {unit: tmp_path / f"{unit}.xlsx" for unit in ("yuan", "wan")}
    for unit, path in paths.items():
        result = run_cli("report", FUZHOU_LEDGER, *WINDOW, "--xlsx", path, "--json",
                         tmp_path / f"{unit}.json", "--money-unit", unit)
        assert result.returncode == 0, result.stderr
    wan = openpyxl.load_workbook(paths["wan"])
    yuan = openpyxl.load_workbook(paths["yuan"])
    lianjiang, minhou = support_row(wan, "连江县"), support_row(wan, "闽侯县")
    assert (lianjiang["补助 金额（万元）"], lianjiang["贷款 金额（万元）"]) == (40, 550)
    assert minhou["减免 金额（万元）"] == 16
    lianjiang, minhou = support_row(yuan, "连江县"), support_row(yuan, "闽侯县")
    assert (lianjiang["补助 金额（元）"], lianjiang["贷款 金额（元）"]) == (400000, 5500000)
    assert minhou["减免 金额（元）"] == 160000
    # The JSON report is the same whatever the workbook shows.
    assert (tmp_path / "wan.json").read_bytes() == (tmp_path / "yuan.json").read_bytes()


def test_language_listing_and_rows_per_sheet(run_cli, tmp_path):
    out = tmp_path / "en.xlsx"
    result = run_cli("report", FUZHOU_LEDGER, *WINDOW, "--xlsx", out, "--json",
                     tmp_path / "en.json", "--language", "en", "--rows-per-sheet", "500")
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(out)
    # The sample records the handling process: its two sheets come before the listing.
    assert book.sheetnames[:8] == ["Summary", "By category", "Trend", "Support",
                                   "Return to work", "Units", "Overdue open", "Cases"]
    listed = [book[name].max_row - 1 for name in book.sheetnames if name.startswith("Cases")]
    assert all(rows <= 500 for rows in listed) and len(listed) >= 2
    plain = tmp_path / "plain.json"
    assert run_cli("report", FUZHOU_LEDGER, *WINDOW, "--json", plain).returncode == 0
    assert (tmp_path / "en.json").read_bytes() == plain.read_bytes()
    # Every case is listed once over the parts: the same count as one sheet holds.
    one = tmp_path / "one.xlsx"
    assert run_cli("report", FUZHOU_LEDGER, *WINDOW, "--xlsx", one).returncode == 0
    assert sum(listed) == openpyxl.load_workbook(one)["明细"].max_row - 1

    bare = tmp_path / "bare.xlsx"
    result = run_cli("report", FUZHOU_LEDGER, *WINDOW, "--xlsx", bare, "--no-listing")
    assert result.returncode == 0, result.stderr
    assert "明细" not in openpyxl.load_workbook(bare).sheetnames


@pytest.mark.parametrize("switches, message", [
    (["--money-unit", "wan"], "--money-unit applies to the workbook: give --xlsx"),
    (["--no-listing"], "--no-listing applies to the workbook: give --xlsx"),
    (["--xlsx", "x.xlsx", "--money-unit", "euro"], "--money-unit: 'euro' is not yuan or wan"),
    (["--xlsx", "x.xlsx", "--language", "fr"], "--language: 'fr' is not zh-Hans, zh-Hant or en"),
    (["--xlsx", "x.xlsx", "--rows-per-sheet", "0"],
     "--rows-per-sheet must be between 1 and 1048575, not 0"),
])
def test_bad_workbook_switches_are_usage_errors(run_cli, tmp_path, switches, message):
    switches = [str(tmp_path / s) if s.endswith(".xlsx") else s for s in switches]
    result = run_cli("report", FUZHOU_LEDGER, *WINDOW, "--json", tmp_path / "r.json", *switches)
    assert result.returncode == 2
    assert message in result.stderr
    assert not (tmp_path / "r.json").exists()


@pytest.mark.parametrize("language, footer", [("zh-Hans", "第 &P 页 共 &N 页"),
                                              ("zh-Hant", "第 &P 頁 共 &N 頁"),
                                              ("en", "Page &P of &N")])
def test_every_sheet_prints_on_a4_with_page_numbers(run_cli, tmp_path, language, footer):
    out = tmp_path / "print.xlsx"
    result = run_cli("report", FUZHOU_LEDGER, *WINDOW, "--xlsx", out, "--language", language)
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(out)
    for sheet in book.worksheets:
        assert int(sheet.page_setup.paperSize) == 9, sheet.title  # A4, not Letter
        if sheet.col_breaks.brk or sheet.page_setup.scale:
            # Too wide for one page at a readable size: blocks of columns at full size, or
            # (the listing) at the smallest readable scale, each page repeating the row
            # labels.
            assert not sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
            assert sheet.print_title_cols, sheet.title
            assert sheet.page_setup.scale is None or int(sheet.page_setup.scale) >= 80
        else:
            assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
            assert int(sheet.page_setup.fitToHeight) == 0, sheet.title  # one page wide
        assert sheet.print_title_rows, sheet.title  # the header repeated on every page
        assert sheet.oddFooter.center.text == footer, sheet.title
        assert (sheet.page_margins.left, sheet.page_margins.top) == (0.5, 0.75)
    listing = book.worksheets[7]  # after the 责任单位 and 超期未办结 sheets
    assert listing.print_title_rows == "$1:$1"
    assert listing.print_options.gridLines
