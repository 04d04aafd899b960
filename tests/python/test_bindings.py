"""The Python bindings (bindings/python): `import caseledger`.

ctest runs this with PYTHONPATH=<build>/python, where the build assembles the package. Without
the bindings (CASELEDGER_BUILD_PYTHON=OFF) there is no PYTHONPATH and the module is skipped.

Expected figures are the article's (docs of the sample) or worked out by hand for the small
ledgers below, never taken from caseledger itself.
"""
import ast
import copy
import datetime
import decimal
import errno
import inspect
import json
import os
import pathlib
import pickle
import re
import shutil
import subprocess
import sys
import threading

import pytest

from conftest import FUZHOU_LEDGER, SOURCE_DIR, without_inputs
from ledger_exports import write_csv_folder, write_xlsx_workbook

if "PYTHONPATH" in os.environ:
    import caseledger  # built: an import failure is a failure
else:
    caseledger = pytest.importorskip("caseledger")

# Child processes import the very package under test, wherever they run.
CHILD_ENV = {**os.environ,
             "PYTHONPATH": str(pathlib.Path(caseledger.__file__).resolve().parents[1])}

Q1 = ("2020-01-01", "2020-03-31")
JAN_FEB = ("2020-01-01", "2020-02-29")


@pytest.fixture(scope="module")
def fuzhou():
    return caseledger.Ledger.load(FUZHOU_LEDGER)


@pytest.fixture(scope="module")
def fuzhou_q1(fuzhou):
    return caseledger.report(fuzhou, *Q1)


# ---- the package ----------------------------------------------------------------------------

def test_version_is_the_projects():
    cmake = (SOURCE_DIR / "CMakeLists.txt").read_text(encoding="utf-8")
    version = re.search(r"project\(caseledger VERSION ([0-9.]+)", cmake).group(1)
    assert caseledger.__version__ == version


def test_the_package_re_exports_the_core_module():
    from caseledger import _core

    public = {name for name in dir(_core) if not name.startswith("_")} | {"__version__"}
    assert set(caseledger.__all__) == public
    for name in public:
        assert getattr(caseledger, name) is getattr(_core, name)


def _stubs():
    """{name: set of member names} for every top-level definition of _core.pyi."""
    path = pathlib.Path(caseledger.__file__).with_name("_core.pyi")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    stubs = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            members = set()
            for base in node.bases:  # members stubbed once in a stub base class (_Enum)
                if isinstance(base, ast.Name) and base.id in stubs:
                    members |= stubs[base.id]
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    members.add(item.name)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    members.add(item.target.id)
            stubs[node.name] = members
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            stubs[node.name] = set()
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            stubs[node.target.id] = set()
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                stubs[target.id] = set()
    return stubs


def _public_members(cls):
    """The names a binding class defines itself (not pybind11's or object's plumbing)."""
    own = set()
    for name, value in vars(cls).items():
        if name.startswith("_") and name not in {"__len__", "__eq__", "__getstate__",
                                                 "__setstate__"}:
            continue
        if name in {"__eq__"} and not callable(value):
            continue
        own.add(name)
    return own


def test_every_public_name_has_a_stub():
    from caseledger import _core

    stubs = _stubs()
    for name in dir(_core):
        if name.startswith("_") and name != "__version__":
            continue
        assert name in stubs, f"{name} has no stub in _core.pyi"
        value = getattr(_core, name)
        if inspect.isclass(value) and not issubclass(value, BaseException):
            missing = _public_members(value) - stubs[name]
            assert not missing, f"{name}: no stub for {sorted(missing)}"
    for name in stubs:
        assert name.startswith("_") or hasattr(_core, name), f"stub {name} names nothing"


def test_everything_public_has_a_docstring():
    from caseledger import _core

    assert caseledger.__doc__ and _core.__doc__
    for name in dir(_core):
        if name.startswith("_"):
            continue
        value = getattr(_core, name)
        assert (value.__doc__ or "").strip(), f"{name} has no docstring"
        if not inspect.isclass(value):
            continue
        for member_name, member in vars(value).items():
            if member_name.startswith("_") or member_name in getattr(value, "__members__", {}):
                continue
            if hasattr(value, "__members__") and member_name in {"name", "value"}:
                continue  # pybind11's own enum properties
            assert (getattr(member, "__doc__", None) or "").strip(), \
                f"{name}.{member_name} has no docstring"


def test_cmake_install_puts_the_package_where_python_finds_it(tmp_path):
    """`cmake --install` into a scratch prefix; the package imports from there alone."""
    build = pathlib.Path(caseledger.__file__).resolve().parents[2]
    cache = build / "CMakeCache.txt"
    if not cache.exists() or not shutil.which("cmake"):
        pytest.skip("not running from a CMake build tree")
    folder = re.search(r"^CASELEDGER_PYTHON_INSTALL_DIR:\w+=(.*)$",
                       cache.read_text(encoding="utf-8"), re.M).group(1)
    subprocess.run(["cmake", "--install", str(build), "--prefix", str(tmp_path)],
                   capture_output=True, check=True, timeout=600)
    installed = tmp_path / folder
    assert sorted(path.name for path in (installed / "caseledger").iterdir()
                  if not path.name.endswith(".so")) == ["__init__.py", "_core.pyi", "_frames.py",
                                                           "py.typed"]
    done = subprocess.run([sys.executable, "-c", "import caseledger; print(caseledger.__file__, "
                           "caseledger.__version__)"], capture_output=True, text=True,
                          check=True, timeout=600, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(installed)})
    assert done.stdout.split() == [str(installed / "caseledger" / "__init__.py"),
                                   caseledger.__version__]


# ---- a small ledger, worked out by hand -----------------------------------------------------

def small_ledger():
    """One district with one of everything; every record valid."""
    return {
        "format": "caseledger.ledger/1",
        "districts": [{"id": "gulou", "name": "鼓楼区", "name_en": "Gulou"}],
        "enterprises": [{"id": "e1", "name": "闽兴公司", "district": "gulou", "key": True,
                         "resumed_on": "2020-02-10"}],
        "projects": [{"id": "p1", "name": "地铁五号线", "district": "gulou", "key": True}],
        "teams": [{"id": "t1", "district": "gulou", "kind": "service_team", "members": 5}],
        "cases": [
            {"id": "c1", "district": "gulou", "reported_on": "2020-02-03", "category": "energy",
             "enterprise": "e1", "team": "t1", "due_on": "2020-02-10",
             "resolved_on": "2020-02-08"},
            {"id": "c2", "district": "gulou", "reported_on": "2020-02-05",
             "category": "labour", "project": "p1"},
        ],
        "measures": [
            {"id": "m1", "district": "gulou", "kind": "fee_reduction", "granted_on": "2020-02-20",
             "enterprise": "e1", "case": "c1", "amount": "160000.00"},
            {"id": "m2", "district": "gulou", "kind": "fee_reduction", "granted_on": "2020-02-21",
             "project": "p1", "amount": decimal.Decimal("0.05")},
        ],
    }


def test_from_dict_and_a_report_worked_by_hand():
    book = caseledger.Ledger.from_dict(small_ledger())
    assert book.counts == {"districts": 1, "enterprises": 1, "projects": 1, "teams": 1,
                           "units": 0, "cases": 2, "measures": 2}
    assert len(book) == 2
    report = caseledger.report(book, datetime.date(2020, 2, 1), "2020-02-29")
    assert report.from_ == datetime.date(2020, 2, 1)
    assert report.as_of == datetime.date(2020, 2, 29)
    assert report.group_by == ("district",)
    gulou = report.group(district="gulou")
    assert gulou.key == {"district": "gulou"}
    assert gulou.label == {"zh": "鼓楼区", "en": "Gulou"}
    cases = gulou.cases
    assert (cases.coordinated, cases.resolved, cases.open, cases.on_time) == (2, 1, 1, 1)
    assert cases.days_to_resolve.counts == {5: 1}
    assert cases.resolution_rate.display() == "50.0%"
    assert cases.by_category["energy"] == {"coordinated": 1, "resolved": 1}
    reduction = gulou.support["fee_reduction"]
    # 160000.00 + 0.05, exactly, as a Decimal (never a float)
    assert type(reduction.amount) is decimal.Decimal
    assert reduction.amount == decimal.Decimal("160000.05")
    assert str(reduction.amount) == "160000.05"
    assert reduction.count == 2 and reduction.beneficiaries == 2
    assert reduction.beneficiary_ids == {"enterprise:e1", "project:p1"}
    assert gulou.support["loan"].amount == decimal.Decimal("0.00")
    assert (gulou.resumption.tracked, gulou.resumption.resumed) == (2, 1)
    assert gulou.teams == {"service_team": 1, "party_team": 0, "instructor": 0}
    assert report.total.key == {}
    assert report.total.label == {"zh": "合计", "en": "Total"}
    document = report.to_dict()
    assert document["groups"][0]["support"]["fee_reduction"]["amount"] == "160000.05"


def test_views_keep_their_report_alive():
    import gc

    book = caseledger.Ledger.from_dict(small_ledger())
    loan = caseledger.report(book, *Q1).groups[0].support["fee_reduction"]
    cases = caseledger.report(book, *Q1).total.cases
    del book
    gc.collect()
    assert loan.amount == decimal.Decimal("160000.05")
    assert cases.days_to_resolve.max == 5


def test_from_dict_takes_dates_and_decimals_and_from_json_takes_text():
    document = small_ledger()
    document["cases"][0]["reported_on"] = datetime.date(2020, 2, 3)
    document["measures"][0]["amount"] = decimal.Decimal("1.5E+5")
    book = caseledger.Ledger.from_dict(document)
    report = caseledger.report(book, *Q1)
    assert report.total.support["fee_reduction"].amount == decimal.Decimal("150000.05")
    text = json.dumps(small_ledger(), default=str)
    for source in (text, text.encode("utf-8")):
        assert caseledger.Ledger.from_json(source).counts["measures"] == 2


def test_records_come_back_as_dicts_that_from_dict_takes(fuzhou, fuzhou_q1):
    book = caseledger.Ledger.from_dict(small_ledger())
    cases = book.records("cases")
    assert cases[0] == {"id": "c1", "district": "gulou",
                        "reported_on": datetime.date(2020, 2, 3), "category": "energy",
                        "enterprise": "e1", "team": "t1", "due_on": datetime.date(2020, 2, 10),
                        "resolved_on": datetime.date(2020, 2, 8), "status": "resolved"}
    assert cases[1]["status"] == "open"  # derived by the reader
    measure = book.records("measures")[1]
    assert measure == {"id": "m2", "district": "gulou", "kind": "fee_reduction",
                       "granted_on": datetime.date(2020, 2, 21), "project": "p1",
                       "amount": decimal.Decimal("0.05")}
    assert type(measure["amount"]) is decimal.Decimal
    assert book.records("teams") == [{"id": "t1", "district": "gulou", "kind": "service_team",
                                      "members": 5}]
    with pytest.raises(KeyError):
        book.records("case")
    # the whole sample, through dicts and back, gives the same report
    kinds = ("districts", "enterprises", "projects", "teams", "units", "cases", "measures")
    again = caseledger.Ledger.from_records(**{kind: fuzhou.records(kind) for kind in kinds})
    assert again.counts == fuzhou.counts
    assert without_inputs(caseledger.report(again, *Q1).to_dict()) == \
        without_inputs(fuzhou_q1.to_dict())


def test_from_records_fills_in_the_format_and_empty_kinds():
    book = caseledger.Ledger.from_records(districts=[{"id": "gulou", "name": "鼓楼区"}])
    assert book.counts["districts"] == 1 and len(book) == 0
    with pytest.raises(caseledger.LedgerError, match="unknown key 'case'"):
        caseledger.Ledger.from_records(case=[])


def test_write_json_writes_the_sample_byte_for_byte(fuzhou, tmp_path):
    written = tmp_path / "ledger.json"
    fuzhou.write_json(written)
    assert written.read_bytes() == FUZHOU_LEDGER.read_bytes()


def test_write_json_reads_back_as_the_same_records_in_either_layout(tmp_path):
    document = small_ledger()
    document["cases"][0]["note"] = {"a": [1, "二"]}
    book = caseledger.Ledger.from_dict(document, keep_extras=True)
    kinds = ("districts", "enterprises", "projects", "teams", "cases", "measures")
    for layout in ("indented", "record_per_line"):
        written = tmp_path / f"{layout}.json"
        book.write_json(written, layout=layout)
        again = caseledger.Ledger.load(written, keep_extras=True)
        assert {kind: again.records(kind) for kind in kinds} == \
            {kind: book.records(kind) for kind in kinds}
    # one record a line: the first case is one line of its own
    lines = (tmp_path / "record_per_line.json").read_text(encoding="utf-8").splitlines()
    assert any(line.startswith('{"id": "c1", "district": "gulou"') for line in lines)
    with pytest.raises(caseledger.UsageError, match="unknown layout 'pretty'"):
        book.write_json(tmp_path / "x.json", layout="pretty")
    assert not (tmp_path / "x.json").exists()


def test_extras_come_back_parsed():
    document = small_ledger()
    document["districts"][0]["note"] = {"a": [1, 2]}
    book = caseledger.Ledger.from_dict(document, keep_extras=True)
    assert book.records("districts")[0]["note"] == {"a": [1, 2]}


def test_grouping_by_several_dimensions_and_options():
    book = caseledger.Ledger.from_dict(small_ledger())
    report = caseledger.report(book, *JAN_FEB, group_by=("district", caseledger.GroupDimension.month),
                               rate_decimals=0, title="二月")
    assert report.title == "二月"
    assert report.group_by == ("district", "month")
    assert [group.key for group in report.groups] == [
        {"district": "gulou", "month": "2020-01"}, {"district": "gulou", "month": "2020-02"},
        # enterprises, projects and teams have no month: their group's month is None, last
        {"district": "gulou", "month": None}]
    assert report.group(district="gulou", month=None).resumption.tracked == 2
    assert report.group(district="gulou", month="2020-02").cases.resolution_rate.display(0) == "50%"
    assert report.options == {"from": "2020-01-01", "to": "2020-02-29", "as_of": None,
                              "group_by": ["district", "month"], "rate_decimals": 0,
                              "key_only_resumption": False, "title": "二月"}
    with pytest.raises(KeyError):
        report.group(district="gulou")
    single = caseledger.report(book, *JAN_FEB, group_by="category")
    assert single.group_by == ("category",)


def test_bad_options_raise_usage_error():
    book = caseledger.Ledger.from_dict(small_ledger())
    with pytest.raises(caseledger.UsageError):
        caseledger.report(book, "2020-03-31", "2020-01-01")
    with pytest.raises(ValueError, match="unknown group_by dimension 'street'"):
        caseledger.report(book, *Q1, group_by=("street",))
    with pytest.raises(caseledger.UsageError):
        caseledger.report(book, *Q1, rate_decimals=7)
    with pytest.raises(ValueError, match="is not a calendar date|2020-02-30"):
        caseledger.report(book, "2020-02-30", "2020-03-31")
    with pytest.raises(TypeError):  # a datetime's time would be dropped silently
        caseledger.report(book, datetime.datetime(2020, 1, 1), "2020-03-31")
    with pytest.raises(TypeError):
        caseledger.report(book, 20200101, "2020-03-31")


# ---- bad input: LedgerError and OSError -----------------------------------------------------

CATEGORY_CHOICES = ("labour, funding, approval, logistics, epidemic_supplies, raw_materials, "
                    "energy, policy, other")


def _set(records, index, **fields):
    def mutate(document):
        record = document[records][index]
        for name, value in fields.items():
            if value is None:
                record.pop(name, None)
            else:
                record[name] = value
    return mutate


def _append_copy(records, index):
    def mutate(document):
        document[records].append(copy.deepcopy(document[records][index]))
    return mutate


# (mutation of small_ledger(), pointer, record_kind, record_id, field, reason)
BAD_INPUT = [
    ("duplicate id", _append_copy("cases", 0), "/cases/2/id", "case", "c1", "id",
     "duplicate id 'c1' (first at /cases/0)"),
    ("unknown district", _set("cases", 0, district="gulu"), "/cases/0/district", "case", "c1",
     "district", "unknown district 'gulu'"),
    ("unknown enterprise", _set("cases", 0, enterprise="e9"), "/cases/0/enterprise", "case",
     "c1", "enterprise", "unknown enterprise 'e9'"),
    ("unknown team", _set("cases", 0, team="t9"), "/cases/0/team", "case", "c1", "team",
     "unknown team 't9'"),
    ("enterprise and project", _set("cases", 0, project="p1"), "/cases/0/project", "case",
     "c1", "project", "enterprise 'e1' and project 'p1' both given (at most one)"),
    ("resolved before reported", _set("cases", 0, resolved_on="2020-02-01"),
     "/cases/0/resolved_on", "case", "c1", "resolved_on",
     "resolved_on 2020-02-01 is before reported_on 2020-02-03"),
    ("resolved without resolved_on", _set("cases", 1, status="resolved"), "/cases/1", "case",
     "c2", "resolved_on", "status resolved needs resolved_on"),
    ("negative amount", _set("measures", 0, amount="-5.00"), "/measures/0/amount", "measure",
     "m1", "amount", "amount -5.00 is negative"),
    ("over-precise amount", _set("measures", 0, amount="12.345"), "/measures/0/amount",
     "measure", "m1", "amount", "amount '12.345' has more than two decimals"),
    ("kind needs amount", _set("measures", 0, kind="loan", amount=None), "/measures/0",
     "measure", "m1", "amount", "kind loan needs amount"),
    ("unknown enum value", _set("cases", 0, category="weather"), "/cases/0/category", "case",
     "c1", "category", f"unknown category 'weather' (expected one of: {CATEGORY_CHOICES})"),
    ("impossible date", _set("cases", 0, reported_on="2020-02-30"), "/cases/0/reported_on",
     "case", "c1", "reported_on", "'2020-02-30' is not a calendar date"),
    ("unknown field", _set("districts", 0, nmae_en="Gulou"), "/districts/0/nmae_en",
     "district", "gulou", "nmae_en", "unknown field 'nmae_en'"),
    ("missing field", _set("cases", 0, reported_on=None), "/cases/0", "case", "c1",
     "reported_on", "missing required field 'reported_on'"),
]


@pytest.mark.parametrize("mutate,pointer,record_kind,record_id,field,reason",
                         [case[1:] for case in BAD_INPUT], ids=[case[0] for case in BAD_INPUT])
def test_every_bad_input_rule_raises_ledger_error(mutate, pointer, record_kind, record_id,
                                                  field, reason):
    document = small_ledger()
    mutate(document)
    with pytest.raises(caseledger.LedgerError) as raised:
        caseledger.Ledger.from_dict(document)
    error = raised.value
    assert isinstance(error, ValueError)
    assert (error.file, error.pointer, error.record_kind, error.record_id, error.field,
            error.reason) == ("<dict>", pointer, record_kind, record_id, field, reason)
    # a position in the text from_dict serialises would mean nothing to the caller
    assert (error.line, error.column) == (0, 0)
    assert len(error.problems) == 1
    problem = error.problems[0]
    assert (problem.pointer, problem.reason) == (pointer, reason)
    assert str(error) == str(problem)
    assert str(problem) == f"<dict>: {pointer} ({record_kind} {record_id}): {reason}"
    # validate() reports the same problem instead of raising
    assert caseledger.Ledger.validate(document) == [problem]


def test_a_file_problem_names_the_file_line_and_column(tmp_path):
    document = small_ledger()
    document["cases"][1]["reported_on"] = "2020-02-30"
    text = json.dumps(document, ensure_ascii=False, indent=2, default=str)
    path = tmp_path / "book.json"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    line = next(i for i, content in enumerate(lines, 1) if "2020-02-30" in content)
    column = lines[line - 1].encode("utf-8").index(b'"2020-02-30"') + 1
    with pytest.raises(caseledger.LedgerError) as raised:
        caseledger.Ledger.load(str(path))
    error = raised.value
    assert (error.file, error.line, error.column) == (str(path), line, column)
    assert (error.pointer, error.record_id, error.field) == ("/cases/1/reported_on", "c2",
                                                             "reported_on")
    assert str(error) == (f"{path}:{line}:{column}: /cases/1/reported_on (case c2): "
                          "'2020-02-30' is not a calendar date")


def test_invalid_utf8_is_a_ledger_error(tmp_path):
    path = tmp_path / "book.json"
    text = json.dumps(small_ledger(), ensure_ascii=False, default=str).encode("utf-8")
    path.write_bytes(text.replace("闽兴公司".encode("utf-8"), b"\xff\xfe"))
    with pytest.raises(caseledger.LedgerError) as raised:
        caseledger.Ledger.load(path)
    assert raised.value.reason == "invalid UTF-8"
    assert raised.value.line == 1


def test_max_problems_collects_several():
    document = small_ledger()
    document["cases"][0]["district"] = "gulu"
    document["measures"][0]["amount"] = "12.345"
    with pytest.raises(caseledger.LedgerError) as raised:
        caseledger.Ledger.from_dict(document, max_problems=10)
    reasons = sorted(problem.reason for problem in raised.value.problems)
    assert reasons == ["amount '12.345' has more than two decimals", "unknown district 'gulu'"]
    assert str(raised.value).endswith("(and 1 more problem)")
    assert len(caseledger.Ledger.validate(document)) == 2
    assert len(caseledger.Ledger.validate(document, max_problems=1)) == 1
    assert caseledger.Ledger.validate(small_ledger()) == []
    with pytest.raises(TypeError):
        caseledger.Ledger.validate(42)


def test_a_ledger_error_survives_pickling():
    """As it must to come back from a worker process (multiprocessing, Dask)."""
    document = small_ledger()
    document["cases"][0]["district"] = "gulu"
    document["measures"][0]["amount"] = "12.345"
    with pytest.raises(caseledger.LedgerError) as raised:
        caseledger.Ledger.from_dict(document, max_problems=10)
    shipped = pickle.loads(pickle.dumps(raised.value))
    assert type(shipped) is caseledger.LedgerError
    assert str(shipped) == str(raised.value)
    assert shipped.problems == raised.value.problems and len(shipped.problems) == 2
    names = ("file", "line", "column", "sheet_cell", "pointer", "record_kind", "record_id", "field",
             "reason")
    assert [getattr(shipped, name) for name in names] == [getattr(raised.value, name)
                                                          for name in names]
    problem = pickle.loads(pickle.dumps(raised.value.problems[0]))
    assert [getattr(problem, name) for name in names] == [getattr(raised.value, name)
                                                          for name in names]


def test_keep_extras():
    document = small_ledger()
    document["districts"][0]["note"] = "extra"
    with pytest.raises(caseledger.LedgerError):
        caseledger.Ledger.from_dict(document)
    assert caseledger.Ledger.from_dict(document, keep_extras=True).counts["districts"] == 1


def test_file_problems_are_os_errors(tmp_path):
    missing = tmp_path / "missing.json"
    with pytest.raises(FileNotFoundError) as raised:
        caseledger.Ledger.load(missing)
    assert raised.value.errno == errno.ENOENT
    assert raised.value.filename == str(missing)
    assert f"cannot open '{missing}'" in str(raised.value)
    with pytest.raises(OSError):
        caseledger.Ledger.validate(str(missing))
    with pytest.raises(FileNotFoundError):
        caseledger.Ledger.load(tmp_path / "missing.txt")  # missing, whatever its extension
    report = caseledger.report(caseledger.Ledger.from_dict(small_ledger()), *Q1)
    with pytest.raises(OSError):
        report.write_json(tmp_path / "no-such-folder" / "q1.json")
    assert not (tmp_path / "no-such-folder").exists()


# ---- ledgers in other formats ---------------------------------------------------------------

def test_a_csv_folder_and_an_xlsx_workbook_give_the_json_ledgers_report(fuzhou, fuzhou_q1,
                                                                       tmp_path):
    """The sample exported as an office keeps it (GB18030 CSV with Chinese headers, values,
    dates and amounts; a workbook of real date and number cells) reads to the same report."""
    document = json.loads(FUZHOU_LEDGER.read_text(encoding="utf-8"))
    folder = tmp_path / "csv"
    write_csv_folder(document, folder, "gb18030")
    workbook = tmp_path / "LEDGER.XLSX"  # extensions in any case
    write_xlsx_workbook(document, workbook)
    expected = without_inputs(fuzhou_q1.to_dict())
    for path, options in ((folder, {}), (str(folder), {"encoding": "gbk"}),
                          (workbook, {}), (str(workbook), {"keep_extras": True})):
        book = caseledger.Ledger.load(path, **options)
        assert book.counts == fuzhou.counts, (path, options)
        assert without_inputs(caseledger.report(book, *Q1).to_dict()) == expected, (path, options)
        assert caseledger.Ledger.validate(path, **options) == []


def test_sheet_and_mapping_choose_what_is_read(tmp_path):
    import openpyxl

    workbook = tmp_path / "台账.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["本表为一企一议问题台账"])
    flat = book.create_sheet("问题台账")
    flat.append(["受理号", "街道", "类型", "时间"])
    flat.append(["c1", "连江县", "招商引资", datetime.date(2020, 1, 5)])
    flat.append(["c2", "连江县", "招商引资", datetime.date(2020, 1, 6)])
    book.save(workbook)
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"headers": {"受理号": "id", "街道": "district", "类型": "category",
                                               "时间": "reported_on"},
                                   "values": {"category": {"招商引资": "policy"}}},
                                  ensure_ascii=False), encoding="utf-8")

    for given in (mapping, str(mapping)):
        loaded = caseledger.Ledger.load(workbook, sheet="问题台账", mapping=given)
        assert (loaded.counts["cases"], loaded.counts["districts"]) == (2, 1)
        assert [case["category"] for case in loaded.records("cases")] == ["policy", "policy"]
    assert caseledger.Ledger.validate(workbook, sheet="问题台账", mapping=mapping) == []

    # Without the mapping the headers are unknown: a flat sheet keeps unknown columns as
    # extras by default, so the problem is the missing district; strict mode refuses them.
    problems = caseledger.Ledger.validate(workbook, sheet="问题台账")
    assert [(p.pointer, p.reason) for p in problems][:1] == [
        ("/cases", "missing required column 'district' (headed 'district', '区县', '所属区县', "
                   "'区县名称')")]
    problems = caseledger.Ledger.validate(workbook, sheet="问题台账", keep_extras=False)
    assert [(p.pointer, p.reason) for p in problems][:1] == [("/cases", "unknown column '受理号'")]
    # A sheet's problem names its cell as Excel does; a CSV file's (below) its line and column.
    assert (problems[0].line, problems[0].column, problems[0].sheet_cell) == (1, 1, True)
    assert str(problems[0]) == f"{workbook}[问题台账]:A1: /cases: unknown column '受理号'"

    sheet = tmp_path / "flat.csv"
    sheet.write_text("受理号,街道,类型,时间\nc1,连江县,招商引资,2020/1/5\n", encoding="gb18030")
    loaded = caseledger.Ledger.load(sheet, encoding="gb18030", mapping=mapping)
    assert loaded.records("cases")[0]["reported_on"] == datetime.date(2020, 1, 5)
    with pytest.raises(caseledger.LedgerError) as raised:
        caseledger.Ledger.load(sheet, encoding="gb18030", keep_extras=False)
    assert (raised.value.file, raised.value.line, raised.value.column) == (str(sheet), 1, 1)
    assert raised.value.sheet_cell is False
    assert raised.value.reason == "unknown column '受理号'"


def test_a_bad_csv_row_is_located_by_file_line_and_field(tmp_path):
    folder = tmp_path / "ledger"
    folder.mkdir()
    (folder / "districts.csv").write_text("id,name\nlianjiang,连江县\n", encoding="utf-8")
    cases = folder / "cases.csv"
    cases.write_text("id,district,reported_on,category\n"
                     "c1,lianjiang,2020-01-05,funding\n"
                     "c2,lianjiang,2020年2月30日,labour\n", encoding="utf-8")
    with pytest.raises(caseledger.LedgerError) as raised:
        caseledger.Ledger.load(folder)
    error = raised.value
    # Line 3; "c2,lianjiang," is 13 bytes, so the date starts at column 14.
    assert (error.file, error.line, error.column) == (str(cases), 3, 14)
    assert (error.pointer, error.record_kind, error.record_id, error.field) == (
        "/cases/1/reported_on", "case", "c2", "reported_on")
    assert error.reason == "column 'reported_on': '2020年2月30日' is not a calendar date"
    assert str(error) == (f"{cases}:3:14: /cases/1/reported_on (case c2): column "
                          "'reported_on': '2020年2月30日' is not a calendar date")
    assert caseledger.Ledger.validate(folder) == error.problems

    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(caseledger.LedgerError) as raised:
        caseledger.Ledger.load(empty)
    assert (raised.value.file, raised.value.reason) == (
        str(empty), "no cases.csv in the folder (the cases table is required)")


def test_a_path_of_no_known_format_or_a_misplaced_option_is_a_usage_error(tmp_path):
    text = tmp_path / "ledger.txt"
    text.write_text("id,district\n", encoding="utf-8")
    message = (f"cannot tell the format of '{text}' (a folder of CSV files, a .csv flat sheet, "
               "an .xlsx or .xls workbook, an .ods spreadsheet, a .json ledger, or - for a JSON "
               "ledger on standard input)")
    for call in (caseledger.Ledger.load, caseledger.Ledger.validate):
        with pytest.raises(ValueError) as raised:
            call(text)
        assert type(raised.value) is caseledger.UsageError
        assert str(raised.value) == message

    sheet = tmp_path / "flat.csv"
    sheet.write_text("id,district,reported_on,category\n", encoding="utf-8")
    with pytest.raises(caseledger.UsageError, match="^the sheet option does not apply to a CSV ledger$"):
        caseledger.Ledger.load(sheet, sheet="cases")
    with pytest.raises(caseledger.UsageError, match=r"^unknown encoding 'latin-1' \(auto, "):
        caseledger.Ledger.load(sheet, encoding="latin-1")
    with pytest.raises(caseledger.UsageError, match="^the mapping option does not apply to a JSON ledger$"):
        caseledger.Ledger.load(FUZHOU_LEDGER, mapping=sheet)
    with pytest.raises(caseledger.UsageError, match="^the encoding option does not apply to a JSON "):
        caseledger.Ledger.validate(FUZHOU_LEDGER, encoding="gbk")
    for option in ({"encoding": "gbk"}, {"sheet": "cases"}, {"mapping": sheet}):
        name = next(iter(option))
        with pytest.raises(caseledger.UsageError, match=f"^the {name} option does not apply to a dict$"):
            caseledger.Ledger.validate(small_ledger(), **option)


# ---- the Fuzhou sample ----------------------------------------------------------------------

def test_fuzhou_figures(fuzhou, fuzhou_q1):
    cangshan = fuzhou_q1.group(district="cangshan").cases
    assert (cangshan.coordinated, cangshan.resolved) == (186, 184)
    assert cangshan.resolution_rate.display() == "98.9%"
    assert cangshan.resolution_rate.display(0) == "99%"

    minhou = fuzhou_q1.group(district="minhou")
    assert minhou.cases.resolved == 763
    assert minhou.support["fee_reduction"].amount == decimal.Decimal("160000.00")
    assert minhou.teams["service_team"] == 16 and minhou.teams["party_team"] == 19

    lianjiang = fuzhou_q1.group(district="lianjiang")
    assert lianjiang.support["subsidy"].amount == decimal.Decimal("400000.00")
    assert lianjiang.support["loan"].amount == decimal.Decimal("5500000.00")
    assert lianjiang.return_to_work.by_mode["dedicated_vehicle"] >= 60
    assert lianjiang.return_to_work.by_origin["out_of_province"] >= 60

    masks = fuzhou_q1.group(district="cangshan").supplies["masks"]
    assert 931 <= masks.recipients <= 939

    jan_feb = caseledger.report(fuzhou, *JAN_FEB).group(district="lianjiang").cases
    assert (jan_feb.coordinated, jan_feb.resolved) == (38, 33)
    assert jan_feb.resolution_rate.display() == "86.8%"

    jinan = caseledger.report(fuzhou, *Q1, key_only_resumption=True).group(district="jinan")
    assert jinan.resumption.tracked > 0
    assert jinan.resumption.rate.value == 1.0


def test_to_dict_equals_the_cli_json(fuzhou, fuzhou_q1, run_cli, tmp_path):
    for group_by, report in ((("district",), fuzhou_q1),
                             (("district", "month"),
                              caseledger.report(fuzhou, *Q1, group_by=("district", "month")))):
        out = tmp_path / f"{'-'.join(group_by)}.json"
        done = run_cli("report", FUZHOU_LEDGER, "--from", Q1[0], "--to", Q1[1],
                       "--group-by", ",".join(group_by), "--json", out)
        assert done.returncode == 0, done.stderr
        assert report.to_dict() == json.loads(out.read_text(encoding="utf-8"))
        assert report.to_json() == out.read_text(encoding="utf-8")
        mine = tmp_path / "mine.json"
        report.write_json(mine)
        assert mine.read_bytes() == out.read_bytes()


def test_two_threads_compute_reports_at_once(fuzhou):
    """Each thread computes its own report from the shared ledger at the same moment; both
    come out as they do alone (the ledger is immutable, reports share nothing)."""
    jobs = [dict(group_by=("district", "month")), dict(group_by=("category",), as_of="2020-02-15")]
    alone = [caseledger.report(fuzhou, *Q1, **job).to_dict() for job in jobs]
    start = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def compute(index):
        start.wait()
        for _ in range(3):
            results[index] = caseledger.report(fuzhou, *Q1, **jobs[index]).to_dict()

    threads = [threading.Thread(target=compute, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == alone


# ---- partial aggregates ---------------------------------------------------------------------

@pytest.mark.parametrize("group_by", [("district",), ("district", "month"), ("team",)])
def test_partial_aggregates_merge_to_the_one_pass_report(fuzhou, group_by):
    one_pass = caseledger.report(fuzhou, *Q1, group_by=group_by).to_dict()
    parts = [caseledger.aggregate(fuzhou, *Q1, group_by=group_by, part=(i, 3)) for i in range(3)]
    shipped = [pickle.loads(pickle.dumps(part)) for part in parts]
    assert shipped == parts
    assert caseledger.finish(shipped, fuzhou).to_dict() == one_pass
    merged = caseledger.PartialAggregate.from_json(parts[0].to_json())
    merged.merge(parts[1])
    merged.merge(parts[2])
    assert merged == caseledger.aggregate(fuzhou, *Q1, group_by=group_by)
    assert caseledger.finish([merged], fuzhou).to_dict() == one_pass


def test_parts_by_kind_of_record_merge_to_the_one_pass_report(fuzhou, fuzhou_q1):
    slices = caseledger.aggregate(fuzhou, *Q1, kinds=("cases", "measures"))
    context = caseledger.aggregate(fuzhou, *Q1, kinds=["teams", "projects", "enterprises"])
    assert caseledger.finish([slices, context], fuzhou).to_dict() == fuzhou_q1.to_dict()
    # The parts hold what their kinds give: resumption and teams only from the context.
    by_kind = caseledger.finish([slices], fuzhou).total
    assert by_kind.resumption.tracked == 0 and sum(by_kind.teams.values()) == 0
    assert by_kind.cases.coordinated == fuzhou_q1.total.cases.coordinated
    teams = caseledger.finish([caseledger.aggregate(fuzhou, *Q1, kinds="teams")], fuzhou).total
    assert teams.teams == fuzhou_q1.total.teams and teams.cases.coordinated == 0
    assert len(caseledger.aggregate(fuzhou, *Q1, kinds=())) == 0
    with pytest.raises(caseledger.UsageError, match="unknown record kind 'districts'"):
        caseledger.aggregate(fuzhou, *Q1, kinds=("cases", "districts"))
    with pytest.raises(TypeError):
        caseledger.aggregate(fuzhou, *Q1, kinds=("cases", 1))


def test_a_workbook_needs_the_ledger_with_the_cases(fuzhou, tmp_path):
    # Finished against the districts and teams alone (as the Dask sample does), the report
    # has the figures but no cases to list or chart: the workbook is refused, not empty.
    context = caseledger.Ledger.from_records(districts=fuzhou.records("districts"),
                                             teams=fuzhou.records("teams"))
    finished = caseledger.finish([caseledger.aggregate(fuzhou, *Q1)], context)
    coordinated = finished.total.cases.coordinated
    with pytest.raises(caseledger.UsageError,
                       match=f"the ledger given holds 0 of the {coordinated} cases"):
        finished.write_xlsx(tmp_path / "q1.xlsx")
    assert not (tmp_path / "q1.xlsx").exists()
    finished.write_json(tmp_path / "q1.json")  # the figures are whole


def test_a_part_computed_in_another_process(fuzhou, fuzhou_q1):
    code = ("import sys, caseledger\n"
            "book = caseledger.Ledger.load(sys.argv[1])\n"
            "part = caseledger.aggregate(book, '2020-01-01', '2020-03-31', part=(1, 2))\n"
            "sys.stdout.write(part.to_json())\n")
    done = subprocess.run([sys.executable, "-c", code, str(FUZHOU_LEDGER)], capture_output=True,
                          text=True, check=True, timeout=600, env=CHILD_ENV)
    theirs = caseledger.PartialAggregate.from_json(done.stdout)
    mine = caseledger.aggregate(fuzhou, *Q1, part=(0, 2))
    assert caseledger.finish([mine, theirs], fuzhou).to_dict() == fuzhou_q1.to_dict()


def test_parts_under_different_options_do_not_merge(fuzhou):
    a = caseledger.aggregate(fuzhou, *Q1, part=(0, 2))
    b = caseledger.aggregate(fuzhou, *Q1, rate_decimals=0, part=(1, 2))
    assert a.options["rate_decimals"] == 1
    with pytest.raises(caseledger.UsageError, match="different options"):
        a.merge(b)
    with pytest.raises(caseledger.UsageError):
        caseledger.finish([a, b], fuzhou)
    with pytest.raises(caseledger.UsageError):
        caseledger.finish([], fuzhou)
    with pytest.raises(TypeError):
        caseledger.finish([a, "not a part"], fuzhou)
    with pytest.raises(caseledger.UsageError):
        caseledger.aggregate(fuzhou, *Q1, part=(2, 2))
    with pytest.raises(caseledger.UsageError, match="partial aggregate"):
        caseledger.PartialAggregate.from_json('{"format": "caseledger.partial/9"}')


# ---- the documented examples run ------------------------------------------------------------

EXAMPLE_MARKER = "<!-- example: run by tests/python/test_bindings.py -->"
EXAMPLE_PATTERN = re.compile(re.escape(EXAMPLE_MARKER) + r"\s*```python\n(.*?)```", re.S)
EXAMPLES = [(page, number, example)
            for page in ("docs/python.md", "README.md") if (SOURCE_DIR / page).exists()
            for number, example in enumerate(
                EXAMPLE_PATTERN.findall((SOURCE_DIR / page).read_text(encoding="utf-8")), 1)]


def test_docs_python_md_has_examples():
    assert sum(page == "docs/python.md" for page, _, _ in EXAMPLES) >= 2


@pytest.mark.parametrize("page,number,example", EXAMPLES,
                         ids=[f"{page}#{number}" for page, number, _ in EXAMPLES])
def test_the_documented_examples_run(page, number, example, tmp_path):
    """Each ```python block after the marker runs as a script, from a folder holding the
    sample, and prints what its comments say."""
    (tmp_path / "samples" / "fuzhou-2020q1").mkdir(parents=True)
    shutil.copy(FUZHOU_LEDGER, tmp_path / "samples" / "fuzhou-2020q1" / "ledger.json")
    script = tmp_path / "example.py"
    script.write_text(example, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True,
                          text=True, timeout=600, env=CHILD_ENV)
    assert done.returncode == 0, done.stderr
    # Each print() shows its output in a comment on the same line.
    shown = [line.split("# ", 1)[1].strip() for line in example.splitlines()
             if line.strip().startswith("print(") and "# " in line]
    assert shown and done.stdout.splitlines() == shown


# ---- the workbook -----------------------------------------------------------------------------

def _rows(workbook):
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            yield [value for value in row if value is not None]


def test_write_xlsx(fuzhou_q1, tmp_path):
    import openpyxl

    english = tmp_path / "q1-en.xlsx"
    fuzhou_q1.write_xlsx(english, language="en", money_in_wan=True, include_cases=False)
    rows = list(_rows(openpyxl.load_workbook(english)))
    assert any("Cangshan" in row and 186 in row and 184 in row for row in rows)

    chinese = tmp_path / "q1.xlsx"
    fuzhou_q1.write_xlsx(chinese)
    rows = list(_rows(openpyxl.load_workbook(chinese)))
    assert any("仓山区" in row and 186 in row for row in rows)

    with pytest.raises(caseledger.UsageError, match="unknown language 'fr'"):
        fuzhou_q1.write_xlsx(tmp_path / "fr.xlsx", language="fr")
    with pytest.raises(OSError):
        fuzhou_q1.write_xlsx(tmp_path / "no-such-folder" / "q1.xlsx")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["q1-en.xlsx", "q1.xlsx"]


def _runtime_parameters(function):
    """[(name, has default)] from the signature line pybind11 writes first in a docstring."""
    line = function.__doc__.splitlines()[0]
    inside = line[line.index("(") + 1:]
    parameters, depth, current = [], 0, ""
    for char in inside:
        if char in "([{":
            depth += 1
        elif char in ")]}":
            if depth == 0:
                break
            depth -= 1
        if char == "," and depth == 0:
            parameters.append(current)
            current = ""
        else:
            current += char
    parameters.append(current)
    result = []
    for parameter in (p.strip() for p in parameters if p.strip()):
        name = parameter.split(":")[0].split("=")[0].strip()
        result.append(("**" if name.startswith("**") else name, "=" in parameter))
    return [item for item in result if item[0] != "self"]


def _stub_parameters(node):
    arguments = node.args
    positional = arguments.posonlyargs + arguments.args
    defaults = [False] * (len(positional) - len(arguments.defaults)) + [True] * len(
        arguments.defaults)
    result = [(a.arg, d) for a, d in zip(positional, defaults)]
    if arguments.vararg:
        result.append(("*" + arguments.vararg.arg, False))
    elif arguments.kwonlyargs:
        result.append(("*", False))
    result += [(a.arg, d is not None) for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults)]
    if arguments.kwarg:
        result.append(("**", False))
    return [item for item in result if item[0] != "self"]


def test_the_stub_has_the_modules_parameters():
    """Every function and method of the stub takes the parameters (names, order, which have
    defaults) the module's own signature shows."""
    from caseledger import _core

    path = pathlib.Path(caseledger.__file__).with_name("_core.pyi")
    checked = 0
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef):
            pairs = [(node, getattr(_core, node.name))]
        elif isinstance(node, ast.ClassDef) and hasattr(_core, node.name):
            cls = getattr(_core, node.name)
            pairs = [(item, getattr(cls, item.name)) for item in node.body
                     if isinstance(item, ast.FunctionDef) and item.name in vars(cls)
                     and not any(isinstance(d, ast.Name) and d.id == "property"
                                 for d in item.decorator_list)]
        else:
            continue
        for stub, runtime in pairs:
            doc = getattr(runtime, "__doc__", None) or ""
            if not doc.startswith(stub.name + "("):
                continue  # not a pybind11 function (e.g. pybind11's enum plumbing)
            if stub.name.startswith("__"):
                continue  # operators: pybind11 names their argument arg0
            parameters = _runtime_parameters(runtime)
            assert _stub_parameters(stub) == parameters, stub.name
            checked += 1
    assert checked >= 15


def test_the_stub_matches_the_module():
    """mypy's stubtest (Debian's python3-mypy) checks the stub both ways: every name, and
    properties against methods. pybind11 functions show no inspectable signature, so their
    parameters are checked by the test above. pybind11's own differences are listed in
    bindings/python/stubtest-allowlist.txt."""
    pytest.importorskip("mypy.stubtest")
    allowlist = SOURCE_DIR / "bindings" / "python" / "stubtest-allowlist.txt"
    done = subprocess.run([sys.executable, "-m", "mypy.stubtest", "caseledger._core",
                           "--allowlist", str(allowlist)],
                          capture_output=True, text=True, timeout=600, env=CHILD_ENV)
    assert done.returncode == 0, done.stdout + done.stderr
