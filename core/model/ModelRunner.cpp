// Batched inference over the unified model (see ModelRunner.h).
#include "model/ModelRunner.h"

#include "common/Error.h"
#include "diffusion/Sampling.h"
#include "imaging/ImageIO.h"
#include "text/QueryText.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace uf::model {

namespace F = torch::nn::functional;
using torch::Tensor;

torch::Tensor imageToTensor(const imaging::Image& image, int side)
{
    if (image.empty() || image.rgb.size() != static_cast<std::size_t>(image.width) * image.height * 3)
        throw BadInputError("image is empty or malformed");
    imaging::Image sq = (image.width == side && image.height == side) ? image : imaging::letterbox(image, side, 255);
    auto t = torch::from_blob(sq.rgb.data(), {side, side, 3}, torch::kUInt8).permute({2, 0, 1}).contiguous().clone();
    return t;
}

torch::Tensor imagesToTensor(const std::vector<imaging::Image>& images, int side)
{
    auto out = torch::empty({static_cast<int64_t>(images.size()), 3, side, side}, torch::kUInt8);
    for (std::size_t i = 0; i < images.size(); ++i)
        out[static_cast<int64_t>(i)].copy_(imageToTensor(images[i], side));
    return out;
}

imaging::Image tensorToImage(const torch::Tensor& chw)
{
    auto t = chw.detach().to(torch::kCPU).to(torch::kFloat).clamp(-1, 1).add(1).mul(127.5).round().to(torch::kUInt8);
    t = t.permute({1, 2, 0}).contiguous();
    imaging::Image img;
    img.height = static_cast<int>(t.size(0));
    img.width = static_cast<int>(t.size(1));
    img.rgb.assign(t.data_ptr<std::uint8_t>(), t.data_ptr<std::uint8_t>() + t.numel());
    return img;
}

std::vector<int> qformerIds(const text::Tokenizer& tok, const std::string& text, int maxTextLen,
                            const text::Tokenizer::EncodeOptions& options)
{
    std::vector<int> ids{text::Tokenizer::Cls};
    auto body = tok.encode(text, options);
    for (int id : body) {
        if (static_cast<int>(ids.size()) >= maxTextLen)
            break;
        ids.push_back(id);
    }
    return ids;
}

std::vector<int> lmIds(const text::Tokenizer& tok, const std::string& text, const std::string& lang, int maxTextLen,
                       const text::Tokenizer::EncodeOptions& options)
{
    std::vector<int> ids{text::Tokenizer::Bos, text::Tokenizer::langToken(lang)};
    auto body = tok.encode(text, options);
    for (int id : body) {
        if (static_cast<int>(ids.size()) >= maxTextLen - 1)
            break;
        ids.push_back(id);
    }
    ids.push_back(text::Tokenizer::Eos);
    return ids;
}

ModelRunner::ModelRunner(UnifiedNet net, text::Tokenizer tokenizer, torch::Device device)
    : m_net(std::move(net)), m_tokenizer(std::move(tokenizer)), m_device(device),
      m_schedule(diffusion::makeSchedule(m_net->config.diffusion.schedule))
{
}

namespace {

Tensor resizeFloat(const Tensor& x, int side)
{
    if (x.size(2) == side && x.size(3) == side)
        return x;
    auto opts = F::InterpolateFuncOptions().size(std::vector<int64_t>{side, side});
    if (x.size(2) > side)
        return F::interpolate(x, opts.mode(torch::kArea));
    return F::interpolate(x, opts.mode(torch::kBilinear).align_corners(false));
}

} // namespace

Tensor ModelRunner::toVisionInput(const Tensor& u8) const
{
    return resizeFloat(UnifiedNetImpl::toFloat(u8.to(m_device)), m_net->config.vision.imageSize);
}

Tensor ModelRunner::toAutoencoderInput(const Tensor& u8) const
{
    return resizeFloat(UnifiedNetImpl::toFloat(u8.to(m_device)), m_net->config.diffusion.autoencoder.imageSize);
}

Tensor ModelRunner::embedImages(const Tensor& u8, const ProgressFn& progress, int batchSize)
{
    torch::NoGradGuard ng;
    m_net->eval();
    const int64_t n = u8.size(0);
    std::vector<Tensor> out;
    for (int64_t s = 0; s < n; s += batchSize) {
        const int64_t e = std::min(n, s + batchSize);
        auto tokens = m_net->imageTokens(toVisionInput(u8.slice(0, s, e)));
        out.push_back(m_net->imageEmbeddings(m_net->queryOutputs(tokens)).to(torch::kCPU));
        if (!reportProgress(progress, e, n))
            break;
    }
    if (out.empty())
        return torch::empty({0, m_net->config.qformer.queries, m_net->config.embedDim});
    return torch::cat(out, 0);
}

Tensor ModelRunner::embedTexts(const std::vector<std::string>& texts, int batchSize)
{
    torch::NoGradGuard ng;
    m_net->eval();
    std::vector<Tensor> out;
    const int maxLen = m_net->config.qformer.maxTextLen;
    for (std::size_t s = 0; s < texts.size(); s += static_cast<std::size_t>(batchSize)) {
        const std::size_t e = std::min(texts.size(), s + static_cast<std::size_t>(batchSize));
        std::vector<std::vector<int>> ids, keywordIds;
        std::vector<int64_t> withKeywords;
        for (std::size_t i = s; i < e; ++i) {
            const auto reading = text::readQuery(texts[i]);
            ids.push_back(qformerIds(m_tokenizer, reading.text, maxLen));
            if (!reading.keywords.empty()) {
                keywordIds.push_back(qformerIds(m_tokenizer, reading.keywords, maxLen));
                withKeywords.push_back(static_cast<int64_t>(i - s));
            }
        }
        auto full = m_net->textEmbeddings(padBatch(ids, maxLen).to(m_device));
        if (!withKeywords.empty()) { // the sentence and its vocabulary words alone, half and half
            auto rows = torch::tensor(withKeywords, torch::kLong).to(m_device);
            auto mixed = 0.5 * full.index_select(0, rows) + 0.5 * m_net->textEmbeddings(padBatch(keywordIds, maxLen).to(m_device));
            full = full.index_copy(0, rows, torch::nn::functional::normalize(mixed, torch::nn::functional::NormalizeFuncOptions().dim(1)));
        }
        out.push_back(full.to(torch::kCPU));
    }
    if (out.empty())
        return torch::empty({0, m_net->config.embedDim});
    return torch::cat(out, 0);
}

Tensor ModelRunner::embedComposed(const Tensor& u8, const std::vector<std::string>& texts, int batchSize)
{
    if (u8.size(0) != static_cast<int64_t>(texts.size()))
        throw BadInputError("composed query: one modification text per reference image is needed");
    torch::NoGradGuard ng;
    m_net->eval();
    std::vector<Tensor> out;
    const int maxLen = m_net->config.qformer.maxTextLen;
    const int64_t n = u8.size(0);
    for (int64_t s = 0; s < n; s += batchSize) {
        const int64_t e = std::min(n, s + batchSize);
        std::vector<std::vector<int>> ids;
        for (int64_t i = s; i < e; ++i)
            ids.push_back(qformerIds(m_tokenizer, text::readQuery(texts[static_cast<std::size_t>(i)]).text, maxLen));
        auto tokens = m_net->imageTokens(toVisionInput(u8.slice(0, s, e)));
        out.push_back(m_net->composedEmbeddings(tokens, padBatch(ids, maxLen).to(m_device)).to(torch::kCPU));
    }
    if (out.empty())
        return torch::empty({0, m_net->config.embedDim});
    return torch::cat(out, 0);
}

namespace {

struct Beam {
    std::vector<int> ids;
    double score = -std::numeric_limits<double>::infinity();
};

bool repeatsNgram(const std::vector<int>& ids, int next, int n, std::size_t start)
{
    if (n <= 0 || ids.size() < start + static_cast<std::size_t>(n - 1))
        return false;
    // The candidate n-gram: last n-1 ids + next.
    std::vector<int> gram(ids.end() - (n - 1), ids.end());
    gram.push_back(next);
    for (std::size_t i = start; i + static_cast<std::size_t>(n) <= ids.size(); ++i)
        if (std::equal(gram.begin(), gram.end(), ids.begin() + static_cast<std::ptrdiff_t>(i)))
            return true;
    return false;
}

} // namespace

std::vector<std::string> ModelRunner::caption(const Tensor& u8, const std::vector<std::string>& langs,
                                              const CaptionOptions& options, int batchSize)
{
    if (u8.size(0) != static_cast<int64_t>(langs.size()))
        throw BadInputError("caption: one language per image is needed");
    torch::NoGradGuard ng;
    m_net->eval();
    const int K = std::max(1, options.beam);
    const int maxLen = options.maxTokens > 0 ? std::min(options.maxTokens + 3, m_net->config.lm.maxTextLen) : m_net->config.lm.maxTextLen;
    const int V = m_tokenizer.size();
    std::vector<std::string> result;
    const int64_t n = u8.size(0);
    for (int64_t s = 0; s < n; s += batchSize) {
        const int64_t e = std::min(n, s + batchSize);
        const int64_t B = e - s;
        auto tokens = m_net->imageTokens(toVisionInput(u8.slice(0, s, e)));
        auto prompt = m_net->lmPrompt(m_net->queryOutputs(tokens)).repeat_interleave(K, 0); // [B*K,Nq,D]
        std::vector<Beam> beams(static_cast<std::size_t>(B * K));
        std::vector<std::vector<Beam>> finished(static_cast<std::size_t>(B));
        std::vector<bool> done(static_cast<std::size_t>(B), false);
        for (int64_t b = 0; b < B; ++b) {
            for (int k = 0; k < K; ++k) {
                auto& beam = beams[static_cast<std::size_t>(b * K + k)];
                beam.ids = {text::Tokenizer::Bos, text::Tokenizer::langToken(langs[static_cast<std::size_t>(s + b)])};
                beam.score = k == 0 ? 0.0 : -std::numeric_limits<double>::infinity();
            }
        }
        for (int step = 2; step < maxLen; ++step) {
            std::vector<std::vector<int>> ids;
            for (const auto& beam : beams)
                ids.push_back(beam.ids);
            auto idsT = padBatch(ids, maxLen).to(m_device);
            auto logp = torch::log_softmax(m_net->lm(prompt, idsT).select(1, idsT.size(1) - 1), -1).to(torch::kCPU).contiguous();
            auto lp = logp.accessor<float, 2>();
            bool anyLive = false;
            for (int64_t b = 0; b < B; ++b) {
                if (done[static_cast<std::size_t>(b)]) {
                    // Keep all rows the same length: finished images get a pad appended.
                    for (int k = 0; k < K; ++k)
                        beams[static_cast<std::size_t>(b * K + k)].ids.push_back(text::Tokenizer::Pad);
                    continue;
                }
                struct Cand {
                    int k;
                    int tok;
                    double score;
                };
                std::vector<Cand> cands;
                for (int k = 0; k < K; ++k) {
                    const auto& beam = beams[static_cast<std::size_t>(b * K + k)];
                    if (!std::isfinite(beam.score))
                        continue;
                    const int64_t row = b * K + k;
                    // Top 2K allowed tokens of this beam.
                    std::vector<std::pair<float, int>> top;
                    for (int v = 0; v < V; ++v) {
                        const bool special = v < text::Tokenizer::kNumSpecial && v != text::Tokenizer::Eos && v != text::Tokenizer::Space;
                        if (special)
                            continue;
                        if (v == text::Tokenizer::Eos && beam.ids.size() <= 2)
                            continue;
                        if (v == text::Tokenizer::Space && (beam.ids.size() <= 2 || beam.ids.back() == text::Tokenizer::Space))
                            continue;
                        top.emplace_back(lp[row][v], v);
                    }
                    const std::size_t keep = std::min<std::size_t>(top.size(), static_cast<std::size_t>(2 * K + options.noRepeatNgram + 2));
                    std::partial_sort(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(keep), top.end(),
                                      [](const auto& a, const auto& c) { return a.first > c.first; });
                    int taken = 0;
                    for (std::size_t i = 0; i < keep && taken < 2 * K; ++i) {
                        if (top[i].second != text::Tokenizer::Eos && repeatsNgram(beam.ids, top[i].second, options.noRepeatNgram, 2))
                            continue;
                        cands.push_back({k, top[i].second, beam.score + top[i].first});
                        ++taken;
                    }
                }
                std::sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& c) { return a.score > c.score; });
                std::vector<Beam> next;
                for (const auto& c : cands) {
                    if (static_cast<int>(next.size()) >= K)
                        break;
                    Beam nb;
                    nb.ids = beams[static_cast<std::size_t>(b * K + c.k)].ids;
                    nb.score = c.score;
                    if (c.tok == text::Tokenizer::Eos) {
                        const double len = static_cast<double>(nb.ids.size() - 1);
                        nb.score = c.score / std::pow(len, options.lengthPenalty);
                        finished[static_cast<std::size_t>(b)].push_back(std::move(nb));
                        continue;
                    }
                    nb.ids.push_back(c.tok);
                    next.push_back(std::move(nb));
                }
                while (static_cast<int>(next.size()) < K) {
                    Beam dead;
                    dead.ids = beams[static_cast<std::size_t>(b * K)].ids;
                    dead.ids.push_back(text::Tokenizer::Pad);
                    next.push_back(std::move(dead));
                }
                for (int k = 0; k < K; ++k)
                    beams[static_cast<std::size_t>(b * K + k)] = std::move(next[static_cast<std::size_t>(k)]);
                if (static_cast<int>(finished[static_cast<std::size_t>(b)].size()) >= K)
                    done[static_cast<std::size_t>(b)] = true;
                else
                    anyLive = true;
            }
            if (!anyLive)
                break;
        }
        for (int64_t b = 0; b < B; ++b) {
            auto& fin = finished[static_cast<std::size_t>(b)];
            const Beam* best = nullptr;
            for (const auto& f : fin)
                if (!best || f.score > best->score)
                    best = &f;
            if (!best) { // ran out of length: take the best live beam
                for (int k = 0; k < K; ++k) {
                    const auto& beam = beams[static_cast<std::size_t>(b * K + k)];
                    if (std::isfinite(beam.score) && (!best || beam.score > best->score))
                        best = &beam;
                }
            }
            std::vector<int> body;
            if (best)
                for (std::size_t i = 2; i < best->ids.size(); ++i)
                    if (best->ids[i] != text::Tokenizer::Pad)
                        body.push_back(best->ids[i]);
            result.push_back(m_tokenizer.decode(body));
        }
    }
    return result;
}

bool ModelRunner::upscales(const GenerateOptions& options) const
{
    return options.upscale && m_net->upscaler;
}

Tensor ModelRunner::sampleBatch(const Conditioning& cond, const Tensor& refLatent, const Tensor& xT,
                                const GenerateOptions& options, torch::Generator& gen, const ProgressFn& progress)
{
    diffusion::Guidance g;
    g.context = cond.context;
    g.contextMask = cond.mask;
    g.reference = refLatent;
    g.textScale = options.guidance;
    g.imageScale = options.imageGuidance;
    auto fn = diffusion::makeGuidedDenoiser(m_net->unet, g);
    diffusion::DdimOptions d;
    d.steps = options.steps;
    d.eta = options.eta;
    d.solver = options.solver;
    d.spacing = m_net->config.diffusion.schedule.spacing;
    d.seed = options.seed;
    if (refLatent.defined())
        d.strength = options.strength;
    const auto start = diffusion::ddimStartLatent(*m_schedule, d, refLatent, xT);
    // Progress over both samplers: the base's steps, then the upscaler's.
    diffusion::DdimOptions u;
    int upSteps = 0;
    if (upscales(options)) {
        u = diffusion::upscalerDdimOptions(*m_net->config.diffusion.upscaler, d.spacing);
        u.solver = options.solver;
        upSteps = diffusion::ddimRunSteps(*m_schedule, u);
    }
    int64_t baseSteps = 0;
    ProgressFn baseProgress;
    if (progress)
        baseProgress = [&](int64_t done, int64_t total) {
            baseSteps = total;
            return progress(done, total + upSteps);
        };
    auto z0 = diffusion::sampleDdim(fn, start, *m_schedule, d, baseProgress);
    if (!z0.defined())
        return z0;
    if (upSteps > 0) {
        auto noise = torch::randn({z0.size(0), z0.size(1), 2 * z0.size(2), 2 * z0.size(3)}, gen).to(m_device);
        ProgressFn upProgress;
        if (progress)
            upProgress = [&](int64_t done, int64_t total) { return progress(baseSteps + done, baseSteps + total); };
        z0 = diffusion::sampleUpscaled(m_net->upscaler, z0, noise, *m_schedule, u, upProgress);
        if (!z0.defined())
            return z0;
    }
    return m_net->autoencoder->decode(z0).to(torch::kCPU);
}

Tensor ModelRunner::generate(const std::string& prompt, const std::optional<Tensor>& referenceU8, const GenerateOptions& options,
                             const ProgressFn& progress)
{
    if (options.count < 1)
        throw BadInputError("generate: count must be at least 1");
    torch::NoGradGuard ng;
    m_net->eval();
    const int maxLen = m_net->config.qformer.maxTextLen;
    auto ids = padBatch({qformerIds(m_tokenizer, text::readQuery(prompt).text, maxLen)}, maxLen).to(m_device);
    Tensor tokens, refLatent;
    if (referenceU8) {
        auto ref = referenceU8->dim() == 3 ? referenceU8->unsqueeze(0) : *referenceU8;
        tokens = m_net->imageTokens(toVisionInput(ref));
        refLatent = m_net->autoencoder->encode(toAutoencoderInput(ref)).expand({options.count, -1, -1, -1}).contiguous();
    }
    Conditioning cond = m_net->condition(tokens, ids);
    cond.context = cond.context.expand({options.count, -1, -1}).contiguous();
    if (cond.mask.defined())
        cond.mask = cond.mask.expand({options.count, -1}).contiguous();
    const auto& ae = m_net->config.diffusion.autoencoder;
    auto gen = diffusion::makeCpuGenerator(options.seed);
    auto xT = torch::randn({options.count, ae.latentChannels, ae.latentSize(), ae.latentSize()}, gen).to(m_device);
    return sampleBatch(cond, refLatent, xT, options, gen, progress);
}

Tensor ModelRunner::generateMany(const std::vector<std::string>& prompts, const std::vector<std::optional<Tensor>>& refs,
                                 const GenerateOptions& options, const ProgressFn& progress, int batchSize)
{
    if (!refs.empty() && refs.size() != prompts.size())
        throw BadInputError("generate: one reference per prompt (or none) is needed");
    torch::NoGradGuard ng;
    m_net->eval();
    const int maxLen = m_net->config.qformer.maxTextLen;
    const auto& ae = m_net->config.diffusion.autoencoder;
    auto gen = diffusion::makeCpuGenerator(options.seed);
    std::vector<Tensor> out;
    const std::size_t n = prompts.size();
    for (std::size_t s = 0; s < n; s += static_cast<std::size_t>(batchSize)) {
        const std::size_t e = std::min(n, s + static_cast<std::size_t>(batchSize));
        std::vector<std::vector<int>> ids;
        for (std::size_t i = s; i < e; ++i)
            ids.push_back(qformerIds(m_tokenizer, text::readQuery(prompts[i]).text, maxLen));
        Tensor tokens, refLatent;
        if (!refs.empty()) {
            std::vector<Tensor> r;
            for (std::size_t i = s; i < e; ++i) {
                if (!refs[i])
                    throw BadInputError("generate: references must be given for all prompts or for none");
                r.push_back(refs[i]->dim() == 4 ? refs[i]->squeeze(0) : *refs[i]);
            }
            auto ref = torch::stack(r, 0);
            tokens = m_net->imageTokens(toVisionInput(ref));
            refLatent = m_net->autoencoder->encode(toAutoencoderInput(ref));
        }
        Conditioning cond = m_net->condition(tokens, padBatch(ids, maxLen).to(m_device));
        auto xT = torch::randn({static_cast<int64_t>(e - s), ae.latentChannels, ae.latentSize(), ae.latentSize()}, gen).to(m_device);
        auto imgs = sampleBatch(cond, refLatent, xT, options, gen, {});
        if (!imgs.defined())
            break;
        out.push_back(imgs);
        if (!reportProgress(progress, static_cast<int64_t>(e), static_cast<int64_t>(n)))
            break;
    }
    if (out.empty()) {
        const int side = upscales(options) ? m_net->config.diffusion.outputSize() : ae.imageSize;
        return torch::empty({0, 3, side, side});
    }
    return torch::cat(out, 0);
}

} // namespace uf::model
