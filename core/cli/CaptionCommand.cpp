// `unifashion caption`: thin over pipeline/CaptionPipeline. The draft is stored as pending review.
#include "cli/Args.h"
#include "cli/Cli.h"
#include "cli/Commands.h"
#include "cli/Console.h"
#include "common/Error.h"
#include "pipeline/CaptionPipeline.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace uf::cli {

namespace {

const char* const kCaptionUsage =
    "usage: unifashion caption --catalog DIR (--sku SKU | --image PATH) [--lang ja|en] [--model PACK]\n"
    "                          [--device cpu|cuda] [--as USER] [--json]\n"
    "\n"
    "Drafts a product description (default Japanese) for a product's image or an image file and stores\n"
    "it as a pending caption output with provenance, for a reviewer to approve or reject.\n";

} // namespace

int cmdCaption(const std::vector<std::string>& argv)
{
    if (wantsHelp(argv, kCaptionUsage))
        return kExitOk;
    Args args(argv, {"catalog", "sku", "image", "lang", "model", "device", "as"}, {"json"});
    pipeline::CaptionOptions o;
    o.catalogDir = args.required("catalog");
    o.sku = args.value("sku");
    if (auto i = args.value("image"))
        o.image = *i;
    o.lang = args.valueOr("lang", "ja");
    if (auto m = args.value("model"))
        o.modelPack = *m;
    o.device = args.valueOr("device", "cpu");
    o.actor = args.value("as");
    if (o.sku.has_value() == o.image.has_value())
        throw UsageError("give either --sku SKU or --image PATH");

    const auto s = pipeline::captionImage(o);
    if (args.flag("json")) {
        nlohmann::json item = {{"id", s.id},     {"status", "pending"}, {"kind", "caption"},
                               {"lang", s.lang}, {"text", s.text},      {"sha256", s.sha256}};
        nlohmann::json out;
        out["outputs"] = nlohmann::json::array({item});
        std::printf("%s\n", out.dump().c_str());
    } else {
        std::printf("%lld\tpending\t%s\t%s\n", static_cast<long long>(s.id), s.lang.c_str(), s.text.c_str());
    }
    return kExitOk;
}

} // namespace uf::cli
