"""Ctrl-C during a long load raises KeyboardInterrupt in Python instead of waiting it out.

The binding runs the load on a thread of its own and wakes every 100 ms to let Python
handle signals (bindings/python/src/ledger.cpp, run_interruptible). This runs a child
Python that loads a ledger large enough to take seconds and sends itself SIGINT shortly
after the load begins: the child must see KeyboardInterrupt, not a loaded ledger.
"""
import json
import subprocess
import sys
import textwrap

import pytest

CASES = 300_000  # a few seconds to read even on a fast machine; the signal comes at 0.3 s


def write_big_ledger(path):
    district = {"id": "d1", "name": "仓山区"}
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"format": "caseledger.ledger/1", "districts": [')
        out.write(json.dumps(district, ensure_ascii=False))
        out.write('], "cases": [')
        for i in range(CASES):
            if i:
                out.write(",")
            out.write(f'{{"id": "C{i:07d}", "district": "d1", "reported_on": "2020-02-01", '
                      f'"category": "labour", "summary": "员工返岗难，申请包车"}}')
        out.write("]}")


@pytest.mark.slow
def test_ctrl_c_interrupts_a_long_load(tmp_path):
    ledger = tmp_path / "big.json"
    write_big_ledger(ledger)
    child = textwrap.dedent(f"""
        import os, signal, threading, time
        import caseledger
        threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
        start = time.monotonic()
        try:
            book = caseledger.Ledger.load({str(ledger)!r})
        except KeyboardInterrupt:
            print("interrupted after", round(time.monotonic() - start, 2), "s")
        else:
            print("loaded", book.counts["cases"], "cases")
    """)
    result = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("interrupted after"), result.stdout

    # The same load without the signal completes: the interruption above was the signal's doing.
    complete = child.replace(
        "threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT)).start()", "")
    result = subprocess.run([sys.executable, "-c", complete], capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"loaded {CASES} cases"
