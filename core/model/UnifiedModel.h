// The unified vision-language model as the rest of the product sees it (no torch here): one pack
// that embeds images and text for search, writes product descriptions and draws images.
// Implemented behind a pimpl in UnifiedModel.cpp (torch inside). Thread-safety: one UnifiedModel
// may be used from one thread at a time; load one per worker thread, or guard it.
#pragma once

#include "common/Progress.h"
#include "imaging/Image.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace uf::model {

enum class Device { Cpu, Cuda };

// Parses "cpu" / "cuda" (UsageError otherwise); cudaAvailable() tells whether torch sees a GPU.
Device parseDevice(const std::string& name);
bool cudaAvailable();

// L2-normalised vectors, row-major [tokens x dim]. An image has one row per Q-Former query; a text
// or composed query has one row (its [CLS]-style embedding).
struct Embedding {
    int tokens = 0;
    int dim = 0;
    std::vector<float> data;
};

// The edit strength the app and the CLI use unless told otherwise (docs/MODEL.md has the
// measurement behind it).
inline constexpr float kDefaultEditStrength = 1.0f;
// The strengths an edit may ask for: above 0, at most 1.
inline bool isValidEditStrength(double s) { return s > 0.0 && s <= 1.0; }

// What generation runs with unless told otherwise (the CLI, the Generate page, eval and bench all
// start from these): DPM-Solver++(2M) over 12 steps draws what DDIM drew over 25 (judged alike on the
// unseen-seed catalog, docs/MODEL.md "Stop 21") in half the base sampler's time. "ddim" stays
// available (diffusion::solverNames).
inline constexpr const char* kDefaultSampler = "dpm++2m";
inline constexpr int kDefaultSamplingSteps = 12;

struct GenerateRequest {
    std::string prompt;                           // Japanese or English
    std::optional<imaging::Image> reference;      // edit this image when set
    int count = 4;
    std::uint64_t seed = 0;
    int steps = kDefaultSamplingSteps;
    float guidance = 2.5f;
    // Edits only: how much of the reference may change, as the share of the sampling schedule run
    // from its latent noised that far (img2img strength). 1 draws from pure noise with the
    // reference as a condition only; lower keeps more of its shape and layout.
    float strength = kDefaultEditStrength;
    std::string sampler = kDefaultSampler; // "dpm++2m" or "ddim"
    // Stop at the draft size (ModelInfo::draftSize) instead of running the pack's upscaler: about
    // a third faster with the default sampler on the CPU recipe, half the side. Nothing changes
    // for a pack without one.
    bool draft = false;
};

struct ModelInfo {
    std::string name;        // pack folder name / manifest name
    std::string packSha256;  // hash of the manifest (which lists every file's hash)
    int imageSize = 0;       // input resolution
    int outputSize = 0;      // generated image resolution
    int draftSize = 0;       // a draft's resolution (GenerateRequest::draft): outputSize without an upscaler
    int embedDim = 0;
    int numQueries = 0;
    int phase = 0;           // 1 or 2
};

class UnifiedModel {
public:
    // Loads and verifies a pack folder; throws ModelLoadError with a clear message.
    static std::unique_ptr<UnifiedModel> load(const std::filesystem::path& pack, Device device = Device::Cpu);
    ~UnifiedModel();

    const ModelInfo& info() const;

    // Retrieval embeddings. Images are resized/letterboxed to the model's input size internally.
    std::vector<Embedding> embedImages(const std::vector<imaging::Image>& images, const ProgressFn& progress = {});
    Embedding embedText(const std::string& query);
    Embedding embedComposed(const imaging::Image& reference, const std::string& modification);

    // A product-description draft in "ja" or "en".
    std::string caption(const imaging::Image& image, const std::string& lang);

    // Text -> image, or reference + edit text -> image. Deterministic for the same request.
    // Returns fewer images than asked only when cancelled through progress.
    std::vector<imaging::Image> generate(const GenerateRequest& request, const ProgressFn& progress = {});

    struct Impl;

private:
    explicit UnifiedModel(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// The pack shipped with the application (resources/models/default), or nullopt when absent.
std::optional<std::filesystem::path> defaultPackPath();

} // namespace uf::model
