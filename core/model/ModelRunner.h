// torch-internal (core/model, training, eval only): batched inference over a UnifiedNet and its
// tokenizer — the code behind the UnifiedModel façade, shared with evaluation and with the
// trainer's end-of-run check, so that all three measure the same thing.
#pragma once

#include "common/Progress.h"
#include "diffusion/DiffusionConfig.h"
#include "diffusion/NoiseSchedule.h"
#include "imaging/Image.h"
#include "model/NetModules.h"
#include "model/UnifiedModel.h"
#include "text/Tokenizer.h"

#include <torch/torch.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace uf::model {

// Image -> uint8 [3,S,S] (letterboxed on white, as the training cache does).
torch::Tensor imageToTensor(const imaging::Image& image, int side);
torch::Tensor imagesToTensor(const std::vector<imaging::Image>& images, int side); // [B,3,S,S]
// float [3,H,W] in [-1,1] -> Image.
imaging::Image tensorToImage(const torch::Tensor& chw);

// Token ids the Q-Former reads for a text: [CLS] + tokens, truncated to maxTextLen.
std::vector<int> qformerIds(const text::Tokenizer& tok, const std::string& text, int maxTextLen,
                            const text::Tokenizer::EncodeOptions& options = {false});
// Ids the language model reads/writes: [BOS] [LANG] tokens [EOS], truncated to maxTextLen.
std::vector<int> lmIds(const text::Tokenizer& tok, const std::string& text, const std::string& lang, int maxTextLen,
                       const text::Tokenizer::EncodeOptions& options = {});

struct CaptionOptions {
    int beam = 3;
    int maxTokens = 0;     // 0: the LM's maxTextLen
    int noRepeatNgram = 3; // no n-gram twice in one caption
    double lengthPenalty = 1.0;
};

struct GenerateOptions {
    int count = 4;
    std::uint64_t seed = 0;
    int steps = kDefaultSamplingSteps;
    double guidance = 2.5;    // text guidance scale
    double imageGuidance = 1.0; // reference guidance scale for edits
    // Edits: the share of the sampling schedule that runs, starting from the reference's latent
    // noised that far (diffusion::DdimOptions::strength); 1 = from pure noise. Ignored without a
    // reference.
    double strength = 1.0;
    double eta = 0.0;
    diffusion::Solver solver = diffusion::parseSolver(kDefaultSampler); // the base's and the upscaler's sampler
    // With a pack that has an upscaler (DiffusionConfig::upscaler): draw the 2x image from the
    // base latent; false stops at the base size (a faster draft).
    bool upscale = true;
};

class ModelRunner {
public:
    ModelRunner(UnifiedNet net, text::Tokenizer tokenizer, torch::Device device);

    UnifiedNet& net() { return m_net; }
    const text::Tokenizer& tokenizer() const { return m_tokenizer; }
    const ModelConfig& config() const { return m_net->config; }
    torch::Device device() const { return m_device; }

    // All take and return CPU tensors; no gradients; batches of batchSize.
    torch::Tensor embedImages(const torch::Tensor& u8, const ProgressFn& progress = {}, int batchSize = 128); // [B,Nq,E]
    // Query texts and generation prompts are read first (text::readQuery: folded, slips corrected,
    // synonyms in the catalog's wording), so search and generation understand a text alike. A text
    // with more words than the vocabulary's is embedded as the mean of it and its keywords alone.
    torch::Tensor embedTexts(const std::vector<std::string>& texts, int batchSize = 256);                      // [B,E]
    torch::Tensor embedComposed(const torch::Tensor& u8, const std::vector<std::string>& texts, int batchSize = 128); // [B,E]
    std::vector<std::string> caption(const torch::Tensor& u8, const std::vector<std::string>& langs,
                                     const CaptionOptions& options = {}, int batchSize = 64);
    // Text -> images ([count,3,S,S] float in [-1,1], S = the output size: twice the autoencoder's
    // with an upscaler unless options.upscale is false), or an edit of reference (uint8 [3,S,S]).
    // Undefined when progress cancelled.
    torch::Tensor generate(const std::string& prompt, const std::optional<torch::Tensor>& referenceU8,
                           const GenerateOptions& options, const ProgressFn& progress = {});
    // Many prompts at once, one sample each (eval): [N,3,S,S] float.
    torch::Tensor generateMany(const std::vector<std::string>& prompts, const std::vector<std::optional<torch::Tensor>>& refs,
                               const GenerateOptions& options, const ProgressFn& progress = {}, int batchSize = 64);

    // Inputs resized to the sizes the networks need (uint8 [B,3,S,S], any S).
    torch::Tensor toVisionInput(const torch::Tensor& u8) const;
    torch::Tensor toAutoencoderInput(const torch::Tensor& u8) const;

private:
    // Latents from xT, then images: upscaled (noise drawn from gen) when the pack and options say so.
    torch::Tensor sampleBatch(const Conditioning& cond, const torch::Tensor& refLatent, const torch::Tensor& xT,
                              const GenerateOptions& options, torch::Generator& gen, const ProgressFn& progress);
    bool upscales(const GenerateOptions& options) const;

    UnifiedNet m_net;
    text::Tokenizer m_tokenizer;
    torch::Device m_device;
    std::unique_ptr<diffusion::NoiseSchedule> m_schedule;
};

} // namespace uf::model
