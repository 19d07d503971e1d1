// `unifashion demo`: builds a demo catalog (synthetic garments or Fashion-MNIST photos).
#include "cli/Args.h"
#include "cli/Commands.h"
#include "cli/Console.h"
#include "common/Error.h"
#include "pipeline/DemoCatalog.h"

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

namespace uf::cli {

int cmdDemo(const std::vector<std::string>& argv)
{
    static const char* usage =
        "usage: unifashion demo --catalog DIR --source synthetic|fashion-mnist [--count N] [--seed S]\n"
        "                      [--plant-duplicates N] [--json]\n"
        "Builds a demo catalog in DIR. 'synthetic' draws garments with known attributes (default 5,000, 128x128,\n"
        "Japanese and English descriptions, train/test split); the same seed gives byte-identical files.\n"
        "'fashion-mnist' uses the real Zalando product photos of Debian's dataset-fashion-mnist (70,000 by\n"
        "default, official train/test split). Both are written as a CSV + image folder under DIR/source/ and\n"
        "imported like a user's own file. --plant-duplicates N adds N near-duplicate copies (DUP-<sku>, the photo\n"
        "shrunk, shifted and re-encoded as JPEG; listed in planted-duplicates.tsv beside the CSV) for\n"
        "'unifashion duplicates' to find.\n";
    if (wantsHelp(argv, usage))
        return kExitOk;
#ifdef UF_NO_OPENCV
    throw Error("this build has no OpenCV (a GPU-server build): build demo catalogs on a workstation and copy the folder here");
#else
    installInterruptHandler();
    Args args(argv, {"catalog", "source", "count", "seed", "plant-duplicates"}, {"json"});
    pipeline::DemoOptions options;
    options.source = pipeline::parseDemoSource(args.valueOr("source", "synthetic"));
    options.count = static_cast<int>(args.intOr("count", 0));
    options.seed = static_cast<std::uint64_t>(args.intOr("seed", 1));
    options.plantDuplicates = static_cast<int>(args.intOr("plant-duplicates", 0));
    if (options.count < 0 || options.plantDuplicates < 0)
        throw UsageError("--count and --plant-duplicates must be positive");
    const auto summary = pipeline::buildDemoCatalog(args.required("catalog"), options, stderrProgress("writing demo source"),
                                                    stderrProgress("importing"));
    const auto& s = summary.import;
    if (args.flag("json")) {
        nlohmann::json errors = nlohmann::json::array();
        for (const auto& e : s.errors)
            errors.push_back({{"row", e.row}, {"file", e.file}, {"reason", e.reason}});
        std::cout << nlohmann::json{{"csv", summary.csv.string()}, {"imported", s.imported}, {"updated", s.updated},
                                    {"unchanged", s.unchanged}, {"failed", s.failed}, {"errors", errors},
                                    {"cancelled", summary.cancelled}, {"planted_duplicates", summary.planted.size()}}
                         .dump()
                  << "\n";
    } else {
        std::printf("Demo catalog: %lld imported, %lld updated, %lld unchanged, %lld failed (source %s)\n",
                    (long long)s.imported, (long long)s.updated, (long long)s.unchanged, (long long)s.failed,
                    summary.csv.string().c_str());
        if (!summary.planted.empty())
            std::printf("Planted %zu near-duplicates (listed in %s)\n", summary.planted.size(),
                        (summary.csv.parent_path() / "planted-duplicates.tsv").string().c_str());
        if (summary.cancelled)
            std::printf("Stopped early; run the same command again to complete it.\n");
    }
    if (summary.cancelled)
        return kExitError;
    return s.failed ? kExitPartial : kExitOk;
#endif
}

} // namespace uf::cli
