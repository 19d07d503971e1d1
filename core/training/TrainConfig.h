// Training hyper-parameters as plain data (no torch), read from the "train" section of a
// --config file and recorded in the pack's manifest. JSON keys are camelCase; unknown keys and
// wrong types are refused with BadInputError.
//
// A phase is a list of stages run one after another; each stage has a share of the phase's
// budget (steps, or minutes with --minutes) and a set of weighted losses:
//   autoencoder  reconstruction loss of the latent autoencoder (trains only the autoencoder)
//   itc          image-text contrastive, score = max over queries, label-aware targets
//   itm          image-text matching with hard negatives mined from the ITC scores
//   lm           captioning through the language model (soft prompt = adapted query outputs)
//   itg          the Q-Former's own captioning with the causal mask (BLIP-2 ITG)
//   diffusion    v-prediction loss of the UNet conditioned on query outputs (text-only and
//                reference image + text)
//   composed     composed retrieval: (reference, modification) vs target image and target text
//   edit         diffusion loss of edits: reference latent concatenated, target latent predicted
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace uf::training {

struct StageConfig {
    std::string name;
    double share = 1.0;
    std::map<std::string, double> losses; // loss name -> weight
    bool has(const std::string& loss) const
    {
        auto it = losses.find(loss);
        return it != losses.end() && it->second > 0;
    }
    double weight(const std::string& loss) const
    {
        auto it = losses.find(loss);
        return it == losses.end() ? 0.0 : it->second;
    }
};

struct TextAugmentConfig {
    double titleProb = 0.3;        // ITC text is a title ...
    double descriptionProb = 0.15; // ... or a description ...
    // ... or else a query written from the product's attributes with the fashion vocabulary.
    double mixedLanguageProb = 0.1;
    double typoProb = 0.04;        // per English word of 4+ letters in generated queries
    double pieceDropout = 0.05;    // tokenizer: spell a known word as pieces
};

// Every loss a stage may name, in the loss log's column order.
const std::vector<std::string>& lossNames();

struct TrainConfig {
    int batchSize = 64;
    int diffusionBatchSize = 64;
    int itmBatchSize = 32;
    double lrAlign = 5e-4;       // vision, Q-Former, heads, LM, LM adapter
    double lrDiffusion = 4e-4;   // UNet and context adapter
    double lrAutoencoder = 1e-3;
    double lrPhase2 = 2e-4;      // Q-Former, heads, adapters
    double weightDecay = 0.02;
    int warmupSteps = 50;
    double minLrFactor = 0.1;    // cosine decay to this share of the rate over each stage
    double gradClip = 1.0;
    double emaDecay = 0.999;
    double conditionDrop = 0.1;  // CFG training
    double referenceDrop = 0.05;
    double editShare = 0.3;      // phase 1: share of diffusion samples conditioned on reference + text
    bool diffusionTrainsQFormer = false; // phase 1: let the diffusion loss reach the Q-Former
    bool horizontalFlip = true;
    // Share of each ITC/ITM batch drawn as mined triplet pairs (two products of one category that
    // differ in one attribute): hard negatives that make the contrast read pattern, sleeve, ...
    // and not only category and colour. 0 = all products drawn at random.
    double tripletPairShare = 0.0;
    // The attribute keys the 'attr' loss classifies (empty: every key with two or more values).
    std::vector<std::string> attributeKeys;
    // Weight of a key in the 'attr' loss's mean over keys (1 when not listed): a key the images
    // show only in fine detail (pattern) learns slower than shape and needs more of the loss.
    std::map<std::string, double> attributeWeights;
    // The 'photo' loss, graded: what a photo query should find first (agrees on all these keys;
    // a key both lack agrees), then those agreeing on the first keys only, in order; the other
    // attributes only order the matches among themselves.
    std::vector<std::string> photoMatchKeys = {"category", "color"};
    int calibrationImages = 512;
    TextAugmentConfig text;
    std::vector<StageConfig> phase1;
    std::vector<StageConfig> phase2;
    long long defaultStepsPhase1 = 3000;
    long long defaultStepsPhase2 = 600;
    double checkpointMinutes = 5.0;
    double logSeconds = 10.0;
    std::string packDtype = "float16"; // or "float32" (float16 halves the pack; the weights are rounded once)
    std::vector<std::string> tripletKeepKeys = {"category", "color", "pattern"};

    TrainConfig();
    void validate() const;
    nlohmann::json toJson() const;
    static TrainConfig fromJson(const nlohmann::json& j);
    const std::vector<StageConfig>& stages(int phase) const { return phase == 2 ? phase2 : phase1; }
};

} // namespace uf::training
