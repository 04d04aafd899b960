"""caseledger: enterprise-assistance case ledgers (台账) into the reports offices send.

    import caseledger
    book = caseledger.Ledger.load("samples/fuzhou-2020q1/ledger.json")
    report = caseledger.report(book, "2020-01-01", "2020-03-31")
    report.group(district="cangshan").cases.resolution_rate.display()  # '98.9%'

Money is decimal.Decimal wherever Python gets an amount as a value, dates are
datetime.date (ISO strings are accepted too). See docs/python.md.
"""

from ._core import (
    Calendar,
    CaseCategory,
    CaseChannel,
    CaseMetrics,
    CaseStatus,
    DayHistogram,
    Group,
    GroupDimension,
    Ledger,
    LedgerError,
    MeasureKind,
    PartialAggregate,
    Problem,
    Rate,
    Report,
    Resumption,
    Satisfaction,
    SupplyTotals,
    SupportTotals,
    TeamKind,
    TransportMode,
    TransportTotals,
    UsageError,
    WorkerOrigin,
    __version__,
    aggregate,
    finish,
    report,
    stream_report,
)
from . import _frames

# The table view is Python over to_dict(): pandas stays optional.
Report.to_pandas = _frames.to_pandas
# A notebook shows the page's content (Report.to_html), which needs no ledger.
Report._repr_html_ = lambda self: self.to_html(fragment=True)

__all__ = [
    "Calendar",
    "CaseCategory",
    "CaseChannel",
    "CaseMetrics",
    "CaseStatus",
    "DayHistogram",
    "Group",
    "GroupDimension",
    "Ledger",
    "LedgerError",
    "MeasureKind",
    "PartialAggregate",
    "Problem",
    "Rate",
    "Report",
    "Resumption",
    "Satisfaction",
    "SupplyTotals",
    "SupportTotals",
    "TeamKind",
    "TransportMode",
    "TransportTotals",
    "UsageError",
    "WorkerOrigin",
    "__version__",
    "aggregate",
    "finish",
    "report",
    "stream_report",
]
