"""Ctrl-C during a long load raises KeyboardInterrupt in Python instead of waiting it out.

The binding runs the load on a thread of its own and wakes every 100 ms to let Python
handle signals (bindings/python/src/ledger.cpp, run_interruptible). This runs a child
Python that loads a ledger through a named pipe and sends itself SIGINT shortly after the
load begins: the child must see KeyboardInterrupt, not a loaded ledger. The pipe's writer
(a thread of the child) gives the start of the ledger and then waits, so the load cannot
end before the signal however fast the machine (a big file read in the same 0.3 s was
loaded whole on a fast one); given the whole ledger, the same load completes.
"""
import json
import os
import subprocess
import sys
import textwrap

import pytest

CASES = 1_000


def ledger_text():
    district = {"id": "d1", "name": "仓山区"}
    cases = ",".join(
        f'{{"id": "C{i:07d}", "district": "d1", "reported_on": "2020-02-01", '
        f'"category": "labour", "summary": "员工返岗难，申请包车"}}' for i in range(CASES))
    return ('{"format": "caseledger.ledger/1", "districts": [' +
            json.dumps(district, ensure_ascii=False) + '], "cases": [' + cases + "]}")


def load_through_pipe(pipe, text, end_it, interrupt):
    """A child Python's code: writes the text of the file `text` into `pipe` (then closes
    it if `end_it`, else waits for ever), sends itself SIGINT after 0.3 s if `interrupt`,
    and loads the pipe."""
    return textwrap.dedent(f"""
        import os, signal, threading, time
        import caseledger

        def write():
            with open({str(pipe)!r}, "w", encoding="utf-8") as out:  # waits for the reader
                out.write(open({str(text)!r}, encoding="utf-8").read())
                out.flush()
                if not {end_it!r}:
                    threading.Event().wait()

        threading.Thread(target=write, daemon=True).start()
        if {interrupt!r}:
            threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
        start = time.monotonic()
        try:
            book = caseledger.Ledger.load({str(pipe)!r})
        except KeyboardInterrupt:
            print("interrupted after", round(time.monotonic() - start, 2), "s")
        else:
            print("loaded", book.counts["cases"], "cases")
    """)


@pytest.mark.slow
def test_ctrl_c_interrupts_a_long_load(tmp_path):
    pipe = tmp_path / "ledger.json"
    os.mkfifo(pipe)
    text = ledger_text()
    whole, unfinished = tmp_path / "whole.json", tmp_path / "unfinished.json"
    whole.write_text(text, encoding="utf-8")
    unfinished.write_text(text[:len(text) // 2], encoding="utf-8")
    child = load_through_pipe(pipe, unfinished, end_it=False, interrupt=True)
    result = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("interrupted after"), result.stdout

    # The same load given the whole ledger and no signal completes: the interruption above
    # was the signal's doing, and a pipe is read as a file is.
    complete = load_through_pipe(pipe, whole, end_it=True, interrupt=False)
    result = subprocess.run([sys.executable, "-c", complete], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"loaded {CASES} cases"
