// Use cases of the reviewers' workflow (list, decide, verify, settings) over core/audit, shared by
// `unifashion audit` and the UI's review panel. Each call works on a catalog the caller opened.
#pragma once

#include "audit/AuditLog.h"
#include "audit/Outputs.h"
#include "audit/Review.h"

#include <optional>
#include <string>
#include <vector>

namespace uf::catalog {
class Catalog;
}

namespace uf::pipeline {

std::vector<audit::GeneratedOutput> listOutputs(catalog::Catalog& catalog,
                                                std::optional<audit::OutputStatus> status = std::nullopt);

// BadInputError naming the catalog when there is no such output.
audit::GeneratedOutput getOutput(catalog::Catalog& catalog, std::int64_t id);

audit::DecisionOutcome approveOutput(catalog::Catalog& catalog, std::int64_t id, const audit::Actor& actor,
                                     const std::string& comment = {});
audit::DecisionOutcome rejectOutput(catalog::Catalog& catalog, std::int64_t id, const audit::Actor& actor,
                                    const std::string& comment);

struct AuditVerifyResult {
    audit::VerifyReport chain;
    std::vector<audit::OutputIssue> outputs; // rows, files or statuses that disagree with the log
    bool ok() const { return chain.ok && outputs.empty(); }
};
AuditVerifyResult verifyAudit(catalog::Catalog& catalog, const std::optional<std::string>& expectedHead = std::nullopt);

struct SettingValue {
    std::string key;
    std::string value;
    std::string description;
    bool recorded = false; // the log's latest change of it says this value (or it was never changed)
};
std::vector<SettingValue> auditSettings(catalog::Catalog& catalog);

} // namespace uf::pipeline
