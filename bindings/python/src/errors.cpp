// caseledger's exceptions as Python exceptions: ledger_error → LedgerError (a ValueError
// carrying the first problem's location as attributes and every problem in `problems`),
// usage_error → UsageError (a ValueError), file_error → OSError (FileNotFoundError,
// PermissionError, … by errno). overflow_error needs nothing: pybind11 maps
// std::overflow_error to OverflowError.
#include <exception>
#include <system_error>

#include "common.hpp"

namespace caseledger::python {
namespace {

// The exception types live as long as the module; they are deliberately never released,
// so no destructor runs after the interpreter has gone.
PyObject* ledger_error_type = nullptr;
PyObject* usage_error_type = nullptr;

void raise_ledger_error(const ledger_error& error) {
  py::list problems;
  for (const auto& found : error.problems()) problems.append(py::cast(found));
  const problem first = error.problems().empty() ? problem{} : error.problems().front();

  py::object instance = py::handle(ledger_error_type)(error.what());
  instance.attr("file") = first.file;
  instance.attr("line") = first.line;
  instance.attr("column") = first.column;
  instance.attr("sheet_cell") = first.sheet_cell;
  instance.attr("pointer") = first.pointer;
  instance.attr("record_kind") = first.record_kind;
  instance.attr("record_id") = first.record_id;
  instance.attr("field") = first.field;
  instance.attr("reason") = first.reason;
  instance.attr("problems") = problems;
  PyErr_SetObject(ledger_error_type, instance.ptr());
}

void raise_file_error(const file_error& error) {
  const auto& category = error.code().category();
  const bool is_errno = category == std::generic_category() || category == std::system_category();
  py::object instance;
  if (is_errno) {
    // OSError(errno, strerror, filename) picks the subclass for the errno itself.
    instance = py::handle(PyExc_OSError)(error.code().value(), error.what(), error.path().string());
  } else {
    // Not an operating system error (libxlsxwriter's own): no errno to show, and no
    // filename either, which would make str() "[Errno None] None: …"; the message names
    // the path.
    instance = py::handle(PyExc_OSError)(error.what());
  }
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(instance.ptr())), instance.ptr());
}

}  // namespace

void bind_errors(py::module_& m) {
  ledger_error_type =
      py::exception<ledger_error>(m, "LedgerError", PyExc_ValueError).release().ptr();
  py::setattr(ledger_error_type, "__doc__",
              py::str("A ledger that breaks a rule of the domain (bad syntax, a bad value, a "
                      "broken reference).\n\n"
                      "The attributes locate the first problem: file, line, column (1-based, 0 "
                      "when unknown), sheet_cell (line and column are a sheet's row and column), "
                      "pointer (JSON pointer), record_kind, record_id, field and "
                      "reason. `problems` lists every Problem found, up to max_problems."));
  usage_error_type = py::exception<usage_error>(m, "UsageError", PyExc_ValueError).release().ptr();
  py::setattr(usage_error_type, "__doc__",
              py::str("Options that make no sense together (a window that ends before it "
                      "starts, an unknown grouping dimension, parts computed under different "
                      "options, …)."));

  py::register_exception_translator([](std::exception_ptr raised) {
    try {
      if (raised) std::rethrow_exception(raised);
    } catch (const ledger_error& error) {
      raise_ledger_error(error);
    } catch (const usage_error& error) {
      PyErr_SetString(usage_error_type, error.what());
    } catch (const file_error& error) {
      raise_file_error(error);
    }
  });
}

}  // namespace caseledger::python
