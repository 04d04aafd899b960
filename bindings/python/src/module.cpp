// The compiled core of the `caseledger` Python package (caseledger/__init__.py re-exports
// it). Money crosses into Python as decimal.Decimal and dates as datetime.date; see
// docs/python.md for how every name maps onto the C++ library.
#include "common.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() =
      "caseledger's compiled core: enterprise-assistance case ledgers (台账) into reports. "
      "Import the `caseledger` package rather than this module.";
  m.attr("__version__") = caseledger::version;
  caseledger::python::bind_ledger(m);
  caseledger::python::bind_errors(m);
  caseledger::python::bind_report(m);
  caseledger::python::bind_calendar(m);
}
