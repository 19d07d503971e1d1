#include "cli/Cli.h"

#include "cli/Commands.h"
#include "common/BuildInfo.h"
#include "common/Error.h"

#include <cstdio>
#include <cstring>
#include <iostream>

namespace uf::cli {

namespace {

const Command kCommands[] = {
    {"demo", cmdDemo, "build a demo catalog (synthetic garments or Fashion-MNIST photos)"},
    {"import", cmdImport, "import products from a CSV (UTF-8 or Shift_JIS) or JSON Lines file"},
    {"list", cmdList, "list products, optionally filtered by category and attributes"},
    {"info", cmdInfo, "counts per category and language, missing texts or images, duplicates"},
    {"report", cmdReport, "data-readiness and bias report before fine-tuning"},
    {"generate", cmdGenerate, "draw image variations from a prompt or a product (stored pending review)"},
    {"caption", cmdCaption, "draft a product description from an image (stored pending review)"},
    {"audit", cmdAudit, "review generated outputs: list, approve, reject, verify the audit log"},
    {"export", cmdExport, "export approved outputs with provenance (XMP in PNG, JSON sidecars)"},
    {"train", cmdTrain, "train the unified model on a catalog (phase 1 pre-training, phase 2 composed fine-tuning)"},
    {"eval", cmdEval, "evaluate a model pack on a catalog: retrieval, captions, generation (--json)"},
    {"bench", cmdBench, "model speed: training step per phase, images/s, DDIM per image, beside the GEMM peak"},
    {"index", cmdIndex, "embed the catalog with the model and build the search index (incremental)"},
    {"search", cmdSearch, "search by text, by photo, or by photo + modification text"},
    {"duplicates", cmdDuplicates, "groups of near-duplicate product images, with score ranges"},
    {"bench-search", cmdBenchSearch, "search index benchmark: recall, latency, build/open time, memory, vs FAISS"},
};

void printHelp(std::FILE* to)
{
    std::fprintf(to, "%s %s — search and generate fashion images with one model\n\n", kAppName, kAppVersion);
    std::fprintf(to, "usage: unifashion <command> [options]\n\ncommands:\n");
    for (const auto& c : kCommands)
        std::fprintf(to, "  %-11s %s\n", c.name, c.summary);
    std::fprintf(to, "\nRun 'unifashion <command> --help' for a command's options.\n"
                     "Exit codes: 0 success, 3 finished with some items failed, 1 error, 2 usage.\n");
}

} // namespace

int run(int argc, char** argv)
{
    std::ios::sync_with_stdio(false);
    if (argc < 2) {
        printHelp(stderr);
        return kExitUsage;
    }
    const std::string name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        printHelp(stdout);
        return kExitOk;
    }
    if (name == "--version") {
        std::printf("unifashion %s\n", kAppVersion);
        return kExitOk;
    }
    std::vector<std::string> rest(argv + 2, argv + argc);
    for (const auto& c : kCommands) {
        if (name != c.name)
            continue;
        try {
            return c.fn(rest);
        } catch (const UsageError& e) {
            std::fprintf(stderr, "unifashion %s: %s\nRun 'unifashion %s --help' for usage.\n", c.name, e.what(), c.name);
            return kExitUsage;
        } catch (const Error& e) {
            std::fprintf(stderr, "unifashion %s: error: %s\n", c.name, e.what());
            return kExitError;
        } catch (const std::exception& e) {
            std::fprintf(stderr, "unifashion %s: unexpected error: %s\n", c.name, e.what());
            return kExitError;
        }
    }
    std::fprintf(stderr, "unifashion: unknown command '%s'\n\n", name.c_str());
    printHelp(stderr);
    return kExitUsage;
}

} // namespace uf::cli
