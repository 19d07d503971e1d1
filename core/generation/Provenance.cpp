// Provenance records and the transactional storage of generated outputs.
#include "generation/Provenance.h"

#include "catalog/Catalog.h"
#include "common/BuildInfo.h"
#include "common/Error.h"
#include "common/Files.h"
#include "imaging/ImageIO.h"
#include "text/Normalize.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace uf::generation {

using nlohmann::json;

namespace {

constexpr const char* kProvenanceSchema = "unifashion.provenance/1";

json referenceJson(const ReferenceInfo& r)
{
    switch (r.type) {
    case ReferenceInfo::Type::None: return nullptr;
    case ReferenceInfo::Type::Product:
        return {{"type", "product"}, {"sku", r.sku}, {"image_path", r.imagePath}, {"image_sha256", r.sha256}};
    case ReferenceInfo::Type::File:
        return {{"type", "file"}, {"path", r.imagePath}, {"image_sha256", r.sha256}};
    }
    return nullptr;
}

json actorJson(const audit::Actor& a)
{
    json j = {{"name", a.name}, {"os_user", a.osUser}};
    if (a.overridden)
        j["source"] = "--as";
    return j;
}

json appJson() { return {{"name", kAppName}, {"version", kAppVersion}}; }

// 2.7f is 2.700000047683716 as a double; provenance should say 2.7.
double decimal(float v) { return std::round(static_cast<double>(v) * 1e6) / 1e6; }

// Ill-formed UTF-8 (a model that splits a multi-byte character) becomes U+FFFD, so that the draft
// can be shown, hashed and exported as JSON.
std::string repairUtf8(const std::string& s)
{
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len > 0 && i + len <= s.size() && text::isValidUtf8(std::string_view(s).substr(i, len))) {
            out.append(s, i, len);
            i += len;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

} // namespace

ResolvedReference referenceFromFile(const fs::path& file)
{
    ResolvedReference r;
    r.info.type = ReferenceInfo::Type::File;
    r.info.imagePath = fs::absolute(file).lexically_normal().string();
    r.info.sha256 = sha256File(file);
    r.image = imaging::loadFile(file);
    return r;
}

ResolvedReference referenceFromSku(catalog::Catalog& catalog, const std::string& sku)
{
    auto product = catalog.findBySku(sku);
    if (!product)
        throw BadInputError("No product with SKU '" + sku + "' in " + catalog.folder().string() + ".");
    if (product->images.empty())
        throw BadInputError("Product '" + sku + "' has no image to use as a reference; add one or pass an image file.");
    const auto& img = product->images.front();
    ResolvedReference r;
    r.info.type = ReferenceInfo::Type::Product;
    r.info.sku = sku;
    r.info.imagePath = img.path;
    r.info.sha256 = img.sha256;
    r.image = imaging::loadFile(catalog.resolveImage(img));
    return r;
}

ResolvedReference resolveReference(catalog::Catalog& catalog, const std::string& skuOrPath)
{
    if (catalog.findBySku(skuOrPath))
        return referenceFromSku(catalog, skuOrPath);
    std::error_code ec;
    if (fs::is_regular_file(skuOrPath, ec))
        return referenceFromFile(skuOrPath);
    throw BadInputError("Reference '" + skuOrPath + "' is neither a SKU in " + catalog.folder().string()
                        + " nor an image file.");
}

std::string imageProvenanceJson(const ImageRecipe& recipe, int index, const std::string& outputSha,
                                const imaging::Image& image, const audit::Actor& actor, const std::string& createdAt)
{
    json j = {
        {"schema", kProvenanceSchema},
        {"kind", "image"},
        {"prompt", recipe.prompt},
        {"prompt_read", recipe.promptRead},
        // Batch seed: image `index` of `count` (see Provenance.h). As a string and a number, since
        // a uint64 does not survive every JSON reader.
        {"seed", recipe.seed},
        {"seed_text", std::to_string(recipe.seed)},
        {"seed_policy", "batch"},
        {"index", index},
        {"count", recipe.count},
        {"steps", recipe.steps},
        {"guidance", decimal(recipe.guidance)},
        {"sampler", recipe.sampler},
        {"model", {{"name", recipe.modelName}, {"sha256", recipe.modelSha256}}},
        {"device", recipe.device},
        {"reference", referenceJson(recipe.reference)},
        {"created_by", actorJson(actor)},
        {"created_at", createdAt},
        {"app", appJson()},
        {"output", {{"format", "png"}, {"width", image.width}, {"height", image.height}, {"sha256", outputSha}}},
    };
    if (recipe.reference.type != ReferenceInfo::Type::None)
        j["strength"] = decimal(recipe.strength);
    if (recipe.draft)
        j["draft"] = true;
    return j.dump();
}

std::vector<StoredOutput> storeImages(catalog::Catalog& catalog, const ImageRecipe& recipe,
                                      const std::vector<imaging::Image>& images, const audit::Actor& actor)
{
    std::vector<StoredOutput> out;
    if (images.empty())
        return out;
    const std::string createdAt = catalog::nowIso8601();

    // Files first (content-addressed, so an existing file already holds these bytes); rows after.
    std::vector<fs::path> created;
    std::vector<std::string> shas;
    try {
        for (const auto& image : images) {
            if (image.empty())
                throw BadInputError("The model returned an empty image; nothing was stored.");
            const auto png = imaging::encodePng(image);
            const std::string sha = sha256Hex(png);
            const fs::path file = catalog.generatedDir() / (sha + ".png");
            std::error_code ec;
            if (!fs::exists(file, ec) || sha256File(file) != sha) {
                writeFileAtomic(file, png);
                created.push_back(file);
            }
            shas.push_back(sha);
        }
        catalog::Transaction tx(catalog.db());
        for (std::size_t i = 0; i < images.size(); ++i) {
            audit::GeneratedOutput o;
            o.kind = audit::OutputKind::Image;
            o.path = "generated/" + shas[i] + ".png";
            o.referenceSku = recipe.reference.sku;
            o.createdAt = createdAt;
            o.provenance = imageProvenanceJson(recipe, static_cast<int>(i), shas[i], images[i], actor, createdAt);
            audit::recordGenerated(catalog, o, shas[i], actor);
            StoredOutput s;
            s.id = o.id;
            s.kind = o.kind;
            s.path = fs::absolute(catalog.folder() / o.path).lexically_normal();
            s.sha256 = shas[i];
            s.index = static_cast<int>(i);
            s.provenance = o.provenance;
            out.push_back(std::move(s));
        }
        tx.commit();
    } catch (...) {
        for (const auto& f : created) {
            std::error_code ec;
            fs::remove(f, ec);
        }
        throw;
    }
    return out;
}

StoredOutput storeCaption(catalog::Catalog& catalog, const CaptionRecipe& recipe, const std::string& modelText,
                          const audit::Actor& actor)
{
    const std::string text = repairUtf8(modelText);
    if (text.empty())
        throw BadInputError("The model returned an empty caption; nothing was stored.");
    const std::string createdAt = catalog::nowIso8601();
    const std::string sha = sha256Hex(text);
    json prov = {
        {"schema", kProvenanceSchema},
        {"kind", "caption"},
        {"lang", recipe.lang},
        {"model", {{"name", recipe.modelName}, {"sha256", recipe.modelSha256}}},
        {"device", recipe.device},
        {"reference", referenceJson(recipe.reference)},
        {"created_by", actorJson(actor)},
        {"created_at", createdAt},
        {"app", appJson()},
        {"output", {{"format", "text"}, {"sha256", sha}}},
    };
    if (text != modelText)
        prov["text_repaired"] = "ill-formed UTF-8 from the model was replaced by U+FFFD";
    audit::GeneratedOutput o;
    o.kind = audit::OutputKind::Caption;
    o.text = text;
    o.lang = recipe.lang;
    o.referenceSku = recipe.reference.sku;
    o.createdAt = createdAt;
    o.provenance = prov.dump();
    audit::recordGenerated(catalog, o, sha, actor);
    StoredOutput s;
    s.id = o.id;
    s.kind = o.kind;
    s.sha256 = sha;
    s.text = text;
    s.lang = recipe.lang;
    s.provenance = o.provenance;
    return s;
}

} // namespace uf::generation
