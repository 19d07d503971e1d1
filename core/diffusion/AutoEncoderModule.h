// torch-internal (core/diffusion, model, training only): the image autoencoder of the latent
// diffusion, 64x64x3 <-> 16x16x4 by default (any size/latent width/downsampling count from
// AutoEncoderConfig). Deterministic (no KL, no sampling); a stored latent scale factor makes
// encode() return latents of about unit variance, which the noise schedule assumes.
//
// Interface note:
//   AutoEncoder ae(config);                      // TORCH_MODULE holder, register/move as usual
//   ae->calibrateLatentScale(images);            // once after AE training, on a few hundred images
//   torch::Tensor z = ae->encode(x);             // x [B,C,H,W] float in [-1,1] -> z [B,Cz,H/f,W/f]
//   torch::Tensor y = ae->decode(z);             // -> [B,C,H,W] clamped to [-1,1]
//   AutoEncoderLoss l = ae->loss(x);  l.total.backward();
// The scale is a buffer ("latent_scale"), saved and loaded with the weights (torch::save/load).
// Input sides must be divisible by 2^downsamplings; other sizes than config.imageSize work.
#pragma once

#include "diffusion/DiffusionConfig.h"

#include <torch/torch.h>

#include <vector>

namespace uf::diffusion {

// Loss terms of one batch; all are scalar tensors, total carries the gradient, the rest are
// detached (for logging; .item() only when needed, it syncs on CUDA).
struct AutoEncoderLoss {
    torch::Tensor total;
    torch::Tensor l1;
    torch::Tensor mse;
    torch::Tensor edge;
};

// GroupNorm-SiLU-Conv x2 with a 1x1 skip when the width changes. Used only below full resolution.
struct AeResBlockImpl : torch::nn::Module {
    AeResBlockImpl(int inChannels, int outChannels, int maxGroups);
    torch::Tensor forward(const torch::Tensor& x);

    torch::nn::GroupNorm norm1{nullptr}, norm2{nullptr};
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, skip{nullptr};
};
TORCH_MODULE(AeResBlock);

struct AutoEncoderImpl : torch::nn::Module {
    explicit AutoEncoderImpl(const AutoEncoderConfig& config);

    torch::Tensor encode(const torch::Tensor& x);   // scaled latents
    torch::Tensor decode(const torch::Tensor& z);   // from scaled latents, clamped to [-1,1]
    torch::Tensor forward(const torch::Tensor& x) { return decode(encode(x)); }
    AutoEncoderLoss loss(const torch::Tensor& x);

    // Unscaled network halves (training and calibration).
    torch::Tensor encodeRaw(const torch::Tensor& x);
    torch::Tensor decodeRaw(const torch::Tensor& zRaw); // not clamped

    // Sets latent_scale = 1 / std(encodeRaw(images)) (no gradient, chunks of 128 moved to the
    // module's device); returns the new scale.
    double calibrateLatentScale(const torch::Tensor& images);
    double latentScale() const;

    const AutoEncoderConfig& config() const { return m_config; }

private:
    AutoEncoderConfig m_config;
    torch::nn::Conv2d m_encIn{nullptr}, m_encOut{nullptr};
    torch::nn::GroupNorm m_encNorm{nullptr}, m_decNorm{nullptr};
    std::vector<std::vector<AeResBlock>> m_encBlocks; // [level][block]
    std::vector<torch::nn::Conv2d> m_encDown;         // between levels
    torch::nn::Conv2d m_decIn{nullptr};
    std::vector<std::vector<AeResBlock>> m_decBlocks; // [level][block], level D-1 first
    // Upsamplings between levels (D-1), then the last one straight to pixels ("dec_out"): either
    // ConvTranspose2d (transposedConv) or nearest 2x + 3x3 conv.
    std::vector<torch::nn::ConvTranspose2d> m_decUpT;
    std::vector<torch::nn::Conv2d> m_decUpConv;
    torch::nn::ConvTranspose2d m_decOutT{nullptr};
    torch::nn::Conv2d m_decOutConv{nullptr};
    torch::Tensor m_latentScale;                      // buffer, scalar float
};
TORCH_MODULE(AutoEncoder);

} // namespace uf::diffusion
