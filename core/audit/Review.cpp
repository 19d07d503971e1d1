// Review rules, settings changes and the output-versus-log consistency checks.
#include "audit/Review.h"

#include "catalog/Catalog.h"
#include "catalog/Database.h"
#include "common/Error.h"
#include "common/Files.h"
#include "text/Normalize.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <cstdlib>
#include <pwd.h>
#include <set>
#include <unistd.h>

namespace uf::audit {

using nlohmann::json;

namespace {

std::string trim(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::string osUserName()
{
    if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name && *pw->pw_name)
        return pw->pw_name;
    if (const char* u = std::getenv("USER"); u && *u)
        return u;
    return "uid:" + std::to_string(::geteuid());
}

void addActor(json& payload, const Actor& actor)
{
    if (actor.overridden) {
        payload["actor_os_user"] = actor.osUser;
        payload["actor_source"] = "--as";
    }
}

json parseOrEmpty(const std::string& text)
{
    json j = json::parse(text, nullptr, false);
    return j.is_object() ? j : json::object();
}

std::string str(const json& j, const char* key)
{
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The value of `key` that the log last recorded, if any.
std::optional<std::string> loggedSetting(catalog::Database& db, const std::string& key)
{
    catalog::Statement st(db, "SELECT payload FROM audit_log WHERE action=? ORDER BY seq DESC");
    st.bind(1, actionName(Action::SettingChanged));
    while (st.step()) {
        const json p = parseOrEmpty(st.getText(0));
        if (str(p, "key") == key)
            return str(p, "new");
    }
    return std::nullopt;
}

std::string catalogHint(const catalog::Catalog& catalog) { return "--catalog " + catalog.folder().string(); }

} // namespace

Actor currentActor(const std::optional<std::string>& asName)
{
    Actor a;
    a.osUser = osUserName();
    const std::string override = asName ? trim(*asName) : std::string();
    if (asName && override.empty())
        throw UsageError("--as needs a non-empty user name");
    if (!text::isValidUtf8(override))
        throw UsageError("--as needs a UTF-8 user name");
    a.name = override.empty() ? a.osUser : override;
    a.overridden = !override.empty() && override != a.osUser;
    return a;
}

const std::vector<SettingInfo>& knownSettings()
{
    static const std::vector<SettingInfo> settings = {
        {kAllowSelfApprovalKey, "false",
         "true lets a person approve outputs they generated themselves (a one-person shop); the log records "
         "the change and flags every approval made under it"},
    };
    return settings;
}

std::string contentSha256(const catalog::Catalog& catalog, const GeneratedOutput& output)
{
    if (output.kind == OutputKind::Caption)
        return sha256Hex(output.text);
    return sha256File(catalog.folder() / output.path);
}

AuditEntry recordGenerated(catalog::Catalog& catalog, GeneratedOutput& output, const std::string& contentSha,
                           const Actor& actor)
{
    auto& db = catalog.db();
    std::optional<catalog::Transaction> own;
    if (sqlite3_get_autocommit(db.handle()))
        own.emplace(db);
    output.createdBy = actor.name;
    if (output.createdAt.empty())
        output.createdAt = catalog::nowIso8601();
    OutputStore(db).insert(output);
    json payload = {{"kind", kindName(output.kind)},
                    {"output_sha256", contentSha},
                    {"provenance_sha256", sha256Hex(output.provenance)}};
    if (!output.path.empty())
        payload["path"] = output.path;
    if (!output.lang.empty())
        payload["lang"] = output.lang;
    if (!output.referenceSku.empty())
        payload["reference_sku"] = output.referenceSku;
    addActor(payload, actor);
    AuditEntry entry = AuditLog(db).append(actor.name, Action::Generated, output.id, payload.dump());
    if (own)
        own->commit();
    return entry;
}

bool selfApprovalAllowed(catalog::Catalog& catalog)
{
    if (catalog.setting(kAllowSelfApprovalKey).value_or("false") != "true")
        return false;
    return loggedSetting(catalog.db(), kAllowSelfApprovalKey).value_or("false") == "true";
}

bool changeSetting(catalog::Catalog& catalog, const std::string& key, const std::string& value, const Actor& actor)
{
    const SettingInfo* info = nullptr;
    for (const auto& s : knownSettings())
        if (key == s.key)
            info = &s;
    if (!info) {
        std::string known;
        for (const auto& s : knownSettings())
            known += std::string(known.empty() ? "" : ", ") + s.key;
        throw BadInputError("Unknown setting '" + key + "'. Settings that can be changed: " + known + ".");
    }
    if (value != "true" && value != "false")
        throw BadInputError("Setting '" + key + "' takes true or false, not '" + value + "'.");

    auto& db = catalog.db();
    catalog::Transaction tx(db);
    const auto old = catalog.setting(key);
    AuditLog log(db);
    // A value set behind the log's back counts as unchanged only when the log agrees with it.
    const auto logged = loggedSetting(db, key);
    if (old.value_or(info->defaultValue) == value && logged.value_or(info->defaultValue) == value)
        return false;
    catalog.setSetting(key, value);
    json payload = {{"key", key}, {"old", old ? json(*old) : json(nullptr)}, {"new", value}};
    addActor(payload, actor);
    log.append(actor.name, Action::SettingChanged, std::nullopt, payload.dump());
    tx.commit();
    return true;
}

std::optional<std::string> checkOutput(catalog::Catalog& catalog, const GeneratedOutput& o)
{
    AuditLog log(catalog.db());
    const auto entries = log.entriesFor(o.id);
    const AuditEntry* generated = nullptr;
    const AuditEntry* decision = nullptr;
    for (const auto& e : entries) {
        if (e.action == actionName(Action::Generated) && !generated)
            generated = &e;
        if (e.action == actionName(Action::Approved) || e.action == actionName(Action::Rejected))
            decision = &e;
    }
    if (!generated)
        return "the audit log has no 'generated' entry for it: it was added behind the log's back";
    const json p = parseOrEmpty(generated->payload);
    if (str(p, "kind") != kindName(o.kind))
        return "its kind differs from the one the log recorded";
    if (str(p, "provenance_sha256") != sha256Hex(o.provenance))
        return "its provenance was changed after it was generated";
    if (generated->actor != o.createdBy)
        return "its creator was changed after it was generated (the log says " + generated->actor + ")";
    if (o.kind == OutputKind::Image && str(p, "path") != o.path)
        return "its file path was changed after it was generated";
    std::string sha;
    try {
        sha = contentSha256(catalog, o);
    } catch (const StorageError&) {
        return "its image file '" + o.path + "' is missing";
    }
    if (sha != str(p, "output_sha256"))
        return o.kind == OutputKind::Image ? "its image file was changed or replaced after it was generated"
                                           : "its text was changed after it was generated";

    const char* expected = statusName(OutputStatus::Pending);
    if (decision)
        expected = decision->action == actionName(Action::Approved) ? statusName(OutputStatus::Approved)
                                                                    : statusName(OutputStatus::Rejected);
    if (std::string(statusName(o.status)) != expected)
        return std::string("its status is '") + statusName(o.status) + "' but the log says '" + expected + "'";
    if (decision && decision->actor != o.decidedBy)
        return "its reviewer was changed (the log says " + decision->actor + ")";
    if (!decision && !o.decidedBy.empty())
        return "it names a reviewer but the log records no decision";
    return std::nullopt;
}

std::vector<OutputIssue> checkAllOutputs(catalog::Catalog& catalog)
{
    std::vector<OutputIssue> issues;
    OutputStore store(catalog.db());
    std::set<std::int64_t> present;
    for (const auto& o : store.list()) {
        present.insert(o.id);
        if (auto problem = checkOutput(catalog, o))
            issues.push_back({o.id, *problem});
    }
    for (const auto& e : AuditLog(catalog.db()).entries())
        if (e.action == actionName(Action::Generated) && e.outputId && !present.count(*e.outputId)) {
            present.insert(*e.outputId);
            issues.push_back({*e.outputId, "it was deleted from the catalog (the log recorded its generation at seq "
                                               + std::to_string(e.seq) + ")"});
        }
    return issues;
}

DecisionOutcome decide(catalog::Catalog& catalog, std::int64_t outputId, Decision decision, const Actor& actor,
                       const std::string& comment)
{
    auto& db = catalog.db();
    catalog::Transaction tx(db);
    OutputStore store(db);
    auto found = store.find(outputId);
    const std::string id = std::to_string(outputId);
    if (!found)
        throw BadInputError("No generated output with id " + id + " in " + catalog.folder().string()
                            + ". List them with 'unifashion audit list " + catalogHint(catalog) + "'.");
    GeneratedOutput& o = *found;
    if (o.status != OutputStatus::Pending)
        throw PolicyError("Output " + id + " was already " + statusName(o.status) + " by " + o.decidedBy + " at "
                          + o.decidedAt + "; only pending outputs can be decided. Generate a new output if this "
                                          "one needs another look.");
    const std::string reason = trim(comment);
    if (!text::isValidUtf8(reason))
        throw BadInputError("The comment is not valid UTF-8; set the terminal to UTF-8 and try again.");
    if (decision == Decision::Reject && reason.empty())
        throw PolicyError("Rejecting output " + id + " needs a reason: add --comment \"what is wrong\" so that the "
                          "maker and later auditors know why.");
    if (auto problem = checkOutput(catalog, o))
        throw PolicyError("Output " + id + " no longer agrees with the audit log: " + *problem
                          + ". It cannot be decided; run 'unifashion audit verify " + catalogHint(catalog) + "'.");

    DecisionOutcome out;
    out.selfApproved = decision == Decision::Approve && actor.name == o.createdBy;
    if (decision == Decision::Approve) {
        out.selfApprovalRelaxed = selfApprovalAllowed(catalog);
        if (out.selfApproved && !out.selfApprovalRelaxed) {
            const bool setBehindLog = catalog.setting(kAllowSelfApprovalKey).value_or("false") == "true";
            if (setBehindLog)
                throw PolicyError(std::string("The catalog says ") + kAllowSelfApprovalKey
                                  + "=true, but the audit log never recorded that change, so it does not count. "
                                    "Set it with 'unifashion audit settings " + catalogHint(catalog) + " --set "
                                  + kAllowSelfApprovalKey + "=true' so the change is on record.");
            throw PolicyError(actor.name + " generated output " + id
                              + " and cannot approve it too (separation of duties): ask another reviewer to run "
                                "'unifashion audit approve " + catalogHint(catalog) + " --id " + id
                              + "'. A one-person shop can allow self-approval with 'unifashion audit settings "
                              + catalogHint(catalog) + " --set " + kAllowSelfApprovalKey
                              + "=true'; the log records that and flags every approval made under it.");
        }
    }

    const OutputStatus status = decision == Decision::Approve ? OutputStatus::Approved : OutputStatus::Rejected;
    const std::string at = catalog::nowIso8601();
    store.setDecision(outputId, status, actor.name, at, reason);
    json payload = {{"status_before", "pending"},
                    {"status", statusName(status)},
                    {"comment", reason},
                    {"output_sha256", contentSha256(catalog, o)},
                    {"created_by", o.createdBy}};
    if (decision == Decision::Approve) {
        payload["self_approval"] = out.selfApproved;
        if (out.selfApprovalRelaxed)
            payload["self_approval_relaxed"] = true;
    }
    addActor(payload, actor);
    out.entry = AuditLog(db).append(actor.name, decision == Decision::Approve ? Action::Approved : Action::Rejected,
                                    outputId, payload.dump());
    tx.commit();
    out.output = *store.find(outputId);
    return out;
}

} // namespace uf::audit
