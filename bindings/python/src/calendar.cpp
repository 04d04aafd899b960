// Calendar: the working-day calendar (docs/calendar.md), with datetime.date arguments.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common.hpp"

namespace caseledger::python {

void bind_calendar(py::module_& m) {
  py::class_<calendar>(m, "Calendar",
                       "Which days are working days: Monday to Friday, minus public holidays, "
                       "plus the weekend days declared working days (调休上班), over whole "
                       "years. Calendar.china() is mainland China's national calendar from the "
                       "State Council's notices; Calendar.load() adds a calendar file "
                       "(docs/calendar.md). A date outside the covered years raises UsageError "
                       "naming it.")
      .def(py::init([](int first_year, int last_year, const std::vector<date>& holidays,
                       const std::vector<date>& workdays) {
             return calendar(first_year, last_year, holidays, workdays);
           }),
           py::arg("first_year"), py::arg("last_year"), py::arg("holidays") = std::vector<date>{},
           py::arg("workdays") = std::vector<date>{},
           "The calendar of the years first_year..last_year: Monday to Friday are working "
           "days, except `holidays`, plus `workdays`.")
      .def_static("china", &calendar::china,
                  "Mainland China's national calendar, 2019 to the latest published year, from "
                  "the State Council General Office's yearly notices (2020's Spring Festival "
                  "as extended to 2020-02-02).")
      .def_static(
          "load",
          [](const std::filesystem::path& path, const std::optional<calendar>& base) {
            return read_calendar(path, base ? *base : calendar::china());
          },
          py::arg("path"), py::arg("base") = py::none(),
          "Reads a calendar file (caseledger.calendar/1) over `base` (None: Calendar.china()): "
          "its years are added, its holidays become rest days, its workdays working days. "
          "LedgerError names the file, the entry and the reason.")
      .def(
          "with_file",
          [](const calendar& self, const std::filesystem::path& path) {
            return read_calendar(path, self);
          },
          py::arg("path"), "This calendar with a calendar file applied: Calendar.load(path, self).")
      .def_property_readonly("first_year", &calendar::first_year, "The first year covered.")
      .def_property_readonly("last_year", &calendar::last_year, "The last year covered.")
      .def("covers", &calendar::covers, py::arg("day"), "Whether `day` lies in a covered year.")
      .def("is_workday", &calendar::is_workday, py::arg("day"), "Whether `day` is a working day.")
      .def("add_workdays", &calendar::add_workdays, py::arg("day"), py::arg("n"),
           "The n-th working day after `day` (`day` itself not counted); `day` when n is 0.")
      .def("workdays", &calendar::workdays, py::arg("a"), py::arg("b"),
           "The number of working days d with a < d <= b; minus workdays(b, a) when b < a.")
      .def("__repr__", [](const calendar& self) {
        return "<Calendar " + std::to_string(self.first_year()) + "\u2013" +
               std::to_string(self.last_year()) + ">";
      });
}

}  // namespace caseledger::python
