"""Type stubs of caseledger._core (the compiled module); keep in sync with bindings/python/src.

tests/python/test_bindings.py checks that every public name of the module and of each of
its classes has a stub here.
"""

import datetime
import decimal
import enum
import os
from typing import Any, ClassVar, Iterable, Mapping, Sequence

_Date = datetime.date | str
_Path = str | os.PathLike[str]
_ReportRow = tuple[list[str | None], str, str, str, str, str]

__version__: str

class LedgerError(ValueError):
    """A ledger that breaks a rule of the domain; the attributes locate the first problem."""

    file: str
    line: int
    column: int
    sheet_cell: bool
    pointer: str
    record_kind: str
    record_id: str
    field: str
    reason: str
    problems: list[Problem]

class UsageError(ValueError):
    """Options that make no sense together (a window that ends before it starts, …)."""

class Problem:
    """One thing wrong with an input ledger; str() gives the one-line form."""

    @property
    def file(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def sheet_cell(self) -> bool: ...
    @property
    def pointer(self) -> str: ...
    @property
    def record_kind(self) -> str: ...
    @property
    def record_id(self) -> str: ...
    @property
    def field(self) -> str: ...
    @property
    def reason(self) -> str: ...
    def describe(self, messages: str = "en") -> str: ...
    def __eq__(self, other: object) -> bool: ...
    def __getstate__(self) -> tuple[str, int, int, bool, str, str, str, str, str]: ...
    def __setstate__(self, state: tuple[str, int, int, bool, str, str, str, str, str]) -> None: ...

class _Enum:
    """What the enums below share (pybind11 enums)."""

    __members__: ClassVar[dict[str, Any]]
    name: str  # pybind11's own descriptor, not a property
    @property
    def value(self) -> int: ...
    @property
    def zh(self) -> str: ...
    def __int__(self) -> int: ...
    def __index__(self) -> int: ...
    def __eq__(self, other: object) -> bool: ...
    def __getstate__(self) -> int: ...
    def __setstate__(self, state: int) -> None: ...

class CaseCategory(_Enum):
    """What a case (问题) is about."""

    labour: ClassVar[CaseCategory]
    funding: ClassVar[CaseCategory]
    approval: ClassVar[CaseCategory]
    logistics: ClassVar[CaseCategory]
    epidemic_supplies: ClassVar[CaseCategory]
    raw_materials: ClassVar[CaseCategory]
    energy: ClassVar[CaseCategory]
    policy: ClassVar[CaseCategory]
    other: ClassVar[CaseCategory]

class CaseChannel(_Enum):
    """How a case reached the office."""

    visit: ClassVar[CaseChannel]
    phone: ClassVar[CaseChannel]
    wechat: ClassVar[CaseChannel]
    website: ClassVar[CaseChannel]
    media: ClassVar[CaseChannel]
    hotline: ClassVar[CaseChannel]
    other: ClassVar[CaseChannel]

class CaseStatus(_Enum):
    """Where a case stands."""

    open: ClassVar[CaseStatus]
    resolved: ClassVar[CaseStatus]
    unresolvable: ClassVar[CaseStatus]
    withdrawn: ClassVar[CaseStatus]

class MeasureKind(_Enum):
    """What a support measure (帮扶措施) grants."""

    subsidy: ClassVar[MeasureKind]
    fee_reduction: ClassVar[MeasureKind]
    loan: ClassVar[MeasureKind]
    allowance: ClassVar[MeasureKind]
    transport: ClassVar[MeasureKind]
    supplies: ClassVar[MeasureKind]

class TransportMode(_Enum):
    """How returning workers travelled (返岗运输)."""

    chartered_bus: ClassVar[TransportMode]
    chartered_flight: ClassVar[TransportMode]
    chartered_train: ClassVar[TransportMode]
    dedicated_vehicle: ClassVar[TransportMode]
    self_arranged: ClassVar[TransportMode]

class WorkerOrigin(_Enum):
    """Where returning workers came from."""

    in_province: ClassVar[WorkerOrigin]
    out_of_province: ClassVar[WorkerOrigin]

class TeamKind(_Enum):
    """What kind of team (服务队) serves enterprises."""

    service_team: ClassVar[TeamKind]
    party_team: ClassVar[TeamKind]
    instructor: ClassVar[TeamKind]

class Satisfaction(_Enum):
    """What an enterprise said on the follow-up call (回访)."""

    satisfied: ClassVar[Satisfaction]
    basically_satisfied: ClassVar[Satisfaction]
    dissatisfied: ClassVar[Satisfaction]

class GroupDimension(_Enum):
    """What a report can be grouped by."""

    district: ClassVar[GroupDimension]
    category: ClassVar[GroupDimension]
    channel: ClassVar[GroupDimension]
    month: ClassVar[GroupDimension]
    team: ClassVar[GroupDimension]
    unit: ClassVar[GroupDimension]

class Calendar:
    """Which days are working days (Monday to Friday, minus holidays, plus 调休 days)."""

    def __init__(
        self,
        first_year: int,
        last_year: int,
        holidays: Sequence[_Date] = [],
        workdays: Sequence[_Date] = [],
    ) -> None: ...
    @staticmethod
    def china() -> Calendar: ...
    @staticmethod
    def load(path: _Path, base: Calendar | None = None) -> Calendar: ...
    def with_file(self, path: _Path) -> Calendar: ...
    @property
    def first_year(self) -> int: ...
    @property
    def last_year(self) -> int: ...
    def covers(self, day: _Date) -> bool: ...
    def is_workday(self, day: _Date) -> bool: ...
    def add_workdays(self, day: _Date, n: int) -> datetime.date: ...
    def workdays(self, a: _Date, b: _Date) -> int: ...

class Ledger:
    """A validated, immutable case ledger (台账)."""

    @staticmethod
    def load(
        path: _Path,
        *,
        keep_extras: bool | None = None,
        max_problems: int = 1,
        encoding: str = "auto",
        sheet: str = "",
        mapping: _Path | None = None,
        limits: Mapping[str, int] | None = None,
        calendar: Calendar | None = None,
    ) -> Ledger: ...
    @staticmethod
    def from_dict(
        document: Mapping[str, Any], *, keep_extras: bool | None = None, max_problems: int = 1
    ) -> Ledger: ...
    @staticmethod
    def from_json(
        text: str | bytes, *, keep_extras: bool | None = None, max_problems: int = 1
    ) -> Ledger: ...
    @staticmethod
    def validate(
        source: _Path | Mapping[str, Any],
        *,
        keep_extras: bool | None = None,
        max_problems: int = 100,
        encoding: str = "auto",
        sheet: str = "",
        mapping: _Path | None = None,
        limits: Mapping[str, int] | None = None,
        calendar: Calendar | None = None,
    ) -> list[Problem]: ...
    @staticmethod
    def from_records(**records: Sequence[Mapping[str, Any]]) -> Ledger: ...
    def records(self, kind: str) -> list[dict[str, Any]]:
        """A case's dict has, besides the domain's fields, when given: unit (str), co_units
        (list[str]), due_workdays (int), extended_on, extended_due_on, followed_up_on
        (datetime.date) and satisfaction (str). records('units') gives dicts of id, name,
        district and kind."""
    def write_json(self, path: _Path, *, layout: str = "indented") -> None: ...
    @staticmethod
    def consolidate(
        paths: Sequence[_Path],
        *,
        keep_extras: bool | None = None,
        max_problems: int = 1,
        encoding: str = "auto",
        sheet: str = "",
        mapping: _Path | None = None,
        limits: Mapping[str, int] | None = None,
        calendar: Calendar | None = None,
    ) -> Ledger: ...
    @property
    def notes(self) -> list[dict[str, Any]]: ...
    def describe_notes(self, messages: str = "en") -> list[str]: ...
    @property
    def case_extra_columns(self) -> list[str]: ...
    @property
    def inputs(self) -> list[dict[str, Any]]: ...
    @property
    def counts(self) -> dict[str, int]: ...
    @property
    def district_ids(self) -> list[str]: ...
    def __len__(self) -> int: ...

class Rate:
    """An exact fraction num / den shown as a percentage."""

    @property
    def num(self) -> int: ...
    @property
    def den(self) -> int: ...
    @property
    def value(self) -> float | None: ...
    def display(self, decimals: int = 1) -> str | None: ...

class DayHistogram:
    """The exact histogram of days to resolve."""

    @property
    def count(self) -> int: ...
    @property
    def sum(self) -> int: ...
    @property
    def mean(self) -> float | None: ...
    @property
    def median(self) -> int | None: ...
    @property
    def p90(self) -> int | None: ...
    @property
    def max(self) -> int | None: ...
    def percentile(self, percent: int) -> int | None: ...
    @property
    def counts(self) -> dict[int, int]: ...

class CaseMetrics:
    """The case metrics of one group."""

    @property
    def coordinated(self) -> int: ...
    @property
    def resolved(self) -> int: ...
    @property
    def unresolvable(self) -> int: ...
    @property
    def open(self) -> int: ...
    @property
    def on_time(self) -> int: ...
    @property
    def late(self) -> int: ...
    @property
    def resolved_in_window(self) -> int: ...
    @property
    def resolution_rate(self) -> Rate: ...
    @property
    def on_time_rate(self) -> Rate: ...
    @property
    def days_to_resolve(self) -> DayHistogram: ...
    @property
    def by_category(self) -> dict[str, dict[str, int]]: ...
    @property
    def overdue_open(self) -> int: ...
    @property
    def with_due(self) -> int: ...
    @property
    def extended(self) -> int: ...
    @property
    def extension_rate(self) -> Rate: ...
    @property
    def workdays_to_resolve(self) -> DayHistogram: ...
    @property
    def workdays_outside_calendar(self) -> int: ...
    @property
    def followed_up(self) -> int: ...
    @property
    def follow_up_rate(self) -> Rate: ...
    @property
    def satisfaction(self) -> dict[str, int]: ...
    @property
    def satisfaction_rate(self) -> Rate: ...
    @property
    def co_handled(self) -> int: ...

class SupportTotals:
    """One money measure kind's totals."""

    @property
    def amount(self) -> decimal.Decimal: ...
    @property
    def count(self) -> int: ...
    @property
    def beneficiaries(self) -> int: ...
    @property
    def beneficiary_ids(self) -> set[str]: ...

class TransportTotals:
    """Workers brought back to work."""

    @property
    def workers(self) -> int: ...
    @property
    def trips(self) -> int: ...
    @property
    def by_mode(self) -> dict[str, int]: ...
    @property
    def by_origin(self) -> dict[str, int]: ...

class SupplyTotals:
    """One supply item's totals."""

    @property
    def quantity(self) -> int: ...
    @property
    def recipients(self) -> int: ...
    @property
    def recipient_ids(self) -> set[str]: ...

class Resumption:
    """Enterprises and projects tracked for resumption of work."""

    @property
    def tracked(self) -> int: ...
    @property
    def resumed(self) -> int: ...
    @property
    def rate(self) -> Rate: ...

class Group:
    """One row of a report (or its total)."""

    @property
    def key(self) -> dict[str, str | None]: ...
    @property
    def label(self) -> dict[str, str]: ...
    @property
    def cases(self) -> CaseMetrics: ...
    @property
    def support(self) -> dict[str, SupportTotals]: ...
    @property
    def return_to_work(self) -> TransportTotals: ...
    @property
    def supplies(self) -> dict[str, SupplyTotals]: ...
    @property
    def resumption(self) -> Resumption: ...
    @property
    def teams(self) -> dict[str, int]: ...

class Report:
    """A computed report: one Group per key and the total."""

    @property
    def title(self) -> str: ...
    @property
    def inputs(self) -> list[dict[str, Any]]: ...
    @property
    def from_(self) -> datetime.date: ...
    @property
    def to(self) -> datetime.date: ...
    @property
    def as_of(self) -> datetime.date: ...
    @property
    def group_by(self) -> tuple[str, ...]: ...
    @property
    def options(self) -> dict[str, Any]: ...
    @property
    def groups(self) -> list[Group]: ...
    @property
    def total(self) -> Group: ...
    def group(self, **key: str | None) -> Group: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def to_pandas(self, money: str = "decimal") -> Any: ...
    def _repr_html_(self) -> str: ...
    def write_json(self, path: _Path) -> None: ...
    def write_xlsx(
        self,
        path: _Path,
        *,
        language: str | None = None,
        money_in_wan: bool | None = None,
        include_cases: bool | None = None,
        max_rows_per_sheet: int = 1048575,
        layout: _Path = "office",
        unit_name: str | None = None,
        money_decimals: int | None = None,
    ) -> None: ...
    def write_html(
        self,
        path: _Path,
        *,
        language: str | None = None,
        money_decimals: int | None = None,
        title: str | None = None,
    ) -> None: ...
    def to_html(
        self,
        *,
        fragment: bool = False,
        language: str | None = None,
        money_decimals: int | None = None,
        title: str | None = None,
    ) -> str: ...
    # Pickling: the groups' and the total's caseledger.partial/2 documents, each row's
    # (key, label zh, label en, headline zh-Hans, zh-Hant, en), the total's, the title.
    def __getstate__(self) -> tuple[str, str, list[_ReportRow], _ReportRow, str]: ...
    def __setstate__(self, state: tuple[str, str, list[_ReportRow], _ReportRow, str]) -> None: ...

class PartialAggregate:
    """The metrics of one slice of a ledger, with their options; picklable and mergeable."""

    def merge(self, other: PartialAggregate) -> None: ...
    @property
    def options(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> PartialAggregate: ...
    def __len__(self) -> int: ...
    def __eq__(self, other: object) -> bool: ...
    def __getstate__(self) -> str: ...
    def __setstate__(self, state: str) -> None: ...

def report(
    ledger: Ledger,
    from_: _Date,
    to: _Date,
    *,
    as_of: _Date | None = None,
    group_by: str | GroupDimension | Sequence[str | GroupDimension] = ("district",),
    rate_decimals: int = 1,
    key_only_resumption: bool = False,
    title: str = "",
) -> Report: ...
def aggregate(
    ledger: Ledger,
    from_: _Date,
    to: _Date,
    *,
    as_of: _Date | None = None,
    group_by: str | GroupDimension | Sequence[str | GroupDimension] = ("district",),
    rate_decimals: int = 1,
    key_only_resumption: bool = False,
    title: str = "",
    part: tuple[int, int] = (0, 1),
    kinds: str | Iterable[str] = ("enterprises", "projects", "teams", "cases", "measures"),
) -> PartialAggregate: ...
def finish(parts: Iterable[PartialAggregate], ledger: Ledger) -> Report: ...
def stream_report(
    path: _Path | Sequence[_Path],
    from_: _Date,
    to: _Date,
    *,
    as_of: _Date | None = None,
    group_by: str | GroupDimension | Sequence[str | GroupDimension] = ("district",),
    rate_decimals: int = 1,
    key_only_resumption: bool = False,
    title: str = "",
    json: _Path | None = None,
    xlsx: _Path | None = None,
    language: str | None = None,
    money_in_wan: bool | None = None,
    include_cases: bool | None = None,
    max_rows_per_sheet: int = 1048575,
    threads: int = 2,
    keep_extras: bool | None = None,
    max_problems: int = 1,
    limits: Mapping[str, int] | None = None,
    layout: _Path = "office",
    unit_name: str | None = None,
    money_decimals: int | None = None,
    html: _Path | None = None,
    calendar: Calendar | None = None,
    encoding: str = "auto",
    mapping: _Path | None = None,
    sheet: str = "",
) -> Report: ...
