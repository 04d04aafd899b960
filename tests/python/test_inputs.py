"""The files a report was computed from, named in its JSON (`inputs`) and in Python, each
with its size and SHA-256 checked here against hashlib: one file, several consolidated, a
folder of CSV tables, standard input, and the one-pass report."""
import hashlib
import json
import subprocess

import pytest

from conftest import FUZHOU_LEDGER, without_inputs

WINDOW = ["--from", "2020-01-01", "--to", "2020-03-31"]


def described(path, name=None):
    content = path.read_bytes()
    return {"name": name or str(path), "bytes": len(content),
            "sha256": hashlib.sha256(content).hexdigest()}


def district_sheet(path, district, case_id):
    path.write_text("编号,区县,问题类别,反映日期,办结日期\n"
                    f"{case_id},{district},资金,2020-01-05,2020-01-09\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("stream", [[], ["--stream"]], ids=["loaded", "streamed"])
def test_one_file(run_cli, tmp_path, validate_report, stream):
    out = tmp_path / "q1.json"
    done = run_cli("report", FUZHOU_LEDGER, *WINDOW, "--json", out, *stream)
    assert done.returncode == 0, done.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    validate_report(document)
    assert list(document)[-1] == "inputs"
    assert document["inputs"] == [described(FUZHOU_LEDGER)]


def test_several_files_in_the_order_given(run_cli, tmp_path):
    files = [district_sheet(tmp_path / "鼓楼区.csv", "鼓楼区", "g1"),
             district_sheet(tmp_path / "仓山区.csv", "仓山区", "c1")]
    out = tmp_path / "city.json"
    done = run_cli("report", *files, *WINDOW, "--json", out)
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_bytes())["inputs"] == [described(f) for f in files]


def test_a_folder_names_each_table(run_cli, tmp_path):
    folder = tmp_path / "台账"
    folder.mkdir()
    (folder / "districts.csv").write_text("id,name\nd,仓山区\n", encoding="utf-8")
    (folder / "cases.csv").write_text("id,district,category,channel,reported_on,status\n"
                                      "c1,d,funding,hotline,2020-01-05,open\n", encoding="utf-8")
    out = tmp_path / "r.json"
    done = run_cli("report", folder, *WINDOW, "--json", out)
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_bytes())["inputs"] == [
        described(folder / "districts.csv"), described(folder / "cases.csv")]


@pytest.mark.parametrize("stream", [[], ["--stream"]], ids=["loaded", "streamed"])
def test_standard_input_is_hashed_as_read(cli_path, tmp_path, stream):
    done = subprocess.run([str(cli_path), "report", "-", *WINDOW, "--json", "-", *stream],
                          input=FUZHOU_LEDGER.read_bytes(), capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["inputs"] == [described(FUZHOU_LEDGER, "<stdin>")]
    # Apart from its inputs, the report is the file's.
    by_file = tmp_path / "file.json"
    subprocess.run([str(cli_path), "report", FUZHOU_LEDGER, *WINDOW, "--json", by_file],
                   check=True, capture_output=True, timeout=600)
    assert without_inputs(done.stdout) == without_inputs(by_file.read_bytes())
    assert without_inputs(by_file.read_bytes()) != by_file.read_bytes()


def test_python_names_them_and_a_built_ledger_has_none(tmp_path):
    import caseledger

    files = [district_sheet(tmp_path / "a.csv", "仓山区", "a1"),
             district_sheet(tmp_path / "b.csv", "鼓楼区", "b1")]
    book = caseledger.Ledger.consolidate(files)
    assert book.inputs == [described(f) for f in files]
    assert caseledger.report(book, "2020-01-01", "2020-03-31").inputs == book.inputs
    assert caseledger.Ledger.load(FUZHOU_LEDGER).inputs == [described(FUZHOU_LEDGER)]
    built = caseledger.Ledger.from_dict(json.loads(FUZHOU_LEDGER.read_text(encoding="utf-8")))
    assert built.inputs == []
    assert "inputs" not in json.loads(
        caseledger.report(built, "2020-01-01", "2020-03-31").to_json())
