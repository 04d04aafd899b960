"""caseledger.Calendar: the working-day calendar from Python (docs/calendar.md)."""
import datetime
import json

import pytest

import caseledger

D = datetime.date


@pytest.fixture(scope="module")
def china():
    return caseledger.Calendar.china()


def test_the_shipped_calendar(china):
    assert (china.first_year, china.last_year) == (2019, 2026)
    assert repr(china) == "<Calendar 2019–2026>"
    assert china.covers(D(2019, 1, 1)) and not china.covers(D(2027, 1, 1))


def test_spring_festival_2020_as_extended(china):
    # Rest 2020-01-24..02-02 (extended from 01-30; Saturday 02-01 was to be worked).
    assert not china.is_workday(D(2020, 2, 1))
    assert china.is_workday(D(2020, 2, 3))
    assert china.add_workdays(D(2020, 1, 23), 7) == D(2020, 2, 11)
    assert china.workdays(D(2020, 1, 23), D(2020, 2, 11)) == 7
    assert china.workdays(D(2020, 2, 11), D(2020, 1, 23)) == -7
    assert china.add_workdays(D(2020, 1, 23), 0) == D(2020, 1, 23)


def test_tiaoxiu_days_and_new_year(china):
    assert china.is_workday(D(2026, 2, 14))  # a Saturday worked
    assert china.add_workdays(D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert china.add_workdays(D(2026, 2, 13), 2) == D(2026, 2, 24)
    assert china.add_workdays(D(2024, 12, 31), 3) == D(2025, 1, 6)
    assert china.add_workdays(D(2025, 12, 31), 1) == D(2026, 1, 4)  # a Sunday worked


def test_iso_strings_are_dates_too(china):
    assert china.add_workdays("2020-01-23", 7) == D(2020, 2, 11)
    assert china.is_workday("2020-01-19")
    with pytest.raises(TypeError):
        china.is_workday(datetime.datetime(2020, 1, 19, 9, 30))  # a time would be dropped


def test_agrees_with_counting_day_by_day(china):
    day = D(2019, 1, 1)
    counted = 0
    while day < D(2026, 12, 31):
        day += datetime.timedelta(days=1)
        counted += china.is_workday(day)
        assert china.workdays(D(2019, 1, 1), day) == counted


def test_a_date_outside_the_calendar_is_an_error(china):
    with pytest.raises(caseledger.UsageError) as raised:
        china.is_workday(D(2031, 1, 2))
    assert str(raised.value) == ("2031-01-02 is outside the working-day calendar (2019–2026); "
                                 "add a calendar file for 2031")
    with pytest.raises(caseledger.UsageError, match=r"^the 2nd working day after 2026-12-30 falls"):
        china.add_workdays(D(2026, 12, 30), 2)
    with pytest.raises(caseledger.UsageError, match="counts forward"):
        china.add_workdays(D(2020, 1, 23), -1)


def test_a_calendar_of_its_own_days():
    plain = caseledger.Calendar(2030, 2030, holidays=[D(2030, 1, 1)], workdays=["2030-01-05"])
    assert not plain.is_workday(D(2030, 1, 1))
    assert plain.is_workday(D(2030, 1, 5))
    assert plain.add_workdays(D(2030, 1, 1), 4) == D(2030, 1, 5)
    with pytest.raises(caseledger.UsageError, match="listed both"):
        caseledger.Calendar(2030, 2030, holidays=[D(2030, 1, 1)], workdays=[D(2030, 1, 1)])


def _write(tmp_path, document, name="fujian.json"):
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_calendar_file(tmp_path, china):
    path = _write(tmp_path, {"format": "caseledger.calendar/1", "years": [2027],
                             "holidays": ["2026-09-28", "2027-01-01"], "workdays": ["2027-01-02"]})
    fujian = caseledger.Calendar.load(path)
    assert (fujian.first_year, fujian.last_year) == (2019, 2027)
    assert not fujian.is_workday(D(2026, 9, 28)) and china.is_workday(D(2026, 9, 28))
    assert fujian.add_workdays(D(2026, 12, 31), 1) == D(2027, 1, 2)
    assert china.with_file(path).is_workday(D(2027, 1, 2))
    # Over another base.
    more = _write(tmp_path, {"format": "caseledger.calendar/1", "years": [2028]}, "more.json")
    assert caseledger.Calendar.load(more, base=fujian).last_year == 2028
    assert fujian.with_file(more).last_year == 2028


def test_a_calendar_file_refused(tmp_path):
    path = _write(tmp_path, {"format": "caseledger.calendar/1",
                             "holidays": ["2026-10-09"], "workdays": ["2026-10-09"]})
    with pytest.raises(caseledger.LedgerError) as raised:
        caseledger.Calendar.load(path)
    error = raised.value
    assert str(error) == (f"{path}: workdays[0]: 2026-10-09 is also listed as a holiday "
                          "(holidays[0])")
    assert (error.file, error.field) == (str(path), "workdays[0]")
    path = _write(tmp_path, {"format": "caseledger.calendar/1", "holidays": ["2031-05-01"]})
    with pytest.raises(caseledger.LedgerError, match="outside the working-day calendar"):
        caseledger.Calendar.load(path)
    with pytest.raises(FileNotFoundError):
        caseledger.Calendar.load(tmp_path / "missing.json")


def test_the_schema_accepts_a_sample_and_refuses_unknown_keys(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    from conftest import SOURCE_DIR

    schema = json.loads((SOURCE_DIR / "docs" / "schema" / "caseledger.calendar-1.schema.json")
                        .read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    good = {"format": "caseledger.calendar/1", "source": "…", "years": [2027],
            "holidays": ["2027-01-01"], "workdays": ["2027-02-20"]}
    jsonschema.validate(good, schema)
    for bad in ({"years": [2027]}, {**good, "holiday": []}, {**good, "holidays": ["2027/01/01"]},
                {**good, "years": [2027, 2027]}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)


def test_the_documented_example_runs(tmp_path):
    """docs/calendar.md's calendar file and Python example: each print() shows its output
    in a comment on the same line."""
    import re
    import subprocess
    import sys

    from conftest import SOURCE_DIR

    page = (SOURCE_DIR / "docs" / "calendar.md").read_text(encoding="utf-8")
    document = re.search(r"<!-- calendar-2027\.json: .*? -->\s*```json\n(.*?)```", page, re.S)
    example = re.search(r"<!-- example: run by tests/python/test_calendar\.py -->\s*```python\n"
                        r"(.*?)```", page, re.S)
    (tmp_path / "calendar-2027.json").write_text(document.group(1), encoding="utf-8")
    (tmp_path / "example.py").write_text(example.group(1), encoding="utf-8")
    done = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    shown = [line.split("# ", 1)[1].strip() for line in example.group(1).splitlines()
             if line.startswith("print(") and "# " in line]
    assert len(shown) == 5 and done.stdout.splitlines() == shown
