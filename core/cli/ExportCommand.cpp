// `unifashion export`: approved outputs with embedded provenance, over pipeline/ExportPipeline.
#include "cli/Args.h"
#include "cli/Cli.h"
#include "cli/Commands.h"
#include "cli/Console.h"
#include "common/Error.h"
#include "pipeline/ExportPipeline.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace uf::cli {

namespace {

const char* const kUsage =
    "usage: unifashion export --catalog DIR --out DIR [--status approved|pending|rejected] [--id ID ...]\n"
    "                         [--include-unapproved] [--as USER] [--json]\n"
    "\n"
    "Exports approved outputs: images as output-<id>.png carrying XMP (IPTC DigitalSourceType =\n"
    "trainedAlgorithmicMedia, or compositeWithTrainedAlgorithmicMedia for an edit of a product photo;\n"
    "xmpMM:DerivedFrom the source image; prompt, seed, model hash and the reviewer's decision in the\n"
    "uf: namespace) plus output-<id>.json; captions as output-<id>.json. Pending or rejected outputs\n"
    "are refused (exit 1) unless --include-unapproved, which marks them as NOT APPROVED. Outputs\n"
    "that no longer agree with the audit log are skipped (exit 3). Each export is an audit entry.\n";

} // namespace

int cmdExport(const std::vector<std::string>& argv)
{
    if (wantsHelp(argv, kUsage))
        return kExitOk;
    Args args(argv, {"catalog", "out", "status", "id", "as"}, {"include-unapproved", "json"});
    pipeline::ExportOptions o;
    o.catalogDir = args.required("catalog");
    o.outDir = args.required("out");
    if (auto s = args.value("status")) {
        o.status = audit::parseStatus(*s);
        if (!o.status)
            throw UsageError("--status must be approved, pending or rejected, not '" + *s + "'");
    }
    for (const auto& id : args.all("id")) {
        try {
            std::size_t used = 0;
            const long long v = std::stoll(id, &used);
            if (used != id.size() || v <= 0)
                throw std::invalid_argument(id);
            o.ids.push_back(v);
        } catch (const std::exception&) {
            throw UsageError("--id needs a positive output id, got '" + id + "'");
        }
    }
    o.includeUnapproved = args.flag("include-unapproved");
    o.actor = args.value("as");

    installInterruptHandler();
    const auto r = pipeline::exportOutputs(o, stderrProgress("export"));
    if (args.flag("json")) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& f : r.exported)
            items.push_back({{"id", f.id},
                             {"kind", audit::kindName(f.kind)},
                             {"status", audit::statusName(f.status)},
                             {"path", f.file.string()},
                             {"sidecar", f.sidecar.string()},
                             {"sha256", f.sha256}});
        nlohmann::json failures = nlohmann::json::array();
        for (const auto& f : r.failures)
            failures.push_back({{"id", f.id}, {"reason", f.reason}});
        std::printf("%s\n", nlohmann::json({{"exported", items},
                                            {"failures", failures},
                                            {"audit_seq", r.auditSeq},
                                            {"cancelled", r.status == JobStatus::Cancelled}})
                                .dump()
                                .c_str());
    } else {
        for (const auto& f : r.exported)
            std::printf("%lld\t%s\t%s\n", static_cast<long long>(f.id), audit::statusName(f.status), f.file.c_str());
        std::fprintf(stderr, "export: %zu output(s) written to %s%s\n", r.exported.size(), o.outDir.c_str(),
                     r.exported.empty() ? " (nothing matched)" : "");
    }
    for (const auto& f : r.failures)
        std::fprintf(stderr, "export: output %lld: %s\n", static_cast<long long>(f.id), f.reason.c_str());
    if (r.status == JobStatus::Cancelled) {
        std::fprintf(stderr, "export: cancelled; the files listed were written and recorded\n");
        return 130;
    }
    return r.failures.empty() ? kExitOk : kExitPartial;
}

} // namespace uf::cli
