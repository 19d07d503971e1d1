// The reviewers' use cases: thin, so that CLI and UI apply exactly the same rules.
#include "pipeline/AuditPipeline.h"

#include "catalog/Catalog.h"
#include "common/Error.h"

#include <nlohmann/json.hpp>

namespace uf::pipeline {

std::vector<audit::GeneratedOutput> listOutputs(catalog::Catalog& catalog, std::optional<audit::OutputStatus> status)
{
    return audit::OutputStore(catalog.db()).list(status);
}

audit::GeneratedOutput getOutput(catalog::Catalog& catalog, std::int64_t id)
{
    auto o = audit::OutputStore(catalog.db()).find(id);
    if (!o)
        throw BadInputError("No generated output with id " + std::to_string(id) + " in " + catalog.folder().string()
                            + ". List them with 'unifashion audit list --catalog " + catalog.folder().string() + "'.");
    return *o;
}

audit::DecisionOutcome approveOutput(catalog::Catalog& catalog, std::int64_t id, const audit::Actor& actor,
                                     const std::string& comment)
{
    return audit::decide(catalog, id, audit::Decision::Approve, actor, comment);
}

audit::DecisionOutcome rejectOutput(catalog::Catalog& catalog, std::int64_t id, const audit::Actor& actor,
                                    const std::string& comment)
{
    return audit::decide(catalog, id, audit::Decision::Reject, actor, comment);
}

AuditVerifyResult verifyAudit(catalog::Catalog& catalog, const std::optional<std::string>& expectedHead)
{
    AuditVerifyResult r;
    r.chain = audit::AuditLog(catalog.db()).verify(expectedHead);
    r.outputs = audit::checkAllOutputs(catalog);
    return r;
}

std::vector<SettingValue> auditSettings(catalog::Catalog& catalog)
{
    std::vector<SettingValue> out;
    const auto entries = audit::AuditLog(catalog.db()).entries();
    for (const auto& s : audit::knownSettings()) {
        SettingValue v;
        v.key = s.key;
        v.value = catalog.setting(s.key).value_or(s.defaultValue);
        v.description = s.description;
        std::string logged = s.defaultValue;
        for (const auto& e : entries) {
            if (e.action != audit::actionName(audit::Action::SettingChanged))
                continue;
            const auto p = nlohmann::json::parse(e.payload, nullptr, false);
            if (p.is_object() && p.value("key", "") == s.key && p.contains("new") && p["new"].is_string())
                logged = p["new"].get<std::string>();
        }
        v.recorded = logged == v.value;
        out.push_back(std::move(v));
    }
    return out;
}

} // namespace uf::pipeline
