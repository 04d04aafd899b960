"""`caseledger report --stream`: the same bytes as the normal mode, the same problems for a
broken ledger, and the usage errors of what it cannot stream."""
import pathlib

import pytest

from test_cli import LEDGER, WINDOW

SAMPLE = pathlib.Path(__file__).resolve().parents[2] / "samples" / "fuzhou-2020q1" / "ledger.json"


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


def test_stream_refuses_what_it_cannot_stream(run_cli, tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    result = run_cli("report", folder, *WINDOW, "--json", tmp_path / "o.json", "--stream")
    assert result.returncode == 2
    assert "JSON ledgers (.json) only" in result.stderr
    result = run_cli("report", SAMPLE, *WINDOW, "--json", tmp_path / "o.json", "--threads", "2")
    assert result.returncode == 2
    assert "--threads applies to --stream only" in result.stderr
    result = run_cli("report", SAMPLE, *WINDOW, "--json", tmp_path / "o.json", "--stream",
                     "--threads", "4")
    assert result.returncode == 2
    # the options of CSV and xlsx ledgers: the streaming report reads JSON only
    for option, value, reason in (
            ("--encoding", "gbk", "--encoding does not apply to a JSON ledger (it is always UTF-8)"),
            ("--sheet", "问题", "--sheet does not apply to a JSON ledger"),
            ("--mapping", "m.json", "--mapping does not apply to a JSON ledger")):
        result = run_cli("report", SAMPLE, *WINDOW, "--json", tmp_path / "o.json", "--stream",
                         option, value)
        assert result.returncode == 2, option
        assert result.stderr == f"caseledger: {reason}\n"
        assert not (tmp_path / "o.json").exists()


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
