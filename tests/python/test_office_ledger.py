"""Ledgers made the way district offices make them give the clean ledger's report.

The Fuzhou sample's flat part (test_ingest.flat_part) is written as an office's workbook
with openpyxl: a merged title, a 填报 line, a header of two rows (帮扶情况 merged over the
amount columns, in 万元), amounts stored as Python floats (the 16-17 digit doubles pandas
and openpyxl write), the office's own columns (经办人, 联系人), a 合计 row and notes under
the table. Its report must be byte-identical to the clean JSON ledger's; the same rows
split into one file per district and consolidated must give it too.
"""
import decimal
import json

import pytest

from conftest import FUZHOU_LEDGER, SOURCE_DIR, without_inputs
from test_ingest import FLAT_COLUMNS, MONEY_COLUMN, WINDOW, flat_part, report

openpyxl = pytest.importorskip("openpyxl")

GROUP = "帮扶情况"
IN_WAN = {column: column.replace("（万元）", "") + "（万元）" for column in MONEY_COLUMN.values()}
# Columns caseledger does not define (责任单位 would be read as the case's unit).
OWN_COLUMNS = ["经办人", "联系人"]


@pytest.fixture(scope="module")
def fuzhou_part():
    return flat_part(json.loads(FUZHOU_LEDGER.read_text(encoding="utf-8")))


def wan(text):
    """A local amount ("40万", "440万元", "¥1,234.50") as the float of its 万元 cell,
    scaled in floating point as a pandas column is (df["元"] * 0.0001: 7000 yuan is
    0.7000000000000001)."""
    text = text.replace("元", "").replace("¥", "").replace(",", "")
    if text.endswith("万"):
        return float(text[:-1])
    return float(text) * 0.0001


def yuan_of(row, column):
    text = row.get(column)
    if not text:
        return None
    if column == "贷款金额（万元）":
        return float(text)
    return wan(text)


def write_office_workbook(path, rows, id_header="序号", total=None):
    """The rows as an office's workbook; `total` overrides the 合计 row's subsidy."""
    plain = [c for c in FLAT_COLUMNS if c not in MONEY_COLUMN.values()]
    plain[0] = id_header
    money = list(MONEY_COLUMN.values())
    header = plain + [GROUP] + [None] * (len(money) - 1) + OWN_COLUMNS
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "问题台账"
    width = len(header)
    sheet.append(["福州市“一企一议”企业复工复产问题协调台账"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.append(["填报单位：福州市复工复产指挥部"] + [None] * 9 + ["填报日期：2020年3月31日"])
    sheet.append(header)
    sheet.append([None] * len(plain) + [IN_WAN[c] for c in money] + [None] * len(OWN_COLUMNS))
    for col in list(range(1, len(plain) + 1)) + [len(plain) + len(money) + 1 + i
                                                  for i in range(len(OWN_COLUMNS))]:
        sheet.merge_cells(start_row=3, start_column=col, end_row=4, end_column=col)
    sheet.merge_cells(start_row=3, start_column=len(plain) + 1, end_row=3,
                      end_column=len(plain) + len(money))
    sums = {c: decimal.Decimal(0) for c in money}
    for n, row in enumerate(rows):
        values = [row.get(c if c != id_header else "序号") for c in plain]
        amounts = [yuan_of(row, c) for c in money]
        for c, amount in zip(money, amounts):
            if amount is not None:
                sums[c] += decimal.Decimal(repr(amount))
        sheet.append(values + amounts + [f"{row['区县']}经办人{n % 5}", "联系人" + str(n % 7)])
    totals = [float(sums[c]) for c in money]
    if total is not None:
        totals[0] = total
    sheet.append(["合计", None, f"办结{len(rows)}个"] + [None] * (len(plain) - 3) + totals)
    sheet.append([])
    sheet.append(["备注：1.办理时限为5个工作日"])
    sheet.append(["2.金额单位为万元"])
    book.save(path)


def test_office_workbook_gives_the_clean_ledgers_report(fuzhou_part, run_cli, tmp_path):
    part, rows = fuzhou_part
    clean = tmp_path / "part.json"
    clean.write_text(json.dumps(part, ensure_ascii=False), encoding="utf-8")
    expected = report(run_cli, clean, tmp_path / "clean.json")

    workbook = tmp_path / "台账.xlsx"
    write_office_workbook(workbook, rows)
    # Amounts really are stored with the double's noise, as pandas would store them.
    stored = [c.value for r in openpyxl.load_workbook(workbook).active.iter_rows(min_row=5)
              for c in r if isinstance(c.value, float)]
    assert any(len(repr(v).replace(".", "").lstrip("0")) > 15 for v in stored)
    assert report(run_cli, workbook, tmp_path / "office.json") == expected

    result = run_cli("validate", workbook)
    assert result.returncode == 0, result.stderr
    notes = [line for line in result.stdout.splitlines() if line.startswith("note:")]
    assert notes[0].endswith("skipped 2 rows above the header at row 3 "
                             "('福州市“一企一议”企业复工复产问题协调台账')")
    assert notes[1].endswith("kept 2 columns the format does not define as extra fields of "
                             "each case: '经办人', '联系人'")
    assert notes[2].endswith("skipped a 合计 row ('合计'), not a case")
    assert notes[3].endswith("skipped 2 rows of notes under the table ('备注：1.办理时限为5个工作日')")
    assert len(notes) == 4  # the 合计 row's figures agree: no total_mismatch


def test_the_offices_own_columns_are_in_the_listing(fuzhou_part, run_cli, tmp_path):
    _, rows = fuzhou_part
    workbook = tmp_path / "台账.xlsx"
    write_office_workbook(workbook, rows)
    out = tmp_path / "report.xlsx"
    result = run_cli("report", workbook, *WINDOW, "--xlsx", out)
    assert result.returncode == 0, result.stderr
    listing = openpyxl.load_workbook(out)["明细"]
    header = [c.value for c in next(listing.iter_rows(max_row=1))]
    assert header[-2:] == OWN_COLUMNS
    first_ids = {row["序号"]: row for row in rows}
    for values in listing.iter_rows(min_row=2, values_only=True):
        row = first_ids[values[0]]
        assert values[-2].startswith(f"{row['区县']}经办人")
    # A JSON ledger declares no columns: its listing keeps the 12 of its own and the
    # handling process's 5 (the sample records the process).
    out_json = tmp_path / "json-ledger.xlsx"
    assert run_cli("report", FUZHOU_LEDGER, *WINDOW, "--xlsx", out_json).returncode == 0
    assert openpyxl.load_workbook(out_json)["明细"].max_column == 12 + 5


def test_a_wrong_total_is_a_warning_naming_both_figures(fuzhou_part, run_cli, tmp_path):
    _, rows = fuzhou_part
    workbook = tmp_path / "台账.xlsx"
    write_office_workbook(workbook, rows, total=1.0)
    result = run_cli("report", workbook, *WINDOW, "--json", tmp_path / "r.json")
    assert result.returncode == 0, result.stderr
    warning, = [line for line in result.stderr.splitlines() if line.startswith("caseledger: warning:")]
    assert "the 合计 row gives 1 万元 in column '补助金额（万元）', but the rows above sum to" \
        in warning


def test_one_file_per_district_consolidates_into_the_same_report(fuzhou_part, run_cli,
                                                                  tmp_path):
    part, rows = fuzhou_part
    clean = tmp_path / "part.json"
    clean.write_text(json.dumps(part, ensure_ascii=False), encoding="utf-8")
    expected = report(run_cli, clean, tmp_path / "clean.json")
    by_district = {}
    for row in rows:
        by_district.setdefault(row["区县"], []).append(row)
    assert len(by_district) >= 3
    files = []
    for name, district_rows in by_district.items():
        path = tmp_path / f"{name}.xlsx"
        # 编号 holds ids that are unique across the city; 序号 would be scoped per file.
        write_office_workbook(path, district_rows, id_header="编号")
        files.append(path)
    result = run_cli("report", *files, *WINDOW, "--group-by", "district,category", "--json",
                     tmp_path / "city.json")
    assert result.returncode == 0, result.stderr
    assert without_inputs((tmp_path / "city.json").read_bytes()) == expected

    # The same case in two files, with other values, is refused naming both.
    doubled = tmp_path / "doubled.xlsx"
    changed = [dict(by_district[next(iter(by_district))][0], 问题描述="另一个描述")]
    write_office_workbook(doubled, changed, id_header="编号")
    result = run_cli("validate", files[0], doubled)
    assert result.returncode == 1
    assert f"(first at {files[0]}" in result.stderr and str(doubled) in result.stderr


def test_python_reads_the_notes_and_consolidates(fuzhou_part, tmp_path):
    import caseledger

    _, rows = fuzhou_part
    by_district = {}
    for row in rows:
        by_district.setdefault(row["区县"], []).append(row)
    files = []
    for name, district_rows in by_district.items():
        files.append(tmp_path / f"{name}.xlsx")
        write_office_workbook(files[-1], district_rows, id_header="编号")
    book = caseledger.Ledger.consolidate(files)
    assert book.counts["cases"] == len(rows)
    assert book.case_extra_columns == OWN_COLUMNS
    kinds = [note["kind"] for note in book.notes]
    assert kinds.count("skipped_rows") == 3 * len(files)  # title, 合计, notes in each file
    assert kinds.count("extra_columns") == len(files)
    first = book.notes[0]
    assert (first["file"], first["line"], first["column"]) == \
        (f"{files[0]}[问题台账]", 1, 0)
    # One file alone: the same rows, the same counts; a JSON ledger has no notes.
    one = tmp_path / "one.xlsx"
    write_office_workbook(one, rows, id_header="编号")
    assert caseledger.Ledger.load(one).counts == book.counts
    assert caseledger.Ledger.load(FUZHOU_LEDGER).notes == []
    with pytest.raises(caseledger.UsageError):
        caseledger.Ledger.consolidate([])


@pytest.mark.parametrize("name", ["office-openpyxl.xlsx", "office-libreoffice.xlsx",
                                  "office-libreoffice.ods", "office-libreoffice.xls",
                                  "office-utf8.csv", "office-gb18030.csv"])
def test_the_corpus_of_office_files_gives_the_clean_ledgers_report(name, run_cli, tmp_path):
    folder = SOURCE_DIR / "tests" / "data" / "office"
    expected = report(run_cli, folder / "office.json", tmp_path / "clean.json", "--keep-extras")
    assert report(run_cli, folder / name, tmp_path / "office.json") == expected


def test_python_reads_an_xls_workbook_and_refuses_a_damaged_one(tmp_path):
    import caseledger

    folder = SOURCE_DIR / "tests" / "data" / "office"
    book = caseledger.Ledger.load(folder / "office-libreoffice.xls")
    clean = caseledger.Ledger.load(folder / "office.json", keep_extras=True)
    assert book.counts == clean.counts
    assert book.case_extra_columns == ["联系人"]

    damaged = tmp_path / "damaged.xls"
    damaged.write_bytes((folder / "office-libreoffice.xls").read_bytes()[:1024])
    with pytest.raises(caseledger.LedgerError) as raised:
        caseledger.Ledger.load(damaged)
    problem, = raised.value.problems
    assert problem.file == str(damaged)
    assert "past the end of the file (the file is truncated or damaged)" in problem.reason

    renamed = tmp_path / "renamed.xls"
    renamed.write_bytes((folder / "office-libreoffice.xlsx").read_bytes())
    with pytest.raises(caseledger.LedgerError, match="a zip package"):
        caseledger.Ledger.load(renamed)
