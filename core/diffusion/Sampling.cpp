// Diffusion loss, DDIM sampling, guidance and EMA. Schedule coefficients are computed in double on
// the CPU and only then moved to the data's device, so CPU and CUDA runs agree to float precision.
#include "diffusion/Sampling.h"

#include "common/Error.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cmath>

namespace uf::diffusion {

namespace F = torch::nn::functional;

torch::Generator makeCpuGenerator(std::uint64_t seed)
{
    return at::detail::createCPUGenerator(seed);
}

namespace {

// sqrt(abar_t) and sqrt(1 - abar_t) as [B,1,1,1] float tensors on device.
std::pair<torch::Tensor, torch::Tensor> coefficients(const NoiseSchedule& schedule, const torch::Tensor& t,
                                                     const torch::Tensor& like)
{
    const auto table = torch::tensor(schedule.alphasCumprod(), torch::TensorOptions().dtype(torch::kDouble));
    const auto idx = t.to(torch::kCPU).to(torch::kLong).clamp(0, schedule.numTrainSteps() - 1);
    const auto abar = table.index_select(0, idx).view({-1, 1, 1, 1});
    const auto opts = like.options();
    return {abar.sqrt().to(opts), (1.0 - abar).sqrt().to(opts)};
}

// Repeats a batch-1 conditioning tensor to batch b; checks the batch size otherwise.
torch::Tensor matchBatch(const torch::Tensor& x, int64_t b, const char* what)
{
    if (!x.defined() || x.size(0) == b)
        return x;
    if (x.size(0) == 1) {
        std::vector<int64_t> sizes = x.sizes().vec();
        sizes[0] = b;
        return x.expand(sizes);
    }
    throw BadInputError(std::string("guidance: ") + what + " has batch " + std::to_string(x.size(0)) +
                        ", the latents have " + std::to_string(b));
}

} // namespace

torch::Tensor addNoise(const NoiseSchedule& schedule, const torch::Tensor& x0, const torch::Tensor& eps,
                       const torch::Tensor& t)
{
    const auto [a, s] = coefficients(schedule, t, x0);
    return a * x0 + s * eps;
}

torch::Tensor velocityTarget(const NoiseSchedule& schedule, const torch::Tensor& x0, const torch::Tensor& eps,
                             const torch::Tensor& t)
{
    const auto [a, s] = coefficients(schedule, t, x0);
    return a * eps - s * x0;
}

torch::Tensor diffusionLoss(const UNet& unet, const NoiseSchedule& schedule, const torch::Tensor& z0,
                            const torch::Tensor& context, const torch::Tensor& contextMask,
                            const torch::Tensor& refLatent, torch::Generator& gen, const DiffusionLossOptions& options)
{
    auto& net = *unet.ptr();
    const auto& cfg = net.config();
    if (z0.dim() != 4 || z0.size(1) != cfg.outChannels)
        throw BadInputError("diffusionLoss: expected latents [B," + std::to_string(cfg.outChannels) + ",h,w]");
    if (refLatent.defined() && !cfg.editing())
        throw BadInputError("diffusionLoss: a reference latent was given to a text-to-image UNet");
    const int64_t b = z0.size(0);
    const auto device = z0.device();

    // Every draw happens on the CPU generator, in a fixed order, whatever the options say.
    const int tMax = options.maxTimestep > 0 ? std::min(options.maxTimestep, schedule.numTrainSteps()) : schedule.numTrainSteps();
    const auto t = torch::randint(0, tMax, {b}, gen, torch::TensorOptions().dtype(torch::kLong));
    const auto eps = torch::randn(z0.sizes(), gen, torch::TensorOptions().dtype(torch::kFloat)).to(z0.options());
    const auto dropCond = (torch::rand({b}, gen) < options.conditionDropProb).to(device);
    const auto dropRef = (torch::rand({b}, gen) < options.referenceDropProb).to(device);

    const auto xt = addNoise(schedule, z0, eps, t);
    const auto target = velocityTarget(schedule, z0, eps, t);

    torch::Tensor ctx = context;
    if (cfg.contextDim > 0) {
        if (!ctx.defined()) {
            ctx = net.nullContext(b);
        } else {
            const auto null = net.nullContext(b).to(ctx.dtype()).expand(ctx.sizes());
            ctx = torch::where(dropCond.view({b, 1, 1}), null, ctx);
        }
    }

    torch::Tensor input = xt;
    if (cfg.editing()) {
        torch::Tensor ref = refLatent.defined() ? refLatent * dropRef.logical_not().view({b, 1, 1, 1}).to(z0.dtype())
                                                : torch::zeros_like(z0);
        input = torch::cat({xt, ref}, 1);
    }
    const auto pred = net.forward(input, t.to(device).to(torch::kFloat), ctx, contextMask);
    return F::mse_loss(pred, target);
}

namespace {

// The timesteps sampleDdim visits: the schedule's last round(strength * steps) of them.
std::vector<int> ddimRunTimesteps(const NoiseSchedule& schedule, const DdimOptions& options)
{
    if (!(options.strength > 0.0 && options.strength <= 1.0))
        throw BadInputError("DDIM: strength must be in (0, 1] (got " + std::to_string(options.strength) + ")");
    auto ts = ddimTimesteps(schedule.numTrainSteps(), options.steps, options.spacing);
    const auto n = static_cast<std::ptrdiff_t>(ts.size());
    const auto run = std::clamp<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(std::lround(options.strength * static_cast<double>(n))), 1, n);
    ts.erase(ts.begin(), ts.begin() + (n - run));
    return ts;
}

} // namespace

int ddimStartTimestep(const NoiseSchedule& schedule, const DdimOptions& options)
{
    return ddimRunTimesteps(schedule, options).front();
}

int ddimRunSteps(const NoiseSchedule& schedule, const DdimOptions& options)
{
    return static_cast<int>(ddimRunTimesteps(schedule, options).size());
}

torch::Tensor ddimStartLatent(const NoiseSchedule& schedule, const DdimOptions& options, const torch::Tensor& clean,
                              const torch::Tensor& noise)
{
    if (options.strength >= 1.0)
        return noise;
    const auto t = torch::full({noise.size(0)}, ddimStartTimestep(schedule, options), torch::TensorOptions().dtype(torch::kLong));
    return addNoise(schedule, clean, noise, t.to(noise.device()));
}

torch::Tensor sampleDdim(const DenoiseFn& denoise, torch::Tensor xT, const NoiseSchedule& schedule, int steps,
                         double eta, const ProgressFn& progress)
{
    DdimOptions options;
    options.steps = steps;
    options.eta = eta;
    return sampleDdim(denoise, std::move(xT), schedule, options, progress);
}

torch::Tensor sampleDdim(const DenoiseFn& denoise, torch::Tensor xT, const NoiseSchedule& schedule,
                         const DdimOptions& options, const ProgressFn& progress)
{
    torch::NoGradGuard noGrad;
    const bool dpm = options.solver == Solver::DpmSolverPP2M;
    if (dpm && options.eta != 0.0)
        throw BadInputError("sampler dpm++2m is deterministic: eta must be 0");
    const auto timesteps = ddimRunTimesteps(schedule, options);
    const int n = static_cast<int>(timesteps.size());
    const int64_t b = xT.size(0);
    auto gen = makeCpuGenerator(options.seed);
    auto x = std::move(xT);
    torch::Tensor x0Before; // DPM-Solver++(2M): the previous step's x0 estimate and its log-SNR step
    double hBefore = 0.0;
    for (int i = 0; i < n; ++i) {
        const int t = timesteps[static_cast<std::size_t>(i)];
        const double ab = schedule.alphaCumprod(t);
        const double abPrev = i + 1 < n ? schedule.alphaCumprod(timesteps[static_cast<std::size_t>(i + 1)]) : 1.0;
        const auto tTensor = torch::full({b}, static_cast<double>(t), x.options().dtype(torch::kFloat));
        const auto v = denoise(x, tTensor);
        const double a = std::sqrt(ab), s = std::sqrt(1.0 - ab);
        const auto x0 = a * x - s * v;
        if (dpm && abPrev < 1.0) { // its last step, to abar = 1, is DDIM's below (eta 0): x0 itself
            // x_next = (s_next / s) x - a_next (e^-h - 1) D, h the step in log(a / s); D the x0
            // estimate, extrapolated to the step's midpoint from the previous one after the first.
            const double aNext = std::sqrt(abPrev), sNext = std::sqrt(1.0 - abPrev);
            const double h = std::log(aNext / sNext) - std::log(a / s);
            auto d = x0;
            if (x0Before.defined()) {
                const double r = hBefore / h;
                d = (1.0 + 0.5 / r) * x0 - (0.5 / r) * x0Before;
            }
            x = (sNext / s) * x - (aNext * std::expm1(-h)) * d;
            x0Before = x0;
            hBefore = h;
        } else {
            const auto eps = a * v + s * x;
            const double sigma = options.eta * std::sqrt((1.0 - abPrev) / (1.0 - ab)) * std::sqrt(1.0 - ab / abPrev);
            const double dirCoef = std::sqrt(std::max(1.0 - abPrev - sigma * sigma, 0.0));
            x = std::sqrt(abPrev) * x0 + dirCoef * eps;
            if (sigma > 0.0)
                x = x + sigma * torch::randn(x.sizes(), gen, torch::TensorOptions().dtype(torch::kFloat)).to(x.options());
        }
        if (!reportProgress(progress, i + 1, n))
            return {};
    }
    return x;
}

DenoiseFn makeGuidedDenoiser(const UNet& unet, const Guidance& guidance)
{
    return [unet, guidance](const torch::Tensor& x, const torch::Tensor& t) -> torch::Tensor {
        auto& net = *unet.ptr();
        const auto& cfg = net.config();
        const int64_t b = x.size(0);
        const bool editing = cfg.editing();

        auto ctx = matchBatch(guidance.context, b, "context");
        auto mask = matchBatch(guidance.contextMask, b, "contextMask");
        if (!ctx.defined() && cfg.contextDim > 0)
            ctx = net.nullContext(b); // unconditional sampling
        const auto ref = editing ? (guidance.reference.defined() ? matchBatch(guidance.reference, b, "reference")
                                                                 : torch::zeros_like(x))
                                 : torch::Tensor();
        if (guidance.reference.defined() && !editing)
            throw BadInputError("guidance: a reference latent was given to a text-to-image UNet");

        const bool textGuided = guidance.textScale != 1.0 && guidance.context.defined() && cfg.contextDim > 0;
        const bool imageGuided = editing && guidance.reference.defined() && guidance.imageScale != 1.0;
        auto withRef = [&](const torch::Tensor& r) { return editing ? torch::cat({x, r}, 1) : x; };
        if (!textGuided && !imageGuided)
            return net.forward(withRef(ref), t, ctx, mask);

        const int64_t tokens = ctx.size(1);
        const auto userNull = matchBatch(guidance.nullContext, b, "nullContext");
        torch::Tensor vCond, vNull, vNone;
        if (userNull.defined() && userNull.size(1) != tokens && userNull.size(1) != 1) {
            // A null context of another length cannot share a batch with the condition.
            vCond = net.forward(withRef(ref), t, ctx, mask);
            vNull = net.forward(withRef(ref), t, userNull, {});
            if (imageGuided)
                vNone = net.forward(withRef(torch::zeros_like(ref)), t, userNull, {});
        } else {
            // One batched forward: [cond | null (| null without reference)]. A single null token
            // repeated T times attends exactly like the token alone.
            const auto null = (userNull.defined() ? userNull : net.nullContext(b))
                                  .to(ctx.dtype())
                                  .expand({b, tokens, cfg.contextDim});
            const auto nullMask = mask.defined() ? torch::ones_like(mask) : torch::Tensor();
            const int passes = imageGuided ? 3 : 2;
            std::vector<torch::Tensor> xs{withRef(ref), withRef(ref)}, cs{ctx, null}, ms{mask, nullMask};
            if (imageGuided) {
                xs.push_back(withRef(torch::zeros_like(ref)));
                cs.push_back(null);
                ms.push_back(nullMask);
            }
            const auto out = net.forward(torch::cat(xs, 0), t.repeat({passes}), torch::cat(cs, 0),
                                         mask.defined() ? torch::cat(ms, 0) : torch::Tensor());
            const auto parts = out.chunk(passes, 0);
            vCond = parts[0];
            vNull = parts[1];
            if (imageGuided)
                vNone = parts[2];
        }
        if (!imageGuided)
            return vNull + guidance.textScale * (vCond - vNull);
        return vNone + guidance.imageScale * (vNull - vNone) + guidance.textScale * (vCond - vNull);
    };
}

ExponentialMovingAverage::ExponentialMovingAverage(const torch::nn::Module& model, double decay) : m_decay(decay)
{
    torch::NoGradGuard noGrad;
    for (const auto& p : model.parameters())
        m_shadow.push_back(p.detach().clone());
}

void ExponentialMovingAverage::update(const torch::nn::Module& model)
{
    torch::NoGradGuard noGrad;
    const auto params = model.parameters();
    if (params.size() != m_shadow.size())
        throw UsageError("EMA: the model has " + std::to_string(params.size()) + " parameters, the EMA " +
                         std::to_string(m_shadow.size()));
    const double n = static_cast<double>(m_updates);
    const double d = std::min(m_decay, (1.0 + n) / (10.0 + n));
    for (std::size_t i = 0; i < params.size(); ++i)
        m_shadow[i].mul_(d).add_(params[i].detach(), 1.0 - d);
    ++m_updates;
}

void ExponentialMovingAverage::copyTo(torch::nn::Module& target) const
{
    torch::NoGradGuard noGrad;
    auto params = target.parameters();
    if (params.size() != m_shadow.size())
        throw UsageError("EMA: the target has " + std::to_string(params.size()) + " parameters, the EMA " +
                         std::to_string(m_shadow.size()));
    for (std::size_t i = 0; i < params.size(); ++i)
        params[i].copy_(m_shadow[i]);
}

// ---- upscaler ---------------------------------------------------------------------------------

torch::Tensor upscalerReference(const torch::Tensor& baseLatent)
{
    if (baseLatent.dim() != 4)
        throw BadInputError("upscaler: expected base latents [B,C,h,w]");
    return baseLatent.repeat_interleave(2, 2).repeat_interleave(2, 3);
}

torch::Tensor sampleUpscaled(const UNet& upscaler, const torch::Tensor& baseLatent, torch::Tensor xT,
                             const NoiseSchedule& schedule, const DdimOptions& options, const ProgressFn& progress)
{
    Guidance g;
    g.reference = upscalerReference(baseLatent);
    g.textScale = 1.0;
    g.imageScale = 1.0;
    if (xT.sizes() != g.reference.sizes())
        throw BadInputError("upscaler: the noise must have the upscaled latent's shape");
    return sampleDdim(makeGuidedDenoiser(upscaler, g), ddimStartLatent(schedule, options, g.reference, xT), schedule, options, progress);
}

DdimOptions upscalerDdimOptions(const UpscalerConfig& upscaler, TimestepSpacing spacing)
{
    DdimOptions d;
    d.steps = upscaler.steps;
    d.strength = upscaler.strength;
    d.spacing = spacing;
    return d;
}

} // namespace uf::diffusion
