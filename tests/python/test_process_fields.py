"""The handling process's fields (issue 17): units, deadlines in working days, extensions
and follow-up calls, through the bindings, the command line and the ledger's JSON schema."""
import datetime
import json

import pytest

import caseledger
from conftest import FUZHOU_LEDGER, SOURCE_DIR

LEDGER_SCHEMA = SOURCE_DIR / "docs" / "schema" / "caseledger.ledger-1.schema.json"


def process_ledger():
    return {
        "format": "caseledger.ledger/1",
        "districts": [{"id": "gulou", "name": "鼓楼区"}],
        "units": [{"id": "rsj", "name": "鼓楼区人社局", "district": "gulou", "kind": "区人社局"},
                  {"id": "swj", "name": "市税务局"}],
        "cases": [
            {"id": "c1", "district": "gulou", "reported_on": "2020-01-23", "category": "labour",
             "unit": "rsj", "co_units": ["swj"], "due_workdays": 7,
             "extended_on": "2020-02-10", "extended_due_on": "2020-02-18",
             "resolved_on": "2020-02-17", "followed_up_on": "2020-02-20",
             "satisfaction": "basically_satisfied"},
            {"id": "c2", "district": "gulou", "reported_on": "2020-02-03", "category": "funding",
             "due_workdays": 5},
        ],
    }


def test_cases_give_the_process_fields_and_the_ledger_its_units():
    book = caseledger.Ledger.from_dict(process_ledger())
    assert book.counts["units"] == 2
    assert book.records("units") == [
        {"id": "rsj", "name": "鼓楼区人社局", "district": "gulou", "kind": "区人社局"},
        {"id": "swj", "name": "市税务局"}]
    first, second = book.records("cases")
    assert first["unit"] == "rsj"
    assert first["co_units"] == ["swj"]
    assert first["due_workdays"] == 7
    # 2020-01-23 + 7 working days, the Spring Festival as extended to 2020-02-02 not counted
    assert first["due_on"] == datetime.date(2020, 2, 11)
    assert first["extended_on"] == datetime.date(2020, 2, 10)
    assert first["extended_due_on"] == datetime.date(2020, 2, 18)
    assert first["followed_up_on"] == datetime.date(2020, 2, 20)
    assert first["satisfaction"] == "basically_satisfied"
    assert second["due_on"] == datetime.date(2020, 2, 10)
    assert "unit" not in second and "co_units" not in second and "satisfaction" not in second
    assert caseledger.Satisfaction.basically_satisfied.zh == "基本满意"
    assert list(caseledger.Satisfaction.__members__) == [
        "satisfied", "basically_satisfied", "dissatisfied"]


def test_the_process_fields_round_trip_through_write_json(tmp_path):
    book = caseledger.Ledger.from_dict(process_ledger())
    written = tmp_path / "process.json"
    book.write_json(written)
    again = caseledger.Ledger.load(written)
    for kind in ("units", "cases"):
        assert again.records(kind) == book.records(kind)
    assert json.loads(written.read_text(encoding="utf-8"))["units"][1] == \
        {"id": "swj", "name": "市税务局"}


@pytest.mark.parametrize("change, message", [
    ({"due_on": "2020-02-10"},
     "/cases/0/due_on (case c1): due_on 2020-02-10 disagrees with due_workdays 7, which gives "
     "2020-02-11 (working days after reported_on 2020-01-23)"),
    ({"reported_on": "2031-01-02", "extended_on": None, "extended_due_on": None,
      "resolved_on": None, "followed_up_on": None, "satisfaction": None},
     "/cases/0/due_workdays (case c1): due_workdays 7 gives no due_on for reported_on "
     "2031-01-02: 2031-01-02 is outside the working-day calendar (2019–2026); add a calendar "
     "file for 2031"),
    ({"extended_on": "2020-02-12"},
     "/cases/0/extended_on (case c1): extended_on 2020-02-12 is after due_on 2020-02-11: an "
     "extension granted after the deadline has passed is refused"),
    ({"followed_up_on": None},
     "/cases/0 (case c1): satisfaction needs followed_up_on (the day of the follow-up call)"),
    ({"co_units": ["zjj"]}, "/cases/0/co_units (case c1): unknown unit 'zjj'"),
    ({"co_units": ["rsj"]},
     "/cases/0/co_units (case c1): unit 'rsj' is the lead unit and cannot also be a co_unit"),
])
def test_each_refusal_names_the_case_field_and_reason(change, message):
    document = process_ledger()
    document["cases"][0].update(change)
    with pytest.raises(caseledger.LedgerError) as raised:
        caseledger.Ledger.from_dict(document)
    assert str(raised.value.problems[0]).endswith(message)


def test_the_command_line_reads_a_calendar_file_for_due_workdays(run_cli, tmp_path):
    document = process_ledger()
    document["cases"] = [{"id": "c1", "district": "gulou", "reported_on": "2027-01-04",
                          "category": "labour", "due_workdays": 5, "due_on": "2027-01-11"}]
    ledger = tmp_path / "ledger.json"
    ledger.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    calendar = tmp_path / "calendar.json"
    calendar.write_text(json.dumps({"format": "caseledger.calendar/1", "years": [2027]}),
                        encoding="utf-8")
    result = run_cli("validate", ledger)
    assert result.returncode == 1
    assert "2027-01-04 is outside the working-day calendar" in result.stdout + result.stderr
    result = run_cli("validate", ledger, "--calendar", calendar)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("0 teams, 2 units")


def test_load_takes_a_calendar_for_due_workdays(tmp_path):
    document = process_ledger()
    document["cases"] = [{"id": "c1", "district": "gulou", "reported_on": "2020-01-23",
                          "category": "labour", "due_workdays": 7}]
    ledger = tmp_path / "ledger.json"
    ledger.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert caseledger.Ledger.load(ledger).records("cases")[0]["due_on"] == \
        datetime.date(2020, 2, 11)
    calendar = tmp_path / "calendar.json"
    # A province that worked on 2020-02-03 to 2020-02-07 would have had them as working days
    # anyway; one that kept 2020-02-03 as a rest day is due a day later.
    calendar.write_text(json.dumps({"format": "caseledger.calendar/1",
                                    "holidays": ["2020-02-03"]}), encoding="utf-8")
    local = caseledger.Calendar.load(calendar)
    assert caseledger.Ledger.load(ledger, calendar=local).records("cases")[0]["due_on"] == \
        datetime.date(2020, 2, 12)
    assert caseledger.Ledger.consolidate([ledger], calendar=local).records("cases")[0][
        "due_on"] == datetime.date(2020, 2, 12)
    assert caseledger.Ledger.validate(ledger, calendar=local) == []
    with pytest.raises(caseledger.UsageError, match="calendar option does not apply to a dict"):
        caseledger.Ledger.validate(document, calendar=local)


def test_the_ledger_schema_accepts_the_samples_and_refuses_what_it_should():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(LEDGER_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(FUZHOU_LEDGER.read_text(encoding="utf-8")), schema)
    jsonschema.validate(process_ledger(), schema)
    for case_change in ({"satisfaction": "ok"}, {"co_units": "swj"}, {"due_workdays": 0},
                        {"followed_up_on": "2020/02/20"}, {"unit_id": "rsj"}):
        document = process_ledger()
        document["cases"][0].update(case_change)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(document, schema)
    document = process_ledger()
    document["units"][0].pop("name")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def test_the_report_counts_the_process_by_unit_and_the_stream_takes_the_calendar(tmp_path):
    # c1: due 2020-02-11 (7 working days after the Spring Festival rest), extended on 02-10 to
    # 02-18, resolved 02-17: on time; 11 working days (02-03…02-07, 02-10…02-14, 02-17).
    # c2: due 02-10 (5 working days), still open at 03-31: overdue. swj helped with c1.
    ledger = tmp_path / "ledger.json"
    ledger.write_text(json.dumps(process_ledger(), ensure_ascii=False), encoding="utf-8")
    book = caseledger.Ledger.load(ledger)
    report = caseledger.report(book, "2020-01-01", "2020-03-31", group_by="unit")
    assert [group.key for group in report.groups] == [{"unit": "rsj"}, {"unit": "swj"},
                                                     {"unit": None}]
    rsj, swj, none = (group.cases for group in report.groups)
    assert (rsj.coordinated, rsj.on_time, rsj.late, rsj.extended) == (1, 1, 0, 1)
    assert rsj.workdays_to_resolve.max == 11
    assert rsj.days_to_resolve.max == 25
    assert rsj.satisfaction == {"satisfied": 0, "basically_satisfied": 1, "dissatisfied": 0}
    assert (rsj.satisfaction_rate.num, rsj.satisfaction_rate.den) == (1, 1)
    assert (rsj.follow_up_rate.num, rsj.follow_up_rate.den) == (1, 1)
    assert (swj.coordinated, swj.co_handled) == (0, 1)
    assert (none.coordinated, none.overdue_open, none.with_due, none.extended) == (1, 1, 1, 0)
    assert none.extension_rate.value == 0.0
    assert report.total.cases.co_handled == 1
    assert report.total.cases.workdays_outside_calendar == 0

    # A province that kept 2020-02-03 as a rest day: one working day fewer for c1.
    calendar = tmp_path / "calendar.json"
    calendar.write_text(json.dumps({"format": "caseledger.calendar/1",
                                    "holidays": ["2020-02-03"]}), encoding="utf-8")
    local = caseledger.Calendar.load(calendar)
    loaded = caseledger.report(caseledger.Ledger.load(ledger, calendar=local),
                               "2020-01-01", "2020-03-31")
    streamed = caseledger.stream_report(ledger, "2020-01-01", "2020-03-31", calendar=local)
    assert loaded.total.cases.workdays_to_resolve.max == 10
    assert streamed.to_json() == loaded.to_json()
    assert streamed.to_json() != caseledger.stream_report(ledger, "2020-01-01",
                                                          "2020-03-31").to_json()
