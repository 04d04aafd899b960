"""The command line as shell scripts use it: `-` for standard input and output, /dev/stdout,
outputs that are not regular files refused before any work, and messages that name what
they are about, each with the one `caseledger: ` prefix (problems keep the
file:line:column form editors jump to)."""
import json
import os
import re
import subprocess
import time

import pytest

from conftest import FUZHOU_LEDGER, without_inputs

WINDOW = ["--from", "2020-01-01", "--to", "2020-03-31"]


@pytest.fixture(scope="module")
def run(cli_path):
    """Runs the program with `stdin` (bytes) as its standard input; stdout as bytes."""

    def call(*args, stdin=b"", stdout=subprocess.PIPE):
        return subprocess.run([str(cli_path), *map(str, args)], input=stdin, stdout=stdout,
                              stderr=subprocess.PIPE, timeout=600)

    return call


@pytest.fixture(scope="module")
def ledger_bytes():
    return FUZHOU_LEDGER.read_bytes()


@pytest.fixture(scope="module")
def file_report(run, tmp_path_factory):
    folder = tmp_path_factory.mktemp("file")
    done = run("report", FUZHOU_LEDGER, *WINDOW, "--json", folder / "q1.json", "--xlsx",
               folder / "q1.xlsx")
    assert done.returncode == 0, done.stderr
    return (folder / "q1.json").read_bytes(), (folder / "q1.xlsx").read_bytes()


@pytest.mark.parametrize("stream", [[], ["--stream"]], ids=["loaded", "streamed"])
def test_a_ledger_from_standard_input_to_a_report_on_standard_output(run, ledger_bytes,
                                                                     file_report, stream):
    done = run("report", "-", *WINDOW, "--json", "-", *stream, stdin=ledger_bytes)
    assert done.returncode == 0, done.stderr
    # Nothing but the report on standard output: the file's, but for the input it names.
    assert without_inputs(done.stdout) == without_inputs(file_report[0])
    assert json.loads(done.stdout)["inputs"][0]["name"] == "<stdin>"
    assert done.stderr == b"wrote -\n"


def test_the_workbook_on_standard_output(run, file_report, tmp_path):
    done = run("report", FUZHOU_LEDGER, *WINDOW, "--xlsx", "-", "--json", tmp_path / "q1.json")
    assert done.returncode == 0, done.stderr
    assert done.stdout == file_report[1]
    assert (tmp_path / "q1.json").read_bytes() == file_report[0]
    assert done.stderr.decode().splitlines() == ["wrote " + str(tmp_path / "q1.json"),
                                                 "wrote -"]


def test_validate_and_headline_read_standard_input(run, ledger_bytes):
    from_file = run("validate", FUZHOU_LEDGER)
    from_stdin = run("validate", "-", stdin=ledger_bytes)
    assert from_stdin.returncode == 0 and from_stdin.stdout == from_file.stdout
    assert from_stdin.stdout.startswith(b"ok: 1190 cases")
    headline = run("headline", "-", *WINDOW, stdin=ledger_bytes)
    assert headline.returncode == 0
    assert headline.stdout == run("headline", FUZHOU_LEDGER, *WINDOW).stdout


def test_validate_takes_standard_input_in_any_order(run, ledger_bytes):
    # report needs a piped ledger's records in the one pass's order (it cannot read a pipe
    # twice); validate reads a pipe whole, as it always took it: measures, cases and the
    # rest in reverse is the same ledger.
    ledger = json.loads(ledger_bytes)
    reversed_arrays = {"format": ledger["format"]}
    for kind in reversed([key for key in ledger if key != "format"]):
        reversed_arrays[kind] = ledger[kind]
    assert list(reversed_arrays)[1] != list(ledger)[1]
    reversed_bytes = json.dumps(reversed_arrays, ensure_ascii=False).encode()
    validated = run("validate", "-", stdin=reversed_bytes)
    assert validated.returncode == 0, validated.stderr
    assert validated.stdout == run("validate", FUZHOU_LEDGER).stdout
    reported = run("report", "-", *WINDOW, "--json", "-", stdin=reversed_bytes)
    assert reported.returncode == 2 and b"order" in reported.stderr


def test_problems_on_standard_input_name_it(run):
    done = run("validate", "-", stdin=b'{"format": "caseledger.ledger/1", "cases": [1]}')
    assert done.returncode == 1
    assert done.stderr.decode() == "<stdin>:1:45: /cases/0: a case must be an object, not a number\n"


def test_standard_input_given_twice_is_a_usage_error(run, ledger_bytes):
    done = run("validate", "-", "-", stdin=ledger_bytes)
    assert done.returncode == 2
    assert done.stderr.decode() == (
        "caseledger: validate: standard input (-) is given twice as a LEDGER "
        "(see caseledger validate --help)\n")


def test_one_output_at_most_on_standard_output(run):
    done = run("report", FUZHOU_LEDGER, *WINDOW, "--json", "-", "--xlsx", "/dev/stdout")
    assert done.returncode == 2
    assert b"--json, --xlsx and --html cannot share standard output" in done.stderr
    assert done.stdout == b""
    done = run("report", FUZHOU_LEDGER, *WINDOW, "--html", "-", "--json", "/dev/fd/1")
    assert done.returncode == 2
    assert b"--json, --xlsx and --html cannot share standard output" in done.stderr


def test_dev_stdout_into_a_pipe_and_into_a_file(run, file_report, tmp_path):
    piped = run("report", FUZHOU_LEDGER, *WINDOW, "--json", "/dev/stdout")
    assert piped.returncode == 0 and piped.stdout == file_report[0]
    # Redirected to a file, as root (as CI runs): the file gets the report and /dev/stdout
    # stays the system's link.
    with open(tmp_path / "out.json", "wb") as out:
        done = run("report", FUZHOU_LEDGER, *WINDOW, "--json", "/dev/stdout", stdout=out)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.json").read_bytes() == file_report[0]
    assert os.path.islink("/dev/stdout")


def test_a_failed_run_writes_nothing_to_standard_output(run):
    done = run("report", "-", *WINDOW, "--json", "-",
               stdin=b'{"format": "caseledger.ledger/1", "cases": [1]}')
    assert done.returncode == 1 and done.stdout == b""


@pytest.mark.parametrize("target", ["/dev/null", "fifo", "folder", "file/q1.json",
                                    "missing/q1.json"])
def test_outputs_are_refused_before_any_work(run, tmp_path, target):
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("x")
    path = target if target.startswith("/") else tmp_path / target
    # The ledger does not exist: an error about the output proves it came first.
    done = run("report", tmp_path / "no-such-ledger.json", *WINDOW, "--json", path)
    assert done.returncode == 1
    message = done.stderr.decode()
    assert message.startswith(f"caseledger: cannot write '{path}': "), message
    assert "no-such-ledger" not in message
    reason = {"/dev/null": "not a regular file", "fifo": "not a regular file",
              "folder": "Is a directory", "file/q1.json": "Not a directory",
              "missing/q1.json": "No such file or directory"}[target]
    assert reason in message
    # Streaming checks them first too.
    done = run("report", tmp_path / "no-such-ledger.json", *WINDOW, "--json", path, "--stream")
    assert done.stderr.decode().startswith(f"caseledger: cannot write '{path}': ")


def test_an_overflowing_total_names_the_figure_its_group_and_the_file(run, tmp_path):
    ledger = json.loads(FUZHOU_LEDGER.read_text(encoding="utf-8"))
    # Two loans of one district, each within 64-bit fen, whose sum is not.
    loans = [m for m in ledger["measures"] if m["kind"] == "loan" and m["district"] == "minhou"
             and "2020-01-01" <= m["granted_on"] <= "2020-03-31"][:2]
    for loan in loans:
        loan["amount"] = "50000000000000000.00"
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(ledger, ensure_ascii=False), encoding="utf-8")
    done = run("report", path, *WINDOW, "--json", tmp_path / "q1.json")
    assert done.returncode == 1
    assert done.stderr.decode() == (
        f"caseledger: {path}: the loan total of district minhou's group passes what 64-bit "
        f"fen hold (92,233,720,368,547,758.07 yuan) at measure {loans[1]['id']} "
        "(50000000000000000.00 yuan)\n")
    assert not (tmp_path / "q1.json").exists()


# --- progress on the standard error -------------------------------------------------------

def slow_stdin(cli_path, ledger_bytes, *args):
    """Runs with the ledger fed over about two seconds: a run long enough to show progress
    (it shows none in its first second)."""
    process = subprocess.Popen([str(cli_path), *map(str, args)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    half = len(ledger_bytes) // 2
    process.stdin.write(ledger_bytes[:half])
    process.stdin.flush()
    time.sleep(2)
    process.stdin.write(ledger_bytes[half:])
    process.stdin.close()
    stdout, stderr = process.stdout.read(), process.stderr.read()
    process.wait(timeout=120)
    return process.returncode, stdout, stderr.decode()


def test_progress_when_asked_and_never_in_the_outputs(cli_path, ledger_bytes, file_report):
    code, stdout, stderr = slow_stdin(cli_path, ledger_bytes, "report", "-", *WINDOW,
                                      "--json", "-", "--progress")
    assert code == 0
    assert without_inputs(stdout) == without_inputs(file_report[0])
    lines = stderr.splitlines()
    assert lines[-1] == "wrote -"
    progress = lines[:-1]
    assert progress and all(line.startswith("caseledger: ") for line in progress)
    assert progress[0].startswith("caseledger: reading: ")
    assert progress[0].endswith(" s)") and "MiB/s" in progress[0]
    assert " of " not in progress[0]  # standard input: no total
    # Later phases show when they last long enough to be seen (computing may not).
    for line in progress[1:]:
        assert re.fullmatch(r"caseledger: (reading: .*|computing|writing -) \(\d+ s\)", line), line


def test_no_progress_by_default_in_a_pipe_or_when_quiet(cli_path, ledger_bytes):
    for extra in ([], ["--quiet"]):
        code, _, stderr = slow_stdin(cli_path, ledger_bytes, "validate", "-", *extra)
        assert code == 0 and stderr == ""


def test_progress_and_quiet_contradict(run):
    done = run("validate", FUZHOU_LEDGER, "--progress", "--quiet")
    assert done.returncode == 2
    assert b"--progress and --quiet contradict each other" in done.stderr
