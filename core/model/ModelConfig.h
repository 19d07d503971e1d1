// Architecture of the unified model as plain data, saved in every pack's manifest (llama.cpp
// style: sizes live with the weights, code never hard-codes them). No torch here.
// JSON keys are camelCase like the diffusion configs; fromJson starts from the defaults (the CPU
// recipe), takes the keys present, and rejects unknown keys and wrong types with BadInputError.
#pragma once

#include "diffusion/DiffusionConfig.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace uf::model {

// Convolutional encoder: a stride-2 step per entry of channels, then a 1x1 projection to dim.
// The token grid is imageSize >> channels.size() (64 px, 3 steps -> 8x8 = 64 tokens).
struct VisionConfig {
    int imageSize = 64;
    std::vector<int> channels = {32, 64, 128};
    int blocksPerStage = 1; // residual blocks after each stride-2 step
    int dim = 128;          // token width
    int maxGroups = 8;
    // > 0: a texture branch of this width at the full input size (stride 1, then one stride-2
    // step) whose channel means and deviations over the image are added to every token (zero at
    // first, so it can be added to a trained pack without changing what it computes).
    int textureChannels = 0;

    int gridSize() const { return imageSize >> static_cast<int>(channels.size()); }
    int numTokens() const { return gridSize() * gridSize(); }
    void validate() const;
    nlohmann::json toJson() const;
    static VisionConfig fromJson(const nlohmann::json& j);
};

// BLIP-2 Q-Former: learned queries and text tokens share self-attention; queries cross-attend
// to the image tokens every crossEvery layers.
struct QFormerConfig {
    int dim = 192;
    int layers = 2;
    int heads = 4;
    int queries = 16;
    int mlpRatio = 4;
    int crossEvery = 1;
    int maxTextLen = 40; // positions, [CLS] included
    double dropout = 0.0;

    void validate() const;
    nlohmann::json toJson() const;
    static QFormerConfig fromJson(const nlohmann::json& j);
};

// The small causal language model that reads adapted query outputs as a soft prompt.
struct LanguageModelConfig {
    int dim = 192;
    int layers = 2;
    int heads = 4;
    int mlpRatio = 4;
    int maxTextLen = 40; // text positions after the soft prompt ([BOS] [LANG] ... [EOS])
    double dropout = 0.0;

    void validate() const;
    nlohmann::json toJson() const;
    static LanguageModelConfig fromJson(const nlohmann::json& j);
};

struct ModelConfig {
    std::string name = "unifashion-cpu";
    int vocabSize = 0;  // set from the tokenizer when a model is built
    int embedDim = 128; // retrieval space
    VisionConfig vision;
    QFormerConfig qformer;
    LanguageModelConfig lm;
    // The UNet reads [adapted query outputs ; adapted text token outputs]; contextDim and the
    // editing input channels are checked against diffusion.unet by validate().
    bool contextIncludesText = true;
    diffusion::DiffusionConfig diffusion;

    ModelConfig();
    void validate() const; // throws BadInputError naming the field
    nlohmann::json toJson() const;
    static ModelConfig fromJson(const nlohmann::json& j);
};

} // namespace uf::model
