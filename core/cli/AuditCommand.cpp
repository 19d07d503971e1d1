// `unifashion audit list|show|approve|reject|verify|settings|log`: the reviewers' workflow over
// pipeline/AuditPipeline. Decisions are refused (exit 1) with a message saying what to do.
#include "cli/Args.h"
#include "cli/Cli.h"
#include "cli/Commands.h"
#include "cli/Console.h"
#include "catalog/Catalog.h"
#include "common/Error.h"
#include "pipeline/AuditPipeline.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace uf::cli {

namespace {

using nlohmann::json;

const char* const kUsage =
    "usage: unifashion audit ACTION --catalog DIR [options]\n"
    "\n"
    "  list      [--status pending|approved|rejected]     generated outputs and their review state\n"
    "  show      --id ID                                   one output: provenance, decision, its log entries\n"
    "  approve   --id ID [--comment C]                     approve a pending output (not your own, by default)\n"
    "  reject    --id ID --comment C                       reject a pending output, saying why\n"
    "  verify    [--expect-head HASH]                      check the hash-chained log and the outputs against it;\n"
    "                                                      exit 0 when intact, 1 naming the bad entry\n"
    "  settings  [--set KEY=VALUE]                         show or change review settings, e.g.\n"
    "                                                      audit.allow_self_approval=true (recorded in the log)\n"
    "  log       [--id ID]                                 the audit log entries\n"
    "\n"
    "  --as USER   act as USER instead of the OS user (tests, shared workstations; the log records both)\n"
    "  --json      machine-readable output\n"
    "\n"
    "Only approved outputs are usable; generated outputs never appear among products or in search.\n";

json optText(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json outputJson(const audit::GeneratedOutput& o, bool withProvenance)
{
    json j = {{"id", o.id},
              {"kind", audit::kindName(o.kind)},
              {"status", audit::statusName(o.status)},
              {"usable", o.usable()},
              {"path", optText(o.path)},
              {"text", optText(o.text)},
              {"lang", optText(o.lang)},
              {"reference_sku", optText(o.referenceSku)},
              {"created_by", o.createdBy},
              {"created_at", o.createdAt},
              {"decided_by", optText(o.decidedBy)},
              {"decided_at", optText(o.decidedAt)},
              {"comment", optText(o.decisionComment)}};
    if (withProvenance) {
        json p = json::parse(o.provenance, nullptr, false);
        j["provenance"] = p.is_discarded() ? json(o.provenance) : p;
    }
    return j;
}

json entryJson(const audit::AuditEntry& e)
{
    json p = json::parse(e.payload, nullptr, false);
    return {{"seq", e.seq},
            {"at", e.at},
            {"actor", e.actor},
            {"action", e.action},
            {"output_id", e.outputId ? json(*e.outputId) : json(nullptr)},
            {"payload", p.is_discarded() ? json(e.payload) : p},
            {"prev_hash", e.prevHash},
            {"hash", e.hash}};
}

void printJson(const json& j) { std::printf("%s\n", j.dump(2).c_str()); }

std::string shorten(const std::string& s, std::size_t n)
{
    if (s.size() <= n)
        return s;
    std::size_t cut = n;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) // keep UTF-8 whole
        --cut;
    return s.substr(0, cut) + "…";
}

std::string promptOf(const audit::GeneratedOutput& o)
{
    if (o.kind == audit::OutputKind::Caption)
        return o.text;
    json p = json::parse(o.provenance, nullptr, false);
    return p.is_object() ? p.value("prompt", "") : "";
}

std::int64_t requiredId(const Args& args)
{
    const long long id = args.intOr("id", -1);
    if (!args.has("id"))
        throw UsageError("option --id is required");
    if (id <= 0)
        throw UsageError("--id needs a positive output id");
    return id;
}

// Export entries name their outputs in the payload, not in output_id.
std::vector<audit::AuditEntry> entriesAbout(catalog::Catalog& catalog, std::int64_t id)
{
    std::vector<audit::AuditEntry> out;
    for (auto& e : audit::AuditLog(catalog.db()).entries()) {
        bool about = e.outputId && *e.outputId == id;
        if (!about && e.action == audit::actionName(audit::Action::Exported)) {
            json p = json::parse(e.payload, nullptr, false);
            if (p.is_object() && p.contains("outputs") && p["outputs"].is_array())
                for (const auto& item : p["outputs"])
                    about = about || (item.is_object() && item.value("id", std::int64_t(0)) == id);
        }
        if (about)
            out.push_back(std::move(e));
    }
    return out;
}

int decideCommand(catalog::Catalog& catalog, const Args& args, audit::Decision decision)
{
    const auto actor = audit::currentActor(args.value("as"));
    const auto id = requiredId(args);
    const std::string comment = args.valueOr("comment", "");
    const auto outcome = decision == audit::Decision::Approve ? pipeline::approveOutput(catalog, id, actor, comment)
                                                              : pipeline::rejectOutput(catalog, id, actor, comment);
    if (args.flag("json")) {
        json j = outputJson(outcome.output, false);
        j["audit_seq"] = outcome.entry.seq;
        j["self_approval"] = outcome.selfApproved;
        j["self_approval_relaxed"] = outcome.selfApprovalRelaxed;
        printJson(j);
    } else {
        std::printf("output %lld %s by %s (audit entry %lld)%s\n", static_cast<long long>(id),
                    audit::statusName(outcome.output.status), actor.name.c_str(),
                    static_cast<long long>(outcome.entry.seq),
                    outcome.selfApproved ? " — self-approved under audit.allow_self_approval" : "");
    }
    return kExitOk;
}

} // namespace

int cmdAudit(const std::vector<std::string>& argv)
{
    if (wantsHelp(argv, kUsage))
        return kExitOk;
    Args args(argv, {"catalog", "id", "comment", "status", "as", "set", "expect-head"}, {"json"});
    if (args.positionals().size() != 1)
        throw UsageError("give one action: list, show, approve, reject, verify, settings or log");
    const std::string action = args.positionals().front();
    const bool asJson = args.flag("json");
    catalog::Catalog catalog(args.required("catalog"));

    if (action == "list") {
        std::optional<audit::OutputStatus> status;
        if (auto s = args.value("status")) {
            status = audit::parseStatus(*s);
            if (!status)
                throw UsageError("--status must be pending, approved or rejected, not '" + *s + "'");
        }
        const auto outputs = pipeline::listOutputs(catalog, status);
        if (asJson) {
            json arr = json::array();
            for (const auto& o : outputs)
                arr.push_back(outputJson(o, false));
            printJson({{"outputs", arr}});
        } else {
            for (const auto& o : outputs)
                std::printf("%lld\t%s\t%s\t%s\t%s\t%s\n", static_cast<long long>(o.id), audit::kindName(o.kind),
                            audit::statusName(o.status), o.createdBy.c_str(), o.createdAt.c_str(),
                            shorten(promptOf(o), 60).c_str());
            if (outputs.empty())
                std::fprintf(stderr, "no generated outputs%s\n",
                             status ? (std::string(" with status ") + audit::statusName(*status)).c_str() : "");
        }
        return kExitOk;
    }
    if (action == "show") {
        const auto o = pipeline::getOutput(catalog, requiredId(args));
        const auto entries = entriesAbout(catalog, o.id);
        const auto problem = audit::checkOutput(catalog, o);
        if (asJson) {
            json j = outputJson(o, true);
            json arr = json::array();
            for (const auto& e : entries)
                arr.push_back(entryJson(e));
            j["audit"] = arr;
            j["consistent_with_log"] = !problem.has_value();
            if (problem)
                j["problem"] = *problem;
            printJson(j);
        } else {
            std::printf("output %lld (%s), %s%s\n", static_cast<long long>(o.id), audit::kindName(o.kind),
                        audit::statusName(o.status), o.usable() ? ", usable" : ", not usable until approved");
            if (!o.path.empty())
                std::printf("  file:       %s\n", (catalog.folder() / o.path).c_str());
            if (!o.text.empty())
                std::printf("  text (%s):  %s\n", o.lang.c_str(), o.text.c_str());
            std::printf("  made by:    %s at %s\n", o.createdBy.c_str(), o.createdAt.c_str());
            if (!o.decidedBy.empty())
                std::printf("  decided by: %s at %s%s%s\n", o.decidedBy.c_str(), o.decidedAt.c_str(),
                            o.decisionComment.empty() ? "" : " — ", o.decisionComment.c_str());
            json p = json::parse(o.provenance, nullptr, false);
            std::printf("  provenance: %s\n", p.is_discarded() ? o.provenance.c_str() : p.dump(2).c_str());
            for (const auto& e : entries)
                std::printf("  log %lld: %s %s by %s\n", static_cast<long long>(e.seq), e.at.c_str(), e.action.c_str(),
                            e.actor.c_str());
            if (problem)
                std::printf("  WARNING: it no longer agrees with the audit log: %s\n", problem->c_str());
        }
        return kExitOk;
    }
    if (action == "approve")
        return decideCommand(catalog, args, audit::Decision::Approve);
    if (action == "reject")
        return decideCommand(catalog, args, audit::Decision::Reject);
    if (action == "verify") {
        const auto r = pipeline::verifyAudit(catalog, args.value("expect-head"));
        if (asJson) {
            json issues = json::array();
            for (const auto& i : r.outputs)
                issues.push_back({{"output_id", i.outputId}, {"problem", i.problem}});
            printJson({{"ok", r.ok()},
                       {"entries", r.chain.entries},
                       {"head", r.chain.headHash},
                       {"chain_ok", r.chain.ok},
                       {"first_bad_seq", r.chain.firstBadSeq == 0 ? json(nullptr) : json(r.chain.firstBadSeq)},
                       {"damage", audit::damageName(r.chain.damage)},
                       {"message", r.chain.message},
                       {"output_issues", issues}});
        } else {
            if (r.chain.ok)
                std::printf("audit log intact: %lld entries, head %s\n", static_cast<long long>(r.chain.entries),
                            r.chain.headHash.empty() ? "(empty)" : r.chain.headHash.c_str());
            else
                std::printf("audit log DAMAGED (%s%s): %s\n", audit::damageName(r.chain.damage),
                            r.chain.firstBadSeq ? (", entry " + std::to_string(r.chain.firstBadSeq)).c_str() : "",
                            r.chain.message.c_str());
            for (const auto& i : r.outputs)
                std::printf("output %lld disagrees with the log: %s\n", static_cast<long long>(i.outputId),
                            i.problem.c_str());
        }
        return r.ok() ? kExitOk : kExitError;
    }
    if (action == "settings") {
        if (auto set = args.value("set")) {
            const auto eq = set->find('=');
            if (eq == std::string::npos)
                throw UsageError("--set needs KEY=VALUE, e.g. --set audit.allow_self_approval=true");
            const auto actor = audit::currentActor(args.value("as"));
            const bool changed = audit::changeSetting(catalog, set->substr(0, eq), set->substr(eq + 1), actor);
            if (!asJson)
                std::fprintf(stderr, "%s\n", changed ? "setting changed; the audit log records the change"
                                                     : "setting unchanged; nothing recorded");
        }
        const auto settings = pipeline::auditSettings(catalog);
        if (asJson) {
            json obj = json::object();
            for (const auto& s : settings)
                obj[s.key] = {{"value", s.value}, {"recorded_in_log", s.recorded}, {"description", s.description}};
            printJson({{"settings", obj}});
        } else {
            for (const auto& s : settings)
                std::printf("%s=%s%s\n    %s\n", s.key.c_str(), s.value.c_str(),
                            s.recorded ? "" : "  (changed outside the audit log: not in force)", s.description.c_str());
        }
        return kExitOk;
    }
    if (action == "log") {
        const auto entries = args.has("id") ? entriesAbout(catalog, requiredId(args))
                                            : audit::AuditLog(catalog.db()).entries();
        if (asJson) {
            json arr = json::array();
            for (const auto& e : entries)
                arr.push_back(entryJson(e));
            printJson({{"entries", arr}});
        } else {
            for (const auto& e : entries)
                std::printf("%lld\t%s\t%s\t%s\t%s\t%s\n", static_cast<long long>(e.seq), e.at.c_str(), e.actor.c_str(),
                            e.action.c_str(), e.outputId ? std::to_string(*e.outputId).c_str() : "-",
                            shorten(e.payload, 100).c_str());
        }
        return kExitOk;
    }
    throw UsageError("unknown action '" + action + "': use list, show, approve, reject, verify, settings or log");
}

} // namespace uf::cli
