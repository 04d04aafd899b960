// The mapping file: a user's own headers and spellings of values, added to the built-in
// aliases.
#include <cerrno>
#include <fstream>
#include <string>
#include <system_error>
#include <utility>

#include <nlohmann/json.hpp>

#include "caseledger/core/error.hpp"
#include "io/table/ledger_tables.hpp"
#include "io/table/table_reading.hpp"

namespace caseledger::detail {

field_mapping read_field_mapping(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw file_error(path, "open", std::error_code(errno, std::generic_category()));
  const auto refuse = [&](const std::string& reason) {
    problem found;
    found.file = path.string();
    found.reason = reason;
    return ledger_error({std::move(found)});
  };
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw refuse(std::string("invalid JSON: ") + e.what());
  }
  field_mapping mapping;
  if (!document.is_object()) throw refuse("a mapping must be a JSON object");
  for (const auto& [key, value] : document.items()) {
    if (key == "headers") {
      if (!value.is_object()) throw refuse("headers must map header text to a field name");
      for (const auto& [header, field] : value.items()) {
        if (!field.is_string())
          throw refuse("header " + in_quotes(header) + " must map to a string");
        mapping.headers[std::string(trim_cell(header))] = field.get<std::string>();
      }
    } else if (key == "values") {
      if (!value.is_object()) throw refuse("values must map a field to its spellings");
      for (const auto& [field, spellings] : value.items()) {
        if (!spellings.is_object())
          throw refuse("values of " + in_quotes(field) + " must be an object");
        for (const auto& [spelling, name] : spellings.items()) {
          if (!name.is_string()) {
            throw refuse("value " + in_quotes(spelling) + " of " + in_quotes(field) +
                         " must map to a string");
          }
          mapping.values[field][spelling] = name.get<std::string>();
        }
      }
    } else {
      throw refuse("unknown key " + in_quotes(key) + " (headers, values)");
    }
  }
  return mapping;
}

}  // namespace caseledger::detail
