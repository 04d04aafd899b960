#!/usr/bin/python3
"""What the handling process's figures (issue 17) cost a report (docs/performance.md).

    /usr/bin/python3 tests/bench/process_overhead.py --before OLD/cli/caseledger \\
        --after NEW/cli/caseledger --make-big-ledger NEW/tests/bench/make_big_ledger \\
        --cases 1000000 --runs 3 --work /tmp/process-bench

The issue's targets: a report on a ledger without any of the process fields stays within
5% of the program before the process figures, and one on a ledger with all of them within
15%. Both programs should be Release builds. Generates two ledgers with make_big_ledger
(the same seed; the second with --process: units, lead and co-units, working-day deadlines,
extensions, follow-up calls, satisfaction) and times the JSON summary (`caseledger report
L --from 2020-01-01 --to 2020-03-31 --json J`) with /usr/bin/time -v:

  (a) before, on the ledger without the fields
  (b) after, on the ledger without the fields
  (c) after, on the ledger with them
  (d) before, on the ledger with them (the reading of the extra fields, without their figures)

one run of each in turn, --runs times, so that a change in the machine's load falls on all
four alike; prints the median wall time, CPU time and peak RSS of each, the spread of the
wall times, the ratios, and the load average seen at each run. Checks first that the new
program's report on the plain ledger keeps every figure of the old one.
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess

from compare import timed  # /usr/bin/time -v read as the pandas benchmark reads it

FROM, TO = "2020-01-01", "2020-03-31"
SEED = 20200331


def generate(make_big_ledger, cases, path, process):
    if not path.exists():
        command = [make_big_ledger, "--cases", str(cases), "--seed", str(SEED), "--format", "json"]
        subprocess.run([*command, *(["--process"] if process else []), path], check=True)
    return path


def report_command(cli, ledger, out):
    return [cli, "report", ledger, "--from", FROM, "--to", TO, "--json", out]


def check_old_figures_kept(before, after, ledger, work):
    """Every figure of the old report is in the new one, the same (the new ones added). The
    headline sentences are not figures: they gained the process's clauses."""
    old, new = work / "check-before.json", work / "check-after.json"
    for cli, out in ((before, old), (after, new)):
        subprocess.run(report_command(cli, ledger, out), check=True, capture_output=True)
    old_doc = json.loads(old.read_text(encoding="utf-8"))
    new_doc = json.loads(new.read_text(encoding="utf-8"))

    def kept(a, b, where):
        if isinstance(a, dict):
            for key, value in a.items():
                if key not in ("generator", "headline"):
                    kept(value, b[key], f"{where}.{key}")
        elif isinstance(a, list):
            assert len(a) == len(b), where
            for i, (x, y) in enumerate(zip(a, b)):
                kept(x, y, f"{where}[{i}]")
        else:
            assert a == b, f"{where}: {a!r} before, {b!r} after"

    kept(old_doc, new_doc, "report")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, help="caseledger before the figures")
    parser.add_argument("--after", required=True, help="caseledger with them")
    parser.add_argument("--make-big-ledger", required=True, help="a make_big_ledger with --process")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", required=True, help="where the ledgers and reports go")
    args = parser.parse_args()
    work = pathlib.Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    plain = generate(args.make_big_ledger, args.cases, work / f"plain-{args.cases}.json", False)
    process = generate(args.make_big_ledger, args.cases, work / f"process-{args.cases}.json",
                       True)
    check_old_figures_kept(args.before, args.after, plain, work)

    runs = {"a": (args.before, plain), "b": (args.after, plain), "c": (args.after, process),
            "d": (args.before, process)}
    results = {name: [] for name in runs}
    loads = []
    for _ in range(args.runs):
        for name, (cli, ledger) in runs.items():
            loads.append(os.getloadavg()[0])
            results[name].append(timed(report_command(cli, ledger, work / f"report-{name}.json")))

    def median(name, i):
        return statistics.median(r[i] for r in results[name])

    labels = {"a": "before, ledger without the process fields",
              "b": "after, ledger without the process fields",
              "c": "after, ledger with all the process fields",
              "d": "before, ledger with all the process fields"}
    sizes = {name: ledger.stat().st_size / 2**20 for name, (_, ledger) in runs.items()}
    print(f"{args.cases:,} cases, JSON summary (report --json), median of {args.runs}\n")
    print("| run | ledger | wall | wall, all runs | CPU | peak RSS |")
    print("| --- | ---: | ---: | --- | ---: | ---: |")
    for name in runs:
        walls = ", ".join(f"{r[0]:.2f}" for r in results[name])
        print(f"| ({name}) {labels[name]} | {sizes[name]:.0f} MiB | {median(name, 0):.2f} s | "
              f"{walls} | {median(name, 1):.2f} s | {median(name, 2):.0f} MiB |")
    print()
    for num, den, target in (("b", "a", 1.05), ("c", "a", 1.15), ("c", "d", None)):
        ratio = median(num, 0) / median(den, 0)
        cpu = median(num, 1) / median(den, 1)
        verdict = "" if target is None else (" (within target)" if ratio <= target
                                             else f" (over the target {target})")
        print(f"({num})/({den}): wall {ratio:.3f}, CPU {cpu:.3f}{verdict}")
    print(f"\nload average (1 min) at the runs: {min(loads):.2f} to {max(loads):.2f}")


if __name__ == "__main__":
    main()
