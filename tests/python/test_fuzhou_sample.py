"""The Fuzhou 2020 Q1 sample reproduces every figure of the seed article.

Two halves:
- the figures computed here in plain Python straight from samples/fuzhou-2020q1/ledger.json,
  by the definitions of docs/metrics.md, without caseledger: this proves the data;
- the same figures in the JSON reports the caseledger command line writes: this proves the
  program reads them the same way.
"""
import collections
import datetime
import decimal
import json

import pytest

from conftest import FUZHOU_LEDGER

Q1 = ("2020-01-01", "2020-03-31")
JAN_FEB = ("2020-01-01", "2020-02-29")

# The fields every record kind may have (model/entities.hpp; a measure's case is "case").
FIELDS = {
    "districts": {"id", "name", "name_en", "parent"},
    "enterprises": {"id", "name", "district", "industry", "key", "resumed_on"},
    "projects": {"id", "name", "district", "key", "resumed_on"},
    "teams": {"id", "district", "kind", "name", "members"},
    "units": {"id", "name", "district", "kind"},
    "cases": {"id", "district", "reported_on", "category", "enterprise", "project", "channel",
              "summary", "team", "due_on", "resolved_on", "closed_on", "status", "unit",
              "co_units", "due_workdays", "extended_on", "extended_due_on", "followed_up_on",
              "satisfaction"},
    "measures": {"id", "district", "kind", "granted_on", "enterprise", "project", "case",
                 "amount", "mode", "workers", "origin", "origin_place", "item", "quantity"},
}
CATEGORIES = ["labour", "funding", "approval", "logistics", "epidemic_supplies",
              "raw_materials", "energy", "policy", "other"]
CHANNELS = ["visit", "phone", "wechat", "website", "media", "hotline", "other"]
MONEY_KINDS = ["subsidy", "fee_reduction", "loan", "allowance"]
MODES = ["chartered_bus", "chartered_flight", "chartered_train", "dedicated_vehicle",
         "self_arranged"]


def day(text):
    return datetime.date.fromisoformat(text)


def fen(amount):
    """An amount string ("400000.00") as whole fen, exactly."""
    value = decimal.Decimal(amount) * 100
    assert value == value.to_integral_value(), amount
    return int(value)


def percent(num, den, decimals):
    """num/den as a percentage rounded half-up to `decimals`, from the integers alone."""
    scaled, remainder = divmod(num * 100 * 10**decimals, den)
    if 2 * remainder >= den:
        scaled += 1
    whole, fraction = divmod(scaled, 10**decimals)
    return f"{whole}.{fraction:0{decimals}d}%" if decimals else f"{whole}%"


def status(case):
    return case.get("status", "resolved" if "resolved_on" in case else "open")


def subject_key(record):
    if "enterprise" in record:
        return "enterprise:" + record["enterprise"]
    if "project" in record:
        return "project:" + record["project"]
    return None


@pytest.fixture(scope="module")
def ledger():
    return json.loads(FUZHOU_LEDGER.read_text(encoding="utf-8"))


def of_district(records, district):
    return [r for r in records if r["district"] == district]


def case_figures(ledger, district, window, as_of=None):
    first, last = day(window[0]), day(window[1])
    as_of = day(as_of) if as_of else last
    figures = collections.Counter()
    for case in of_district(ledger["cases"], district):
        if not first <= day(case["reported_on"]) <= last or status(case) == "withdrawn":
            continue
        figures["coordinated"] += 1
        if status(case) == "resolved" and day(case["resolved_on"]) <= as_of:
            figures["resolved"] += 1
        elif status(case) == "unresolvable" and day(case["closed_on"]) <= as_of:
            figures["unresolvable"] += 1
    return figures


def measures_in(ledger, district, kind, window):
    first, last = day(window[0]), day(window[1])
    return [m for m in of_district(ledger["measures"], district)
            if m["kind"] == kind and first <= day(m["granted_on"]) <= last]


def support(ledger, district, kind, window):
    found = measures_in(ledger, district, kind, window)
    return {"amount": sum(fen(m["amount"]) for m in found), "count": len(found),
            "beneficiaries": len({subject_key(m) for m in found} - {None})}


def resumption(ledger, district, as_of, key_only):
    subjects = of_district(ledger["enterprises"], district) + of_district(ledger["projects"],
                                                                          district)
    tracked = [s for s in subjects if s.get("key", False) or not key_only]
    resumed = [s for s in tracked if "resumed_on" in s and day(s["resumed_on"]) <= day(as_of)]
    return len(resumed), len(tracked)


def team_kinds(ledger, district):
    return collections.Counter(t["kind"] for t in of_district(ledger["teams"], district))


# --- The ledger keeps every rule of the domain -------------------------------------------

def test_ledger_has_only_known_fields_and_unique_ids(ledger):
    assert ledger["format"] == "caseledger.ledger/1"
    assert set(ledger) == {"format", *FIELDS}
    for kind, fields in FIELDS.items():
        ids = [r["id"] for r in ledger[kind]]
        assert len(ids) == len(set(ids)), kind
        for record in ledger[kind]:
            assert set(record) <= fields, (kind, record["id"], set(record) - fields)


def refers_to_known(record, field, known):
    return field not in record or record[field] in known


def test_ledger_references_and_dates_are_consistent(ledger):
    ids = {kind: {r["id"] for r in ledger[kind]} for kind in FIELDS}
    for kind in ("enterprises", "projects", "teams", "cases", "measures"):
        for record in ledger[kind]:
            assert record["district"] in ids["districts"], record["id"]
    for unit in ledger["units"]:
        assert unit["name"] and unit["kind"]
        assert refers_to_known(unit, "district", ids["districts"]), unit["id"]
    for team in ledger["teams"]:
        assert team["kind"] in {"service_team", "party_team", "instructor"}
        assert team.get("members", 0) >= 0
    for case in ledger["cases"]:
        assert not ("enterprise" in case and "project" in case), case["id"]
        assert refers_to_known(case, "enterprise", ids["enterprises"]), case["id"]
        assert refers_to_known(case, "project", ids["projects"]), case["id"]
        assert refers_to_known(case, "team", ids["teams"]), case["id"]
        assert case["category"] in CATEGORIES
        assert case.get("channel", "other") in CHANNELS
        assert case["summary"]
        reported = day(case["reported_on"])
        for field in ("due_on", "resolved_on", "closed_on"):
            if field in case:
                assert day(case[field]) >= reported, (case["id"], field)
        assert case["unit"] in ids["units"], case["id"]
        co_units = case.get("co_units", [])
        assert len(set(co_units)) == len(co_units) and case["unit"] not in co_units, case["id"]
        assert set(co_units) <= ids["units"], case["id"]
        for field in ("extended_on", "extended_due_on", "followed_up_on"):
            if field in case:
                assert "2019-01-01" <= case[field] <= "2026-12-31", (case["id"], field)
        if "extended_on" in case:
            assert case["reported_on"] <= case["extended_on"] <= case["due_on"] < \
                case["extended_due_on"], case["id"]
        if "followed_up_on" in case:
            assert status(case) in ("resolved", "unresolvable"), case["id"]
            assert case["followed_up_on"] >= case.get("resolved_on", case.get("closed_on"))
        assert "satisfaction" not in case or "followed_up_on" in case, case["id"]
        has = {field for field in ("resolved_on", "closed_on") if field in case}
        expected = {"open": set(), "resolved": {"resolved_on"}, "unresolvable": {"closed_on"},
                    "withdrawn": {"closed_on"}}[status(case)]
        assert has == expected, case["id"]
    cases = {c["id"]: c for c in ledger["cases"]}
    for m in ledger["measures"]:
        assert not ("enterprise" in m and "project" in m), m["id"]
        assert refers_to_known(m, "enterprise", ids["enterprises"]), m["id"]
        assert refers_to_known(m, "project", ids["projects"]), m["id"]
        if "case" in m:
            assert m["case"] in cases, m["id"]
            assert cases[m["case"]]["district"] == m["district"], m["id"]
        own = set(m) - {"id", "district", "kind", "granted_on", "enterprise", "project", "case"}
        if m["kind"] in MONEY_KINDS:
            assert own == {"amount"}, m["id"]
            assert fen(m["amount"]) >= 0
        elif m["kind"] == "transport":
            assert {"mode", "workers", "origin"} <= own <= {"mode", "workers", "origin",
                                                             "origin_place"}, m["id"]
            assert m["mode"] in MODES and m["workers"] >= 0
            assert m["origin"] in {"in_province", "out_of_province"}
        else:
            assert m["kind"] == "supplies"
            assert own == {"item", "quantity"} and m["item"] and m["quantity"] >= 0, m["id"]


def test_districts_are_the_articles_four(ledger):
    assert [(d["id"], d["name"], d["name_en"], d["parent"]) for d in ledger["districts"]] == [
        ("cangshan", "仓山区", "Cangshan", "福州市"),
        ("jinan", "晋安区", "Jin'an", "福州市"),
        ("minhou", "闽侯县", "Minhou", "福州市"),
        ("lianjiang", "连江县", "Lianjiang", "福州市"),
    ]


def test_ledger_has_the_texture_the_readme_promises(ledger):
    cases = ledger["cases"]
    assert {c["category"] for c in cases} == set(CATEGORIES)
    assert {c.get("channel") for c in cases} >= set(CHANNELS) - {"other"}
    assert {status(c) for c in cases} == {"open", "resolved", "unresolvable", "withdrawn"}
    december = [c for c in cases if c["reported_on"] < "2020-01-01"]
    assert december and all(c["resolved_on"].startswith("2020-01") for c in december)
    assert any(c.get("resolved_on", "") > "2020-03-31" and c["reported_on"] <= "2020-03-31"
               for c in cases)


# --- The article's figures, computed here from the ledger -------------------------------

def test_cangshan_coordinated_186_resolved_184(ledger):
    figures = case_figures(ledger, "cangshan", Q1)
    assert (figures["coordinated"], figures["resolved"]) == (186, 184)
    assert percent(184, 186, 1) == "98.9%"
    assert percent(184, 186, 0) == "99%"


def test_cangshan_masks_to_936_enterprises_and_sites(ledger):
    masks = [m for m in measures_in(ledger, "cangshan", "supplies", Q1) if m["item"] == "masks"]
    recipients = {subject_key(m) for m in masks}
    assert None not in recipients
    assert len(recipients) == 936
    assert {r.split(":")[0] for r in recipients} == {"enterprise", "project"}
    # Some got two batches and some only after the quarter: the count is of distinct ones.
    assert len(masks) > 936
    later = [m for m in of_district(ledger["measures"], "cangshan")
             if m["kind"] == "supplies" and m["granted_on"] > "2020-03-31"]
    assert {subject_key(m) for m in later} - recipients


def test_cangshan_return_to_work_modes_and_allowances(ledger):
    trips = {(m["mode"], m["origin"]) for m in measures_in(ledger, "cangshan", "transport", Q1)}
    assert {("chartered_bus", "in_province"), ("chartered_flight", "out_of_province"),
            ("chartered_train", "out_of_province"), ("chartered_bus", "out_of_province")} <= trips
    assert "self_arranged" in {mode for mode, _ in trips}
    assert support(ledger, "cangshan", "allowance", Q1)["count"] > 0


def test_cangshan_has_instructors(ledger):
    assert team_kinds(ledger, "cangshan")["instructor"] > 0


def test_jinan_key_resumption_100_percent(ledger):
    resumed, tracked = resumption(ledger, "jinan", "2020-03-31", key_only=True)
    assert tracked > 0 and resumed == tracked
    assert any(p["key"] for p in of_district(ledger["projects"], "jinan"))
    resumed_all, tracked_all = resumption(ledger, "jinan", "2020-03-31", key_only=False)
    assert resumed_all < tracked_all


def test_minhou_fee_reduction_160000_for_minxing(ledger):
    assert support(ledger, "minhou", "fee_reduction", Q1) == {
        "amount": 16000000, "count": 1, "beneficiaries": 1}
    all_time = [m for m in of_district(ledger["measures"], "minhou")
                if m["kind"] == "fee_reduction"]
    assert len(all_time) == 1
    enterprise = next(e for e in ledger["enterprises"] if e["id"] == all_time[0]["enterprise"])
    assert enterprise["name"] == "闽兴公司"
    case = next(c for c in ledger["cases"] if c["id"] == all_time[0]["case"])
    assert case["category"] == "energy" and case["enterprise"] == enterprise["id"]


def test_minhou_teams_16_service_19_party(ledger):
    kinds = team_kinds(ledger, "minhou")
    assert (kinds["service_team"], kinds["party_team"], kinds["instructor"]) == (16, 19, 0)


def test_minhou_resolved_763(ledger):
    figures = case_figures(ledger, "minhou", Q1)
    assert figures["resolved"] == 763
    assert figures["coordinated"] > 763


def test_lianjiang_subsidy_loan_and_longxi_workers(ledger):
    assert support(ledger, "lianjiang", "subsidy", Q1) == {
        "amount": 40000000, "count": 1, "beneficiaries": 1}
    assert support(ledger, "lianjiang", "loan", Q1) == {
        "amount": 550000000, "count": 1, "beneficiaries": 1}
    industries = {e["id"]: e["industry"] for e in ledger["enterprises"]}
    assert "农" in industries[measures_in(ledger, "lianjiang", "subsidy", Q1)[0]["enterprise"]]
    assert industries[measures_in(ledger, "lianjiang", "loan", Q1)[0]["enterprise"]] == "建筑业"
    transport = [m for m in of_district(ledger["measures"], "lianjiang")
                 if m["kind"] == "transport"]
    assert [(m["mode"], m["origin"], m["origin_place"], m["workers"]) for m in transport] == [
        ("dedicated_vehicle", "out_of_province", "陇西", 60)]


def test_lianjiang_january_february_38_coordinated_33_resolved(ledger):
    figures = case_figures(ledger, "lianjiang", JAN_FEB)
    assert (figures["coordinated"], figures["resolved"]) == (38, 33)
    assert percent(33, 38, 1) == "86.8%"
    in_window = [c for c in of_district(ledger["cases"], "lianjiang")
                 if "2020-01-01" <= c["reported_on"] <= "2020-02-29"]
    assert all("project" in c for c in in_window)


# --- The same figures through the command line ------------------------------------------

def cli_report(run_cli, validate_report, tmp_path, window, *options):
    out = tmp_path / "report.json"
    done = run_cli("report", FUZHOU_LEDGER, "--from", window[0], "--to", window[1],
                   "--json", out, *options)
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    validate_report(report)
    return {g["key"]["district"]: g for g in report["groups"]}, report


@pytest.fixture(scope="module")
def q1_report(run_cli, validate_report, tmp_path_factory):
    return cli_report(run_cli, validate_report, tmp_path_factory.mktemp("q1"), Q1)


def test_cli_q1_report_matches_the_ledger(q1_report, ledger):
    groups, report = q1_report
    assert report["window"] == {"from": "2020-01-01", "to": "2020-03-31"}
    assert report["as_of"] == "2020-03-31"
    assert report["options"]["rate_decimals"] == 1
    assert list(groups) == ["cangshan", "jinan", "lianjiang", "minhou"]
    for district, group in groups.items():
        figures = case_figures(ledger, district, Q1)
        cases = group["cases"]
        assert (cases["coordinated"], cases["resolved"], cases["unresolvable"]) == (
            figures["coordinated"], figures["resolved"], figures["unresolvable"]), district
        for kind in MONEY_KINDS:
            expected = support(ledger, district, kind, Q1)
            got = group["support"][kind]
            assert (fen(got["amount"]), got["count"], got["beneficiaries"]) == (
                expected["amount"], expected["count"], expected["beneficiaries"]), (district, kind)
        kinds = team_kinds(ledger, district)
        assert group["teams"] == {k: kinds[k] for k in ("service_team", "party_team",
                                                         "instructor")}


def test_cli_q1_cangshan(q1_report):
    cangshan = q1_report[0]["cangshan"]
    assert cangshan["label"] == {"zh": "仓山区", "en": "Cangshan"}
    cases = cangshan["cases"]
    assert (cases["coordinated"], cases["resolved"]) == (186, 184)
    assert cases["resolution_rate"]["num"] == 184 and cases["resolution_rate"]["den"] == 186
    assert cases["resolution_rate"]["display"] == "98.9%"
    assert cangshan["supplies"]["masks"]["recipients"] == 936
    by_mode = cangshan["return_to_work"]["by_mode"]
    for mode in ("chartered_bus", "chartered_flight", "chartered_train", "self_arranged"):
        assert by_mode[mode] > 0, mode
    assert cangshan["return_to_work"]["by_origin"]["in_province"] > 0
    assert cangshan["return_to_work"]["by_origin"]["out_of_province"] > 0
    assert cangshan["support"]["allowance"]["count"] > 0
    assert cangshan["teams"]["instructor"] > 0


def test_cli_q1_minhou(q1_report):
    minhou = q1_report[0]["minhou"]
    assert minhou["cases"]["resolved"] == 763
    assert minhou["support"]["fee_reduction"] == {
        "amount": "160000.00", "count": 1, "beneficiaries": 1}
    assert (minhou["teams"]["service_team"], minhou["teams"]["party_team"]) == (16, 19)


def test_cli_q1_lianjiang(q1_report):
    lianjiang = q1_report[0]["lianjiang"]
    assert lianjiang["support"]["subsidy"] == {
        "amount": "400000.00", "count": 1, "beneficiaries": 1}
    assert lianjiang["support"]["loan"] == {
        "amount": "5500000.00", "count": 1, "beneficiaries": 1}
    back = lianjiang["return_to_work"]
    assert (back["workers"], back["trips"]) == (60, 1)
    assert back["by_mode"]["dedicated_vehicle"] == 60
    assert back["by_origin"]["out_of_province"] == 60


def test_cli_rate_with_no_decimals_is_the_articles_99_percent(run_cli, validate_report,
                                                              tmp_path):
    groups, report = cli_report(run_cli, validate_report, tmp_path, Q1, "--rate-decimals", "0")
    assert report["options"]["rate_decimals"] == 0
    assert groups["cangshan"]["cases"]["resolution_rate"]["display"] == "99%"


def test_cli_key_only_resumption_of_jinan(run_cli, validate_report, tmp_path, ledger):
    groups, report = cli_report(run_cli, validate_report, tmp_path, Q1,
                                "--key-only-resumption")
    assert report["options"]["key_only_resumption"] is True
    resumed, tracked = resumption(ledger, "jinan", "2020-03-31", key_only=True)
    rate = groups["jinan"]["resumption"]["rate"]
    assert (rate["num"], rate["den"], rate["value"], rate["display"]) == (
        resumed, tracked, 1.0, "100.0%")


def test_cli_full_resumption_of_jinan_is_below_100(q1_report, ledger):
    resumed, tracked = resumption(ledger, "jinan", "2020-03-31", key_only=False)
    jinan = q1_report[0]["jinan"]["resumption"]
    assert (jinan["tracked"], jinan["resumed"]) == (tracked, resumed)
    assert jinan["rate"]["value"] < 1


def test_cli_lianjiang_january_february(run_cli, validate_report, tmp_path):
    groups, report = cli_report(run_cli, validate_report, tmp_path, JAN_FEB)
    assert report["as_of"] == "2020-02-29"
    rate = groups["lianjiang"]["cases"]["resolution_rate"]
    assert (rate["num"], rate["den"], rate["display"]) == (33, 38, "86.8%")
