"""caseledger.stream_report(): the streaming report from Python gives the bytes and the
problems of Ledger.load + report + write_json / write_xlsx, and refuses what it cannot do.

Figures of the sample are the article's (docs/fuzhou-2020q1.md), not caseledger's.
"""
import decimal
import os

import pytest

from conftest import FUZHOU_LEDGER, without_inputs

if "PYTHONPATH" in os.environ:
    import caseledger  # built: an import failure is a failure
else:
    caseledger = pytest.importorskip("caseledger")

Q1 = ("2020-01-01", "2020-03-31")

# Two districts, one case each: c2 is listed twice, and resolved before it was reported.
BROKEN = """{"format": "caseledger.ledger/1",
 "districts": [{"id": "d1", "name": "甲区"}, {"id": "d2", "name": "乙区"}],
 "cases": [
  {"id": "c1", "district": "d1", "reported_on": "2020-01-05", "category": "labour"},
  {"id": "c2", "district": "d2", "reported_on": "2020-02-10", "category": "funding"},
  {"id": "c2", "district": "d2", "reported_on": "2020-02-11", "category": "funding",
   "resolved_on": "2020-02-01"}
 ]}
"""


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("options", [
    {},
    {"group_by": ("district", "month"), "as_of": "2020-03-10"},
    {"language": "en", "money_in_wan": True, "include_cases": False},
    {"max_rows_per_sheet": 500, "rate_decimals": 2},
])
def test_streamed_files_equal_the_normal_ones(tmp_path, threads, options):
    report_options = {key: options[key]
                      for key in ("group_by", "as_of", "rate_decimals") if key in options}
    workbook_options = {key: options[key] for key in
                        ("language", "money_in_wan", "include_cases", "max_rows_per_sheet")
                        if key in options}
    normal = caseledger.report(caseledger.Ledger.load(FUZHOU_LEDGER), *Q1, **report_options)
    normal.write_json(tmp_path / "n.json")
    normal.write_xlsx(tmp_path / "n.xlsx", **workbook_options)

    streamed = caseledger.stream_report(FUZHOU_LEDGER, *Q1, json=tmp_path / "s.json",
                                        xlsx=tmp_path / "s.xlsx", threads=threads, **options)
    assert (tmp_path / "s.json").read_bytes() == (tmp_path / "n.json").read_bytes()
    assert (tmp_path / "s.xlsx").read_bytes() == (tmp_path / "n.xlsx").read_bytes()
    assert streamed.to_json() == normal.to_json()


OFFICE = FUZHOU_LEDGER.parents[2] / "tests" / "data" / "office"


@pytest.mark.parametrize("name", ["office-gb18030.csv", "office-utf8.csv", "office-openpyxl.xlsx",
                                  "office-libreoffice.xls", "office-libreoffice.ods"])
def test_a_streamed_office_sheet_equals_the_loaded_one(tmp_path, name):
    """A flat sheet as an office keeps it (title, two-row header, 合计, notes, 联系人 kept)."""
    normal = caseledger.report(caseledger.Ledger.load(OFFICE / name), *Q1)
    normal.write_xlsx(tmp_path / "n.xlsx")
    streamed = caseledger.stream_report(OFFICE / name, *Q1, xlsx=tmp_path / "s.xlsx")
    assert streamed.to_json() == normal.to_json()
    assert (tmp_path / "s.xlsx").read_bytes() == (tmp_path / "n.xlsx").read_bytes()


def test_a_streamed_csv_sheet_takes_the_encoding_and_mapping_ledger_load_takes(tmp_path):
    """A header no alias names (街道 for 区县) read through a mapping, the encoding given."""
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes((OFFICE / "office-gb18030.csv").read_bytes().replace(
        "序号,区县,".encode("gb18030"), "序号,街道,".encode("gb18030")))
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"headers": {"街道": "district"}}', encoding="utf-8")
    normal = caseledger.report(
        caseledger.Ledger.load(sheet, encoding="gb18030", mapping=mapping), *Q1)
    streamed = caseledger.stream_report(sheet, *Q1, encoding="gb18030", mapping=mapping)
    assert streamed.to_json() == normal.to_json()
    assert [group.key["district"] for group in streamed.groups] == ["仓山区"]
    with pytest.raises(caseledger.LedgerError, match="district"):
        caseledger.stream_report(sheet, *Q1, encoding="gb18030")
    with pytest.raises(caseledger.LedgerError, match="invalid UTF-8"):  # as named, not told
        caseledger.stream_report(sheet, *Q1, encoding="utf-8", mapping=mapping)
    with pytest.raises(caseledger.UsageError,
                       match="^the encoding option does not apply to a JSON ledger"):
        caseledger.stream_report(FUZHOU_LEDGER, *Q1, encoding="gb18030")


def test_a_streamed_workbook_of_sheets_per_batch_takes_the_sheet_ledger_load_takes(tmp_path):
    """Two sheets of cases, each numbering its own from 1: read together, or one by name."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["各批次分表填报"])
    for name, rows in (("第一批", 3), ("第二批", 2)):
        sheet = book.create_sheet(name)
        sheet.append(["序号", "区县", "企业名称", "问题类别", "反映日期", "补助金额（万元）"])
        for i in range(rows):
            sheet.append([i + 1, "鼓楼区", "甲公司", "资金", f"2020-0{i + 1}-05", 0.5 * (i + 1)])
    path = tmp_path / "batches.xlsx"
    book.save(path)
    for sheet in ("", "第二批", "all"):
        normal = caseledger.report(caseledger.Ledger.load(path, sheet=sheet), *Q1)
        streamed = caseledger.stream_report(path, *Q1, sheet=sheet)
        assert streamed.to_json() == normal.to_json(), sheet
    # 0.5 + 1.0 + 1.5 and 0.5 + 1.0 万元 of 补助: 45,000 yuan in all, 15,000 in the second.
    both = caseledger.stream_report(path, *Q1)
    assert (both.total.cases.coordinated, both.total.support["subsidy"].amount) == (
        5, decimal.Decimal("45000"))
    second = caseledger.stream_report(path, *Q1, sheet="第二批")
    assert (second.total.cases.coordinated, second.total.support["subsidy"].amount) == (
        2, decimal.Decimal("15000"))
    with pytest.raises(caseledger.UsageError, match="no sheet '第三批'"):
        caseledger.stream_report(path, *Q1, sheet="第三批")
    with pytest.raises(caseledger.UsageError, match="^the encoding option does not apply to an xlsx"):
        caseledger.stream_report(path, *Q1, encoding="gb18030")


def test_a_streamed_csv_folder_equals_the_loaded_one(tmp_path):
    folder = tmp_path / "ledger"
    folder.mkdir()
    (folder / "districts.csv").write_text("id,name\nd1,甲区\nd2,乙区\n", encoding="utf-8")
    (folder / "cases.csv").write_text(
        "id,district,reported_on,category,resolved_on\n"
        "c1,d1,2020-01-05,labour,2020-01-09\nc2,d2,2020-02-10,funding,\n"
        "c3,d2,2020-04-01,funding,\n", encoding="utf-8")
    (folder / "measures.csv").write_text(
        "id,district,kind,granted_on,case,amount\nm1,d1,subsidy,2020-01-09,c1,1500.50\n",
        encoding="utf-8")
    normal = caseledger.report(caseledger.Ledger.load(folder), *Q1)
    streamed = caseledger.stream_report(folder, *Q1)
    assert streamed.to_json() == normal.to_json()
    assert (streamed.total.cases.coordinated, streamed.total.cases.resolved) == (2, 1)
    # Both name the folder's three tables among their inputs.
    assert [source["name"] for source in streamed.inputs] == [
        str(folder / table) for table in ("districts.csv", "cases.csv", "measures.csv")]


def test_the_streamed_report_has_the_articles_figures():
    streamed = caseledger.stream_report(FUZHOU_LEDGER, *Q1)  # no file asked: none written
    cangshan = streamed.group(district="cangshan")
    assert (cangshan.cases.coordinated, cangshan.cases.resolved) == (186, 184)
    assert cangshan.cases.resolution_rate.display() == "98.9%"


def test_problems_are_the_normal_modes_and_nothing_is_written(tmp_path):
    ledger = tmp_path / "broken.json"
    ledger.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(caseledger.LedgerError) as loaded:
        caseledger.Ledger.load(ledger, max_problems=10)
    with pytest.raises(caseledger.LedgerError) as streamed:
        caseledger.stream_report(ledger, *Q1, json=tmp_path / "r.json", xlsx=tmp_path / "r.xlsx",
                                 max_problems=10)
    reasons = [problem.reason for problem in streamed.value.problems]
    assert reasons == [problem.reason for problem in loaded.value.problems]
    assert any("duplicate id 'c2'" in reason for reason in reasons)
    assert sorted(os.listdir(tmp_path)) == ["broken.json"]


def test_reading_options_reach_the_reader(tmp_path):
    ledger = tmp_path / "extra.json"
    ledger.write_text(BROKEN.replace('"category": "labour"}', '"category": "labour", "备注": "x"}')
                      .replace(',\n  {"id": "c2", "district": "d2", "reported_on": "2020-02-11",'
                               ' "category": "funding",\n   "resolved_on": "2020-02-01"}', ""),
                      encoding="utf-8")
    with pytest.raises(caseledger.LedgerError, match="unknown field '备注'"):
        caseledger.stream_report(ledger, *Q1)
    kept = caseledger.stream_report(ledger, *Q1, keep_extras=True)
    assert kept.total.cases.coordinated == 2
    with pytest.raises(caseledger.LedgerError, match="max_string_bytes"):
        caseledger.stream_report(ledger, *Q1, keep_extras=True, limits={"max_string_bytes": 4})


def test_a_streamed_report_cannot_write_a_workbook_afterwards(tmp_path):
    streamed = caseledger.stream_report(FUZHOU_LEDGER, *Q1)
    with pytest.raises(caseledger.UsageError, match="holds no ledger"):
        streamed.write_xlsx(tmp_path / "late.xlsx")
    assert not (tmp_path / "late.xlsx").exists()
    streamed.write_json(tmp_path / "late.json")  # the JSON report needs no ledger
    assert (tmp_path / "late.json").stat().st_size > 0


def test_what_cannot_be_streamed_is_a_usage_error(tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    (tmp_path / "notes.txt").write_text("一企一议", encoding="utf-8")
    with pytest.raises(caseledger.UsageError, match="cannot tell the format of"):
        caseledger.stream_report(tmp_path / "notes.txt", *Q1)
    with pytest.raises(caseledger.UsageError, match="^the sheet option does not apply to a CSV"):
        caseledger.stream_report(folder, *Q1, sheet="问题台账")
    with pytest.raises(caseledger.UsageError, match="1 or 2 threads"):
        caseledger.stream_report(FUZHOU_LEDGER, *Q1, threads=3)
    with pytest.raises(caseledger.UsageError, match="unknown language"):
        caseledger.stream_report(FUZHOU_LEDGER, *Q1, language="fr")
    with pytest.raises(OSError):
        caseledger.stream_report(tmp_path / "missing.json", *Q1)


@pytest.mark.parametrize("keys", [
    ["format", "measures", "cases", "units", "teams", "projects", "enterprises", "districts"],
    ["format", "cases", "districts", "enterprises", "projects", "teams", "units", "measures"],
], ids=["reversed", "cases-first"])
def test_a_ledger_in_any_order_is_streamed_as_loaded(tmp_path, keys):
    import json
    document = json.loads(FUZHOU_LEDGER.read_text(encoding="utf-8"))
    ledger = tmp_path / "shuffled.json"
    ledger.write_text(json.dumps({key: document[key] for key in keys}, ensure_ascii=False),
                      encoding="utf-8")
    normal = caseledger.report(caseledger.Ledger.load(FUZHOU_LEDGER), *Q1, group_by=("team",))
    normal.write_xlsx(tmp_path / "n.xlsx")
    streamed = caseledger.stream_report(ledger, *Q1, group_by=("team",), xlsx=tmp_path / "s.xlsx")
    # The JSON names its input: the shuffled file, not the sample.
    assert without_inputs(streamed.to_json()) == without_inputs(normal.to_json())
    assert (tmp_path / "s.xlsx").read_bytes() == (tmp_path / "n.xlsx").read_bytes()
    # Problems too: a broken ledger in another order raises what Ledger.load raises.
    broken = json.loads(BROKEN)
    (tmp_path / "broken.json").write_text(
        json.dumps({key: broken[key] for key in ["cases", "districts", "format"]}), encoding="utf-8")
    with pytest.raises(caseledger.LedgerError) as loaded:
        caseledger.Ledger.load(tmp_path / "broken.json", max_problems=10)
    with pytest.raises(caseledger.LedgerError) as streamed_error:
        caseledger.stream_report(tmp_path / "broken.json", *Q1, max_problems=10)
    assert [str(p) for p in streamed_error.value.problems] == \
        [str(p) for p in loaded.value.problems]


def test_several_ledgers_stream_as_they_consolidate(tmp_path):
    """Two districts' sheets and the same 仓山区 sheet saved by Excel: its cases are numbered
    apart per file (仓山区/1, office-openpyxl/1), its 甲公司 and units given alike in both."""
    gulou = tmp_path / "鼓楼区.csv"
    gulou.write_text("序号,区县,企业名称,问题类别,反映日期,办结日期,补助金额（万元）,责任单位\n"
                     "1,鼓楼区,丙公司,用工,2020-02-03,2020-02-05,12.5,区人社局\n"
                     "2,鼓楼区,丁公司,资金,2020-04-01,,3,区工信局\n", encoding="utf-8")
    cangshan = tmp_path / "仓山区.csv"
    cangshan.write_bytes((OFFICE / "office-utf8.csv").read_bytes())
    ledgers = [cangshan, OFFICE / "office-openpyxl.xlsx", gulou]
    normal = caseledger.report(caseledger.Ledger.consolidate(ledgers), *Q1)
    normal.write_json(tmp_path / "n.json")
    normal.write_xlsx(tmp_path / "n.xlsx")
    streamed = caseledger.stream_report(ledgers, *Q1, json=tmp_path / "s.json",
                                        xlsx=tmp_path / "s.xlsx")
    assert (tmp_path / "s.json").read_bytes() == (tmp_path / "n.json").read_bytes()
    assert (tmp_path / "s.xlsx").read_bytes() == (tmp_path / "n.xlsx").read_bytes()
    # 2 + 2 cases of 仓山区 and 1 of 鼓楼区 in the quarter (the other is April's). 补助:
    # 837.94 + 99.99 万元 twice and 12.5 万元.
    assert (streamed.total.cases.coordinated, streamed.total.support["subsidy"].amount) == (
        5, decimal.Decimal("18758600") + decimal.Decimal("125000"))
    assert caseledger.stream_report(tuple(ledgers), *Q1).to_json() == normal.to_json()
    with pytest.raises(TypeError, match="a path .* or a list of them"):
        caseledger.stream_report([cangshan, 3], *Q1)


def test_several_ledgers_with_a_problem_have_the_consolidations_problems(tmp_path):
    """A case id given to two different cases in two files names both, as consolidate does."""
    header = "编号,区县,问题类别,反映日期,办结日期\n"
    (tmp_path / "a.csv").write_text(header + "c1,仓山区,资金,2020-01-05,2020-01-09\n",
                                    encoding="utf-8")
    (tmp_path / "b.csv").write_text(header + "c1,仓山区,资金,2020-01-05,2020-01-10\n",
                                    encoding="utf-8")
    ledgers = [tmp_path / "a.csv", tmp_path / "b.csv"]
    with pytest.raises(caseledger.LedgerError) as normal:
        caseledger.Ledger.consolidate(ledgers)
    with pytest.raises(caseledger.LedgerError) as streamed:
        caseledger.stream_report(ledgers, *Q1, json=tmp_path / "s.json")
    assert str(streamed.value) == str(normal.value)
    assert "duplicate id 'c1'" in str(streamed.value)
    assert not (tmp_path / "s.json").exists()
