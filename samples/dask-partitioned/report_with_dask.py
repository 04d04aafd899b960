#!/usr/bin/python3
"""A caseledger report over a partitioned ledger, computed on a Dask cluster.

    report_with_dask.py split LEDGER OUT_DIR --parts N
    report_with_dask.py report PARTITION... --from 2020-01-01 --to 2020-03-31 --json OUT

A partitioned ledger is a folder of caseledger.ledger/1 JSON files (README.md beside this
file describes the layout). `report` starts a local Dask cluster (two worker processes),
makes one task per partition that loads it and returns its partial aggregate, merges those
pairwise in a tree and finishes the report: exactly the report one pass over the whole
ledger gives. `--scheduler ADDRESS` uses an existing Dask cluster instead.
"""

import argparse
import datetime
import decimal
import functools
import hashlib
import json
import logging
import pathlib
import sys

import caseledger

# Every partition repeats these records in full: its cases and measures refer to them.
CONTEXT_KINDS = ("districts", "enterprises", "projects", "teams", "units")
# Every partition holds its own share of these.
SLICE_KINDS = ("cases", "measures")
# The context kinds that carry figures (resumption, teams); added from partition 0 only, so
# that repeating them in every file does not count them once per partition.
COUNTED_CONTEXT_KINDS = ("enterprises", "projects", "teams")

PART_PATTERN = "part-*.json"


# ---- splitting a ledger ------------------------------------------------------------------


def _json_value(value):
    """What json.dumps cannot write itself in Ledger.records(): dates as "YYYY-MM-DD",
    amounts as exact decimal strings ("400000.00"), as the JSON ledger writes them."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} in a ledger record")


def _ledger_json(document, **layout):
    return json.dumps(document, ensure_ascii=False, default=_json_value, **layout)


def _write_ledger(path, records_by_kind):
    """Writes a caseledger.ledger/1 file, one record a line."""
    members = ['"format": "caseledger.ledger/1"']
    for kind, records in records_by_kind.items():
        rows = "".join(f"\n  {_ledger_json(record)}," for record in records).rstrip(",")
        members.append(f'"{kind}": [{rows}\n ]' if records else f'"{kind}": []')
    text = "{" + ",\n ".join(members) + "\n}\n"
    pathlib.Path(path).write_text(text, encoding="utf-8")


def _slice_of(position, count, parts):
    """The partition of the record at `position` of `count`: `parts` contiguous runs that
    differ in size by one at most (the same slicing caseledger.aggregate's part= uses)."""
    return position * parts // count


def split_ledger(ledger_path, out_dir, parts):
    """Writes the ledger at `ledger_path` (any format caseledger reads) as `parts`
    partitions part-0000.json … in `out_dir`; returns their paths.

    Each partition is a complete caseledger.ledger/1 file: the districts, enterprises,
    projects and teams in full, a contiguous run of the cases with every measure that
    answers one of them, and a contiguous run of the measures that answer no case. With
    more partitions than records some partitions hold no cases or measures at all.
    """
    if parts < 1:
        raise ValueError(f"parts must be at least 1, got {parts}")
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    # Old partitions left in the folder would be read with the new ones.
    stale = sorted(out_dir.glob(PART_PATTERN))
    if stale:
        raise FileExistsError(f"{out_dir} already holds partitions ({stale[0].name}, …)")

    book = caseledger.Ledger.load(ledger_path)
    context = {kind: book.records(kind) for kind in CONTEXT_KINDS}
    slices = [{kind: [] for kind in SLICE_KINDS} for _ in range(parts)]

    cases = book.records("cases")
    partition_of_case = {}
    for position, case in enumerate(cases):
        partition = _slice_of(position, len(cases), parts)
        partition_of_case[case["id"]] = partition
        slices[partition]["cases"].append(case)
    # A measure's case must be in the same file: the ledger it is loaded into checks it
    # exists, and the report groups the measure by its case's category, channel and team.
    measures = book.records("measures")
    caseless = [measure for measure in measures if not measure.get("case")]
    for measure in measures:
        if measure.get("case"):
            slices[partition_of_case[measure["case"]]]["measures"].append(measure)
    for position, measure in enumerate(caseless):
        slices[_slice_of(position, len(caseless), parts)]["measures"].append(measure)

    paths = []
    for index, records in enumerate(slices):
        path = out_dir / f"part-{index:04d}.json"
        _write_ledger(path, {**context, **records})
        paths.append(path)
    return paths


def partition_paths(arguments):
    """The partition files named by `arguments`: files as given, folders as their
    part-*.json files in name order. Absolute, so that workers elsewhere find them."""
    paths = []
    for argument in map(pathlib.Path, arguments):
        if argument.is_dir():
            found = sorted(argument.glob(PART_PATTERN))
            if not found:
                raise FileNotFoundError(f"{argument} holds no {PART_PATTERN} partitions")
            paths.extend(found)
        else:
            paths.append(argument)
    if not paths:
        raise ValueError("no partitions given")
    return [str(path.resolve()) for path in paths]


# ---- the tasks ---------------------------------------------------------------------------


def _context_digest(book):
    """A fingerprint of the partition's context records, the same for two partitions
    exactly when they hold the same records (in any order)."""
    context = {kind: sorted(book.records(kind), key=lambda record: record["id"])
               for kind in CONTEXT_KINDS}
    text = _ledger_json(context, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def aggregate_partition(path, index, options):
    """Task: loads one partition and returns its piece of the report, a dict of
    - aggregate: its caseledger.PartialAggregate (Dask pickles it as exact JSON text),
    - context_digest: see _context_digest,
    - context: partition 0 only, the context records (the report is finished with them),
    - case_ids, measure_ids: for the merge to find ids held by two partitions,
    - files: the partitions the piece covers."""
    book = caseledger.Ledger.load(path)  # checks every rule the partition can check alone
    kinds = SLICE_KINDS + (COUNTED_CONTEXT_KINDS if index == 0 else ())
    return {
        "aggregate": caseledger.aggregate(book, kinds=kinds, **options),
        "context_digest": _context_digest(book),
        "context": ({kind: book.records(kind) for kind in CONTEXT_KINDS}
                    if index == 0 else None),
        "case_ids": {record["id"] for record in book.records("cases")},
        "measure_ids": {record["id"] for record in book.records("measures")},
        "files": [path],
    }


def merge_pieces(*pieces):
    """Task: merges pieces into a new one (the inputs are left as they are: Dask may hold
    them for another task). Raises ValueError when two partitions hold different context
    records, or the same case or measure id."""
    first = pieces[0]
    merged = {
        "aggregate": caseledger.PartialAggregate.from_json(first["aggregate"].to_json()),
        "context_digest": first["context_digest"],
        "context": first["context"],
        "case_ids": set(first["case_ids"]),
        "measure_ids": set(first["measure_ids"]),
        "files": list(first["files"]),
    }
    for piece in pieces[1:]:
        if piece["context_digest"] != merged["context_digest"]:
            raise ValueError(
                f"partitions {merged['files'][0]} and {piece['files'][0]} hold different "
                "districts, enterprises, projects or teams: every partition must hold the "
                "same ones")
        for kind in ("case", "measure"):
            both = merged[f"{kind}_ids"] & piece[f"{kind}_ids"]
            if both:
                raise ValueError(
                    f"{kind} id {min(both)!r} is in more than one partition (one of "
                    f"{', '.join(merged['files'])} and one of {', '.join(piece['files'])})")
            merged[f"{kind}_ids"] |= piece[f"{kind}_ids"]
        merged["aggregate"].merge(piece["aggregate"])
        merged["context"] = merged["context"] or piece["context"]
        merged["files"] += piece["files"]
    return merged


def _figures_of(piece):
    """Task: the piece without its ids, for the client."""
    return {"aggregate": piece["aggregate"], "context": piece["context"]}


# ---- the report --------------------------------------------------------------------------


def report_partitions(client, paths, *, fan_in=2, timeout=None, **options):
    """The caseledger.Report over the partitions at `paths` (absolute, readable by the
    workers), computed on the Dask cluster of `client`. `options` are caseledger.report's
    (from_, to, as_of, group_by, rate_decimals, key_only_resumption, title). The pieces
    merge in a tree, `fan_in` at a time, on the workers; the client finishes the report."""
    if fan_in < 2:
        raise ValueError(f"fan_in must be at least 2, got {fan_in}")
    task = functools.partial(aggregate_partition, options=options)
    # Not pure: a task reads a file, which may have changed since a run with the same path.
    level = client.map(task, paths, range(len(paths)), pure=False)
    while len(level) > 1:
        level = [group[0] if len(group) == 1 else client.submit(merge_pieces, *group, pure=False)
                 for group in (level[i:i + fan_in] for i in range(0, len(level), fan_in))]
    # The ids have done their work at the last merge; only the figures come to the client.
    piece = client.submit(_figures_of, level[0], pure=False).result(timeout=timeout)
    # The context records are all finish() reads (district and team names, and the groups
    # every district and team gets even when empty); the figures come from the parts.
    context = caseledger.Ledger.from_records(**piece["context"])
    return caseledger.finish([piece["aggregate"]], context)


def start_local_cluster(workers=2, processes=True):
    """A local Dask cluster of `workers` single-threaded workers, without the dashboard
    and with only errors logged."""
    from distributed import LocalCluster

    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                        dashboard_address=None, silence_logs=logging.ERROR)


def _report_command(arguments):
    from distributed import Client

    paths = partition_paths(arguments.partitions)
    options = dict(from_=arguments.from_, to=arguments.to, as_of=arguments.as_of,
                   group_by=tuple(arguments.group_by.split(",")),
                   rate_decimals=arguments.rate_decimals,
                   key_only_resumption=arguments.key_only_resumption, title=arguments.title)
    if arguments.scheduler:
        cluster = None
        client = Client(arguments.scheduler)
    else:
        cluster = start_local_cluster(arguments.workers)
        client = Client(cluster)
    try:
        report = report_partitions(client, paths, **options)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    report.write_json(arguments.json)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    split = commands.add_parser("split", help="split a ledger into partitions")
    split.add_argument("ledger", help="a ledger in any format caseledger reads")
    split.add_argument("out_dir", help="the folder for part-0000.json, …")
    split.add_argument("--parts", type=int, required=True, help="how many partitions")

    report = commands.add_parser("report", help="the report over partitions, on Dask")
    report.add_argument("partitions", nargs="+",
                        help="partition files, or folders of part-*.json files")
    report.add_argument("--from", dest="from_", required=True, help="YYYY-MM-DD")
    report.add_argument("--to", required=True, help="YYYY-MM-DD")
    report.add_argument("--as-of", help="YYYY-MM-DD (default: --to)")
    report.add_argument("--group-by", default="district",
                        help="comma-separated dimensions (default: district)")
    report.add_argument("--rate-decimals", type=int, default=1)
    report.add_argument("--key-only-resumption", action="store_true")
    report.add_argument("--title", default="")
    report.add_argument("--json", required=True, help="where to write the JSON report")
    report.add_argument("--workers", type=int, default=2,
                        help="worker processes of the local cluster (default: 2)")
    report.add_argument("--scheduler",
                        help="address of an existing Dask scheduler to use instead of a "
                             "local cluster (its workers must read the partition paths)")

    arguments = parser.parse_args(argv)
    try:
        if arguments.command == "split":
            for path in split_ledger(arguments.ledger, arguments.out_dir, arguments.parts):
                print(path)
        else:
            _report_command(arguments)
    except (caseledger.LedgerError, caseledger.UsageError, OSError, ValueError) as error:
        print(f"report_with_dask.py: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
