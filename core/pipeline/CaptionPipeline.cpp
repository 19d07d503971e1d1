// The caption use case over the model façade and generation/Provenance.
#include "pipeline/CaptionPipeline.h"

#include "catalog/Catalog.h"
#include "common/Error.h"
#include "model/UnifiedModel.h"
#include "pipeline/GeneratePipeline.h"

namespace uf::pipeline {

generation::StoredOutput captionImage(model::UnifiedModel& m, catalog::Catalog& catalog, const CaptionOptions& options)
{
    if (options.lang != "ja" && options.lang != "en")
        throw UsageError("--lang must be ja or en, not '" + options.lang + "'");
    if (options.sku.has_value() == options.image.has_value())
        throw UsageError("give either --sku SKU or --image PATH");
    const audit::Actor actor = audit::currentActor(options.actor);
    auto ref = options.sku ? generation::referenceFromSku(catalog, *options.sku)
                           : generation::referenceFromFile(*options.image);
    generation::CaptionRecipe recipe;
    recipe.lang = options.lang;
    recipe.modelName = m.info().name;
    recipe.modelSha256 = m.info().packSha256;
    recipe.device = options.device;
    recipe.reference = ref.info;
    const std::string text = m.caption(ref.image, options.lang);
    return generation::storeCaption(catalog, recipe, text, actor);
}

generation::StoredOutput captionImage(const CaptionOptions& options)
{
    catalog::Catalog catalog(options.catalogDir);
    auto m = model::UnifiedModel::load(resolveModelPack(options.modelPack), model::parseDevice(options.device));
    return captionImage(*m, catalog, options);
}

} // namespace uf::pipeline
