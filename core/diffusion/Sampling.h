// torch-internal (core/diffusion, model, training only): the diffusion training loss, the DDIM
// sampler (a free function over a denoise callback, as stable-diffusion.cpp's samplers),
// classifier-free guidance (+ InstructPix2Pix image guidance) and EMA weights.
//
// Interface note (v-prediction throughout: the UNet's output is v = sqrt(abar) eps - sqrt(1-abar) x0):
//   Randomness comes from a CPU torch::Generator and is moved to the data's device afterwards, so
//   a seed gives the same noise on CPU and CUDA:  auto gen = makeCpuGenerator(seed);
//   Training (phase 1/2):
//     torch::Tensor loss = diffusionLoss(unet, *schedule, z0, context, mask, refLatent, gen);
//       z0 scaled latents [B,C,h,w] (AutoEncoder::encode), context [B,T,D], mask [B,T] bool or {},
//       refLatent [B,C,h,w] or {} (editing UNets only; {} = zeros, i.e. text-to-image).
//       Drops the condition to the UNet's null token with probability conditionDropProb and the
//       reference to zeros with referenceDropProb, each per sample (the CFG training recipe).
//   Sampling:
//     Guidance g; g.context = ctx; g.contextMask = mask; g.textScale = 2.5; g.reference = refZ;
//     DenoiseFn fn = makeGuidedDenoiser(unet, g);
//     torch::Tensor xT = torch::randn({n, C, h, w}, gen).to(device);
//     torch::Tensor z0 = sampleDdim(fn, xT, *schedule, 25, 0.0, progress);   // undefined if cancelled
//     images = autoencoder->decode(z0);
#pragma once

#include "common/Progress.h"
#include "diffusion/DiffusionConfig.h"
#include "diffusion/NoiseSchedule.h"
#include "diffusion/UNetModule.h"

#include <torch/torch.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace uf::diffusion {

// A CPU generator seeded with seed; draw with it on the CPU, then .to(device).
torch::Generator makeCpuGenerator(std::uint64_t seed);

// ---- training ---------------------------------------------------------------------------------

struct DiffusionLossOptions {
    double conditionDropProb = 0.1;  // context -> learned null token (teaches the unconditional model)
    double referenceDropProb = 0.05; // reference latent -> zeros (editing UNets; image guidance)
    int maxTimestep = 0;             // > 0: t ~ U{0..maxTimestep-1}, for a sampler that starts there
};

// Mean squared error of the predicted v over a batch with random t ~ U{0..T-1} and eps ~ N(0, I).
// Draws, in this order, from gen: t [B], eps [B,C,h,w], condition drops [B], reference drops [B].
torch::Tensor diffusionLoss(const UNet& unet, const NoiseSchedule& schedule, const torch::Tensor& z0,
                            const torch::Tensor& context, const torch::Tensor& contextMask,
                            const torch::Tensor& refLatent, torch::Generator& gen,
                            const DiffusionLossOptions& options = {});

// x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps and the v target, t a [B] integer tensor; exposed
// for tests and for callers that build their own losses.
torch::Tensor addNoise(const NoiseSchedule& schedule, const torch::Tensor& x0, const torch::Tensor& eps,
                       const torch::Tensor& t);
torch::Tensor velocityTarget(const NoiseSchedule& schedule, const torch::Tensor& x0, const torch::Tensor& eps,
                             const torch::Tensor& t);

// ---- sampling ---------------------------------------------------------------------------------

// The model as the sampler sees it: (noisy latent x [B,C,h,w], timesteps t float [B]) -> v.
using DenoiseFn = std::function<torch::Tensor(const torch::Tensor& x, const torch::Tensor& t)>;

struct DdimOptions {
    int steps = 25;
    double eta = 0.0;                                 // 0 = deterministic DDIM, 1 = DDPM-like (DDIM only)
    Solver solver = Solver::Ddim;                     // the step between timesteps (DiffusionConfig.h)
    TimestepSpacing spacing = TimestepSpacing::Trailing;
    std::uint64_t seed = 0;                           // noise for eta > 0 (CPU generator)
    // Share of the schedule that runs (img2img, as stable-diffusion.cpp's --strength): 1 starts
    // from pure noise; below 1 the first steps are skipped and xT must be a clean latent noised to
    // ddimStartTimestep() (addNoise), so the result keeps that latent's layout and changes more of
    // it the higher the strength. At least one step always runs.
    double strength = 1.0;
};

// The timestep sampleDdim starts from with these options (the first one it visits), and how many
// steps it runs (what its progress counts to).
int ddimStartTimestep(const NoiseSchedule& schedule, const DdimOptions& options);
int ddimRunSteps(const NoiseSchedule& schedule, const DdimOptions& options);
// Where sampleDdim starts: noise itself at strength 1, else the clean latent noised with it to
// ddimStartTimestep (img2img: an edit from its reference, the upscaler from its base latent).
torch::Tensor ddimStartLatent(const NoiseSchedule& schedule, const DdimOptions& options, const torch::Tensor& clean,
                              const torch::Tensor& noise);

// Runs the sampler over the DDIM timesteps from xT (pure noise at the first selected timestep, or
// with options.strength < 1 the noised latent described there) down to a clean latent, without
// gradients, stepping with options.solver (DPM-Solver++(2M) takes eta 0 only). Progress is
// reported after each step as (step, steps); when the callback returns false the sampler stops and
// returns an undefined tensor. The last step goes to abar = 1, so the result is the model's x0
// estimate there (first order, as k-diffusion's DPM++ 2M ends).
torch::Tensor sampleDdim(const DenoiseFn& denoise, torch::Tensor xT, const NoiseSchedule& schedule, int steps,
                         double eta = 0.0, const ProgressFn& progress = {});
torch::Tensor sampleDdim(const DenoiseFn& denoise, torch::Tensor xT, const NoiseSchedule& schedule,
                         const DdimOptions& options, const ProgressFn& progress = {});

// Classifier-free guidance over the UNet:
//   text-to-image:  v = v(null) + textScale (v(ctx) - v(null))
//   edit (reference set and the UNet is an editing UNet), InstructPix2Pix:
//     v = v(null, 0) + imageScale (v(null, ref) - v(null, 0)) + textScale (v(ctx, ref) - v(null, ref))
// The needed passes run as one batched forward; textScale == 1 and imageScale == 1 is a single
// conditional pass. The UNet is held by the returned function (shared handle).
struct Guidance {
    torch::Tensor context;      // [B,T,D] (B = samples; repeat a prompt's context per sample)
    torch::Tensor contextMask;  // [B,T] bool or undefined
    torch::Tensor reference;    // [B,C,h,w] scaled reference latent, or undefined (= zeros)
    // The "no condition" context; undefined = the UNet's learned null token (what diffusionLoss
    // trains). Set it only if training dropped to something else; [B or 1, T', D], no mask.
    torch::Tensor nullContext;
    double textScale = 2.5;
    double imageScale = 1.0;
};
DenoiseFn makeGuidedDenoiser(const UNet& unet, const Guidance& guidance);

// ---- upscaler (DiffusionConfig::upscaler) ------------------------------------------------------

// The upscaler's reference channels for base latents [B,C,h,w]: each latent pixel repeated 2x2
// (nearest) -> [B,C,2h,2w]. Training and sampling both call it, so they read the same thing.
torch::Tensor upscalerReference(const torch::Tensor& baseLatent);

// The sampler options the upscaler runs with (its steps and strength, the schedule's spacing);
// its training draws only the noise levels these visit.
DdimOptions upscalerDdimOptions(const UpscalerConfig& upscaler, TimestepSpacing spacing);

// Draws the 2x latent for base latents with the upscaler UNet: DDIM from noise xT [B,C,2h,2w]
// (draw it from the call's generator), no guidance; with options.strength < 1 from the upsampled
// base latent noised that far instead (its last steps only). Undefined when cancelled through
// progress.
torch::Tensor sampleUpscaled(const UNet& upscaler, const torch::Tensor& baseLatent, torch::Tensor xT,
                             const NoiseSchedule& schedule, const DdimOptions& options, const ProgressFn& progress = {});

// ---- EMA --------------------------------------------------------------------------------------

// Exponential moving average of a module's parameters (in registration order; buffers are not
// averaged). The shadow lives on the model's device at construction. Typical use: ema.update(*unet)
// after each optimiser step; ema.copyTo(*evalUnet) before sampling or saving; the EMA copy is what
// a pack should ship.
class ExponentialMovingAverage {
public:
    ExponentialMovingAverage(const torch::nn::Module& model, double decay = 0.999);
    // decay is warmed up as min(decay, (1 + n) / (10 + n)) over the first updates.
    void update(const torch::nn::Module& model);
    void copyTo(torch::nn::Module& target) const;
    int64_t updates() const { return m_updates; }

private:
    double m_decay;
    int64_t m_updates = 0;
    std::vector<torch::Tensor> m_shadow;
};

} // namespace uf::diffusion
