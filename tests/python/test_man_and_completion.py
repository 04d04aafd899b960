"""The man page caseledger(1) and the bash completion (cli/), as a user meets them: the page
rendered by man, the completion function called by bash as it completes a line.

ctest passes their paths (CASELEDGER_MAN_PAGE, CASELEDGER_COMPLETION). What they must
offer is read here from the program's own --help, independently of how cli/man_page.py and
the completion read it.
"""
import os
import pathlib
import re
import subprocess

import pytest


def path_from_environment(name):
    path = os.environ.get(name)
    if not path:
        pytest.fail(f"{name} is not set: run the suite through ctest")
    return pathlib.Path(path).resolve()


@pytest.fixture(scope="module")
def help_of(run_cli):
    def help_text(*command):
        result = run_cli(*command, "--help")
        assert result.returncode == 0, result.stderr
        return result.stdout

    return help_text


@pytest.fixture(scope="module")
def commands(help_of):
    section = help_of().split("Commands:\n")[1].split("\n\n")[0]
    found = [line.split()[0] for line in section.splitlines()]
    assert found == ["report", "headline", "validate"]
    return found


def options_in(help_text):
    """The long options of a help text: every '--name' at the start of an option line."""
    return {match.group(1) for match in
            re.finditer(r"^  (?:-\w \[ )?(--[\w-]+)", help_text, re.M)}


# ---- the man page ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rendered():
    """The page as man shows it on an 80-column UTF-8 terminal, and man's warnings."""
    page = path_from_environment("CASELEDGER_MAN_PAGE")
    result = subprocess.run(
        ["man", "--warnings", "-l", str(page)], capture_output=True, text=True,
        env={**os.environ, "LC_ALL": "C.UTF-8", "MANWIDTH": "80"},
        timeout=60)
    assert result.returncode == 0, result.stderr
    return result


def test_man_renders_the_page_without_a_warning(rendered):
    assert rendered.stderr == ""
    assert rendered.stdout.startswith("CASELEDGER(1)")
    for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "SEE ALSO"):
        assert re.search(rf"^{section}$", rendered.stdout, re.M), section


def test_the_page_documents_every_command_and_option(rendered, help_of, commands, cli_path):
    text = rendered.stdout
    version = subprocess.run([str(cli_path), "--version"], capture_output=True, text=True,
                             check=True).stdout.strip()
    assert text.rstrip().splitlines()[-1].startswith(version)
    # Each command's own heading, then its options, as ASCII a reader can copy.
    parts = re.split(r"^   (report|headline|validate)$", text, flags=re.M)
    assert parts[1::2] == commands
    for command, section in zip(commands, parts[2::2]):
        for option in options_in(help_of(command)):
            assert re.search(rf"^ +(-\w \[ )?{re.escape(option)}\b", section, re.M), \
                (command, option)
    assert "caseledger report LEDGER… --from YYYY-MM-DD --to YYYY-MM-DD" in text


# ---- the bash completion ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def complete(cli_path, tmp_path_factory):
    """What the completion offers for a command line whose last word is being typed, run in
    a folder holding a ledger, a folder of CSV files and a mapping file."""
    script = path_from_environment("CASELEDGER_COMPLETION")
    folder = tmp_path_factory.mktemp("completion")
    (folder / "ledger.json").write_text("{}")
    (folder / "ledgers").mkdir()
    (folder / "mapping.json").write_text("{}")

    def offered(*words):
        line = [str(cli_path.resolve()), *words]
        result = subprocess.run(
            ["bash", "--norc", "--noprofile", "-c",
             'source "$0"; complete -p caseledger >/dev/null || exit 3; '
             'COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; '
             'COMP_POINT=${#COMP_LINE}; _caseledger caseledger; '
             'printf "%s\\n" "${COMPREPLY[@]}"', str(script), *line],
            capture_output=True, text=True, cwd=folder, timeout=60)
        assert result.returncode == 0 and result.stderr == "", result
        return sorted(filter(None, result.stdout.split("\n")))

    return offered


def test_completion_offers_the_commands(complete, commands):
    assert complete("") == sorted([*commands, "--help", "--version"])
    assert complete("re") == ["report"]
    assert complete("v") == ["validate"]


def test_completion_offers_each_commands_own_options(complete, help_of, commands):
    for command in commands:
        assert complete(command, "--") == sorted(options_in(help_of(command))), command
    assert "--max-problems" in complete("validate", "--m")
    assert "--max-problems" not in complete("report", "--m")
    assert complete("report", "--st") == ["--stream", "--strict-columns"]


def test_completion_offers_values_and_files(complete):
    assert complete("report", "--language", "zh") == ["zh-Hans", "zh-Hant"]
    assert complete("headline", "--format", "") == ["markdown", "text"]
    assert complete("validate", "--messages", "") == ["en", "zh"]
    assert complete("report", "--group-by", "district,m") == ["district,month"]
    assert complete("report", "--compare", "") == ["previous", "year-ago"]
    # Ledgers and output files are files; a date is nothing to guess.
    assert complete("report", "l") == ["ledger.json", "ledgers"]
    assert complete("validate", "--mapping", "m") == ["mapping.json"]
    assert complete("report", "--from", "") == []
