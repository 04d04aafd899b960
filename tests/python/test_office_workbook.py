"""The office form of the workbook (the 汇总表 an office submits), the layout file, and the
workbook printed the way an office looks at it: rendered to PDF by LibreOffice headless
and read back with poppler's pdfinfo and pdftotext. Every figure is checked against the
JSON report of the same run."""
import json
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from conftest import FUZHOU_LEDGER, SOURCE_DIR

WINDOW = ["--from", "2020-01-01", "--to", "2020-03-31"]
LAYOUTS = SOURCE_DIR / "samples" / "layouts"
SIGNATURE = ["单位负责人：", "审核人：", "填表人：", "联系电话："]


def report(run_cli, folder, *switches, name="q1"):
    """Runs `caseledger report` on the Fuzhou sample; returns (workbook path, JSON report)."""
    xlsx, out = folder / f"{name}.xlsx", folder / f"{name}.json"
    done = run_cli("report", FUZHOU_LEDGER, *WINDOW, "--xlsx", xlsx, "--json", out, *switches)
    assert done.returncode == 0, done.stderr
    return xlsx, json.loads(out.read_text(encoding="utf-8"))


def wan(amount):
    """A JSON amount (yuan, as text) in 万元, exactly."""
    return Decimal(amount) / 10_000


def row_texts(sheet, row):
    return [c.value for c in sheet[row] if c.value is not None]


@pytest.fixture(scope="module")
def office(run_cli, tmp_path_factory):
    folder = tmp_path_factory.mktemp("office")
    xlsx, data = report(run_cli, folder, "--unit-name", "福州市工信局", "--money-unit", "wan")
    return openpyxl.load_workbook(xlsx), data, xlsx


def test_the_summary_opens_with_the_title_and_the_unit_line(office):
    book, data, _ = office
    sheet = book["概况"]
    assert sheet["A1"].value == data["title"]
    assert sheet["A1"].alignment.horizontal == "center"
    assert sheet["A1"].font.name == "黑体" and sheet["A1"].font.b
    title_range = next(r for r in sheet.merged_cells.ranges if r.min_row == 1)
    assert title_range.min_col == 1 and title_range.max_col > 5
    assert row_texts(sheet, 2) == ["填报单位：福州市工信局", "填报日期：2020年3月31日", "单位：万元"]
    # The software's name is a document property, not a line of the table.
    assert book.properties.description == data["generator"]
    assert not any("caseledger" in str(c.value) for row in sheet.iter_rows() for c in row)


def test_the_summary_numbers_its_rows_and_totals_them(office):
    book, data, _ = office
    sheet = book["概况"]
    header = [c.value for c in sheet[3]]
    assert header[:4] == ["序号", "区县", "协调问题数", "办结数"]
    groups = data["groups"]
    for i, group in enumerate(groups):
        row = [c.value for c in sheet[4 + i]]
        assert row[0] == i + 1
        assert row[1] == group["label"]["zh"]
        assert row[2:4] == [group["cases"]["coordinated"], group["cases"]["resolved"]]
        assert row[header.index("补助（万元）")] == pytest.approx(
            float(wan(group["support"]["subsidy"]["amount"])), abs=1e-9)
    total = [c.value for c in sheet[4 + len(groups)]]
    assert total[0] is None and total[1] == "合计"
    assert total[2] == sum(g["cases"]["coordinated"] for g in groups)
    assert total[2] == data["total"]["cases"]["coordinated"]
    assert sheet.cell(4, header.index("补助（万元）") + 1).number_format == "#,##0.00"


def test_the_summary_closes_with_the_headline_and_the_signature_line(office):
    book, data, _ = office
    sheet = book["概况"]
    after = 4 + len(data["groups"]) + 1  # the row under 合计
    assert sheet.cell(after, 1).value == "说明：" + data["total"]["headline"]["zh-Hans"]
    assert row_texts(sheet, after + 2) == SIGNATURE


def test_the_articles_figures_in_wan(office):
    # The article: 连江县 granted 40万元 of subsidies and a 550万元 loan, 闽侯县 waived 16万元.
    book, _, _ = office
    sheet = book["概况"]
    header = [c.value for c in sheet[3]]
    rows = {r[1]: r for r in sheet.iter_rows(min_row=4, values_only=True) if r[1]}
    assert rows["连江县"][header.index("补助（万元）")] == 40
    assert rows["连江县"][header.index("贷款（万元）")] == 550
    assert rows["闽侯县"][header.index("减免（万元）")] == 16


def test_every_statistics_sheet_has_the_office_frame(office):
    book, data, _ = office
    for name in ["问题类别", "趋势", "帮扶", "返岗"]:
        sheet = book[name]
        assert sheet["A1"].value == f"{name} · {data['title']}", name
        assert row_texts(sheet, 2)[0] == "填报单位：福州市工信局", name
        texts = [row_texts(sheet, r) for r in range(1, sheet.max_row + 1)]
        assert SIGNATURE in texts, name
    # 序号 beside the group label on the group tables, none on the trend's months.
    assert book["问题类别"]["A3"].value == "序号" and book["问题类别"]["B3"].value == "区县"
    assert book["趋势"]["A3"].value == "月份"
    # The listing stays data: its header on row 1, the title in the printed page header.
    listing = book["明细"]
    assert listing["A1"].value == "案件编号"
    assert listing.oddHeader.center.text == data["title"]


def test_the_printed_title_is_escaped_and_cut(run_cli, tmp_path):
    title = "A&B <季度> " + "很长的标题" * 60
    xlsx, _ = report(run_cli, tmp_path, "--title", title)
    header = openpyxl.load_workbook(xlsx)["明细"].oddHeader.center.text
    assert header.startswith("A&&B <季度> 很长的标题")  # & doubled: a literal ampersand
    assert len(header.encode()) <= 200 + 3  # cut between characters, under Excel's 255
    header.encode().decode("utf-8")


def test_the_json_report_does_not_depend_on_the_layout(run_cli, tmp_path):
    outputs = [report(run_cli, tmp_path, *switches, name=f"r{i}")[1] for i, switches in
               enumerate([[], ["--layout", "data"], ["--layout", LAYOUTS / "city-bulletin.json"],
                          ["--money-unit", "wan", "--unit-name", "x", "--language", "en"]])]
    assert all(o == outputs[0] for o in outputs)


def test_the_built_in_layout_is_the_sample_file(run_cli, tmp_path):
    default, _ = report(run_cli, tmp_path, name="default")
    named, _ = report(run_cli, tmp_path, "--layout", "office", name="named")
    from_file, _ = report(run_cli, tmp_path, "--layout", LAYOUTS / "office.json", name="file")
    assert default.read_bytes() == named.read_bytes() == from_file.read_bytes()
    again, _ = report(run_cli, tmp_path, name="again")
    assert again.read_bytes() == default.read_bytes()  # byte-identical across runs


def test_a_layout_file_shapes_the_workbook(run_cli, tmp_path):
    xlsx, data = report(run_cli, tmp_path, "--layout", LAYOUTS / "city-bulletin.json")
    layout = json.loads((LAYOUTS / "city-bulletin.json").read_text(encoding="utf-8"))
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["汇总表", "帮扶情况", "返岗情况"]  # no listing
    sheet = book["汇总表"]
    assert sheet["A1"].value == layout["title"]
    assert row_texts(sheet, 2)[0] == "填报单位：" + layout["unit_name"]
    labels = [c["label"] for c in layout["summary_columns"]]
    assert [c.value for c in sheet[3]] == ["序号", "区县", *labels]
    keys = [("cases", "coordinated"), ("cases", "resolved"), ("cases", "open")]
    for i, group in enumerate(data["groups"] + [data["total"]]):
        row = [c.value for c in sheet[4 + i]]
        assert row[2:5] == [group[a][b] for a, b in keys]
        assert row[6] == pytest.approx(float(wan(group["support"]["subsidy"]["amount"])))
        assert row[9] == group["return_to_work"]["workers"]
    assert sheet.cell(4, 3).font.name == "仿宋" and sheet.cell(4, 3).font.sz == 12
    total_row = 4 + len(data["groups"])
    assert row_texts(sheet, total_row + 3) == layout["signature"]


def test_the_data_form_keeps_the_plain_tables(run_cli, tmp_path):
    xlsx, data = report(run_cli, tmp_path, "--layout", "data")
    sheet = openpyxl.load_workbook(xlsx)["概况"]
    assert sheet["A1"].value == data["title"]
    assert [sheet["A5"].value, sheet["B5"].value] == ["生成", data["generator"]]
    assert sheet["A7"].value == "区县" and sheet["A8"].value == data["groups"][0]["label"]["zh"]


@pytest.mark.parametrize("layout, message", [
    ('{"title": 3}', "title: must be a string"),
    ('{"sheets": ["summary", "sumary"]}', "sheets[1]: 'sumary' is not one of summary"),
    ('{"unit": "万元"}', "unit: unknown key (form, language"),
])
def test_a_bad_layout_file_is_refused_before_any_output(run_cli, tmp_path, layout, message):
    path = tmp_path / "layout.json"
    path.write_text(layout, encoding="utf-8")
    done = run_cli("report", FUZHOU_LEDGER, *WINDOW, "--xlsx", tmp_path / "q1.xlsx", "--json",
                   tmp_path / "q1.json", "--layout", path)
    assert done.returncode != 0
    assert f"{path}: {message}" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["layout.json"]


def test_money_decimals(run_cli, tmp_path):
    xlsx, data = report(run_cli, tmp_path, "--money-unit", "wan", "--money-decimals", "4")
    sheet = openpyxl.load_workbook(xlsx)["概况"]
    column = [c.value for c in sheet[3]].index("减免（万元）") + 1
    cell = sheet.cell(4, column)
    assert cell.number_format == "#,##0.0000"
    assert cell.value == pytest.approx(float(wan(data["groups"][0]["support"]["fee_reduction"]
                                                 ["amount"])), abs=1e-9)
    done = run_cli("report", FUZHOU_LEDGER, *WINDOW, "--xlsx", tmp_path / "x.xlsx",
                   "--money-decimals", "7")
    assert done.returncode == 2
    assert "--money-decimals must be between 0 and 6, not 7" in done.stderr


def test_layout_switches_need_the_workbook(run_cli, tmp_path):
    done = run_cli("report", FUZHOU_LEDGER, *WINDOW, "--json", tmp_path / "q1.json",
                   "--unit-name", "x")
    assert done.returncode == 2
    assert "--unit-name applies to the workbook: give --xlsx" in done.stderr


def test_python_takes_the_same_layouts(run_cli, tmp_path):
    caseledger = pytest.importorskip("caseledger")
    cli, _ = report(run_cli, tmp_path, "--layout", "data", name="cli")
    r = caseledger.report(caseledger.Ledger.load(FUZHOU_LEDGER), "2020-01-01", "2020-03-31")
    r.write_xlsx(tmp_path / "py.xlsx", layout="data")
    assert (tmp_path / "py.xlsx").read_bytes() == cli.read_bytes()
    r.write_xlsx(tmp_path / "city.xlsx", layout=LAYOUTS / "city-bulletin.json",
                 unit_name="晋安区工信局", include_cases=True, money_decimals=0)
    book = openpyxl.load_workbook(tmp_path / "city.xlsx")
    assert book.sheetnames[-1] == "明细"  # the argument overrides the layout's "listing"
    assert book["汇总表"].cell(4, 7).number_format == "#,##0"
    assert row_texts(book["汇总表"], 2)[0] == "填报单位：晋安区工信局"
    bad = tmp_path / "bad.json"
    bad.write_text('{"fonts": {"size": 100}}', encoding="utf-8")
    with pytest.raises(ValueError, match=r"fonts\.size: must be a size in points from 6 to 72"):
        r.write_xlsx(tmp_path / "bad.xlsx", layout=bad)
    assert not (tmp_path / "bad.xlsx").exists()


def test_streaming_writes_the_same_office_workbook(run_cli, tmp_path):
    normal, _ = report(run_cli, tmp_path, "--unit-name", "仓山区", name="normal")
    streamed, _ = report(run_cli, tmp_path, "--unit-name", "仓山区", "--stream", name="streamed")
    assert normal.read_bytes() == streamed.read_bytes()


# --- printed: LibreOffice headless to PDF, read with poppler ----------------------------

def to_pdf(xlsx, folder):
    """The workbook as LibreOffice prints it (a profile of its own per run)."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (libreoffice-calc-nogui) is not installed"
    done = subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                           "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                           str(xlsx)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return folder / (xlsx.stem + ".pdf")


def page_sizes(pdf):
    """Each page's size in points, from pdfinfo."""
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "10000", str(pdf)], capture_output=True,
                          text=True, check=True).stdout
    return [(float(w), float(h)) for w, h in
            re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]


def page_words(pdf):
    """Each page's words with their heights in points, from pdftotext -bbox."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        pages.append([(float(y1) - float(y0), word) for y0, y1, word in re.findall(
            r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page)])
    return pages


# pdftotext's box of a word is 1.3 times its font size (14.3 points for the tables' 11):
# the smallest readable print, 8 points, is a box of 10.4.
SMALLEST_READABLE_BOX = 8 * 1.3 - 0.1


@pytest.fixture(scope="module")
def printed(run_cli, tmp_path_factory):
    """Each statistics sheet printed alone (a layout of that sheet only), and the listing:
    {sheet: (its workbook sheet, the pages' words, the pages' sizes)}."""
    folder = tmp_path_factory.mktemp("printed")
    sheets = {}
    for sheet in ["summary", "by_category", "trend", "support", "return_to_work"]:
        layout = folder / f"{sheet}.json"
        layout.write_text(json.dumps({"sheets": [sheet], "listing": False,
                                      "unit_name": "福州市工信局"}), encoding="utf-8")
        xlsx, _ = report(run_cli, folder, "--layout", layout, name=sheet)
        pdf = to_pdf(xlsx, folder)
        sheets[sheet] = (openpyxl.load_workbook(xlsx).worksheets[0], page_words(pdf),
                         page_sizes(pdf))
    return sheets


A4_LANDSCAPE, A4_PORTRAIT = (841.9, 595.3), (595.3, 841.9)


def test_every_page_is_a4(printed):
    for name, (sheet, _, sizes) in printed.items():
        expected = A4_LANDSCAPE if sheet.page_setup.orientation == "landscape" else A4_PORTRAIT
        assert sizes and all(w == pytest.approx(expected[0], abs=1) and
                             h == pytest.approx(expected[1], abs=1) for w, h in sizes), name


def test_a_wide_sheet_prints_in_blocks_one_page_each(printed):
    # The tables are short: one page per block of columns, none spilling on to a page of
    # its own, and 问题类别's 28 columns are too wide for one readable page.
    for name, (sheet, pages, _) in printed.items():
        blocks = len(sheet.col_breaks.brk) + 1
        assert len(pages) == blocks, name
    category, pages, _ = printed["by_category"]
    assert len(category.col_breaks.brk) >= 1
    for words in pages:  # each block repeats the row labels
        texts = {w for _, w in words}
        assert {"区县", "仓山区", "合计"} <= texts
    shown = [{w for _, w in words} & {"用工", "资金", "审批", "运输", "防疫物资", "原材料",
                                       "用电", "政策", "其他"} for words in pages]
    assert set().union(*shown) == {"用工", "资金", "审批", "运输", "防疫物资", "原材料", "用电",
                                   "政策", "其他"}
    assert all(a.isdisjoint(b) for i, a in enumerate(shown) for b in shown[i + 1:])


def test_no_page_is_shrunk_below_a_readable_size(printed):
    for name, (_, pages, _) in printed.items():
        for number, words in enumerate(pages, 1):
            smallest = min(words)
            assert smallest[0] >= SMALLEST_READABLE_BOX, (name, number, smallest)


def test_the_first_page_has_the_title_the_unit_line_and_the_signature(printed):
    _, pages, _ = printed["summary"]
    text = "".join(w for _, w in pages[0])
    for expected in ["一企一议问题办理情况", "填报单位：福州市工信局", "填报日期：2020年3月31日",
                     *SIGNATURE]:
        assert expected in text, expected


def test_the_listing_prints_readable_with_the_title_on_every_page(run_cli, tmp_path):
    layout = tmp_path / "listing.json"
    layout.write_text(json.dumps({"sheets": []}), encoding="utf-8")
    xlsx, _ = report(run_cli, tmp_path, "--layout", layout, name="listing")
    pdf = to_pdf(xlsx, tmp_path)
    pages = page_words(pdf)
    cases = sum(1 for c in json.loads(FUZHOU_LEDGER.read_text(encoding="utf-8"))["cases"]
                if "2020-01-01" <= c["reported_on"] <= "2020-03-31")
    assert len(pages) >= cases / 60  # at most ~45 cases a page at a readable size
    for words in pages:
        assert min(words)[0] >= SMALLEST_READABLE_BOX
        assert "一企一议问题办理情况（2020-01-01" in {w for _, w in words}
    with zipfile.ZipFile(xlsx) as z:
        assert "<pageSetup" in z.read("xl/worksheets/sheet1.xml").decode()


# --- the layout file's schema -------------------------------------------------------------

LAYOUT_SCHEMA = SOURCE_DIR / "docs" / "schema" / "caseledger.layout-1.schema.json"


@pytest.fixture(scope="module")
def layout_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(LAYOUT_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("sample", sorted(LAYOUTS.glob("*.json")), ids=lambda p: p.name)
def test_the_sample_layouts_follow_the_schema(layout_validator, sample):
    layout_validator.validate(json.loads(sample.read_text(encoding="utf-8")))


@pytest.mark.parametrize("layout", [
    {"titel": "x"}, {"money_decimals": 7}, {"sheets": ["summary", "summary"]},
    {"sheets": [{"name": "x"}]}, {"summary_columns": ["closed"]}, {"fonts": {"colour": "red"}},
    {"fonts": {"size": 3}}, {"listing": "yes"}, {"language": "fr"},
])
def test_the_schema_and_the_program_refuse_the_same_layouts(layout_validator, run_cli,
                                                            tmp_path, layout):
    assert not layout_validator.is_valid(layout)
    path = tmp_path / "layout.json"
    path.write_text(json.dumps(layout), encoding="utf-8")
    done = run_cli("report", FUZHOU_LEDGER, *WINDOW, "--xlsx", tmp_path / "q1.xlsx",
                   "--layout", path)
    assert done.returncode != 0 and str(path) in done.stderr
