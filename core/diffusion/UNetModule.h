// torch-internal (core/diffusion, model, training only): the latent-diffusion UNet. ResBlocks with
// a time embedding, self-attention + cross-attention to a context tensor at the resolutions listed
// in UNetConfig::attentionResolutions and in the middle, a learned null context token for
// classifier-free guidance. Predicts v (v-prediction, Salimans & Ho).
//
// Interface note:
//   UNet unet(config);
//   torch::Tensor v = unet->forward(xt, t, context, contextMask);
//     xt      [B, inChannels, h, w] float; for an editing UNet (inChannels = 2 x latent channels)
//             the noisy latent concatenated with the reference latent along dim 1 (zeros = none)
//     t       [B] float timesteps in [0, T) (the schedule's index; fractional values are fine)
//     context [B, T, contextDim] conditioning tokens (adapted Q-Former outputs), or undefined
//             (cross-attention is skipped: only for contextDim == 0 or tests)
//     contextMask [B, T] bool, true = real token, false = padding (the HF attention_mask
//             convention, NOT torch's key_padding_mask), or undefined = all real
//   unet->nullContext(B) -> [B, 1, contextDim]: the learned "no condition" context. Attention over
//     T copies of one token equals attention over that token, so [B,1,D] and [B,T,D] copies of it
//     give the same output; diffusionLoss and the guided denoiser rely on this.
// Parameter names are stable ("input_blocks.3.attn....") so packs stay loadable.
#pragma once

#include "diffusion/DiffusionConfig.h"

#include <torch/torch.h>

namespace uf::diffusion {

// Sinusoidal embedding of float timesteps [B] -> [B, dim] (cos | sin halves).
torch::Tensor timestepEmbedding(const torch::Tensor& t, int dim, double maxPeriod = 10000.0);

struct ResBlockImpl : torch::nn::Module {
    ResBlockImpl(int inChannels, int outChannels, int timeEmbedDim, int maxGroups, double dropout);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& timeEmbed);

    torch::nn::GroupNorm norm1{nullptr}, norm2{nullptr};
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, skip{nullptr};
    torch::nn::Linear timeProj{nullptr};
    torch::nn::Dropout drop{nullptr};
};
TORCH_MODULE(ResBlock);

// Multi-head attention: queries from x [B,N,C], keys/values from context [B,T,Dc] (or x itself).
struct AttentionImpl : torch::nn::Module {
    AttentionImpl(int queryDim, int contextDim, int heads, int headDim);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& context, const torch::Tensor& mask);

    int heads;
    int headDim;
    torch::nn::Linear toQ{nullptr}, toK{nullptr}, toV{nullptr}, toOut{nullptr};
};
TORCH_MODULE(Attention);

// Pre-norm transformer layer: self-attention, cross-attention (when contextDim > 0), GELU MLP.
struct TransformerBlockImpl : torch::nn::Module {
    TransformerBlockImpl(int dim, int contextDim, int heads, int headDim, int ffMult);
    torch::Tensor forward(torch::Tensor x, const torch::Tensor& context, const torch::Tensor& mask);

    torch::nn::LayerNorm norm1{nullptr}, norm2{nullptr}, norm3{nullptr};
    Attention selfAttn{nullptr}, crossAttn{nullptr};
    torch::nn::Linear ff1{nullptr}, ff2{nullptr};
};
TORCH_MODULE(TransformerBlock);

// Feature map -> tokens -> transformer layers -> feature map, residual; the output projection
// starts at zero so a fresh block is the identity.
struct SpatialTransformerImpl : torch::nn::Module {
    SpatialTransformerImpl(int channels, const UNetConfig& config);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& context, const torch::Tensor& mask);

    torch::nn::GroupNorm norm{nullptr};
    torch::nn::Linear projIn{nullptr}, projOut{nullptr};
    torch::nn::ModuleList blocks{nullptr};
};
TORCH_MODULE(SpatialTransformer);

// One step of either path: an optional ResBlock, optional attention, optional down/upsampling.
struct UNetBlockImpl : torch::nn::Module {
    torch::Tensor forward(torch::Tensor x, const torch::Tensor& timeEmbed, const torch::Tensor& context,
                          const torch::Tensor& mask);

    ResBlock res{nullptr};
    SpatialTransformer attn{nullptr};
    torch::nn::Conv2d down{nullptr}; // stride 2
    torch::nn::Conv2d up{nullptr};   // after nearest 2x upsampling
};
TORCH_MODULE(UNetBlock);

struct UNetImpl : torch::nn::Module {
    explicit UNetImpl(const UNetConfig& config);

    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& context = {},
                          const torch::Tensor& contextMask = {});

    // [batch, 1, contextDim] copies of the learned null token (undefined when contextDim == 0).
    torch::Tensor nullContext(int64_t batch) const;

    const UNetConfig& config() const { return m_config; }

private:
    UNetConfig m_config;
    torch::nn::Linear m_timeFc1{nullptr}, m_timeFc2{nullptr};
    torch::nn::Conv2d m_convIn{nullptr}, m_convOut{nullptr};
    torch::nn::GroupNorm m_normOut{nullptr};
    torch::nn::ModuleList m_inputList{nullptr}, m_outputList{nullptr};
    std::vector<UNetBlock> m_inputBlocks, m_outputBlocks;
    ResBlock m_midRes1{nullptr}, m_midRes2{nullptr};
    SpatialTransformer m_midAttn{nullptr};
    torch::Tensor m_nullToken; // parameter [1, 1, contextDim]
};
TORCH_MODULE(UNet);

} // namespace uf::diffusion
