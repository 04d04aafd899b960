"""No data loss and hostile input through the command line: a failed run changes no old
report (bytes and modification time) and leaves no temporary file; a full disk, a
read-only folder and a device as the output are clear errors; hostile ledgers are refused
with the limit's name, and --limit changes the limits."""
import os
import shutil
import stat
import subprocess

import pytest

from conftest import FUZHOU_LEDGER

WINDOW = ["--from", "2020-01-01", "--to", "2020-03-31"]


def snapshot(folder):
    """Every file in the folder with its bytes and modification time (ns)."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


@pytest.fixture
def ledger(tmp_path):
    path = tmp_path / "ledger.json"
    shutil.copyfile(FUZHOU_LEDGER, path)
    return path


def test_a_failed_run_changes_no_old_report(run_cli, ledger, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    assert run_cli("report", ledger, *WINDOW, "--json", out / "q1.json",
                   "--xlsx", out / "q1.xlsx").returncode == 0
    before = snapshot(out)
    bad = tmp_path / "bad.json"
    text = ledger.read_text(encoding="utf-8")
    bad.write_text(text[: len(text) // 2], encoding="utf-8")  # cut off in the middle
    result = run_cli("report", bad, *WINDOW, "--json", out / "q1.json", "--xlsx", out / "q1.xlsx")
    assert result.returncode == 1
    assert "invalid JSON: syntax error while parsing" in result.stderr
    assert snapshot(out) == before


def test_a_device_as_the_output_is_refused_and_left_alone(run_cli, ledger, tmp_path):
    before = os.stat("/dev/full")
    result = run_cli("report", ledger, *WINDOW, "--json", "/dev/full")
    assert result.returncode == 1
    assert result.stderr == ("caseledger: cannot write '/dev/full': not a regular file "
                             "(a report only replaces a regular file)\n")
    after = os.stat("/dev/full")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino
    assert not [name for name in os.listdir("/dev") if name.startswith(".full.tmp-")]


def in_private_mount(script, *args):
    """Runs the shell `script` (with `args` as $1, $2, …) in a mount namespace of its own,
    as root there, so that it may mount a small tmpfs; skips when the system allows none."""
    if shutil.which("unshare") is None:
        pytest.skip("no unshare(1) to make a private mount namespace")
    probe = subprocess.run(["unshare", "--mount", "--map-root-user", "true"],
                           capture_output=True)
    if probe.returncode != 0:
        pytest.skip("this system allows no private mount namespace: "
                    + probe.stderr.decode(errors="replace").strip())
    return subprocess.run(["unshare", "--mount", "--map-root-user", "sh", "-c", script, "sh",
                           *map(str, args)], capture_output=True, text=True, timeout=600)


# $1 the program, $2 the ledger, $3 the output folder; prints the exit status, the folder's
# names and the old report's content, each on its own line, after the program's stderr.
OUTPUT_ON_TMPFS = """
set -e
mount -t tmpfs -o size=16k tmpfs "$3"
printf 'old report' > "$3/q1.json"
{mount_more}
set +e
"$1" report "$2" --from 2020-01-01 --to 2020-03-31 --json "$3/q1.json"
echo "status $?"
ls -A "$3" | tr '\\n' ' '; echo
cat "$3/q1.json"
"""


def test_a_full_disk_is_a_clear_error_and_changes_nothing(cli_path, ledger, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    # The report is far larger than the 16 KiB file system.
    result = in_private_mount(OUTPUT_ON_TMPFS.format(mount_more=""), cli_path, ledger, out)
    assert result.stderr == f"caseledger: cannot write '{out}/q1.json': No space left on device\n"
    assert result.stdout.splitlines() == ["status 1", "q1.json ", "old report"]


def test_a_read_only_folder_is_a_clear_error_and_changes_nothing(cli_path, ledger, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    # Root ignores permissions, not a read-only mount.
    result = in_private_mount(
        OUTPUT_ON_TMPFS.format(mount_more='mount -o remount,ro "$3"'), cli_path, ledger, out)
    assert result.stderr == f"caseledger: cannot write '{out}/q1.json': Read-only file system\n"
    assert result.stdout.splitlines() == ["status 1", "q1.json ", "old report"]


def test_an_output_folder_under_a_file_is_a_clear_error(run_cli, ledger, tmp_path):
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    result = run_cli("report", ledger, *WINDOW, "--json", tmp_path / "file" / "q1.json")
    assert result.returncode == 1
    assert result.stderr == f"caseledger: cannot write '{tmp_path}/file/q1.json': Not a directory\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "ledger.json"]


# --- hostile input -----------------------------------------------------------------------

HEAD = '{"format": "caseledger.ledger/1", "districts": [{"id": "d", "name": '


def test_a_deeply_nested_ledger_is_refused_naming_the_limit(run_cli, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text(HEAD + '"D", "x": ' + "[" * 100_000 + "]" * 100_000 + "}]}", encoding="utf-8")
    result = run_cli("validate", deep, "--keep-extras")
    assert result.returncode == 1
    column = len(HEAD + '"D", "x": ') + 1 + 61  # the 62nd "[" of the extra is level 65
    assert result.stderr == (f"{deep}:1:{column}: /districts/0/x (district d): objects and "
                             "arrays nested deeper than 64 levels (the limit max_depth)\n")


def test_limits_are_options(run_cli, tmp_path):
    ledger = tmp_path / "big.json"
    ledger.write_text(HEAD + '"' + "x" * 2_000_000 + '"}]}', encoding="utf-8")
    refused = run_cli("validate", ledger)
    assert refused.returncode == 1
    assert refused.stderr == (f"{ledger}:1:{len(HEAD) + 1}: /districts/0/name (district d): a "
                              "string longer than 1048576 bytes (the limit max_string_bytes)\n")
    accepted = run_cli("validate", ledger, "--limit", "max_string_bytes=2M")
    assert accepted.returncode == 0, accepted.stderr
    lowered = run_cli("validate", ledger, "--limit", "max_string_bytes=1k",
                      "--limit", "max_depth=2")
    assert lowered.returncode == 1
    assert "nested deeper than 2 levels (the limit max_depth)" in lowered.stderr


def test_a_bad_limit_is_a_usage_error(run_cli, tmp_path):
    result = run_cli("validate", tmp_path / "x.json", "--limit", "max_dept=3")
    assert result.returncode == 2
    assert result.stderr.startswith("caseledger: validate: --limit: unknown limit 'max_dept' (")


def test_report_help_lists_the_limits(run_cli):
    text = run_cli("report", "--help").stdout
    assert "--limit" in text and "max_compression_ratio (200)" in text


def test_the_python_binding_takes_limits(tmp_path):
    caseledger = pytest.importorskip("caseledger")
    ledger = tmp_path / "l.json"
    ledger.write_text(HEAD + '"' + "x" * 100 + '"}]}', encoding="utf-8")
    assert caseledger.Ledger.load(ledger).district_ids == ["d"]
    with pytest.raises(caseledger.LedgerError, match="the limit max_string_bytes"):
        caseledger.Ledger.load(ledger, limits={"max_string_bytes": 50})
    problems = caseledger.Ledger.validate(ledger, limits={"max_string_bytes": 50})
    assert [p.reason for p in problems] == [
        "a string longer than 50 bytes (the limit max_string_bytes)"]
    with pytest.raises(caseledger.UsageError, match="unknown limit 'depth'"):
        caseledger.Ledger.load(ledger, limits={"depth": 3})


def test_writing_through_a_symbolic_link_keeps_the_link(run_cli, ledger, tmp_path):
    # latest.json -> reports/q1.json: the report behind the link is replaced, the link
    # stays (renaming onto the link would have replaced the link with a plain file).
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "q1.json").write_text("old", encoding="utf-8")
    latest = tmp_path / "latest.json"
    latest.symlink_to("reports/q1.json")
    result = run_cli("report", ledger, *WINDOW, "--json", latest)
    assert result.returncode == 0, result.stderr
    assert latest.is_symlink() and os.readlink(latest) == "reports/q1.json"
    assert (reports / "q1.json").read_text(encoding="utf-8").startswith("{")
    assert sorted(p.name for p in reports.iterdir()) == ["q1.json"]
