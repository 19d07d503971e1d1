// torch-internal (core/model, model_io, training, eval only): the networks of the unified model.
//   VisionEncoder   image [B,3,S,S] in [-1,1] -> grid of patch tokens [B, G*G, Dv]
//   QFormer         BLIP-2 Q-Former: learned queries + text tokens in one transformer whose
//                   self-attention mask selects the task (uni-modal for ITC, bidirectional for ITM
//                   and composed queries, causal for text generation); queries cross-attend to
//                   image tokens.
//   RetrievalHeads  per-query image embeddings, [CLS] text embedding, ITM classifier, temperature
//   LanguageModel   small causal transformer, soft prompt = adapted query outputs
//   Adapters        query outputs -> LM prompt; query/text outputs -> UNet context
//   UnifiedNet      all of the above plus the diffusion engineer's AutoEncoder and UNet, with the
//                   task-level forward functions used by training, eval and UnifiedModel.
// Every size comes from ModelConfig.
#pragma once

#include "diffusion/AutoEncoderModule.h"
#include "diffusion/UNetModule.h"
#include "model/ModelConfig.h"

#include <torch/torch.h>

#include <string>
#include <utility>
#include <vector>

namespace uf::model {

// Multi-head attention with an additive float mask broadcastable to [B, heads, Lq, Lk].
struct MhaImpl : torch::nn::Module {
    MhaImpl(int dim, int heads, int kvDim);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& context, const torch::Tensor& mask);

    int heads;
    torch::nn::Linear q{nullptr}, kv{nullptr}, out{nullptr};
};
TORCH_MODULE(Mha);

struct MlpImpl : torch::nn::Module {
    MlpImpl(int dim, int hidden, double dropout);
    torch::Tensor forward(const torch::Tensor& x);
    torch::nn::Linear fc1{nullptr}, fc2{nullptr};
    torch::nn::Dropout drop{nullptr};
};
TORCH_MODULE(Mlp);

struct ConvBlockImpl : torch::nn::Module {
    ConvBlockImpl(int channels, int maxGroups);
    torch::Tensor forward(const torch::Tensor& x);
    torch::nn::GroupNorm n1{nullptr}, n2{nullptr};
    torch::nn::Conv2d c1{nullptr}, c2{nullptr};
};
TORCH_MODULE(ConvBlock);

struct VisionEncoderImpl : torch::nn::Module {
    explicit VisionEncoderImpl(const VisionConfig& config);
    torch::Tensor forward(const torch::Tensor& images); // [B,3,S,S] in [-1,1] -> [B, G*G, dim]

    VisionConfig config;
    torch::nn::ModuleList downs{nullptr};  // stride-2 convolutions
    torch::nn::ModuleList blocks{nullptr}; // blocksPerStage per step, flattened
    torch::nn::GroupNorm outNorm{nullptr};
    torch::nn::Conv2d proj{nullptr};
    torch::nn::LayerNorm ln{nullptr};
    torch::Tensor pos;
    torch::nn::Sequential texture{nullptr}; // config.textureChannels > 0
    torch::nn::Linear textureProj{nullptr};  // [mean ; deviation] of the texture maps -> token width
};
TORCH_MODULE(VisionEncoder);

enum class MaskMode { Unimodal, Bidirectional, Causal };

struct QFormerLayerImpl : torch::nn::Module {
    QFormerLayerImpl(const QFormerConfig& c, int visionDim, bool cross);
    // x = [queries ; text]; nq queries first. image undefined: no cross-attention.
    torch::Tensor forward(const torch::Tensor& x, int64_t nq, const torch::Tensor& mask, const torch::Tensor& image);

    torch::nn::LayerNorm ln1{nullptr}, lnCross{nullptr}, ln2q{nullptr}, ln2t{nullptr};
    Mha self{nullptr}, cross{nullptr};
    Mlp ffnQ{nullptr}, ffnT{nullptr};
};
TORCH_MODULE(QFormerLayer);

struct QFormerOutput {
    torch::Tensor queries; // [B, Nq, D] or undefined
    torch::Tensor text;    // [B, T, D] or undefined
};

struct QFormerImpl : torch::nn::Module {
    QFormerImpl(const QFormerConfig& config, int visionDim, int vocabSize);
    // image [B,Ni,Dv] or undefined; textIds [B,T] ([CLS] first, [PAD]=0) or undefined.
    QFormerOutput forward(const torch::Tensor& image, const torch::Tensor& textIds, bool withQueries, MaskMode mode);

    QFormerConfig config;
    torch::Tensor queryTokens; // [1, Nq, D]
    torch::nn::Embedding wordEmb{nullptr};
    torch::Tensor posEmb; // [1, maxTextLen, D]
    torch::nn::LayerNorm embLn{nullptr}, finalLn{nullptr};
    torch::nn::ModuleList layers{nullptr};
    // Next-token logits of text outputs for the Q-Former's own captioning (ITG, causal mask); the
    // head is tied to the word embeddings.
    torch::Tensor textLogits(const torch::Tensor& textOut);
};
TORCH_MODULE(QFormer);

struct RetrievalHeadsImpl : torch::nn::Module {
    RetrievalHeadsImpl(int qformerDim, int embedDim);
    torch::nn::Linear imageProj{nullptr}, textProj{nullptr}, itm{nullptr};
    torch::Tensor logitScale; // log(1/temperature)
};
TORCH_MODULE(RetrievalHeads);

struct LmBlockImpl : torch::nn::Module {
    LmBlockImpl(int dim, int heads, int mlpRatio, double dropout);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& mask);
    torch::nn::LayerNorm ln1{nullptr}, ln2{nullptr};
    Mha attn{nullptr};
    Mlp mlp{nullptr};
};
TORCH_MODULE(LmBlock);

struct LanguageModelImpl : torch::nn::Module {
    LanguageModelImpl(const LanguageModelConfig& config, int prefixLen, int vocabSize);
    // prefix [B,P,D] (P <= prefixLen), ids [B,T] -> logits [B,T,V] (position i predicts ids[i+1]).
    torch::Tensor forward(const torch::Tensor& prefix, const torch::Tensor& ids);

    LanguageModelConfig config;
    int prefixLen;
    torch::nn::Embedding tokEmb{nullptr};
    torch::Tensor posEmb; // [1, prefixLen + maxTextLen, D]
    torch::nn::ModuleList blocks{nullptr};
    torch::nn::LayerNorm lnf{nullptr};
};
TORCH_MODULE(LanguageModel);

struct AdaptersImpl : torch::nn::Module {
    AdaptersImpl(int qformerDim, int lmDim, int contextDim);
    torch::nn::LayerNorm lmNorm{nullptr}, ctxNorm{nullptr};
    torch::nn::Linear lmProj{nullptr}, ctxProj{nullptr};
    torch::Tensor ctxType; // [2, Dctx]: query token vs text token
};
TORCH_MODULE(Adapters);

// UNet conditioning: context [B,T,Dctx] and mask [B,T] (true = real token).
struct Conditioning {
    torch::Tensor context;
    torch::Tensor mask;
};

struct UnifiedNetImpl : torch::nn::Module {
    explicit UnifiedNetImpl(const ModelConfig& config);

    ModelConfig config;
    VisionEncoder vision{nullptr};
    QFormer qformer{nullptr};
    RetrievalHeads heads{nullptr};
    LanguageModel lm{nullptr};
    Adapters adapters{nullptr};
    diffusion::AutoEncoder autoencoder{nullptr};
    diffusion::UNet unet{nullptr};
    diffusion::UNet upscaler{nullptr}; // config.diffusion.upscaler only (2x images from the base latent)

    // Pack file groups, in a fixed order: vision, qformer (+ retrieval heads), lm, adapters,
    // autoencoder, unet (, upscaler). Each entry lists (name, module) whose parameters and buffers
    // go in one file.
    std::vector<std::pair<std::string, std::vector<std::pair<std::string, torch::nn::Module*>>>> parts();

    // uint8 [B,3,H,W] -> float [-1,1] on the module's device.
    static torch::Tensor toFloat(const torch::Tensor& u8);

    torch::Tensor imageTokens(const torch::Tensor& images);      // float images -> [B,Ni,Dv]
    torch::Tensor queryOutputs(const torch::Tensor& imageTokens); // uni-modal queries [B,Nq,D]
    torch::Tensor imageEmbeddings(const torch::Tensor& queryOut); // [B,Nq,E], L2-normalised
    torch::Tensor textEmbeddings(const torch::Tensor& textIds);   // [B,E]
    torch::Tensor composedEmbeddings(const torch::Tensor& imageTokens, const torch::Tensor& textIds); // [B,E]
    torch::Tensor itmLogits(const torch::Tensor& imageTokens, const torch::Tensor& textIds);          // [B,2]
    // Score of every text against every image: max over queries. [Bt, Bi].
    static torch::Tensor maxSim(const torch::Tensor& textEmb, const torch::Tensor& imageEmb);

    torch::Tensor lmPrompt(const torch::Tensor& queryOut); // [B,Nq,Dlm]
    // Caption logits for LM ids ([BOS][LANG] ... [EOS]).
    torch::Tensor captionLogits(const torch::Tensor& queryOut, const torch::Tensor& lmIds);

    // UNet conditioning from text alone (imageTokens undefined) or reference image + text.
    Conditioning condition(const torch::Tensor& imageTokens, const torch::Tensor& textIds);
};
TORCH_MODULE(UnifiedNet);

// Pads token lists to the longest (at most maxLen) -> int64 [B, L]; pad id 0.
torch::Tensor padBatch(const std::vector<std::vector<int>>& seqs, int maxLen);

// Counts parameters of a module.
int64_t parameterCount(torch::nn::Module& m);

} // namespace uf::model
