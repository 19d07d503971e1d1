// Architecture and schedule configs of the latent-diffusion half (autoencoder, UNet, noise
// schedule) as plain structs, saved in a model pack's manifest so that no size is hard-coded.
// No torch here; nlohmann::json only.
//
// Interface note for callers (model_io, training):
//   - manifest["diffusion"] = DiffusionConfig::toJson(); DiffusionConfig::fromJson(j) on load.
//   - fromJson starts from the defaults below, takes every key present and rejects unknown keys and
//     wrong types with uf::BadInputError (wrap it in ModelLoadError when reading a pack).
//   - validate() is called by fromJson and by the module constructors; it throws BadInputError.
//   - Defaults are the CPU recipe that worked in the prototype: 64x64x3 <-> 16x16x4, UNet
//     64/128/256 with attention at 8x8, 4x4 and the middle, cosine schedule, T = 1000.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace uf::diffusion {

struct AutoEncoderConfig {
    int imageSize = 64;            // square input/output side in pixels
    int imageChannels = 3;
    int latentChannels = 4;
    // One entry per downsampling: channels[i] is the width after the i-th stride-2 step, so the
    // latent side is imageSize >> channels.size(). {32, 64}: 64x64 -> 16x16; 128x128 -> 32x32.
    std::vector<int> channels = {32, 64};
    int resBlocksPerLevel = 1;     // residual blocks at every reduced resolution (none at full res)
    bool transposedConv = true;    // decoder upsampling: ConvTranspose2d, else nearest + 3x3 conv
    int maxGroups = 8;             // GroupNorm groups (fewer when the width does not divide)
    // Loss weights (training only; kept here so a pack records how its autoencoder was trained).
    double l1Weight = 1.0;
    double mseWeight = 0.1;
    double edgeWeight = 0.1;       // L1 on horizontal/vertical finite differences (sharper edges)
    double latentL2Weight = 1e-4;  // keeps raw latents bounded; the scale factor normalises them

    int downsamplings() const { return static_cast<int>(channels.size()); }
    int latentSize() const { return imageSize >> downsamplings(); }
    void validate() const;
    nlohmann::json toJson() const;
    static AutoEncoderConfig fromJson(const nlohmann::json& j);
};

struct UNetConfig {
    // Latent channels for text-to-image; 2 x latent channels for InstructPix2Pix-style editing
    // (the reference latent is concatenated to the noisy latent). outChannels = latent channels.
    int inChannels = 4;
    int outChannels = 4;
    int sampleSize = 16;                      // latent side the attention resolutions refer to
    int baseChannels = 64;
    std::vector<int> channelMults = {1, 2, 4};   // one level each; a 2x downsampling between levels
    int resBlocksPerLevel = 1;
    std::vector<int> attentionResolutions = {8, 4}; // latent sides with self+cross attention
    bool middleAttention = true;
    int headChannels = 32;                    // heads = width / headChannels (at least 1)
    int contextDim = 256;                     // width of the context tokens; 0 = unconditional
    int transformerDepth = 1;
    int ffMult = 4;
    int maxGroups = 32;
    double dropout = 0.0;

    bool editing() const { return inChannels == 2 * outChannels; }
    int timeEmbedDim() const { return 4 * baseChannels; }
    void validate() const;
    nlohmann::json toJson() const;
    // Starts from the defaults above (or from base) and takes the keys present.
    static UNetConfig fromJson(const nlohmann::json& j);
    static UNetConfig fromJson(const nlohmann::json& j, const UNetConfig& base);
};

// The optional second stage of generation: a small UNet that draws the latent of an image twice
// the autoencoder's size (32x32x4 for 128 px with the CPU recipe) from the base latent, upsampled
// 2x (nearest), given as its "reference" channels. The autoencoder is convolutional, so the same
// one encodes and decodes both sizes; the upscaler adds detail in its latent space and needs no
// text (contextDim 0: it is conditioned on the base latent alone). Trained on random crops of the
// 2x latents (cropSize, in latent pixels), so a step costs about what a base-size step does.
struct UpscalerConfig {
    UpscalerConfig();
    UNetConfig unet; // inChannels = 2 x outChannels (noisy latent ; upsampled base latent), contextDim 0
    int steps = 10;      // DDIM steps when sampling
    // Share of the schedule the sampler runs, from the upsampled base latent noised that far (as
    // an edit's strength); 1 = from pure noise.
    double strength = 1.0;
    int cropSize = 16;   // training crop side in latent pixels

    void validate() const;
    nlohmann::json toJson() const;
    static UpscalerConfig fromJson(const nlohmann::json& j);
};

enum class TimestepSpacing { Leading, Trailing, Linspace };
std::string toString(TimestepSpacing spacing);
TimestepSpacing parseTimestepSpacing(const std::string& name); // BadInputError when unknown

// How the sampler steps between its timesteps (the same timesteps, the same model): DDIM, first
// order, or DPM-Solver++(2M) (Lu et al. 2022), second order from the last two denoised estimates —
// about the quality of DDIM with fewer steps. Named "ddim" and "dpm++2m" (as stable-diffusion.cpp).
enum class Solver { Ddim, DpmSolverPP2M };
std::string toString(Solver solver);
Solver parseSolver(const std::string& name); // BadInputError naming the choices when unknown
std::vector<std::string> solverNames();

struct ScheduleConfig {
    std::string kind = "cosine";   // "cosine" (Nichol & Dhariwal) or "linear" (DDPM betas)
    int numTrainSteps = 1000;
    double cosineOffset = 0.008;   // s in the cosine schedule
    double maxBeta = 0.999;        // cosine betas are clipped here
    double betaStart = 1e-4;       // linear schedule
    double betaEnd = 0.02;
    // DDIM timestep selection used at sampling time; "trailing" starts at t = T-1 (pure noise).
    TimestepSpacing spacing = TimestepSpacing::Trailing;

    void validate() const;
    nlohmann::json toJson() const;
    static ScheduleConfig fromJson(const nlohmann::json& j);
};

// The three (and the optional upscaler) together, as one manifest entry.
struct DiffusionConfig {
    AutoEncoderConfig autoencoder;
    UNetConfig unet;
    ScheduleConfig schedule;
    std::optional<UpscalerConfig> upscaler; // absent: images at autoencoder.imageSize

    // Side of the generated images: the autoencoder's, twice that with an upscaler.
    int outputSize() const { return upscaler ? 2 * autoencoder.imageSize : autoencoder.imageSize; }

    void validate() const;
    nlohmann::json toJson() const;
    static DiffusionConfig fromJson(const nlohmann::json& j);
};

} // namespace uf::diffusion
