// Export of reviewed outputs with embedded provenance (audit/Xmp) and sidecars.
#include "pipeline/ExportPipeline.h"

#include "audit/AuditLog.h"
#include "audit/Review.h"
#include "audit/Xmp.h"
#include "catalog/Catalog.h"
#include "common/BuildInfo.h"
#include "common/Error.h"
#include "common/Files.h"

#include <nlohmann/json.hpp>

namespace uf::pipeline {

using nlohmann::json;

namespace {

std::string text(const json& j, const char* key)
{
    auto it = j.find(key);
    if (it == j.end() || it->is_null())
        return {};
    if (it->is_string())
        return it->get<std::string>();
    return it->dump();
}

std::vector<audit::GeneratedOutput> select(catalog::Catalog& catalog, const ExportOptions& options)
{
    audit::OutputStore store(catalog.db());
    std::vector<audit::GeneratedOutput> chosen;
    if (!options.ids.empty()) {
        for (auto id : options.ids) {
            auto o = store.find(id);
            if (!o)
                throw BadInputError("No generated output with id " + std::to_string(id) + " in "
                                    + catalog.folder().string() + ".");
            chosen.push_back(*o);
        }
        return chosen;
    }
    if (options.status && *options.status != audit::OutputStatus::Approved && !options.includeUnapproved)
        throw PolicyError(std::string("Exporting ") + audit::statusName(*options.status)
                          + " outputs is refused: only approved outputs may be used. Add --include-unapproved to "
                            "export them marked as not approved (for review elsewhere, not for use).");
    std::optional<audit::OutputStatus> status = options.status;
    if (!status && !options.includeUnapproved)
        status = audit::OutputStatus::Approved;
    return store.list(status);
}

struct DecisionInfo {
    std::string reviewer, decision, decidedAt, comment, entryHash;
    std::int64_t entrySeq = 0;
};

DecisionInfo decisionOf(catalog::Catalog& catalog, const audit::GeneratedOutput& o)
{
    DecisionInfo d;
    d.decision = audit::statusName(o.status);
    d.reviewer = o.decidedBy;
    d.decidedAt = o.decidedAt;
    d.comment = o.decisionComment;
    for (const auto& e : audit::AuditLog(catalog.db()).entriesFor(o.id)) {
        if (e.action == audit::actionName(audit::Action::Generated) || e.action == audit::actionName(audit::Action::Approved)
            || e.action == audit::actionName(audit::Action::Rejected)) {
            d.entryHash = e.hash;
            d.entrySeq = e.seq;
        }
    }
    return d;
}

json decisionJson(const DecisionInfo& d)
{
    return {{"status", d.decision},
            {"by", d.reviewer.empty() ? json(nullptr) : json(d.reviewer)},
            {"at", d.decidedAt.empty() ? json(nullptr) : json(d.decidedAt)},
            {"comment", d.comment},
            {"audit_seq", d.entrySeq},
            {"audit_hash", d.entryHash}};
}

// DerivedFrom for a reference: catalog-relative path for a product image; only the file name for
// an outside file, so that exports do not leak a user's folder layout.
std::pair<std::string, std::string> derivedFrom(const json& reference)
{
    if (!reference.is_object())
        return {};
    std::string path = text(reference, "type") == "product" ? text(reference, "image_path")
                                                             : fs::path(text(reference, "path")).filename().string();
    const std::string sha = text(reference, "image_sha256");
    return {path, sha.empty() ? std::string() : "urn:sha256:" + sha};
}

ExportedFile exportImage(catalog::Catalog& catalog, const audit::GeneratedOutput& o, const ExportOptions& options,
                         const json& sidecarBase)
{
    const json prov = json::parse(o.provenance, nullptr, false);
    const json reference = prov.is_object() && prov.contains("reference") ? prov["reference"] : json(nullptr);
    const json model = prov.is_object() && prov.contains("model") ? prov["model"] : json::object();
    const DecisionInfo d = decisionOf(catalog, o);
    const auto [fromPath, fromId] = derivedFrom(reference);

    audit::XmpRecord x;
    x.digitalSourceType = reference.is_object() ? audit::kDigitalSourceComposite : audit::kDigitalSourceTrained;
    const auto original = readFileBytes(catalog.folder() / o.path);
    x.documentId = "urn:sha256:" + sha256Hex(original);
    x.derivedFromPath = fromPath;
    x.derivedFromDocumentId = fromId;
    x.createDate = o.createdAt;
    x.creatorTool = std::string(kAppName) + " " + kAppVersion;
    x.outputId = o.id;
    x.prompt = text(prov, "prompt");
    x.promptRead = text(prov, "prompt_read");
    x.seed = text(prov, "seed_text");
    x.imageIndex = text(prov, "index");
    x.steps = text(prov, "steps");
    x.guidance = text(prov, "guidance");
    x.strength = text(prov, "strength");
    x.sampler = text(prov, "sampler");
    x.modelName = text(model, "name");
    x.modelHash = text(model, "sha256");
    x.referenceSku = o.referenceSku;
    x.createdBy = o.createdBy;
    x.reviewer = d.reviewer;
    x.decision = d.decision;
    x.decidedAt = d.decidedAt;
    x.decisionComment = d.comment;
    x.approved = o.usable();
    x.auditEntryHash = d.entryHash;

    const auto png = audit::embedXmpInPng(original, audit::buildXmpPacket(x));
    ExportedFile f;
    f.id = o.id;
    f.kind = o.kind;
    f.status = o.status;
    f.file = options.outDir / (exportBaseName(o.id) + ".png");
    f.sidecar = options.outDir / (exportBaseName(o.id) + ".json");
    f.sha256 = sha256Hex(png);

    json side = sidecarBase;
    side["kind"] = "image";
    side["file"] = f.file.filename().string();
    side["file_sha256"] = f.sha256;
    side["generated_sha256"] = sha256Hex(original);
    side["digital_source_type"] = x.digitalSourceType;
    side["derived_from"] = fromPath.empty() && fromId.empty()
        ? json(nullptr)
        : json{{"file_path", fromPath}, {"document_id", fromId}, {"sku", o.referenceSku}};
    side["decision"] = decisionJson(d);
    side["provenance"] = prov;

    writeFileAtomic(f.file, png);
    writeFileAtomic(f.sidecar, side.dump(2) + "\n");
    return f;
}

ExportedFile exportCaption(catalog::Catalog& catalog, const audit::GeneratedOutput& o, const ExportOptions& options,
                           const json& sidecarBase)
{
    const json prov = json::parse(o.provenance, nullptr, false);
    const DecisionInfo d = decisionOf(catalog, o);
    json doc = sidecarBase;
    doc["kind"] = "caption";
    doc["text"] = o.text;
    doc["lang"] = o.lang;
    doc["text_sha256"] = sha256Hex(o.text);
    doc["reference_sku"] = o.referenceSku.empty() ? json(nullptr) : json(o.referenceSku);
    doc["digital_source_type"] = audit::kDigitalSourceTrained;
    doc["decision"] = decisionJson(d);
    doc["provenance"] = prov;
    ExportedFile f;
    f.id = o.id;
    f.kind = o.kind;
    f.status = o.status;
    f.file = options.outDir / (exportBaseName(o.id) + ".json");
    f.sidecar = f.file;
    const std::string bytes = doc.dump(2) + "\n";
    f.sha256 = sha256Hex(bytes);
    writeFileAtomic(f.file, bytes);
    return f;
}

} // namespace

std::string exportBaseName(std::int64_t id) { return "output-" + std::to_string(id); }

ExportResult exportOutputs(catalog::Catalog& catalog, const ExportOptions& options, const ProgressFn& progress)
{
    if (options.outDir.empty())
        throw UsageError("an output folder is needed (--out DIR)");
    const audit::Actor actor = audit::currentActor(options.actor);
    const auto chosen = select(catalog, options);

    // Refuse before writing anything: an unapproved output never leaves by accident.
    if (!options.includeUnapproved) {
        for (const auto& o : chosen)
            if (!o.usable())
                throw PolicyError("Output " + std::to_string(o.id) + " is " + audit::statusName(o.status)
                                  + ": only approved outputs are exported. "
                                  + (o.status == audit::OutputStatus::Pending
                                         ? "Have a reviewer approve it ('unifashion audit approve --id "
                                               + std::to_string(o.id) + "'), or add"
                                         : std::string("Add"))
                                  + " --include-unapproved to export it marked as not approved.");
    }

    ExportResult result;
    const std::string exportedAt = catalog::nowIso8601();
    std::int64_t done = 0;
    const auto total = static_cast<std::int64_t>(chosen.size());
    for (const auto& o : chosen) {
        if (!reportProgress(progress, done, total)) {
            result.status = JobStatus::Cancelled;
            break;
        }
        ++done;
        if (auto problem = audit::checkOutput(catalog, o)) {
            result.failures.push_back({o.id, "not exported: it no longer agrees with the audit log (" + *problem
                                                 + "); run 'unifashion audit verify'"});
            continue;
        }
        json base = {{"schema", "unifashion.export/1"},
                     {"output_id", o.id},
                     {"status", audit::statusName(o.status)},
                     {"approved", o.usable()},
                     {"exported_at", exportedAt},
                     {"exported_by", actor.name},
                     {"app", {{"name", kAppName}, {"version", kAppVersion}}}};
        if (!o.usable())
            base["notice"] = "NOT APPROVED: exported with --include-unapproved; not for use";
        try {
            result.exported.push_back(o.kind == audit::OutputKind::Image ? exportImage(catalog, o, options, base)
                                                                         : exportCaption(catalog, o, options, base));
        } catch (const Error& e) {
            result.failures.push_back({o.id, e.what()});
        }
    }
    if (result.status == JobStatus::Completed)
        reportProgress(progress, total, total);

    if (!result.exported.empty()) {
        json items = json::array();
        for (const auto& f : result.exported)
            items.push_back({{"id", f.id},
                             {"status", audit::statusName(f.status)},
                             {"file", f.file.filename().string()},
                             {"sha256", f.sha256}});
        json payload = {{"out_dir", fs::absolute(options.outDir).lexically_normal().string()},
                        {"include_unapproved", options.includeUnapproved},
                        {"outputs", items}};
        if (actor.overridden) {
            payload["actor_os_user"] = actor.osUser;
            payload["actor_source"] = "--as";
        }
        // output_id stays empty: one entry covers the whole run; the ids are in the payload.
        result.auditSeq =
            audit::AuditLog(catalog.db()).append(actor.name, audit::Action::Exported, std::nullopt, payload.dump()).seq;
    }
    return result;
}

ExportResult exportOutputs(const ExportOptions& options, const ProgressFn& progress)
{
    catalog::Catalog catalog(options.catalogDir);
    return exportOutputs(catalog, options, progress);
}

} // namespace uf::pipeline
