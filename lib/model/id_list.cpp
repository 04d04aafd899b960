#include "caseledger/model/id_list.hpp"

#include <utility>

namespace caseledger {

id_list::id_list(std::initializer_list<record_id> ids) : ids_(std::vector<record_id>(ids)) {}

id_list::id_list(std::vector<record_id> ids) : ids_(std::move(ids)) {}

}  // namespace caseledger
