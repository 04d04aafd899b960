"""The Dask sample (samples/dask-partitioned/report_with_dask.py): a ledger split into
partitions, each aggregated by a Dask task and the parts merged in a tree, gives exactly
the JSON report the command line writes over the whole ledger, byte for byte.

Most cases share one LocalCluster of two in-process (threaded) workers: a worker process
takes several seconds to start on a loaded machine (it imports distributed itself). Parts
still travel as they do between processes, pickled (test_parts_travel_pickled checks the
pickled form is exact). One case runs the script itself, as its README shows, on its own
cluster of two worker processes.
"""
import copy
import importlib.util
import json
import os
import pathlib
import pickle
import subprocess
import sys

import pytest

from conftest import FUZHOU_LEDGER, SOURCE_DIR, without_inputs

distributed = pytest.importorskip(
    "distributed", reason="Dask is not installed (Debian's python3-dask python3-distributed)")
import dask  # noqa: E402  (after the skip: distributed brings dask)

if "PYTHONPATH" in os.environ:
    import caseledger  # built: an import failure is a failure
else:
    caseledger = pytest.importorskip("caseledger")

# Debian's distributed 2022.12 on its tornado: a deprecation that is theirs, not ours.
pytestmark = pytest.mark.filterwarnings("ignore:make_current is deprecated:DeprecationWarning")

SAMPLE = SOURCE_DIR / "samples" / "dask-partitioned" / "report_with_dask.py"
# Child processes (the script and its workers) import the very package under test.
CHILD_ENV = {**os.environ,
             "PYTHONPATH": str(pathlib.Path(caseledger.__file__).resolve().parents[1])}
# Generous: two cores shared with builds.
TIMEOUT = 300

Q1 = ("2020-01-01", "2020-03-31")


def _load_sample():
    spec = importlib.util.spec_from_file_location("report_with_dask", SAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sample = _load_sample()


@pytest.fixture(scope="module")
def client():
    with dask.config.set({"distributed.comm.timeouts.connect": "120s",
                          "distributed.comm.timeouts.tcp": "120s"}):
        with sample.start_local_cluster(workers=2, processes=False) as cluster:
            with distributed.Client(cluster, timeout=120) as client:
                yield client


def cli_options(from_, to, as_of=None, group_by=("district",), rate_decimals=1,
                key_only_resumption=False, title=""):
    """The command line's flags for caseledger.report's keyword arguments."""
    flags = ["--from", from_, "--to", to, "--group-by", ",".join(group_by),
             "--rate-decimals", str(rate_decimals)]
    if as_of:
        flags += ["--as-of", as_of]
    if key_only_resumption:
        flags.append("--key-only-resumption")
    if title:
        flags += ["--title", title]
    return flags


@pytest.fixture(scope="module")
def one_pass(run_cli, tmp_path_factory):
    """The JSON report `caseledger report` writes over the whole ledger, as bytes, without
    the file it names as its input (the partitions' report names none)."""
    folder = tmp_path_factory.mktemp("one_pass")

    def report(ledger_path, **options):
        out = folder / f"report-{len(list(folder.iterdir()))}.json"
        done = run_cli("report", ledger_path, *cli_options(**options), "--json", out)
        assert done.returncode == 0, done.stderr
        return without_inputs(out.read_bytes())

    return report


def dask_report(client, paths, out, fan_in=2, **options):
    """What the sample writes for the partitions at `paths`, as bytes."""
    report = sample.report_partitions(client, [str(p) for p in paths], fan_in=fan_in,
                                      timeout=TIMEOUT, **options)
    report.write_json(out)
    return out.read_bytes()


def write_ledger(path, **records):
    path.write_text(json.dumps({"format": "caseledger.ledger/1", **records},
                               ensure_ascii=False, indent=1), encoding="utf-8")
    return path


# ---- the Fuzhou sample -----------------------------------------------------------------------

FUZHOU_OPTIONS = [
    dict(from_=Q1[0], to=Q1[1]),
    dict(from_=Q1[0], to=Q1[1], group_by=("category", "team"), as_of="2020-03-15"),
    dict(from_="2020-01-01", to="2020-02-29", group_by=("district", "month", "channel"),
         rate_decimals=0, key_only_resumption=True, title="一季度 Dask 汇总"),
]


@pytest.fixture(scope="module")
def fuzhou_parts(tmp_path_factory):
    return sample.split_ledger(FUZHOU_LEDGER, tmp_path_factory.mktemp("fuzhou"), 5)


@pytest.mark.parametrize("options", FUZHOU_OPTIONS, ids=["q1", "category-team", "jan-feb"])
def test_fuzhou_over_partitions_is_the_one_pass_report(client, fuzhou_parts, one_pass, options,
                                                        tmp_path):
    expected = one_pass(FUZHOU_LEDGER, **options)
    assert dask_report(client, fuzhou_parts, tmp_path / "dask.json", **options) == expected


@pytest.mark.parametrize("parts,fan_in", [(1, 2), (7, 3)])
def test_any_split_and_tree_give_the_same_report(client, one_pass, parts, fan_in, tmp_path):
    paths = sample.split_ledger(FUZHOU_LEDGER, tmp_path / "parts", parts)
    assert len(paths) == parts
    assert dask_report(client, paths, tmp_path / "dask.json", fan_in=fan_in,
                       from_=Q1[0], to=Q1[1]) == one_pass(FUZHOU_LEDGER, from_=Q1[0], to=Q1[1])


def test_the_split_keeps_every_record_once(fuzhou_parts):
    """Context records in every partition, each case and measure in exactly one, and each
    measure with its case."""
    whole = caseledger.Ledger.load(FUZHOU_LEDGER)
    books = [caseledger.Ledger.load(path) for path in fuzhou_parts]
    for kind in sample.CONTEXT_KINDS:
        assert all(book.records(kind) == whole.records(kind) for book in books), kind
    for kind in sample.SLICE_KINDS:
        ids = [record["id"] for book in books for record in book.records(kind)]
        assert sorted(ids) == sorted(record["id"] for record in whole.records(kind)), kind
    for book in books:
        cases = {record["id"] for record in book.records("cases")}
        assert all(m["case"] in cases for m in book.records("measures") if m.get("case"))
    # Contiguous runs of near-equal size (1190 cases into 5).
    assert [book.counts["cases"] for book in books] == [238] * 5


def test_parts_travel_pickled(fuzhou_parts):
    """Between worker processes Dask pickles each piece; the pickled part is the same part."""
    piece = sample.aggregate_partition(str(fuzhou_parts[1]), 1, dict(from_=Q1[0], to=Q1[1]))
    shipped = pickle.loads(pickle.dumps(piece))
    assert shipped == piece
    assert piece["context"] is None and len(piece["aggregate"]) > 0


# ---- a ledger with edge cases ------------------------------------------------------------------

CONTEXT = dict(
    districts=[{"id": "gulou", "name": "鼓楼区", "name_en": "Gulou"},
               {"id": "taijiang", "name": "台江区"}],
    enterprises=[{"id": "E1", "name": "福州榕城机械有限公司", "district": "gulou", "key": True,
                  "resumed_on": "2020-02-10"},
                 {"id": "E2", "name": "台江“老字号”食品厂", "district": "taijiang"}],
    projects=[{"id": "P1", "name": "闽江北岸防洪工程", "district": "taijiang", "key": True,
               "resumed_on": "2020-04-02"}],
    teams=[{"id": "T1", "district": "gulou", "kind": "service_team", "name": "鼓楼企业服务队",
            "members": 6},
           {"id": "T2", "district": "taijiang", "kind": "instructor", "members": 1}],
)
# Measures that answer no case: partition 1 holds nothing else.
CASELESS_MEASURES = [
    {"id": "M1", "district": "gulou", "kind": "supplies", "granted_on": "2020-02-03",
     "enterprise": "E1", "item": "口罩", "quantity": 500},
    {"id": "M2", "district": "taijiang", "kind": "transport", "granted_on": "2020-02-20",
     "project": "P1", "mode": "chartered_train", "workers": 120, "origin": "out_of_province",
     "origin_place": "贵州毕节"},
    {"id": "M3", "district": "taijiang", "kind": "subsidy", "granted_on": "2020-03-31",
     "amount": "12345.67"},
    {"id": "M4", "district": "gulou", "kind": "loan", "granted_on": "2020-04-01",
     "enterprise": "E1", "amount": "1000000.00"},
]
CASES_A = [
    {"id": "C1", "district": "gulou", "reported_on": "2020-01-20", "category": "labour",
     "enterprise": "E1", "channel": "wechat", "summary": "返岗员工不足，请求协调包车",
     "team": "T1", "due_on": "2020-01-27", "resolved_on": "2020-01-25"},
    {"id": "C2", "district": "taijiang", "reported_on": "2020-02-01", "category": "approval",
     "project": "P1", "summary": "施工许可延期", "due_on": "2020-02-10", "status": "open"},
    {"id": "C3", "district": "taijiang", "reported_on": "2020-02-05", "category": "other",
     "status": "withdrawn", "closed_on": "2020-02-06", "summary": "匿名反映，已撤回"},
]
MEASURES_A = [
    {"id": "M5", "district": "gulou", "kind": "transport", "granted_on": "2020-01-24",
     "enterprise": "E1", "case": "C1", "mode": "chartered_bus", "workers": 45,
     "origin": "in_province"},
    {"id": "M6", "district": "taijiang", "kind": "supplies", "granted_on": "2020-02-08",
     "project": "P1", "case": "C2", "item": "消毒液", "quantity": 40},
]
CASES_B = [
    {"id": "C4", "district": "gulou", "reported_on": "2020-03-02", "category": "funding",
     "enterprise": "E1", "channel": "hotline", "team": "T1",
     "due_on": "2020-03-09", "status": "unresolvable", "closed_on": "2020-03-30"},
    {"id": "C5", "district": "taijiang", "reported_on": "2019-12-30", "category": "energy",
     "enterprise": "E2", "team": "T2", "resolved_on": "2020-02-14", "due_on": "2020-01-10"},
]
MEASURES_B = [
    {"id": "M7", "district": "taijiang", "kind": "fee_reduction", "granted_on": "2020-02-14",
     "enterprise": "E2", "case": "C5", "amount": "8800.50"},
]

EDGE_OPTIONS = [
    dict(from_=Q1[0], to=Q1[1]),
    dict(from_=Q1[0], to=Q1[1], group_by=("district", "team"), as_of="2020-02-15"),
    dict(from_="2020-01-01", to="2020-04-30", group_by=("category", "month"),
         key_only_resumption=True),
]


@pytest.fixture(scope="module")
def edge_ledger(tmp_path_factory):
    folder = tmp_path_factory.mktemp("edge")
    whole = write_ledger(folder / "whole.json", **CONTEXT, cases=CASES_A + CASES_B,
                         measures=CASELESS_MEASURES + MEASURES_A + MEASURES_B)
    parts = [
        write_ledger(folder / "part-0000.json", **CONTEXT),  # empty: the context only
        write_ledger(folder / "part-0001.json", **CONTEXT, measures=CASELESS_MEASURES),
        write_ledger(folder / "part-0002.json", **CONTEXT, cases=CASES_A, measures=MEASURES_A),
        write_ledger(folder / "part-0003.json", **CONTEXT, cases=CASES_B, measures=MEASURES_B),
    ]
    return whole, parts


@pytest.mark.parametrize("options", EDGE_OPTIONS, ids=["q1", "district-team", "category-month"])
def test_edge_partitions_give_the_one_pass_report(client, edge_ledger, one_pass, options,
                                                  tmp_path):
    whole, parts = edge_ledger
    expected = one_pass(whole, **options)
    assert dask_report(client, parts, tmp_path / "dask.json", **options) == expected
    # The figures the partitions were made to exercise are there (not an empty report).
    report = json.loads(expected)
    if options.get("group_by") is None:
        total = report["total"]
        assert total["supplies"]["口罩"]["quantity"] == 500
        assert total["support"]["subsidy"]["amount"] == "12345.67"
        assert total["cases"]["coordinated"] == 3  # C3 withdrawn, C5 reported in 2019


def test_more_partitions_than_records(client, edge_ledger, one_pass, tmp_path):
    whole, _ = edge_ledger
    paths = sample.split_ledger(whole, tmp_path / "parts", 12)
    counts = [caseledger.Ledger.load(path).counts for path in paths]
    assert sum(c["cases"] == 0 and c["measures"] == 0 for c in counts) >= 5
    assert dask_report(client, paths, tmp_path / "dask.json",
                       from_=Q1[0], to=Q1[1]) == one_pass(whole, from_=Q1[0], to=Q1[1])


# ---- what the partitioned form checks at the merge -------------------------------------------


def test_a_case_in_two_partitions_is_refused(client, edge_ledger, tmp_path):
    _, parts = edge_ledger
    again = write_ledger(tmp_path / "part-0004.json", **CONTEXT, cases=CASES_A[:1])
    with pytest.raises(ValueError, match="case id 'C1' is in more than one partition"):
        dask_report(client, parts + [again], tmp_path / "dask.json", from_=Q1[0], to=Q1[1])


def test_a_measure_in_two_partitions_is_refused(client, edge_ledger, tmp_path):
    _, parts = edge_ledger
    again = write_ledger(tmp_path / "part-0004.json", **CONTEXT, measures=CASELESS_MEASURES[2:3])
    with pytest.raises(ValueError, match="measure id 'M3' is in more than one partition"):
        dask_report(client, parts + [again], tmp_path / "dask.json", from_=Q1[0], to=Q1[1])


def test_partitions_with_different_context_are_refused(client, edge_ledger, tmp_path):
    _, parts = edge_ledger
    context = copy.deepcopy(CONTEXT)
    context["teams"][0]["name"] = "另一个服务队"
    other = write_ledger(tmp_path / "part-0004.json", **context)
    with pytest.raises(ValueError, match="hold different districts, enterprises"):
        dask_report(client, parts + [other], tmp_path / "dask.json", from_=Q1[0], to=Q1[1])


def test_a_measure_apart_from_its_case_is_refused_by_the_loader(client, tmp_path):
    alone = write_ledger(tmp_path / "part-0000.json", **CONTEXT, measures=MEASURES_B)
    with pytest.raises(caseledger.LedgerError):
        dask_report(client, [alone], tmp_path / "dask.json", from_=Q1[0], to=Q1[1])


def test_split_refuses_a_folder_with_partitions(edge_ledger, tmp_path):
    whole, _ = edge_ledger
    sample.split_ledger(whole, tmp_path, 2)
    with pytest.raises(FileExistsError):
        sample.split_ledger(whole, tmp_path, 3)


# ---- the script, as its README runs it ---------------------------------------------------------


@pytest.mark.slow  # starting two worker processes takes 5-20 s
def test_the_script_on_worker_processes(one_pass, tmp_path):
    """split, then report on the script's own LocalCluster of two worker processes."""
    script = [sys.executable, str(SAMPLE)]
    done = subprocess.run(script + ["split", str(FUZHOU_LEDGER), str(tmp_path / "parts"),
                                    "--parts", "4"],
                          capture_output=True, text=True, timeout=TIMEOUT, env=CHILD_ENV)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 4
    out = tmp_path / "q1.json"
    done = subprocess.run(script + ["report", str(tmp_path / "parts"), "--from", Q1[0],
                                    "--to", Q1[1], "--json", str(out)],
                          capture_output=True, text=True, timeout=TIMEOUT, env=CHILD_ENV)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == one_pass(FUZHOU_LEDGER, from_=Q1[0], to=Q1[1])
    assert done.stdout == ""
