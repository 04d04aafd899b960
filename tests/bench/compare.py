#!/usr/bin/python3
"""caseledger against pandas, end to end, on big synthetic ledgers (docs/performance.md).

    /usr/bin/python3 tests/bench/compare.py --build build --sizes 100000,1000000 --runs 3

First checks, on a small ledger, that pandas' district figures equal caseledger's JSON
report (and stops if they do not). Then for each size generates the ledger with
make_big_ledger and times, with /usr/bin/time -v (wall time, CPU time and peak RSS, median of
--runs runs):

- caseledger report with the JSON and the xlsx workbook (summary sheets and the 明细
  listing), and with the JSON only (the summary); with --stream too when the program has it;
- the same report done with pandas (json.load, DataFrame, groupby, to_excel with
  engine="xlsxwriter": summary plus listing), and the summary without the listing;
- bare libxlsxwriter writing the same listing cells (tests/bench/bare_xlsx_listing.cpp);
- JSON ingest: the whole ledger read into memory (tests/bench/read_ledger_whole.cpp, the
  library's read_ledgers) against simdjson building the same records
  (tests/bench/simdjson_ledger.cpp).

Prints a Markdown table, then the targets' ratios. `compare.py pandas LEDGER ...` is the
pandas baseline itself (run as its own process, so that its time and memory are its own).
"""
import argparse
import json
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

FROM, TO = "2020-01-01", "2020-03-31"
SEED = 20200331

CASE_COLUMNS = ["id", "district", "reported_on", "category", "enterprise", "project",
                "channel", "summary", "team", "due_on", "resolved_on", "closed_on", "status"]
MEASURE_COLUMNS = ["id", "district", "kind", "granted_on", "enterprise", "project", "case",
                   "amount", "mode", "workers", "origin", "origin_place", "item", "quantity"]
CATEGORIES = ["labour", "funding", "approval", "logistics", "epidemic_supplies",
              "raw_materials", "energy", "policy", "other"]
CATEGORY_ZH = dict(zip(CATEGORIES, ["用工", "资金", "审批", "运输", "防疫物资", "原材料",
                                    "用电", "政策", "其他"]))
CHANNEL_ZH = {"visit": "走访", "phone": "电话", "wechat": "微信", "website": "政府网站",
              "media": "媒体", "hotline": "热线", "other": "其他"}
STATUS_ZH = {"open": "在办", "resolved": "办结", "unresolvable": "无法解决", "withdrawn": "撤回"}
MONEY_KINDS = ["subsidy", "fee_reduction", "loan", "allowance"]
MODES = ["chartered_bus", "chartered_flight", "chartered_train", "dedicated_vehicle",
         "self_arranged"]
ORIGINS = ["in_province", "out_of_province"]
TEAM_KINDS = ["service_team", "party_team", "instructor"]
AGING_LIMITS = [7, 30, 90]


# --------------------------------------------------------------------------------------
# The pandas baseline: what a user who picked pandas instead would write.

def money_text(fen):
    return f"{fen // 100}.{fen % 100:02d}"


def rate(num, den):
    """num/den with its display rounded half up to one decimal, as docs/metrics.md says."""
    if den == 0:
        return {"num": num, "den": den, "display": None}
    tenths = (num * 1000 * 2 + den) // (2 * den)
    return {"num": num, "den": den, "display": f"{tenths // 10}.{tenths % 10}%"}


def day_stats(days):
    """count, mean (half up, one decimal), nearest-rank median and p90, max."""
    import numpy as np

    values = np.sort(np.asarray(days, dtype="int64"))
    n = len(values)
    if n == 0:
        return {"count": 0, "mean": None, "median": None, "p90": None, "max": None}
    total = int(values.sum())
    tenths = (total * 10 * 2 + n) // (2 * n)
    rank = lambda p: int(values[max(1, -(-p * n // 100)) - 1])  # noqa: E731
    return {"count": n, "mean": tenths / 10, "median": rank(50), "p90": rank(90),
            "max": int(values[-1])}


def pandas_report(doc, start=FROM, end=TO):
    """The district figures of the report (groups by district id, and "total"), and the
    listing as a DataFrame, computed with pandas from the parsed ledger document."""
    import numpy as np
    import pandas as pd

    t0, t1 = pd.Timestamp(start), pd.Timestamp(end)
    as_of = t1
    districts = pd.DataFrame(doc.get("districts", []))
    district_ids = sorted(districts["id"])

    cases = pd.DataFrame(doc.get("cases", [])).reindex(columns=CASE_COLUMNS)
    for column in ("reported_on", "due_on", "resolved_on", "closed_on"):
        cases[column] = pd.to_datetime(cases[column], format="%Y-%m-%d")
    derived = np.where(cases["resolved_on"].notna(), "resolved", "open")
    cases["status"] = cases["status"].where(cases["status"].notna(), derived)
    reported, resolved_on, due = cases["reported_on"], cases["resolved_on"], cases["due_on"]
    status = cases["status"]

    coordinated = reported.between(t0, t1) & (status != "withdrawn")
    resolved = coordinated & (status == "resolved") & (resolved_on <= as_of)
    unresolvable = coordinated & (status == "unresolvable") & (cases["closed_on"] <= as_of)
    with_due = coordinated & due.notna()
    flags = pd.DataFrame({
        "district": cases["district"],
        "category": cases["category"],
        "coordinated": coordinated,
        "resolved": resolved,
        "unresolvable": unresolvable,
        "on_time": with_due & resolved & (resolved_on <= due),
        "late": with_due & ((resolved & (resolved_on > due)) | (~resolved & (due < as_of))),
        "resolved_in_window": (status == "resolved") & resolved_on.between(t0, min(t1, as_of)),
    })
    counted = ["coordinated", "resolved", "unresolvable", "on_time", "late", "resolved_in_window"]
    case_sums = flags.groupby("district")[counted].sum()
    by_category = flags.groupby(["district", "category"])[["coordinated", "resolved"]].sum()
    days = (resolved_on - reported).dt.days[resolved]
    days_by_district = {d: s.to_numpy() for d, s in days.groupby(cases["district"][resolved])}
    backlog = coordinated & ~resolved & ~unresolvable & (reported <= as_of)
    ages = (as_of - reported[backlog]).dt.days
    buckets = pd.DataFrame({"district": cases["district"][backlog],
                            "bucket": np.searchsorted(AGING_LIMITS, ages.to_numpy(), side="left")})
    bucket_counts = buckets.groupby(["district", "bucket"]).size()

    measures = pd.DataFrame(doc.get("measures", [])).reindex(columns=MEASURE_COLUMNS)
    granted = pd.to_datetime(measures["granted_on"], format="%Y-%m-%d").between(t0, t1)
    measures = measures[granted]
    beneficiary = np.where(measures["enterprise"].notna(), "enterprise:" + measures["enterprise"],
                           np.where(measures["project"].notna(), "project:" + measures["project"],
                                    None))
    measures = measures.assign(beneficiary=beneficiary)
    money = measures[measures["kind"].isin(MONEY_KINDS)]
    money = money.assign(fen=(pd.to_numeric(money["amount"]) * 100).round().astype("int64"))
    support = money.groupby(["district", "kind"]).agg(
        amount=("fen", "sum"), count=("fen", "size"), beneficiaries=("beneficiary", "nunique"))
    support_total = money.groupby("kind").agg(
        amount=("fen", "sum"), count=("fen", "size"), beneficiaries=("beneficiary", "nunique"))
    transport = measures[measures["kind"] == "transport"]
    transport = transport.assign(workers=transport["workers"].astype("int64"))
    supplies = measures[measures["kind"] == "supplies"]
    supplies = supplies.assign(quantity=supplies["quantity"].astype("int64"))
    items = sorted(supplies["item"].unique())

    tracked = pd.concat([pd.DataFrame(doc.get(kind, []), columns=["district", "resumed_on"])
                         for kind in ("enterprises", "projects")])
    tracked["resumed"] = pd.to_datetime(tracked["resumed_on"], format="%Y-%m-%d") <= as_of
    teams = pd.DataFrame(doc.get("teams", []), columns=["district", "kind"])

    def group(case_row, category_rows, day_values, bucket_row, support_rows,
              transport_rows, supply_rows, tracked_rows, team_rows):
        row = {k: int(case_row.get(k, 0)) for k in counted}
        figures = {"cases": {
            "coordinated": row["coordinated"], "resolved": row["resolved"],
            "unresolvable": row["unresolvable"],
            "open": row["coordinated"] - row["resolved"] - row["unresolvable"],
            "resolution_rate": rate(row["resolved"], row["coordinated"]),
            "on_time_rate": rate(row["on_time"], row["on_time"] + row["late"]),
            "days_to_resolve": day_stats(day_values),
            "resolved_in_window": row["resolved_in_window"],
            "by_category": {c: {"coordinated": int(category_rows.get((c, "coordinated"), 0)),
                                "resolved": int(category_rows.get((c, "resolved"), 0))}
                            for c in CATEGORIES},
        }}
        figures["support"] = {}
        for kind in MONEY_KINDS:
            if kind in support_rows.index:
                s = support_rows.loc[kind]
                figures["support"][kind] = {"amount": money_text(int(s["amount"])),
                                            "count": int(s["count"]),
                                            "beneficiaries": int(s["beneficiaries"])}
            else:
                figures["support"][kind] = {"amount": "0.00", "count": 0, "beneficiaries": 0}
        figures["return_to_work"] = {
            "workers": int(transport_rows["workers"].sum()), "trips": len(transport_rows),
            "by_mode": {m: int(transport_rows["workers"][transport_rows["mode"] == m].sum())
                        for m in MODES},
            "by_origin": {o: int(transport_rows["workers"][transport_rows["origin"] == o].sum())
                          for o in ORIGINS},
        }
        figures["supplies"] = {}
        for item in items:
            rows = supply_rows[supply_rows["item"] == item]
            figures["supplies"][item] = {"quantity": int(rows["quantity"].sum()),
                                         "recipients": int(rows["beneficiary"].nunique())}
        resumed = int(tracked_rows["resumed"].sum())
        figures["resumption"] = {"tracked": len(tracked_rows), "resumed": resumed,
                                 "rate": rate(resumed, len(tracked_rows))}
        figures["teams"] = {k: int((team_rows["kind"] == k).sum()) for k in TEAM_KINDS}
        counts = [int(bucket_row.get(b, 0)) for b in range(len(AGING_LIMITS) + 1)]
        figures["backlog"] = {"open": sum(counts), "buckets": [{"count": c} for c in counts]}
        return figures

    groups = {}
    empty_support = support_total.iloc[0:0]
    for d in district_ids:
        category_rows = (by_category.loc[d].stack().to_dict()
                         if d in by_category.index.get_level_values(0) else {})
        groups[d] = group(
            case_sums.loc[d].to_dict() if d in case_sums.index else {},
            category_rows,
            days_by_district.get(d, []),
            bucket_counts.loc[d].to_dict() if d in bucket_counts.index.get_level_values(0) else {},
            support.loc[d] if d in support.index.get_level_values(0) else empty_support,
            transport[transport["district"] == d],
            supplies[supplies["district"] == d],
            tracked[tracked["district"] == d],
            teams[teams["district"] == d])
    groups["total"] = group(
        case_sums.sum().to_dict(),
        flags.groupby("category")[["coordinated", "resolved"]].sum().stack().to_dict(),
        days.to_numpy(), buckets.groupby("bucket").size().to_dict(), support_total, transport,
        supplies, tracked, teams)

    # The listing: every case reported in the window, by reported_on then id.
    names = {}
    for kind in ("districts", "enterprises", "projects", "teams"):
        names[kind] = {r["id"]: r.get("name") or r["id"] for r in doc.get(kind, [])}
    listed = cases[reported.between(t0, t1)].sort_values(["reported_on", "id"])
    subject = listed["enterprise"].map(names["enterprises"]).fillna(
        listed["project"].map(names["projects"]))
    listing = pd.DataFrame({
        "案件编号": listed["id"],
        "区县": listed["district"].map(names["districts"]),
        "企业/项目": subject,
        "问题类别": listed["category"].map(CATEGORY_ZH),
        "报送渠道": listed["channel"].map(CHANNEL_ZH),
        "问题描述": listed["summary"],
        "反映日期": listed["reported_on"],
        "办理时限": listed["due_on"],
        "办结日期": listed["resolved_on"],
        "状态": listed["status"].map(STATUS_ZH),
        "办结天数": (listed["resolved_on"] - listed["reported_on"]).dt.days.where(
            listed["status"] == "resolved"),
        "服务队": listed["team"].map(names["teams"]),
    })
    return groups, listing


def flatten(value, prefix=""):
    """{"a": {"b": 1}} -> {"a.b": 1}; lists by index."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            out.update(flatten(v, f"{prefix}{k}."))
        return out
    if isinstance(value, list):
        out = {}
        for i, v in enumerate(value):
            out.update(flatten(v, f"{prefix}{i}."))
        return out
    return {prefix[:-1]: value}


def differences(pandas_groups, report):
    """Every figure pandas computed that caseledger's JSON report gives otherwise."""
    ours = {g["key"]["district"]: g for g in report["groups"]}
    ours["total"] = report["total"]
    found = []
    if sorted(ours) != sorted(pandas_groups):
        found.append(f"groups: caseledger {sorted(ours)}, pandas {sorted(pandas_groups)}")
    for key, figures in pandas_groups.items():
        theirs = flatten(ours.get(key, {}))
        for path, value in flatten(figures).items():
            if theirs.get(path, "<absent>") != value:
                found.append(f"{key} {path}: caseledger {theirs.get(path, '<absent>')!r}, "
                             f"pandas {value!r}")
    return found


def pandas_main(argv):
    parser = argparse.ArgumentParser(prog="compare.py pandas")
    parser.add_argument("ledger")
    parser.add_argument("--json", required=True)
    parser.add_argument("--xlsx", help="the workbook: summary and listing")
    args = parser.parse_args(argv)
    import pandas as pd

    with open(args.ledger, encoding="utf-8") as f:
        doc = json.load(f)
    groups, listing = pandas_report(doc)
    with open(args.json, "w", encoding="utf-8") as f:
        json.dump(groups, f, ensure_ascii=False, indent=2)
    if args.xlsx:
        summary = pd.DataFrame([flatten(figures) for figures in groups.values()],
                               index=list(groups))
        with pd.ExcelWriter(args.xlsx, engine="xlsxwriter") as writer:
            summary.to_excel(writer, sheet_name="概况")
            listing.to_excel(writer, sheet_name="明细", index=False)


# --------------------------------------------------------------------------------------
# Timing

def timed(command):
    """(wall seconds, CPU seconds (user + system), peak RSS in MB) of one run, from
    /usr/bin/time -v. On a shared machine the CPU time moves less than the wall time."""
    result = subprocess.run(["/usr/bin/time", "-v", *map(str, command)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(map(str, command))}\n"
                 f"{result.stdout}{result.stderr}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", result.stderr)
    user = re.search(r"User time \(seconds\): ([\d.]+)", result.stderr)
    system = re.search(r"System time \(seconds\): ([\d.]+)", result.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    hours, minutes, seconds = wall.groups()
    return (int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds),
            float(user.group(1)) + float(system.group(1)), int(rss.group(1)) / 1024)


def median_of(command, runs):
    results = [timed(command) for _ in range(runs)]
    return tuple(statistics.median(r[i] for r in results) for i in range(3))


def has_stream(cli):
    help_text = subprocess.run([str(cli), "report", "--help"], capture_output=True,
                               text=True).stdout
    return "--stream" in help_text


def generate(tools, cases, folder):
    path = folder / f"ledger-{cases}.json"
    if not path.exists():
        subprocess.run([tools["make_big_ledger"], "--cases", str(cases), "--seed", str(SEED),
                        "--format", "json", path], check=True)
    return path


def check_small(tools, folder, cases=3000):
    """pandas and caseledger agree on a small ledger, or the comparison is meaningless."""
    ledger = generate(tools, cases, folder)
    out = folder / "small-report.json"
    subprocess.run([tools["caseledger"], "report", ledger, "--from", FROM, "--to", TO,
                    "--json", out], check=True, capture_output=True)
    report = json.loads(out.read_text(encoding="utf-8"))
    with open(ledger, encoding="utf-8") as f:
        groups, _ = pandas_report(json.load(f))
    found = differences(groups, report)
    if found:
        sys.exit("pandas and caseledger disagree on the small ledger:\n" + "\n".join(found[:40]))
    return sum(len(flatten(g)) for g in groups.values())


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "pandas":
        return pandas_main(sys.argv[2:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default="build", help="the build folder (benchmarks on)")
    parser.add_argument("--sizes", default="100000,1000000", help="cases per ledger")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--summary-only-sizes", default="",
                        help="sizes timed for caseledger's summary only (e.g. 10000000)")
    parser.add_argument("--summary-only-runs", type=int, default=1,
                        help="runs per measurement at those sizes")
    parser.add_argument("--work", help="where the ledgers go (default BUILD/bench-data)")
    parser.add_argument("--check-only", action="store_true", help="only the small-ledger check")
    args = parser.parse_args()

    build = pathlib.Path(args.build).resolve()
    tools = {"caseledger": build / "cli" / "caseledger"}
    for name in ("make_big_ledger", "simdjson_ledger", "read_ledger_whole", "bare_xlsx_listing"):
        tools[name] = build / "tests" / "bench" / name
    for name, path in tools.items():
        if not path.exists():
            sys.exit(f"{path} is missing: configure with -DCASELEDGER_BUILD_BENCHMARKS=ON "
                     "and build")
    work = pathlib.Path(args.work) if args.work else build / "bench-data"
    work.mkdir(parents=True, exist_ok=True)
    out = pathlib.Path(tempfile.mkdtemp(prefix="outputs-", dir=work))

    figures = check_small(tools, work)
    print(f"check: pandas equals caseledger on a 3000-case ledger ({figures} figures, "
          "11 groups)", flush=True)
    if args.check_only:
        return

    cli = tools["caseledger"]
    stream = has_stream(cli)
    window = ["--from", FROM, "--to", TO]
    rows = []
    ratios = {}

    def measure(n, label, command):
        wall, cpu, rss = median_of(command, args.runs)
        rows.append((n, label, wall, cpu, rss))
        print(f"  {n:>9,} {label}: {wall:.2f} s wall, {cpu:.2f} s CPU, {rss:.0f} MB",
              flush=True)
        return wall, cpu, rss

    for n in [int(s) for s in args.sizes.split(",") if s]:
        ledger = generate(tools, n, work)
        print(f"{n:,} cases ({ledger.stat().st_size / 2**20:.0f} MB of JSON)", flush=True)
        full = measure(n, "caseledger report, JSON + xlsx with listing",
                       [cli, "report", ledger, *window, "--json", out / "r.json",
                        "--xlsx", out / "r.xlsx"])
        summary = measure(n, "caseledger report, JSON summary",
                          [cli, "report", ledger, *window, "--json", out / "r.json"])
        if stream:
            stream_full = measure(n, "caseledger report --stream, JSON + xlsx with listing",
                                  [cli, "report", ledger, "--stream", *window, "--json",
                                   out / "r.json", "--xlsx", out / "r.xlsx"])
            stream_summary = measure(n, "caseledger report --stream, JSON summary",
                                     [cli, "report", ledger, "--stream", *window, "--json",
                                      out / "r.json"])
        p_full = measure(n, "pandas, JSON + xlsx with listing",
                         [sys.executable, __file__, "pandas", ledger, "--json", out / "p.json",
                          "--xlsx", out / "p.xlsx"])
        p_summary = measure(n, "pandas, JSON summary",
                            [sys.executable, __file__, "pandas", ledger, "--json",
                             out / "p.json"])
        ingest = measure(n, "read_ledgers, the whole ledger (JSON ingest)",
                         [tools["read_ledger_whole"], ledger])
        simd = measure(n, "simdjson into the same records", [tools["simdjson_ledger"], ledger])
        simd_built = measure(n, "simdjson + ledger_builder (the same ledger)",
                             [tools["simdjson_ledger"], ledger, "--build"])
        bare = measure(n, "caseledger read + bare libxlsxwriter listing",
                       [tools["bare_xlsx_listing"], ledger, out / "bare.xlsx", FROM, TO])
        # Each ratio twice: by wall time, and by CPU time (steadier on a shared machine).
        ratios[n] = {
            what: (f(0), f(1)) for what, f in {
                "full_speedup": lambda i: p_full[i] / full[i],
                "summary_speedup": lambda i: p_summary[i] / summary[i],
                "listing_vs_bare": lambda i: (full[i] - summary[i]) / (bare[i] - ingest[i]),
                "ingest_vs_simdjson": lambda i: simd[i] / ingest[i],
                "ingest_vs_simdjson_built": lambda i: simd_built[i] / ingest[i],
            }.items()}
        ratios[n]["full_memory"] = full[2] / p_full[2]
        if stream:
            ratios[n]["stream_full_speedup"] = (p_full[0] / stream_full[0],
                                                p_full[1] / stream_full[1])
            ratios[n]["stream_summary_speedup"] = (p_summary[0] / stream_summary[0],
                                                   p_summary[1] / stream_summary[1])
            ratios[n]["stream_full_memory"] = stream_full[2] / p_full[2]

    for n in [int(s) for s in args.summary_only_sizes.split(",") if s]:
        ledger = generate(tools, n, work)
        print(f"{n:,} cases ({ledger.stat().st_size / 2**20:.0f} MB of JSON)", flush=True)
        flags = ["--stream"] if stream else []
        label = "caseledger report --stream, JSON summary" if stream else \
            "caseledger report, JSON summary"
        wall, cpu, rss = median_of([cli, "report", ledger, *flags, *window, "--json",
                                    out / "r.json"], args.summary_only_runs)
        rows.append((n, label, wall, cpu, rss))
        print(f"  {n:>9,} {label}: {wall:.2f} s wall, {cpu:.2f} s CPU, {rss:.0f} MB",
              flush=True)

    shutil.rmtree(out, ignore_errors=True)
    print(f"\nMedian of {args.runs} runs ({args.summary_only_runs} at summary-only sizes); "
          f"/usr/bin/time -v; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} "
          "cores at the end\n")
    print("| cases | run | wall time | CPU time | peak RSS |")
    print("| ---: | --- | ---: | ---: | ---: |")
    for n, label, wall, cpu, rss in rows:
        print(f"| {n:,} | {label} | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MB |")
    print("\nRatios (by wall time / by CPU time):\n")
    for n, r in ratios.items():
        pair = lambda key, form: " / ".join(form.format(v) for v in r[key])  # noqa: E731
        print(f"- {n:,} cases: full report {pair('full_speedup', '{:.1f}×')} faster than "
              f"pandas, at {r['full_memory']:.2f} of its peak RSS; summary "
              f"{pair('summary_speedup', '{:.1f}×')} faster; the listing costs "
              f"{pair('listing_vs_bare', '{:.2f}×')} what bare libxlsxwriter needs; JSON ingest "
              f"at {pair('ingest_vs_simdjson', '{:.0%}')} of simdjson's speed into records, "
              f"{pair('ingest_vs_simdjson_built', '{:.0%}')} of simdjson + ledger_builder")
        if "stream_full_speedup" in r:
            print(f"- {n:,} cases with --stream: full report "
                  f"{pair('stream_full_speedup', '{:.1f}×')} faster than pandas, at "
                  f"{r['stream_full_memory']:.2f} of its peak RSS; summary "
                  f"{pair('stream_summary_speedup', '{:.1f}×')} faster")


if __name__ == "__main__":
    main()
