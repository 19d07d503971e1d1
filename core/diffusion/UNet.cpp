// The latent UNet (Stable Diffusion's layout at a small scale): skip connections from every input
// block, attention only where the token count is small enough for a CPU, zero-initialised output
// layers so training starts from "predict nothing" rather than from noise.
#include "diffusion/UNetModule.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace uf::diffusion {

namespace F = torch::nn::functional;

namespace {

int groupsFor(int channels, int maxGroups)
{
    return std::gcd(channels, std::max(1, maxGroups));
}

torch::nn::Conv2d conv(int in, int out, int kernel, int stride, int padding)
{
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(padding));
}

void zeroInit(torch::nn::Module& m)
{
    torch::NoGradGuard noGrad;
    for (auto& p : m.parameters())
        p.zero_();
}

} // namespace

torch::Tensor timestepEmbedding(const torch::Tensor& t, int dim, double maxPeriod)
{
    const int half = dim / 2;
    const auto opts = torch::TensorOptions().dtype(torch::kFloat).device(t.device());
    const auto freqs = torch::exp(-std::log(maxPeriod) * torch::arange(half, opts) / static_cast<double>(half));
    const auto args = t.to(torch::kFloat).unsqueeze(1) * freqs.unsqueeze(0);
    auto emb = torch::cat({torch::cos(args), torch::sin(args)}, 1);
    if (dim % 2 == 1)
        emb = F::pad(emb, F::PadFuncOptions({0, 1}));
    return emb;
}

// ---- ResBlock ---------------------------------------------------------------------------------

ResBlockImpl::ResBlockImpl(int inChannels, int outChannels, int timeEmbedDim, int maxGroups, double dropout)
{
    norm1 = register_module("norm1", torch::nn::GroupNorm(groupsFor(inChannels, maxGroups), inChannels));
    conv1 = register_module("conv1", conv(inChannels, outChannels, 3, 1, 1));
    timeProj = register_module("time_proj", torch::nn::Linear(timeEmbedDim, outChannels));
    norm2 = register_module("norm2", torch::nn::GroupNorm(groupsFor(outChannels, maxGroups), outChannels));
    drop = register_module("drop", torch::nn::Dropout(dropout));
    conv2 = register_module("conv2", conv(outChannels, outChannels, 3, 1, 1));
    zeroInit(*conv2);
    if (inChannels != outChannels)
        skip = register_module("skip", conv(inChannels, outChannels, 1, 1, 0));
}

torch::Tensor ResBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& timeEmbed)
{
    auto h = conv1(F::silu(norm1(x)));
    h = h + timeProj(F::silu(timeEmbed)).unsqueeze(-1).unsqueeze(-1);
    h = conv2(drop(F::silu(norm2(h))));
    return (skip ? skip(x) : x) + h;
}

// ---- Attention --------------------------------------------------------------------------------

AttentionImpl::AttentionImpl(int queryDim, int contextDim, int heads_, int headDim_) : heads(heads_), headDim(headDim_)
{
    const int inner = heads * headDim;
    toQ = register_module("to_q", torch::nn::Linear(torch::nn::LinearOptions(queryDim, inner).bias(false)));
    toK = register_module("to_k", torch::nn::Linear(torch::nn::LinearOptions(contextDim, inner).bias(false)));
    toV = register_module("to_v", torch::nn::Linear(torch::nn::LinearOptions(contextDim, inner).bias(false)));
    toOut = register_module("to_out", torch::nn::Linear(inner, queryDim));
}

torch::Tensor AttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& context, const torch::Tensor& mask)
{
    const auto& ctx = context.defined() ? context : x;
    const int64_t b = x.size(0), n = x.size(1), m = ctx.size(1);
    const auto q = toQ(x).view({b, n, heads, headDim}).transpose(1, 2);   // [B,h,N,d]
    const auto k = toK(ctx).view({b, m, heads, headDim}).transpose(1, 2); // [B,h,M,d]
    const auto v = toV(ctx).view({b, m, heads, headDim}).transpose(1, 2);
    auto scores = torch::matmul(q, k.transpose(-1, -2)) * (1.0 / std::sqrt(static_cast<double>(headDim)));
    if (mask.defined()) {
        // A finite fill keeps fully padded rows finite (uniform attention) instead of NaN; -1e4
        // still vanishes in softmax and fits in half precision.
        const double fill = scores.scalar_type() == torch::kFloat || scores.scalar_type() == torch::kDouble
                                ? -1e9
                                : -1e4;
        scores = scores.masked_fill(mask.logical_not().view({b, 1, 1, m}), fill);
    }
    const auto attn = torch::softmax(scores, -1);
    const auto out = torch::matmul(attn, v).transpose(1, 2).reshape({b, n, heads * headDim});
    return toOut(out);
}

// ---- TransformerBlock / SpatialTransformer ----------------------------------------------------

TransformerBlockImpl::TransformerBlockImpl(int dim, int contextDim, int heads, int headDim, int ffMult)
{
    norm1 = register_module("norm1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
    selfAttn = register_module("self_attn", Attention(dim, dim, heads, headDim));
    if (contextDim > 0) {
        norm2 = register_module("norm2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
        crossAttn = register_module("cross_attn", Attention(dim, contextDim, heads, headDim));
    }
    norm3 = register_module("norm3", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
    ff1 = register_module("ff1", torch::nn::Linear(dim, dim * ffMult));
    ff2 = register_module("ff2", torch::nn::Linear(dim * ffMult, dim));
}

torch::Tensor TransformerBlockImpl::forward(torch::Tensor x, const torch::Tensor& context, const torch::Tensor& mask)
{
    x = x + selfAttn(norm1(x), torch::Tensor(), torch::Tensor());
    if (crossAttn && context.defined())
        x = x + crossAttn(norm2(x), context, mask);
    return x + ff2(F::gelu(ff1(norm3(x))));
}

SpatialTransformerImpl::SpatialTransformerImpl(int channels, const UNetConfig& config)
{
    const int heads = std::max(1, channels / config.headChannels);
    const int headDim = channels / heads;
    norm = register_module("norm", torch::nn::GroupNorm(groupsFor(channels, config.maxGroups), channels));
    projIn = register_module("proj_in", torch::nn::Linear(channels, channels));
    blocks = register_module("blocks", torch::nn::ModuleList());
    for (int i = 0; i < config.transformerDepth; ++i)
        blocks->push_back(TransformerBlock(channels, config.contextDim, heads, headDim, config.ffMult));
    projOut = register_module("proj_out", torch::nn::Linear(channels, channels));
    zeroInit(*projOut);
}

torch::Tensor SpatialTransformerImpl::forward(const torch::Tensor& x, const torch::Tensor& context,
                                              const torch::Tensor& mask)
{
    const int64_t b = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    auto tokens = projIn(norm(x).flatten(2).transpose(1, 2)); // [B, HW, C]
    for (const auto& block : *blocks)
        tokens = block->as<TransformerBlockImpl>()->forward(tokens, context, mask);
    tokens = projOut(tokens);
    return x + tokens.transpose(1, 2).reshape({b, c, h, w});
}

// ---- UNetBlock --------------------------------------------------------------------------------

torch::Tensor UNetBlockImpl::forward(torch::Tensor x, const torch::Tensor& timeEmbed, const torch::Tensor& context,
                                     const torch::Tensor& mask)
{
    if (res)
        x = res(x, timeEmbed);
    if (attn)
        x = attn(x, context, mask);
    if (down)
        x = down(x);
    if (up) {
        x = F::interpolate(x, F::InterpolateFuncOptions().scale_factor(std::vector<double>{2.0, 2.0}).mode(torch::kNearest));
        x = up(x);
    }
    return x;
}

// ---- UNet -------------------------------------------------------------------------------------

UNetImpl::UNetImpl(const UNetConfig& config) : m_config(config)
{
    m_config.validate();
    const auto& c = m_config;
    const int base = c.baseChannels;
    const int temb = c.timeEmbedDim();
    const int levels = static_cast<int>(c.channelMults.size());
    auto wantsAttention = [&](int resolution) {
        return std::find(c.attentionResolutions.begin(), c.attentionResolutions.end(), resolution) !=
               c.attentionResolutions.end();
    };

    m_timeFc1 = register_module("time_fc1", torch::nn::Linear(base, temb));
    m_timeFc2 = register_module("time_fc2", torch::nn::Linear(temb, temb));
    m_convIn = register_module("conv_in", conv(c.inChannels, base, 3, 1, 1));
    m_inputList = register_module("input_blocks", torch::nn::ModuleList());
    m_outputList = register_module("output_blocks", torch::nn::ModuleList());

    std::vector<int> skipChannels{base};
    int ch = base;
    int resolution = c.sampleSize;
    for (int l = 0; l < levels; ++l) {
        const int outCh = base * c.channelMults[static_cast<std::size_t>(l)];
        for (int r = 0; r < c.resBlocksPerLevel; ++r) {
            UNetBlock block;
            block->res = block->register_module("res", ResBlock(ch, outCh, temb, c.maxGroups, c.dropout));
            if (wantsAttention(resolution))
                block->attn = block->register_module("attn", SpatialTransformer(outCh, c));
            ch = outCh;
            m_inputList->push_back(block);
            m_inputBlocks.push_back(block);
            skipChannels.push_back(ch);
        }
        if (l + 1 < levels) {
            UNetBlock block;
            block->down = block->register_module("down", conv(ch, ch, 3, 2, 1));
            m_inputList->push_back(block);
            m_inputBlocks.push_back(block);
            skipChannels.push_back(ch);
            resolution /= 2;
        }
    }

    m_midRes1 = register_module("mid_res1", ResBlock(ch, ch, temb, c.maxGroups, c.dropout));
    if (c.middleAttention)
        m_midAttn = register_module("mid_attn", SpatialTransformer(ch, c));
    m_midRes2 = register_module("mid_res2", ResBlock(ch, ch, temb, c.maxGroups, c.dropout));

    for (int l = levels - 1; l >= 0; --l) {
        const int outCh = base * c.channelMults[static_cast<std::size_t>(l)];
        for (int r = 0; r <= c.resBlocksPerLevel; ++r) {
            const int skip = skipChannels.back();
            skipChannels.pop_back();
            UNetBlock block;
            block->res = block->register_module("res", ResBlock(ch + skip, outCh, temb, c.maxGroups, c.dropout));
            if (wantsAttention(resolution))
                block->attn = block->register_module("attn", SpatialTransformer(outCh, c));
            ch = outCh;
            if (l > 0 && r == c.resBlocksPerLevel) {
                block->up = block->register_module("up", conv(ch, ch, 3, 1, 1));
                resolution *= 2;
            }
            m_outputList->push_back(block);
            m_outputBlocks.push_back(block);
        }
    }

    m_normOut = register_module("norm_out", torch::nn::GroupNorm(groupsFor(ch, c.maxGroups), ch));
    m_convOut = register_module("conv_out", conv(ch, c.outChannels, 3, 1, 1));
    zeroInit(*m_convOut);

    if (c.contextDim > 0)
        m_nullToken = register_parameter("null_context", torch::randn({1, 1, c.contextDim}) * 0.02);
}

torch::Tensor UNetImpl::nullContext(int64_t batch) const
{
    if (!m_nullToken.defined())
        return {};
    return m_nullToken.expand({batch, 1, m_config.contextDim});
}

torch::Tensor UNetImpl::forward(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& context,
                                const torch::Tensor& contextMask)
{
    const auto& c = m_config;
    const int64_t divisor = int64_t{1} << (c.channelMults.size() - 1);
    if (x.dim() != 4 || x.size(1) != c.inChannels || x.size(2) % divisor != 0 || x.size(3) % divisor != 0)
        throw BadInputError("unet: expected input [B," + std::to_string(c.inChannels) + ",h,w] with h, w divisible by " +
                            std::to_string(divisor));
    if (t.dim() != 1 || t.size(0) != x.size(0))
        throw BadInputError("unet: expected timesteps [B]");
    if (context.defined() &&
        (context.dim() != 3 || context.size(0) != x.size(0) || context.size(2) != c.contextDim))
        throw BadInputError("unet: expected context [B,T," + std::to_string(c.contextDim) + "]");
    if (contextMask.defined() && (!context.defined() || contextMask.dim() != 2 ||
                                  contextMask.size(0) != context.size(0) || contextMask.size(1) != context.size(1)))
        throw BadInputError("unet: expected contextMask [B,T] matching the context");
    const auto mask = contextMask.defined() ? contextMask.to(torch::kBool) : contextMask;

    const auto temb = m_timeFc2(F::silu(m_timeFc1(timestepEmbedding(t, c.baseChannels))));
    auto h = m_convIn(x);
    std::vector<torch::Tensor> skips{h};
    for (auto& block : m_inputBlocks) {
        h = block(h, temb, context, mask);
        skips.push_back(h);
    }
    h = m_midRes1(h, temb);
    if (m_midAttn)
        h = m_midAttn(h, context, mask);
    h = m_midRes2(h, temb);
    for (auto& block : m_outputBlocks) {
        h = block(torch::cat({h, skips.back()}, 1), temb, context, mask);
        skips.pop_back();
    }
    return m_convOut(F::silu(m_normOut(h)));
}

} // namespace uf::diffusion
