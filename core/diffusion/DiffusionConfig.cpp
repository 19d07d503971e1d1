// JSON form and validation of the diffusion configs. Strict on purpose: an unknown key is more
// often a typo in a --config file or a foreign manifest than a harmless extra.
#include "diffusion/DiffusionConfig.h"

#include "common/Error.h"
#include "common/JsonReader.h"

#include <set>

namespace uf::diffusion {
namespace {

using nlohmann::json;

using Reader = JsonReader;

void require(bool ok, const std::string& message)
{
    if (!ok)
        throw BadInputError(message);
}

} // namespace

// ---- AutoEncoderConfig ------------------------------------------------------------------------

void AutoEncoderConfig::validate() const
{
    require(imageChannels > 0 && latentChannels > 0, "autoencoder: channel counts must be positive");
    require(!channels.empty(), "autoencoder.channels: needs at least one entry (one per downsampling)");
    for (int c : channels)
        require(c > 0, "autoencoder.channels: widths must be positive");
    require(imageSize > 0 && imageSize % (1 << downsamplings()) == 0,
            "autoencoder.imageSize " + std::to_string(imageSize) + " is not divisible by 2^" +
                std::to_string(downsamplings()));
    require(resBlocksPerLevel >= 0 && maxGroups > 0, "autoencoder: resBlocksPerLevel >= 0, maxGroups > 0");
    require(l1Weight >= 0 && mseWeight >= 0 && edgeWeight >= 0 && latentL2Weight >= 0,
            "autoencoder: loss weights must be >= 0");
}

nlohmann::json AutoEncoderConfig::toJson() const
{
    return {{"imageSize", imageSize},   {"imageChannels", imageChannels},
            {"latentChannels", latentChannels}, {"channels", channels},
            {"resBlocksPerLevel", resBlocksPerLevel}, {"transposedConv", transposedConv},
            {"maxGroups", maxGroups},   {"l1Weight", l1Weight},
            {"mseWeight", mseWeight},   {"edgeWeight", edgeWeight},
            {"latentL2Weight", latentL2Weight}};
}

AutoEncoderConfig AutoEncoderConfig::fromJson(const nlohmann::json& j)
{
    AutoEncoderConfig c;
    Reader r(j, "autoencoder");
    r.get("imageSize", c.imageSize);
    r.get("imageChannels", c.imageChannels);
    r.get("latentChannels", c.latentChannels);
    r.get("channels", c.channels);
    r.get("resBlocksPerLevel", c.resBlocksPerLevel);
    r.get("transposedConv", c.transposedConv);
    r.get("maxGroups", c.maxGroups);
    r.get("l1Weight", c.l1Weight);
    r.get("mseWeight", c.mseWeight);
    r.get("edgeWeight", c.edgeWeight);
    r.get("latentL2Weight", c.latentL2Weight);
    r.finish();
    c.validate();
    return c;
}

// ---- UNetConfig -------------------------------------------------------------------------------

void UNetConfig::validate() const
{
    require(outChannels > 0 && (inChannels == outChannels || inChannels == 2 * outChannels),
            "unet: inChannels must equal outChannels (text-to-image) or twice it (editing)");
    require(baseChannels > 0 && !channelMults.empty(), "unet: baseChannels > 0 and channelMults non-empty");
    for (int m : channelMults)
        require(m > 0, "unet.channelMults: must be positive");
    const int levels = static_cast<int>(channelMults.size());
    require(sampleSize > 0 && sampleSize % (1 << (levels - 1)) == 0,
            "unet.sampleSize " + std::to_string(sampleSize) + " is not divisible by 2^" + std::to_string(levels - 1));
    require(resBlocksPerLevel >= 1, "unet.resBlocksPerLevel must be >= 1");
    require(headChannels > 0 && contextDim >= 0 && transformerDepth >= 1 && ffMult >= 1 && maxGroups > 0,
            "unet: headChannels > 0, contextDim >= 0, transformerDepth >= 1, ffMult >= 1, maxGroups > 0");
    require(dropout >= 0 && dropout < 1, "unet.dropout must be in [0, 1)");
}

nlohmann::json UNetConfig::toJson() const
{
    return {{"inChannels", inChannels},
            {"outChannels", outChannels},
            {"sampleSize", sampleSize},
            {"baseChannels", baseChannels},
            {"channelMults", channelMults},
            {"resBlocksPerLevel", resBlocksPerLevel},
            {"attentionResolutions", attentionResolutions},
            {"middleAttention", middleAttention},
            {"headChannels", headChannels},
            {"contextDim", contextDim},
            {"transformerDepth", transformerDepth},
            {"ffMult", ffMult},
            {"maxGroups", maxGroups},
            {"dropout", dropout}};
}

UNetConfig UNetConfig::fromJson(const nlohmann::json& j) { return fromJson(j, UNetConfig{}); }

UNetConfig UNetConfig::fromJson(const nlohmann::json& j, const UNetConfig& base)
{
    UNetConfig c = base;
    Reader r(j, "unet");
    r.get("inChannels", c.inChannels);
    r.get("outChannels", c.outChannels);
    r.get("sampleSize", c.sampleSize);
    r.get("baseChannels", c.baseChannels);
    r.get("channelMults", c.channelMults);
    r.get("resBlocksPerLevel", c.resBlocksPerLevel);
    r.get("attentionResolutions", c.attentionResolutions);
    r.get("middleAttention", c.middleAttention);
    r.get("headChannels", c.headChannels);
    r.get("contextDim", c.contextDim);
    r.get("transformerDepth", c.transformerDepth);
    r.get("ffMult", c.ffMult);
    r.get("maxGroups", c.maxGroups);
    r.get("dropout", c.dropout);
    r.finish();
    c.validate();
    return c;
}

// ---- UpscalerConfig ---------------------------------------------------------------------------

UpscalerConfig::UpscalerConfig()
{
    // A convolutional UNet without attention: detail is local, and it then runs at any size.
    unet.inChannels = 8;
    unet.outChannels = 4;
    unet.sampleSize = 32;
    unet.baseChannels = 64;
    unet.channelMults = {1, 2};
    unet.attentionResolutions = {};
    unet.middleAttention = false;
    unet.contextDim = 0;
}

void UpscalerConfig::validate() const
{
    unet.validate();
    require(unet.editing(), "upscaler.unet: inChannels must be twice outChannels (noisy latent ; upsampled base latent)");
    require(unet.contextDim == 0, "upscaler.unet: contextDim must be 0 (the upscaler reads the base latent, not the text)");
    require(steps >= 1 && steps <= 1000, "upscaler.steps must be in [1, 1000]");
    require(strength > 0.0 && strength <= 1.0, "upscaler.strength must be above 0 and at most 1");
    const int levels = static_cast<int>(unet.channelMults.size());
    require(cropSize > 0 && cropSize % (1 << (levels - 1)) == 0,
            "upscaler.cropSize " + std::to_string(cropSize) + " is not divisible by 2^" + std::to_string(levels - 1));
}

nlohmann::json UpscalerConfig::toJson() const
{
    return {{"unet", unet.toJson()}, {"steps", steps}, {"strength", strength}, {"cropSize", cropSize}};
}

UpscalerConfig UpscalerConfig::fromJson(const nlohmann::json& j)
{
    UpscalerConfig c;
    Reader r(j, "upscaler");
    if (const auto* u = r.sub("unet"))
        c.unet = UNetConfig::fromJson(*u, c.unet);
    r.get("steps", c.steps);
    r.get("strength", c.strength);
    r.get("cropSize", c.cropSize);
    r.finish();
    c.validate();
    return c;
}

// ---- ScheduleConfig ---------------------------------------------------------------------------

std::string toString(TimestepSpacing spacing)
{
    switch (spacing) {
    case TimestepSpacing::Leading: return "leading";
    case TimestepSpacing::Trailing: return "trailing";
    case TimestepSpacing::Linspace: return "linspace";
    }
    return "trailing";
}

TimestepSpacing parseTimestepSpacing(const std::string& name)
{
    if (name == "leading")
        return TimestepSpacing::Leading;
    if (name == "trailing")
        return TimestepSpacing::Trailing;
    if (name == "linspace")
        return TimestepSpacing::Linspace;
    throw BadInputError("schedule.spacing: unknown timestep spacing '" + name + "' (leading, trailing, linspace)");
}

std::string toString(Solver solver)
{
    return solver == Solver::DpmSolverPP2M ? "dpm++2m" : "ddim";
}

std::vector<std::string> solverNames()
{
    return {toString(Solver::Ddim), toString(Solver::DpmSolverPP2M)};
}

Solver parseSolver(const std::string& name)
{
    for (const auto solver : {Solver::Ddim, Solver::DpmSolverPP2M})
        if (name == toString(solver))
            return solver;
    std::string names;
    for (const auto& n : solverNames())
        names += (names.empty() ? "" : ", ") + n;
    throw BadInputError("unknown sampler '" + name + "' (" + names + ")");
}

void ScheduleConfig::validate() const
{
    require(kind == "cosine" || kind == "linear", "schedule.kind: unknown schedule '" + kind + "' (cosine, linear)");
    require(numTrainSteps >= 2, "schedule.numTrainSteps must be >= 2");
    require(cosineOffset >= 0 && maxBeta > 0 && maxBeta < 1, "schedule: cosineOffset >= 0, 0 < maxBeta < 1");
    require(betaStart > 0 && betaEnd >= betaStart && betaEnd < 1, "schedule: 0 < betaStart <= betaEnd < 1");
}

nlohmann::json ScheduleConfig::toJson() const
{
    return {{"kind", kind},           {"numTrainSteps", numTrainSteps}, {"cosineOffset", cosineOffset},
            {"maxBeta", maxBeta},     {"betaStart", betaStart},         {"betaEnd", betaEnd},
            {"spacing", toString(spacing)}};
}

ScheduleConfig ScheduleConfig::fromJson(const nlohmann::json& j)
{
    ScheduleConfig c;
    Reader r(j, "schedule");
    r.get("kind", c.kind);
    r.get("numTrainSteps", c.numTrainSteps);
    r.get("cosineOffset", c.cosineOffset);
    r.get("maxBeta", c.maxBeta);
    r.get("betaStart", c.betaStart);
    r.get("betaEnd", c.betaEnd);
    std::string spacing = toString(c.spacing);
    r.get("spacing", spacing);
    c.spacing = parseTimestepSpacing(spacing);
    r.finish();
    c.validate();
    return c;
}

// ---- DiffusionConfig --------------------------------------------------------------------------

void DiffusionConfig::validate() const
{
    autoencoder.validate();
    unet.validate();
    schedule.validate();
    require(unet.outChannels == autoencoder.latentChannels,
            "diffusion: unet.outChannels (" + std::to_string(unet.outChannels) + ") != autoencoder.latentChannels (" +
                std::to_string(autoencoder.latentChannels) + ")");
    if (upscaler) {
        upscaler->validate();
        require(upscaler->unet.outChannels == autoencoder.latentChannels,
                "diffusion: upscaler.unet.outChannels (" + std::to_string(upscaler->unet.outChannels)
                    + ") != autoencoder.latentChannels (" + std::to_string(autoencoder.latentChannels) + ")");
    }
}

nlohmann::json DiffusionConfig::toJson() const
{
    nlohmann::json j = {{"autoencoder", autoencoder.toJson()}, {"unet", unet.toJson()}, {"schedule", schedule.toJson()}};
    if (upscaler)
        j["upscaler"] = upscaler->toJson(); // absent otherwise: packs without one keep their manifest
    return j;
}

DiffusionConfig DiffusionConfig::fromJson(const nlohmann::json& j)
{
    DiffusionConfig c;
    if (!j.is_object())
        throw BadInputError("diffusion: expected a JSON object");
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (it.key() == "autoencoder")
            c.autoencoder = AutoEncoderConfig::fromJson(it.value());
        else if (it.key() == "unet")
            c.unet = UNetConfig::fromJson(it.value());
        else if (it.key() == "schedule")
            c.schedule = ScheduleConfig::fromJson(it.value());
        else if (it.key() == "upscaler")
            c.upscaler = UpscalerConfig::fromJson(it.value());
        else
            throw BadInputError("diffusion: unknown key '" + it.key() + "'");
    }
    c.validate();
    return c;
}

} // namespace uf::diffusion
