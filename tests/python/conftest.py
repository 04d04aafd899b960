"""Shared fixtures for the Python-side tests (CLI, JSON schema, workbook, bindings).

ctest runs this suite with CASELEDGER_CLI pointing at the built command-line program;
run by hand, set it yourself:
    CASELEDGER_CLI=build/cli/caseledger /usr/bin/python3 -m pytest tests/python
"""
import json
import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
REPORT_SCHEMA = SOURCE_DIR / "docs" / "schema" / "caseledger.report-1.schema.json"
FUZHOU_LEDGER = SOURCE_DIR / "samples" / "fuzhou-2020q1" / "ledger.json"


def without_inputs(report):
    """A JSON report without the files it names as its inputs: what two reports of the
    same data read from different files have in common. Bytes or text give the report's
    bytes with the `inputs` block (always the last key) cut out and nothing else changed,
    so that the rest still compares byte for byte; a dict (Report.to_dict()) a copy."""
    if isinstance(report, dict):
        return {key: value for key, value in report.items() if key != "inputs"}
    text = report.decode("utf-8") if isinstance(report, bytes) else report
    start = text.find(',\n  "inputs": [')
    if start < 0:
        return text.encode("utf-8")
    end = text.index("\n  ]", start) + len("\n  ]")
    return (text[:start] + text[end:]).encode("utf-8")


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: long-running (still run by default; -m 'not slow' skips)")
    # The program words its problems in the locale's language (--messages): the tests read
    # English unless they ask otherwise, whatever the machine's locale.
    os.environ["LC_ALL"] = "C.UTF-8"


@pytest.fixture(scope="session")
def cli_path():
    path = os.environ.get("CASELEDGER_CLI")
    if not path:
        pytest.fail("CASELEDGER_CLI is not set: run the suite through ctest")
    return pathlib.Path(path)


@pytest.fixture(scope="session")
def run_cli(cli_path):
    """Runs the caseledger program; returns the CompletedProcess (text mode)."""

    def run(*args, cwd=None):
        return subprocess.run([str(cli_path), *map(str, args)], capture_output=True,
                              text=True, cwd=cwd, timeout=600)

    return run


@pytest.fixture(scope="session")
def validate_report():
    """Validates a parsed JSON report against the repository's schema."""
    import jsonschema

    schema = json.loads(REPORT_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    def validate(document):
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])

    return validate
