"""`caseledger report` on one ledger of any format reads it in one pass or a few (`--stream`
is accepted and changes nothing): the same bytes as the normal mode, the same problems for
a broken ledger, in any order of its records from a file, and a clear refusal of records
out of order on standard input."""
import json
import pathlib
import subprocess

import pytest

from conftest import without_inputs
from test_cli import LEDGER, WINDOW

SAMPLE = pathlib.Path(__file__).resolve().parents[2] / "samples" / "fuzhou-2020q1" / "ledger.json"
OFFICE = pathlib.Path(__file__).resolve().parents[2] / "tests" / "data" / "office"


@pytest.mark.parametrize("extra", [
    [],
    ["--group-by", "district,team", "--as-of", "2020-03-10"],
    ["--group-by", "month", "--compare", "previous", "--alert", "resolution_rate<85%"],
])
@pytest.mark.parametrize("threads", ["1", "2"])
def test_stream_writes_the_normal_reports_bytes(run_cli, tmp_path, extra, threads):
    normal = run_cli("report", SAMPLE, *WINDOW, "--json", tmp_path / "n.json",
                     "--xlsx", tmp_path / "n.xlsx", *extra)
    assert normal.returncode == 0, normal.stderr
    streamed = run_cli("report", SAMPLE, *WINDOW, "--json", tmp_path / "s.json",
                       "--xlsx", tmp_path / "s.xlsx", "--stream", "--threads", threads, *extra)
    assert streamed.returncode == 0, streamed.stderr
    assert streamed.stdout == normal.stdout.replace("n.json", "s.json").replace("n.xlsx", "s.xlsx")
    assert (tmp_path / "s.json").read_bytes() == (tmp_path / "n.json").read_bytes()
    assert (tmp_path / "s.xlsx").read_bytes() == (tmp_path / "n.xlsx").read_bytes()


def test_stream_reports_the_normal_modes_problems(run_cli, tmp_path):
    ledger = tmp_path / "bad.json"
    ledger.write_text(LEDGER.replace('"id": "c2"', '"id": "c1"').replace(
        '"reported_on": "2020-03-20"', '"reported_on": "2020-03-20", "resolved_on": "2020-03-01"'),
        encoding="utf-8")
    normal = run_cli("report", ledger, *WINDOW, "--json", tmp_path / "n.json")
    streamed = run_cli("report", ledger, *WINDOW, "--json", tmp_path / "s.json", "--stream")
    assert normal.returncode == streamed.returncode == 1
    assert "duplicate id 'c1'" in normal.stderr
    assert streamed.stderr == normal.stderr
    assert not (tmp_path / "s.json").exists()


def test_stream_changes_nothing(run_cli, tmp_path):
    """What --stream once refused now takes the normal path, with or without it."""
    folder = tmp_path / "csv"
    folder.mkdir()
    for args in ([folder], [SAMPLE, SAMPLE], [SAMPLE, "--encoding", "gbk"],
                 [SAMPLE, "--sheet", "问题"], [SAMPLE, "--mapping", "m.json"]):
        plain = run_cli("report", *args, *WINDOW, "--json", tmp_path / "o.json")
        streamed = run_cli("report", *args, *WINDOW, "--json", tmp_path / "o.json", "--stream")
        assert (streamed.returncode, streamed.stderr) == (plain.returncode, plain.stderr), args
    encoding = run_cli("report", SAMPLE, *WINDOW, "--json", tmp_path / "e.json", "--stream",
                       "--encoding", "gbk")
    assert encoding.returncode == 2
    assert encoding.stderr == ("caseledger: the encoding option does not apply to a JSON ledger "
                               "(it is always UTF-8)\n")
    assert not (tmp_path / "e.json").exists()
    # --threads applies to one JSON ledger, streamed or not; 1 or 2 only.
    result = run_cli("report", SAMPLE, *WINDOW, "--json", tmp_path / "o.json", "--threads", "1")
    assert result.returncode == 0, result.stderr
    result = run_cli("report", SAMPLE, *WINDOW, "--json", tmp_path / "o.json", "--stream",
                     "--threads", "4")
    assert result.returncode == 2


@pytest.mark.parametrize("name,encoding", [("office-utf8.csv", "utf-8"),
                                           ("office-gb18030.csv", "gb18030")])
def test_a_flat_csv_sheet_gives_the_same_bytes_and_warning_with_or_without_encoding(
        run_cli, tmp_path, name, encoding):
    """A flat CSV sheet is read twice, never whole, its encoding told from its bytes or
    given with --encoding alike (tests/stream_csv_test.cpp holds both to the normal mode)."""
    sheet = tmp_path / name
    # The office's 合计 of 937.93 万元 made 1000: a warning, and the report all the same.
    sheet.write_bytes((OFFICE / name).read_bytes().replace(b",937.93,", b",1000,"))
    outputs = {kind: ["--json", tmp_path / f"{kind}.json", "--xlsx", tmp_path / f"{kind}.xlsx",
                      "--html", tmp_path / f"{kind}.html"] for kind in ("n", "s")}
    given = run_cli("report", sheet, *WINDOW, "--encoding", encoding, *outputs["n"])
    told = run_cli("report", sheet, *WINDOW, *outputs["s"])
    assert given.returncode == told.returncode == 0, told.stderr
    assert "合计" in told.stderr and "1000 万元" in told.stderr and "937.93 万元" in told.stderr
    assert told.stderr == given.stderr
    assert told.stdout == given.stdout.replace("n.", "s.")
    for suffix in ("json", "xlsx", "html"):
        assert (tmp_path / f"s.{suffix}").read_bytes() == (tmp_path / f"n.{suffix}").read_bytes()


def shuffled(text, keys):
    """The ledger `text` with its top-level keys in the order `keys` gives."""
    document = json.loads(text)
    return json.dumps({key: document[key] for key in keys}, ensure_ascii=False, indent=1)


ORDERS = [
    ["format", "measures", "cases", "units", "teams", "projects", "enterprises", "districts"],
    ["format", "districts", "measures", "teams", "cases", "units", "enterprises", "projects"],
    ["format", "cases", "districts", "enterprises", "projects", "teams", "units", "measures"],
]


@pytest.mark.parametrize("keys", ORDERS, ids=["reversed", "interleaved", "cases-first"])
@pytest.mark.parametrize("threads", ["1", "2"])
def test_a_ledger_in_any_order_gives_the_same_bytes(run_cli, tmp_path, keys, threads):
    ledger = tmp_path / "shuffled.json"
    ledger.write_text(shuffled(SAMPLE.read_text(encoding="utf-8"), keys), encoding="utf-8")
    extra = ["--group-by", "team,channel", "--compare", "previous"]
    normal = run_cli("report", SAMPLE, *WINDOW, "--json", tmp_path / "n.json",
                     "--xlsx", tmp_path / "n.xlsx", "--html", tmp_path / "n.html", *extra)
    assert normal.returncode == 0, normal.stderr
    done = run_cli("report", ledger, *WINDOW, "--json", tmp_path / "s.json",
                   "--xlsx", tmp_path / "s.xlsx", "--html", tmp_path / "s.html",
                   "--threads", threads, *extra)
    assert done.returncode == 0, done.stderr
    # The JSON names its input: the shuffled file, not the sample.
    assert without_inputs((tmp_path / "s.json").read_bytes()) == \
        without_inputs((tmp_path / "n.json").read_bytes())
    for suffix in ("xlsx", "html"):
        assert (tmp_path / f"s.{suffix}").read_bytes() == (tmp_path / f"n.{suffix}").read_bytes()


@pytest.mark.parametrize("keys", ORDERS, ids=["reversed", "interleaved", "cases-first"])
def test_a_ledger_in_any_order_gives_the_normal_modes_problems(run_cli, tmp_path, keys):
    broken = LEDGER.replace('"id": "c2"', '"id": "c1"').replace(
        '"reported_on": "2020-03-20"', '"reported_on": "2020-03-20", "resolved_on": "2020-03-01"')
    document = json.loads(broken)
    ledger = tmp_path / "bad.json"
    ledger.write_text(shuffled(broken, [key for key in keys if key in document]),
                      encoding="utf-8")
    # validate reads the whole ledger as the normal mode does; report stops at the first.
    validated = run_cli("validate", ledger, "--max-problems", "1")
    reported = run_cli("report", ledger, *WINDOW, "--json", tmp_path / "s.json")
    assert validated.returncode == reported.returncode == 1
    assert "duplicate id 'c1'" in reported.stderr
    assert reported.stderr == validated.stderr
    assert not (tmp_path / "s.json").exists()


def test_standard_input_out_of_order_is_refused_clearly(cli_path, tmp_path):
    text = shuffled(SAMPLE.read_text(encoding="utf-8"), ORDERS[0])
    done = subprocess.run([str(cli_path), "report", "-", *WINDOW, "--json", "-"],
                          input=text.encode("utf-8"), capture_output=True, timeout=600)
    assert done.returncode == 2
    message = done.stderr.decode("utf-8")
    assert message.startswith("caseledger: standard input is read once, so a JSON ledger "
                              "given there must list its districts"), message
    assert "<stdin>:" in message and "/cases/0 comes later" in message
    assert "save it to a file" in message
    assert done.stdout == b""
    # The same from a file is read.
    (tmp_path / "l.json").write_text(text, encoding="utf-8")
    from_file = subprocess.run([str(cli_path), "report", tmp_path / "l.json", *WINDOW, "--json",
                                "-"], capture_output=True, timeout=600)
    assert from_file.returncode == 0, from_file.stderr


def test_report_help_documents_stream(run_cli):
    text = run_cli("report", "--help").stdout
    assert "--stream" in text and "--threads" in text


def test_listing_widths_and_texts_at_the_fast_paths_edges(run_cli, tmp_path):
    """Names measured once per name and texts written without a copy when they need no
    change: widths at and past the 40-column cap (CJK counts two), an astral character,
    a carriage return, an _xHHHH_ escape, a control character and U+FFFE."""
    import openpyxl
    wide = "闽" * 30            # 60 columns: capped at 40
    at_cap = "侯" * 19 + "ab"  # exactly 40
    ledger = LEDGER.replace('"name": "闽兴公司"', f'"name": "{wide}"').replace(
        '"name": "一队"', f'"name": "{at_cap}"').replace(
        '"name": "乙工程"', '"name": "乙工程\U00020000"').replace(
        '"category": "labour", "enterprise": "e2"',
        '"category": "labour", "enterprise": "e2", "summary": "a\\rb\U00020000"').replace(
        '"category": "funding", "project": "p1"',
        '"category": "funding", "project": "p1", "summary": "_x0041_\\u0001c\\uFFFEd"').replace(
        '"category": "energy", "enterprise": "e1"',
        '"category": "energy", "enterprise": "e1", "team": "t1"')
    path = tmp_path / "edges.json"
    path.write_text(ledger, encoding="utf-8")
    normal = run_cli("report", path, *WINDOW, "--xlsx", tmp_path / "n.xlsx")
    assert normal.returncode == 0, normal.stderr
    for threads in ["1", "2"]:
        streamed = run_cli("report", path, *WINDOW, "--xlsx", tmp_path / f"s{threads}.xlsx",
                           "--stream", "--threads", threads)
        assert streamed.returncode == 0, streamed.stderr
        assert (tmp_path / f"s{threads}.xlsx").read_bytes() == (tmp_path / "n.xlsx").read_bytes()
    sheet = openpyxl.load_workbook(tmp_path / "n.xlsx")["明细"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert rows["c5"][2].value == wide
    assert rows["c5"][11].value == at_cap
    assert rows["c2"][2].value == "乙工程\U00020000"
    # libxlsxwriter writes a carriage return as Excel's escape _x000D_, which Excel reads
    # back as the character and openpyxl shows as it is.
    assert rows["c1"][5].value == "a_x000D_b\U00020000"
    assert rows["c2"][5].value == "_x005F_x0041_cd"
    # Capped names: 40 columns plus the margin of 2 (as libxlsxwriter rounds widths).
    assert sheet.column_dimensions["C"].width == pytest.approx(42, abs=1)
    assert sheet.column_dimensions["L"].width == pytest.approx(42, abs=1)


@pytest.mark.parametrize("name", ["office-openpyxl.xlsx", "office-libreoffice.xls",
                                  "office-libreoffice.ods"])
def test_a_workbook_is_reported_in_one_pass_as_loaded(run_cli, tmp_path, name):
    """One workbook is read in one pass (its sheet parsed once, read twice): the bytes the
    library gives for the ledger loaded whole, and the same headlines."""
    import caseledger
    path = OFFICE / name
    done = run_cli("report", path, *WINDOW, "--json", tmp_path / "s.json",
                   "--xlsx", tmp_path / "s.xlsx")
    assert done.returncode == 0, done.stderr
    loaded = caseledger.report(caseledger.Ledger.load(path), *WINDOW[1::2])
    loaded.write_json(tmp_path / "n.json")
    loaded.write_xlsx(tmp_path / "n.xlsx")
    for suffix in ("json", "xlsx"):
        assert (tmp_path / f"s.{suffix}").read_bytes() == (tmp_path / f"n.{suffix}").read_bytes()
    headlines = run_cli("headline", path, *WINDOW)
    assert headlines.returncode == 0, headlines.stderr
    report = json.loads((tmp_path / "n.json").read_text(encoding="utf-8"))
    assert headlines.stdout.splitlines() == [
        group["headline"]["zh-Hans"] for group in [*report["groups"], report["total"]]]


def test_a_workbooks_sheet_is_chosen_as_when_loaded(run_cli, tmp_path):
    import caseledger
    import openpyxl
    book = openpyxl.Workbook()
    book.active.title = "第一批"
    book.active.append(["序号", "区县", "问题类别", "反映日期"])
    book.active.append([1, "鼓楼区", "资金", "2020-01-05"])
    second = book.create_sheet("第二批")
    second.append(["序号", "区县", "问题类别", "反映日期"])
    second.append([1, "台江区", "用工", "2020-02-05"])
    second.append([2, "台江区", "用工", "2020-02-06"])
    path = tmp_path / "batches.xlsx"
    book.save(path)
    for sheet in ("第二批", "all"):
        done = run_cli("report", path, *WINDOW, "--sheet", sheet, "--json", tmp_path / "s.json")
        assert done.returncode == 0, done.stderr
        caseledger.report(caseledger.Ledger.load(path, sheet=sheet), *WINDOW[1::2]).write_json(
            tmp_path / "n.json")
        assert (tmp_path / "s.json").read_bytes() == (tmp_path / "n.json").read_bytes(), sheet
    missing = run_cli("report", path, *WINDOW, "--sheet", "第三批", "--json", tmp_path / "m.json")
    assert missing.returncode == 2
    assert "no sheet '第三批'" in missing.stderr
    assert not (tmp_path / "m.json").exists()


def test_several_ledgers_are_reported_as_they_consolidate(run_cli, tmp_path):
    """Several ledgers (one per district, or per batch) are read a pass at a time over all of
    them: the bytes of the ledgers consolidated whole, a 合计 that disagrees still warned of."""
    import caseledger
    cangshan = tmp_path / "仓山区.csv"
    cangshan.write_text((OFFICE / "office-utf8.csv").read_text(encoding="utf-8").replace(
        "937.93", "900"), encoding="utf-8")
    ledgers = [cangshan, OFFICE / "office-openpyxl.xlsx", SAMPLE]
    done = run_cli("report", *ledgers, *WINDOW, "--json", tmp_path / "s.json",
                   "--xlsx", tmp_path / "s.xlsx")
    assert done.returncode == 0, done.stderr
    warning, = [line for line in done.stderr.splitlines() if line.startswith("caseledger: warning:")]
    assert "the 合计 row gives 900 万元" in warning
    loaded = caseledger.report(caseledger.Ledger.consolidate(ledgers), *WINDOW[1::2])
    loaded.write_json(tmp_path / "n.json")
    loaded.write_xlsx(tmp_path / "n.xlsx")
    for suffix in ("json", "xlsx"):
        assert (tmp_path / f"s.{suffix}").read_bytes() == (tmp_path / f"n.{suffix}").read_bytes()
    headlines = run_cli("headline", *ledgers, *WINDOW)
    assert headlines.returncode == 0, headlines.stderr
    report = json.loads((tmp_path / "n.json").read_text(encoding="utf-8"))
    assert headlines.stdout.splitlines() == [
        group["headline"]["zh-Hans"] for group in [*report["groups"], report["total"]]]
