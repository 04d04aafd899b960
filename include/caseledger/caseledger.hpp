// caseledger: enterprise-assistance case ledgers (台账) into the reports offices send.
// The umbrella header: everything public.
#pragma once

#include "caseledger/core/date.hpp"
#include "caseledger/core/error.hpp"
#include "caseledger/core/money.hpp"
#include "caseledger/io/json_ledger.hpp"
#include "caseledger/io/json_report.hpp"
#include "caseledger/io/output_file.hpp"
#include "caseledger/io/xlsx_report.hpp"
#include "caseledger/metrics/aggregate.hpp"
#include "caseledger/metrics/alerts.hpp"
#include "caseledger/metrics/bulletin.hpp"
#include "caseledger/metrics/comparison.hpp"
#include "caseledger/metrics/day_histogram.hpp"
#include "caseledger/metrics/group_metrics.hpp"
#include "caseledger/metrics/rate.hpp"
#include "caseledger/metrics/report.hpp"
#include "caseledger/model/entities.hpp"
#include "caseledger/model/enums.hpp"
#include "caseledger/model/ledger.hpp"
#include "caseledger/text/headline.hpp"
#include "caseledger/version.hpp"
