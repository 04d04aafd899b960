"""The handling process's figures (issue 17), checked independently of caseledger.

A seeded random ledger of a few thousand cases in three districts and seven units, with every
process field and the edge cases the definitions turn on (extensions granted after as_of,
follow-up calls after as_of, cases reported after as_of, withdrawn cases, deadlines on as_of
itself, cases resolved on their deadline, dates at the edges of the working-day calendar and
beyond it), is reported by the command line grouped by district, by unit and by both; every
process figure of every group and of the total is computed again here in plain Python, with
a working-day calendar of its own, and must be the same. The Fuzhou sample's figures are
checked the same way.

The definitions (docs/metrics.md, "The handling process"):
- effective due: extended_due_on when extended_on <= as_of, else due_on;
- on_time / late against the effective due, as for due_on before;
- overdue_open: coordinated, reported by as_of, neither resolved nor unresolvable by as_of,
  effective due < as_of;
- with_due, extended (extended_on <= as_of), extension_rate;
- workdays_to_resolve over the resolved cases: workdays(reported_on, resolved_on), the number
  of working days d with reported_on < d <= resolved_on; cases outside the calendar counted
  apart;
- followed_up: resolved or unresolvable by as_of, followed_up_on <= as_of; follow_up_rate;
- satisfaction of those followed up, satisfaction_rate;
- co_handled: (coordinated case, co-unit) pairs; grouped by unit they go to the co-unit.
"""
import collections
import datetime
import json
import random

import pytest

from conftest import FUZHOU_LEDGER

day = datetime.date.fromisoformat
ONE_DAY = datetime.timedelta(days=1)

# --- A working-day calendar of our own -------------------------------------------------------
#
# Mainland China's public holidays and the weekend days worked (调休上班), 2019–2026, as the
# State Council General Office's notices give them (国务院办公厅关于XXXX年部分节假日安排的通知:
# 国办发明电〔2018〕15号 for 2019, amended by 〔2019〕3号 (Labour Day 05-01–05-04); 〔2019〕16号 for
# 2020, amended by 〔2020〕1号 (the Spring Festival extended to 02-02, so Saturday 02-01 is no
# longer worked); 〔2020〕27号 for 2021; 〔2021〕11号 for 2022; 〔2022〕16号 for 2023; 〔2023〕7号 for
# 2024; 〔2024〕12号 for 2025; 〔2025〕7号 for 2026). Rest blocks as the notices give them, weekends
# included; a block's days outside 2019–2026 (2018-12-30, 2018-12-31) are left out.
HOLIDAYS = {
    2019: [("01-01", "01-01"), ("02-04", "02-10"), ("04-05", "04-07"), ("05-01", "05-04"),
           ("06-07", "06-09"), ("09-13", "09-15"), ("10-01", "10-07")],
    2020: [("01-01", "01-01"), ("01-24", "02-02"), ("04-04", "04-06"), ("05-01", "05-05"),
           ("06-25", "06-27"), ("10-01", "10-08")],
    2021: [("01-01", "01-03"), ("02-11", "02-17"), ("04-03", "04-05"), ("05-01", "05-05"),
           ("06-12", "06-14"), ("09-19", "09-21"), ("10-01", "10-07")],
    2022: [("01-01", "01-03"), ("01-31", "02-06"), ("04-03", "04-05"), ("04-30", "05-04"),
           ("06-03", "06-05"), ("09-10", "09-12"), ("10-01", "10-07"), ("12-31", "12-31")],
    2023: [("01-01", "01-02"), ("01-21", "01-27"), ("04-05", "04-05"), ("04-29", "05-03"),
           ("06-22", "06-24"), ("09-29", "10-06")],
    2024: [("01-01", "01-01"), ("02-10", "02-17"), ("04-04", "04-06"), ("05-01", "05-05"),
           ("06-08", "06-10"), ("09-15", "09-17"), ("10-01", "10-07")],
    2025: [("01-01", "01-01"), ("01-28", "02-04"), ("04-04", "04-06"), ("05-01", "05-05"),
           ("05-31", "06-02"), ("10-01", "10-08")],
    2026: [("01-01", "01-03"), ("02-15", "02-23"), ("04-04", "04-06"), ("05-01", "05-05"),
           ("06-19", "06-21"), ("09-25", "09-27"), ("10-01", "10-07")],
}
WORKED_WEEKENDS = {
    2019: ["02-02", "02-03", "04-28", "05-05", "09-29", "10-12"],
    2020: ["01-19", "04-26", "05-09", "06-28", "09-27", "10-10"],
    2021: ["02-07", "02-20", "04-25", "05-08", "09-18", "09-26", "10-09"],
    2022: ["01-29", "01-30", "04-02", "04-24", "05-07", "10-08", "10-09"],
    2023: ["01-28", "01-29", "04-23", "05-06", "06-25", "10-07", "10-08"],
    2024: ["02-04", "02-18", "04-07", "04-28", "05-11", "09-14", "09-29", "10-12"],
    2025: ["01-26", "02-08", "04-27", "09-28", "10-11"],
    2026: ["01-04", "02-14", "02-28", "05-09", "09-20", "10-10"],
}


class OutsideCalendar(Exception):
    pass


class WorkCalendar:
    """Working days of 2019–2026: Monday to Friday, minus HOLIDAYS, plus WORKED_WEEKENDS."""

    def __init__(self):
        self.first = datetime.date(min(HOLIDAYS), 1, 1)
        self.last = datetime.date(max(HOLIDAYS), 12, 31)
        rest = set()
        for year, blocks in HOLIDAYS.items():
            for start, end in blocks:
                d, stop = day(f"{year}-{start}"), day(f"{year}-{end}")
                while d <= stop:
                    rest.add(d)
                    d += ONE_DAY
        worked = {day(f"{year}-{md}") for year, days in WORKED_WEEKENDS.items() for md in days}
        assert not rest & worked
        assert all(d.weekday() >= 5 for d in worked)
        self.working = set()
        d = self.first
        while d <= self.last:
            if (d.weekday() < 5 and d not in rest) or d in worked:
                self.working.add(d)
            d += ONE_DAY
        # up_to[d]: the working days from the calendar's first day to d, d included.
        self.up_to = {}
        count = 0
        d = self.first
        while d <= self.last:
            count += d in self.working
            self.up_to[d] = count
            d += ONE_DAY

    def covers(self, d):
        return self.first <= d <= self.last

    def is_workday(self, d):
        if not self.covers(d):
            raise OutsideCalendar(d)
        return d in self.working

    def workdays(self, a, b):
        """The working days d with a < d <= b (a <= b)."""
        if not (self.covers(a) and self.covers(b)):
            raise OutsideCalendar(a if not self.covers(a) else b)
        assert a <= b
        return self.up_to[b] - self.up_to[a]

    def add_workdays(self, a, n):
        """The n-th working day after a."""
        d = a
        while n > 0:
            d += ONE_DAY
            if self.is_workday(d):
                n -= 1
        return d


CALENDAR = WorkCalendar()


def test_our_calendar_has_each_years_working_days():
    # Each year's working days as docs/calendar.md counts them from the same notices.
    expected = {2019: 250, 2020: 249, 2021: 250, 2022: 249, 2023: 249, 2024: 251, 2025: 248,
                2026: 248}
    for year, count in expected.items():
        assert sum(1 for d in CALENDAR.working if d.year == year) == count, year
    # The 7 working days after Thursday 2020-01-23 skip the extended Spring Festival.
    assert CALENDAR.add_workdays(day("2020-01-23"), 7) == day("2020-02-11")
    assert not CALENDAR.is_workday(day("2020-02-01"))
    assert CALENDAR.workdays(day("2020-01-23"), day("2020-02-11")) == 7


def test_our_calendar_agrees_with_caseledgers_day_by_day():
    """A sanity check apart from the figures: the two calendars agree on every day."""
    caseledger = pytest.importorskip("caseledger")
    china = caseledger.Calendar.china()
    d = CALENDAR.first
    while d <= CALENDAR.last:
        assert china.is_workday(d) == CALENDAR.is_workday(d), d
        d += ONE_DAY


# --- The figures, computed here ---------------------------------------------------------------

def percent(num, den, decimals=1):
    """num/den as a percentage rounded half-up to `decimals`, in integers."""
    scaled, remainder = divmod(num * 100 * 10**decimals, den)
    if 2 * remainder >= den:
        scaled += 1
    whole, fraction = divmod(scaled, 10**decimals)
    return f"{whole}.{fraction:0{decimals}d}%" if decimals else f"{whole}%"


def rate(num, den):
    return {"num": num, "den": den, "value": num / den if den else None,
            "display": percent(num, den) if den else None}


def nearest_rank(values, p):
    """The smallest value with at least p% of the values at or below it."""
    rank = max(1, -(-p * len(values) // 100))
    return values[rank - 1]


def day_stats(values, outside):
    values = sorted(values)
    n = len(values)
    if not n:
        return {"count": 0, "mean": None, "median": None, "p90": None, "max": None,
                "outside_calendar": outside}
    # The mean rounded half up to one decimal, in integers.
    tenths = (20 * sum(values) + n) // (2 * n)
    return {"count": n, "mean": tenths / 10, "median": nearest_rank(values, 50),
            "p90": nearest_rank(values, 90), "max": values[-1], "outside_calendar": outside}


def status(case):
    return case.get("status", "resolved" if "resolved_on" in case else "open")


def date_of(case, field):
    return day(case[field]) if field in case else None


class Figures:
    """One group's process figures."""

    def __init__(self):
        self.count = collections.Counter()
        self.workdays = []
        self.satisfaction = collections.Counter()

    def add_case(self, case, as_of):
        c = self.count
        reported = day(case["reported_on"])
        resolved_on, closed_on = date_of(case, "resolved_on"), date_of(case, "closed_on")
        resolved = status(case) == "resolved" and resolved_on <= as_of
        unresolvable = status(case) == "unresolvable" and closed_on <= as_of
        c["resolved"] += resolved
        c["unresolvable"] += unresolvable
        due = date_of(case, "due_on")
        if due is not None:
            extended_on = date_of(case, "extended_on")
            extended = extended_on is not None and extended_on <= as_of
            effective = date_of(case, "extended_due_on") if extended else due
            c["with_due"] += 1
            c["extended"] += extended
            if resolved:
                c["on_time" if resolved_on <= effective else "late"] += 1
            elif effective < as_of:
                c["late"] += 1
            open_at_as_of = not resolved and not unresolvable and reported <= as_of
            c["overdue_open"] += open_at_as_of and effective < as_of
        if resolved:
            try:
                self.workdays.append(CALENDAR.workdays(reported, resolved_on))
            except OutsideCalendar:
                c["outside_calendar"] += 1
        followed_up_on = date_of(case, "followed_up_on")
        if (resolved or unresolvable) and followed_up_on is not None and followed_up_on <= as_of:
            c["followed_up"] += 1
            if "satisfaction" in case:
                self.satisfaction[case["satisfaction"]] += 1

    def as_report(self):
        c, s = self.count, self.satisfaction
        happy = s["satisfied"] + s["basically_satisfied"]
        return {
            "on_time_rate": rate(c["on_time"], c["on_time"] + c["late"]),
            "overdue_open": c["overdue_open"],
            "with_due": c["with_due"],
            "extended": c["extended"],
            "extension_rate": rate(c["extended"], c["with_due"]),
            "workdays_to_resolve": day_stats(self.workdays, c["outside_calendar"]),
            "followed_up": c["followed_up"],
            "follow_up_rate": rate(c["followed_up"], c["resolved"] + c["unresolvable"]),
            "satisfaction": {level: s[level]
                             for level in ("satisfied", "basically_satisfied", "dissatisfied")},
            "satisfaction_rate": rate(happy, happy + s["dissatisfied"]),
            "co_handled": c["co_handled"],
        }


ZERO = Figures().as_report()


def expected_figures(ledger, window, as_of, group_by):
    """{key tuple: figures} per group, and the total's figures."""
    first, last = day(window[0]), day(window[1])
    groups = collections.defaultdict(Figures)
    total = Figures()
    for case in ledger["cases"]:
        if not first <= day(case["reported_on"]) <= last or status(case) == "withdrawn":
            continue
        own = {"district": case["district"], "unit": case.get("unit")}
        key = tuple(own[dimension] for dimension in group_by)
        groups[key].add_case(case, as_of)
        total.add_case(case, as_of)
        # A co-unit's share goes to the co-unit's group when grouped by unit, else to the
        # case's own group.
        for co_unit in case.get("co_units", []):
            helped = dict(own, unit=co_unit)
            groups[tuple(helped[dimension] for dimension in group_by)].count["co_handled"] += 1
            total.count["co_handled"] += 1
    return {key: figures.as_report() for key, figures in groups.items()}, total.as_report()


def process_part(cases):
    return {name: cases[name] for name in ZERO}


def cli_report(run_cli, validate_report, ledger_path, out, window, as_of, group_by):
    args = ["report", ledger_path, "--from", window[0], "--to", window[1], "--json", out,
            "--group-by", ",".join(group_by)]
    if as_of:
        args += ["--as-of", as_of]
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    validate_report(report)
    assert report["group_by"] == list(group_by)
    return report


def assert_same_figures(report, ledger, window, as_of, group_by):
    groups, total = expected_figures(ledger, window, day(as_of or window[1]), group_by)
    got = {tuple(g["key"][d] for d in group_by): process_part(g["cases"])
           for g in report["groups"]}
    assert len(got) == len(report["groups"])
    for key, figures in got.items():
        assert figures == groups.get(key, ZERO), (group_by, key)
    # Every group with a process figure is in the report (a unit that only helped included).
    for key, figures in groups.items():
        if figures != ZERO:
            assert key in got, (group_by, key)
    assert process_part(report["total"]["cases"]) == total
    return groups, total


# --- A random ledger with every edge ---------------------------------------------------------

DISTRICTS = [{"id": "gulou", "name": "鼓楼区", "name_en": "Gulou", "parent": "福州市"},
             {"id": "taijiang", "name": "台江区", "name_en": "Taijiang", "parent": "福州市"},
             {"id": "mawei", "name": "马尾区", "name_en": "Mawei", "parent": "福州市"}]
UNITS = [
    {"id": "GL-RSJ", "name": "鼓楼区人力资源和社会保障局", "district": "gulou", "kind": "区人社局"},
    {"id": "GL-FGJ", "name": "鼓楼区发展和改革局", "district": "gulou", "kind": "区发改局"},
    {"id": "TJ-RSJ", "name": "台江区人力资源和社会保障局", "district": "taijiang",
     "kind": "区人社局"},
    {"id": "TJ-ZJJ", "name": "台江区住房和城乡建设局", "district": "taijiang", "kind": "区住建局"},
    {"id": "MW-GXJ", "name": "马尾区工业和信息化局", "district": "mawei", "kind": "区工信局"},
    {"id": "FZ-JTJ", "name": "福州市交通运输局", "kind": "市交通运输局"},
    # Never a lead unit: its groups hold only what it helped with.
    {"id": "FZ-SWJ", "name": "国家税务总局福州市税务局", "kind": "市税务局"},
]
LEADS = {"gulou": ["GL-RSJ", "GL-FGJ", "FZ-JTJ"], "taijiang": ["TJ-RSJ", "TJ-ZJJ", "FZ-JTJ"],
         "mawei": ["MW-GXJ", "FZ-JTJ"]}

# The reports checked: (window, as_of or None for the window's end).
Q1 = ("2020-01-01", "2020-03-31")
RUNS = [
    (Q1, None),
    (Q1, "2020-04-30"),   # a late look: more resolved, extensions and calls counted
    (Q1, "2020-03-10"),   # inside the window: cases reported after as_of
    (("2018-12-01", "2027-01-31"), None),  # everything, dates outside the calendar included
]
AS_OF_DAYS = [day("2020-03-31"), day("2020-04-30"), day("2020-03-10"), day("2027-01-31")]
GROUPINGS = [("district",), ("unit",), ("district", "unit"), ("unit", "district")]


def random_day(rng, first, last):
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def near_as_of(rng, not_before):
    """An as_of day, or the day before or after it, not before `not_before` (else None)."""
    d = rng.choice(AS_OF_DAYS) + rng.choice([-1, 0, 0, 1]) * ONE_DAY
    return d if d >= not_before else None


def reported_day(rng):
    roll = rng.random()
    if roll < 0.86:
        return random_day(rng, day("2019-12-01"), day("2020-05-15"))
    if roll < 0.90:
        return near_as_of(rng, day("2019-01-01")) or day("2020-03-31")
    if roll < 0.93:
        return random_day(rng, day("2019-01-01"), day("2019-01-10"))
    if roll < 0.97:
        return random_day(rng, day("2026-12-20"), day("2026-12-31"))
    # Before the calendar's first year: no working days to count.
    return random_day(rng, day("2018-12-20"), day("2018-12-31"))


def later(rng, start, spread):
    """A day from `start` on: mostly within days, a long tail."""
    return start + datetime.timedelta(days=min(int(rng.expovariate(1 / spread)), 120))


def random_case(rng, number, district, enterprises):
    reported = reported_day(rng)
    case = {"id": f"C{number:05d}", "district": district, "reported_on": reported,
            "category": rng.choice(["labour", "funding", "approval", "logistics", "policy"])}
    if rng.random() < 0.7:
        case["enterprise"] = rng.choice(enterprises[district])
    if rng.random() < 0.92:
        case["unit"] = rng.choice(LEADS[district] if rng.random() < 0.9
                                  else [u["id"] for u in UNITS[:-1]])
    if rng.random() < 0.3:
        others = [u["id"] for u in UNITS if u["id"] != case.get("unit")]
        case["co_units"] = rng.sample(others, rng.choice([1, 1, 1, 2]))

    # The deadline: none, working days (the reader derives due_on), both, or a date.
    in_calendar = CALENDAR.covers(reported) and reported <= day("2026-12-01")
    due = None
    roll = rng.random()
    if roll < 0.2:
        pass
    elif roll < 0.55 and in_calendar:
        case["due_workdays"] = rng.choice([7, 7, 7, 7, 3, 5, 15])
        due = CALENDAR.add_workdays(reported, case["due_workdays"])
    elif roll < 0.65 and in_calendar:
        case["due_workdays"] = rng.choice([7, 10])
        due = case["due_on"] = CALENDAR.add_workdays(reported, case["due_workdays"])
    else:
        due = near_as_of(rng, reported) if rng.random() < 0.15 else None
        due = case["due_on"] = due or reported + datetime.timedelta(days=rng.randint(0, 30))

    # An extension, granted on or before the original deadline: some after as_of.
    extended_due = None
    if due is not None and rng.random() < 0.2:
        granted = rng.choice([due, random_day(rng, reported, due), near_as_of(rng, reported)])
        case["extended_on"] = granted if granted and granted <= due else due
        extended_due = due + datetime.timedelta(days=rng.randint(1, 25))
        case["extended_due_on"] = extended_due

    # The outcome.
    roll = rng.random()
    if roll < 0.74:
        case["status"] = "resolved"
        pick = rng.random()
        if due is not None and pick < 0.12:
            settled = due  # resolved on the deadline
        elif extended_due is not None and pick < 0.3:
            settled = extended_due  # on the extended one
        elif pick < 0.38:
            settled = near_as_of(rng, reported) or reported
        else:
            settled = later(rng, reported, 9)
        case["resolved_on"] = settled
    elif roll < 0.84:
        case["status"] = "open"
        settled = None
    elif roll < 0.93:
        case["status"] = "unresolvable"
        settled = case["closed_on"] = later(rng, reported, 20)
    else:
        case["status"] = "withdrawn"
        settled = case["closed_on"] = later(rng, reported, 5)

    # The follow-up call, once a case is resolved or found unresolvable: some after as_of.
    if case["status"] in ("resolved", "unresolvable") and rng.random() < 0.7:
        call = near_as_of(rng, settled) if rng.random() < 0.15 else None
        case["followed_up_on"] = call or later(rng, settled, 4)
        if rng.random() < 0.88:
            case["satisfaction"] = rng.choices(
                ["satisfied", "basically_satisfied", "dissatisfied"], [70, 20, 10])[0]
    return {name: value.isoformat() if isinstance(value, datetime.date) else value
            for name, value in case.items()}


def random_ledger(seed, cases):
    rng = random.Random(seed)
    enterprises = {d["id"]: [f"{d['id']}-e{i}" for i in range(1, 41)] for d in DISTRICTS}
    return {
        "format": "caseledger.ledger/1",
        "districts": DISTRICTS,
        "enterprises": [{"id": e, "name": f"企业{e}", "district": d}
                        for d, ids in enterprises.items() for e in ids],
        "units": UNITS,
        "cases": [random_case(rng, n, rng.choice([d["id"] for d in DISTRICTS]), enterprises)
                  for n in range(1, cases + 1)],
    }


@pytest.fixture(scope="module")
def random_book(tmp_path_factory):
    ledger = random_ledger(seed=20200331, cases=4000)
    path = tmp_path_factory.mktemp("process") / "ledger.json"
    path.write_text(json.dumps(ledger, ensure_ascii=False, indent=1), encoding="utf-8")
    # The reader derives due_on from due_workdays; the figures here need it too, from our
    # own calendar.
    for case in ledger["cases"]:
        if "due_workdays" in case and "due_on" not in case:
            case["due_on"] = CALENDAR.add_workdays(day(case["reported_on"]),
                                                   case["due_workdays"]).isoformat()
    return path, ledger


def test_the_random_ledger_is_valid_and_has_every_edge(run_cli, random_book):
    path, ledger = random_book
    done = run_cli("validate", path)
    assert done.returncode == 0, done.stdout + done.stderr
    cases = ledger["cases"]

    def some(predicate):
        return sum(1 for c in cases if predicate(c)) >= 3

    as_of = {d.isoformat() for d in AS_OF_DAYS}
    assert some(lambda c: c.get("extended_on", "") > "2020-03-31" and c["reported_on"] <= "2020-03-31")
    assert some(lambda c: c.get("followed_up_on", "") > "2020-03-31" and c["reported_on"] <= "2020-03-31")
    assert some(lambda c: "2020-03-10" < c["reported_on"] <= "2020-03-31")
    assert some(lambda c: c["status"] == "withdrawn")
    assert some(lambda c: c.get("due_on") in as_of and c["status"] == "open")
    assert some(lambda c: c.get("extended_due_on") in as_of)
    assert some(lambda c: c.get("resolved_on") is not None and c.get("resolved_on") == c.get("due_on"))
    assert some(lambda c: c.get("resolved_on") is not None
                and c.get("resolved_on") == c.get("extended_due_on"))
    assert some(lambda c: c["reported_on"] < "2019-01-01" and c["status"] == "resolved")
    assert some(lambda c: c.get("resolved_on", "") > "2026-12-31")
    assert some(lambda c: c["reported_on"].startswith("2019-01") and "due_workdays" in c)
    assert some(lambda c: "unit" not in c)
    assert some(lambda c: c.get("unit") is not None and c["unit"] not in LEADS[c["district"]])
    assert some(lambda c: "FZ-SWJ" in c.get("co_units", []))
    assert some(lambda c: "followed_up_on" in c and "satisfaction" not in c)


@pytest.mark.parametrize("window, as_of", RUNS)
def test_the_cli_gives_the_same_process_figures(run_cli, validate_report, random_book, tmp_path,
                                                window, as_of):
    path, ledger = random_book
    for group_by in GROUPINGS:
        report = cli_report(run_cli, validate_report, path, tmp_path / "report.json", window,
                            as_of, group_by)
        groups, total = assert_same_figures(report, ledger, window, as_of, group_by)
        # The figures are not trivially zero: every one of them counts something here.
        for name in ("overdue_open", "with_due", "extended", "followed_up", "co_handled"):
            assert total[name] > 0, name
        assert total["workdays_to_resolve"]["count"] > 0
        assert total["satisfaction"]["dissatisfied"] > 0
        if window != Q1:
            assert total["workdays_to_resolve"]["outside_calendar"] > 0
        if "unit" in group_by:
            assert any(k[group_by.index("unit")] is None for k in groups)
            helped_only = [figures for k, figures in groups.items()
                           if k[group_by.index("unit")] == "FZ-SWJ"]
            assert helped_only and all(f["with_due"] == 0 and f["co_handled"] > 0
                                       for f in helped_only)


def test_a_unit_group_is_labelled_and_the_unnamed_one_is_unspecified(run_cli, validate_report,
                                                                      random_book, tmp_path):
    path, _ = random_book
    report = cli_report(run_cli, validate_report, path, tmp_path / "report.json", Q1, None,
                        ("unit",))
    keys = [g["key"]["unit"] for g in report["groups"]]
    assert set(keys) >= {u["id"] for u in UNITS} | {None}
    unnamed = next(g for g in report["groups"] if g["key"]["unit"] is None)
    assert unnamed["label"]["zh"] == "未指定"


# --- The Fuzhou sample -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def fuzhou():
    return json.loads(FUZHOU_LEDGER.read_text(encoding="utf-8"))


@pytest.mark.parametrize("group_by", [("district",), ("unit",), ("district", "unit")])
def test_the_fuzhou_samples_process_figures(run_cli, validate_report, fuzhou, tmp_path,
                                            group_by):
    report = cli_report(run_cli, validate_report, FUZHOU_LEDGER, tmp_path / "q1.json", Q1, None,
                        group_by)
    groups, total = assert_same_figures(report, fuzhou, Q1, None, group_by)
    # The sample shows every process figure.
    for name in ("overdue_open", "with_due", "extended", "followed_up", "co_handled"):
        assert total[name] > 0, name
    assert all(count > 0 for count in total["satisfaction"].values())
    for name in ("on_time_rate", "extension_rate", "follow_up_rate", "satisfaction_rate"):
        assert 0 < total[name]["num"] < total[name]["den"], name
    if group_by == ("district",):
        for key, figures in groups.items():
            for name in ("extended", "followed_up", "co_handled"):
                assert figures[name] > 0, (key, name)


def test_the_fuzhou_samples_q1_figures_are_the_readmes(fuzhou):
    """The figures samples/fuzhou-2020q1/README.md gives for the handling process."""
    as_of = day(Q1[1])
    groups, total = expected_figures(fuzhou, Q1, as_of, ("district",))

    def num_den(name):
        return total[name]["num"], total[name]["den"], total[name]["display"]

    assert num_den("on_time_rate") == (880, 1136, "77.5%")
    assert (total["with_due"], total["extended"]) == (1147, 109)
    assert num_den("extension_rate")[2] == "9.5%"
    assert total["workdays_to_resolve"] == {"count": 1127, "mean": 4.3, "median": 3, "p90": 10,
                                            "max": 25, "outside_calendar": 0}
    assert num_den("follow_up_rate") == (820, 1133, "72.4%")
    assert total["satisfaction"] == {"satisfied": 663, "basically_satisfied": 96,
                                     "dissatisfied": 19}
    assert num_den("satisfaction_rate")[2] == "97.6%"
    assert total["co_handled"] == 315

    cases = {c["id"]: c for c in fuzhou["cases"]}

    def overdue(case):
        figures = Figures()
        figures.add_case(case, as_of)
        return figures.count["overdue_open"] == 1

    coordinated = [c for c in fuzhou["cases"]
                   if Q1[0] <= c["reported_on"] <= Q1[1] and status(c) != "withdrawn"]
    assert sorted(c["id"] for c in coordinated if overdue(c)) == [
        "LJ-C0035", "LJ-C0059", "MH-C0665"]
    assert cases["MH-C0665"]["due_workdays"] == 7 and cases["MH-C0665"]["due_on"] == "2020-03-30"
    # Past their first deadline by 31 March, but extended beyond it in time.
    for case_id in ("JA-C0110", "MH-C0656", "MH-C0711"):
        case = cases[case_id]
        assert case["due_on"] < Q1[1] < case["extended_due_on"] and case["extended_on"] <= Q1[1]
        assert not overdue(case) and overdue(dict(case, extended_on="2020-04-01"))
    assert cases["MH-C0743"]["extended_on"].startswith("2020-04")

    by_unit, _ = expected_figures(fuzhou, Q1, as_of, ("unit",))
    assert by_unit[("FZ-GXJ",)]["co_handled"] == 42 and by_unit[("FZ-GXJ",)]["with_due"] == 0
    assert by_unit[("JA-CZJ",)]["satisfaction_rate"]["display"] == "88.9%"
    assert not any(c.get("unit") == "FZ-GXJ" for c in fuzhou["cases"])
