// JSON form and validation of the unified model's architecture config.
#include "model/ModelConfig.h"

#include "common/Error.h"
#include "common/JsonReader.h"

#include <set>

namespace uf::model {

namespace {

using nlohmann::json;

using Reader = JsonReader;

void require(bool ok, const std::string& message)
{
    if (!ok)
        throw BadInputError(message);
}

} // namespace

void VisionConfig::validate() const
{
    require(!channels.empty(), "model.vision.channels: needs at least one stride-2 step");
    for (int c : channels)
        require(c > 0, "model.vision.channels: widths must be positive");
    require(imageSize > 0 && imageSize % (1 << channels.size()) == 0,
            "model.vision.imageSize " + std::to_string(imageSize) + " is not divisible by 2^" + std::to_string(channels.size()));
    require(dim > 0 && blocksPerStage >= 0 && maxGroups > 0, "model.vision: dim > 0, blocksPerStage >= 0, maxGroups > 0");
    require(textureChannels >= 0, "model.vision.textureChannels must be >= 0");
}

json VisionConfig::toJson() const
{
    json j = {{"imageSize", imageSize}, {"channels", channels}, {"blocksPerStage", blocksPerStage}, {"dim", dim}, {"maxGroups", maxGroups}};
    if (textureChannels > 0) // absent from packs made before it existed: they read as 0
        j["textureChannels"] = textureChannels;
    return j;
}

VisionConfig VisionConfig::fromJson(const json& j)
{
    VisionConfig c;
    Reader r(j, "model.vision");
    r.get("imageSize", c.imageSize);
    r.get("channels", c.channels);
    r.get("blocksPerStage", c.blocksPerStage);
    r.get("dim", c.dim);
    r.get("maxGroups", c.maxGroups);
    r.get("textureChannels", c.textureChannels);
    r.finish();
    c.validate();
    return c;
}

void QFormerConfig::validate() const
{
    require(dim > 0 && heads > 0 && dim % heads == 0, "model.qformer: dim must be a positive multiple of heads");
    require(layers > 0 && queries > 0 && mlpRatio > 0 && crossEvery > 0 && maxTextLen >= 4,
            "model.qformer: layers, queries, mlpRatio, crossEvery > 0 and maxTextLen >= 4");
    require(dropout >= 0 && dropout < 1, "model.qformer.dropout must be in [0, 1)");
}

json QFormerConfig::toJson() const
{
    return {{"dim", dim},           {"layers", layers},         {"heads", heads},           {"queries", queries},
            {"mlpRatio", mlpRatio}, {"crossEvery", crossEvery}, {"maxTextLen", maxTextLen}, {"dropout", dropout}};
}

QFormerConfig QFormerConfig::fromJson(const json& j)
{
    QFormerConfig c;
    Reader r(j, "model.qformer");
    r.get("dim", c.dim);
    r.get("layers", c.layers);
    r.get("heads", c.heads);
    r.get("queries", c.queries);
    r.get("mlpRatio", c.mlpRatio);
    r.get("crossEvery", c.crossEvery);
    r.get("maxTextLen", c.maxTextLen);
    r.get("dropout", c.dropout);
    r.finish();
    c.validate();
    return c;
}

void LanguageModelConfig::validate() const
{
    require(dim > 0 && heads > 0 && dim % heads == 0, "model.lm: dim must be a positive multiple of heads");
    require(layers > 0 && mlpRatio > 0 && maxTextLen >= 4, "model.lm: layers, mlpRatio > 0 and maxTextLen >= 4");
    require(dropout >= 0 && dropout < 1, "model.lm.dropout must be in [0, 1)");
}

json LanguageModelConfig::toJson() const
{
    return {{"dim", dim}, {"layers", layers}, {"heads", heads}, {"mlpRatio", mlpRatio}, {"maxTextLen", maxTextLen}, {"dropout", dropout}};
}

LanguageModelConfig LanguageModelConfig::fromJson(const json& j)
{
    LanguageModelConfig c;
    Reader r(j, "model.lm");
    r.get("dim", c.dim);
    r.get("layers", c.layers);
    r.get("heads", c.heads);
    r.get("mlpRatio", c.mlpRatio);
    r.get("maxTextLen", c.maxTextLen);
    r.get("dropout", c.dropout);
    r.finish();
    c.validate();
    return c;
}

ModelConfig::ModelConfig()
{
    // Editing concatenates the reference latent to the noisy latent (InstructPix2Pix).
    diffusion.unet.inChannels = 2 * diffusion.autoencoder.latentChannels;
    diffusion.unet.outChannels = diffusion.autoencoder.latentChannels;
    diffusion.unet.sampleSize = diffusion.autoencoder.latentSize();
    // A lighter UNet than the diffusion defaults (10 M instead of 23 M parameters): one residual
    // block per level and 64/128/192 channels train about twice as fast on 2 cores and keep the
    // whole pack under 40 MB as float16; attention stays at 8x8, 4x4 and the middle.
    diffusion.unet.resBlocksPerLevel = 1;
    diffusion.unet.channelMults = {1, 2, 3};
    diffusion.unet.contextDim = 192;
}

void ModelConfig::validate() const
{
    require(!name.empty(), "model.name must not be empty");
    require(vocabSize >= 0, "model.vocabSize must be >= 0");
    require(embedDim > 0, "model.embedDim must be positive");
    vision.validate();
    qformer.validate();
    lm.validate();
    try {
        diffusion.validate();
    } catch (const BadInputError& e) {
        throw BadInputError(std::string("model.diffusion: ") + e.what());
    }
    const auto& ae = diffusion.autoencoder;
    const auto& unet = diffusion.unet;
    require(unet.contextDim > 0, "model.diffusion.unet.contextDim must be positive (the UNet reads the Q-Former's outputs)");
    require(unet.outChannels == ae.latentChannels,
            "model.diffusion.unet.outChannels must equal autoencoder.latentChannels (" + std::to_string(ae.latentChannels) + ")");
    require(unet.inChannels == 2 * ae.latentChannels,
            "model.diffusion.unet.inChannels must be 2 x latentChannels: edits concatenate the reference latent");
    require(unet.sampleSize == ae.latentSize(), "model.diffusion.unet.sampleSize must equal the autoencoder's latent side ("
                                                    + std::to_string(ae.latentSize()) + ")");
}

json ModelConfig::toJson() const
{
    return {{"name", name},
            {"vocabSize", vocabSize},
            {"embedDim", embedDim},
            {"vision", vision.toJson()},
            {"qformer", qformer.toJson()},
            {"lm", lm.toJson()},
            {"contextIncludesText", contextIncludesText},
            {"diffusion", diffusion.toJson()}};
}

ModelConfig ModelConfig::fromJson(const json& j)
{
    ModelConfig c;
    Reader r(j, "model");
    r.get("name", c.name);
    r.get("vocabSize", c.vocabSize);
    r.get("embedDim", c.embedDim);
    r.get("contextIncludesText", c.contextIncludesText);
    if (const json* v = r.sub("vision"))
        c.vision = VisionConfig::fromJson(*v);
    if (const json* v = r.sub("qformer"))
        c.qformer = QFormerConfig::fromJson(*v);
    if (const json* v = r.sub("lm"))
        c.lm = LanguageModelConfig::fromJson(*v);
    if (const json* v = r.sub("diffusion")) {
        try {
            // Start from our defaults (editing input channels) and let the file override them.
            json merged = c.diffusion.toJson();
            merged.merge_patch(*v);
            c.diffusion = diffusion::DiffusionConfig::fromJson(merged);
        } catch (const BadInputError& e) {
            throw BadInputError(std::string("model.diffusion: ") + e.what());
        }
    }
    r.finish();
    c.validate();
    return c;
}

} // namespace uf::model
