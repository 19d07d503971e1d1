// The unified model's networks (see NetModules.h). Written for small CPU configs and for GPU
// sizes alike: no size is a constant here, attention is plain matmul/softmax so it runs the same
// on libtorch 1.13 and 2.x.
#include "model/NetModules.h"

#include "common/Error.h"

#include <cmath>
#include <numeric>

namespace uf::model {

namespace F = torch::nn::functional;
using torch::Tensor;

namespace {

int groupsFor(int channels, int maxGroups) { return std::gcd(channels, std::max(1, maxGroups)); }

torch::nn::Conv2d conv(int in, int out, int kernel, int stride, int padding)
{
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(padding));
}

// BERT-style initialisation for the transformer parts.
void initTransformer(torch::nn::Module& root)
{
    torch::NoGradGuard ng;
    for (auto& m : root.modules(/*include_self=*/false)) {
        if (auto* lin = m->as<torch::nn::Linear>()) {
            lin->weight.normal_(0.0, 0.02);
            if (lin->bias.defined())
                lin->bias.zero_();
        } else if (auto* emb = m->as<torch::nn::Embedding>()) {
            emb->weight.normal_(0.0, 0.02);
        }
    }
}

Tensor additiveMask(const Tensor& allowed)
{
    return torch::zeros(allowed.sizes(), torch::TensorOptions().dtype(torch::kFloat).device(allowed.device()))
        .masked_fill(allowed.logical_not(), -1e9);
}

} // namespace

// ---- building blocks --------------------------------------------------------------------------

MhaImpl::MhaImpl(int dim, int heads_, int kvDim) : heads(heads_)
{
    q = register_module("q", torch::nn::Linear(dim, dim));
    kv = register_module("kv", torch::nn::Linear(kvDim, 2 * dim));
    out = register_module("out", torch::nn::Linear(dim, dim));
}

Tensor MhaImpl::forward(const Tensor& x, const Tensor& context, const Tensor& mask)
{
    const Tensor& c = context.defined() ? context : x;
    const int64_t B = x.size(0), Lq = x.size(1), Lk = c.size(1), D = x.size(2), dh = D / heads;
    auto qh = q(x).view({B, Lq, heads, dh}).transpose(1, 2);                 // [B,H,Lq,dh]
    auto kvh = kv(c).view({B, Lk, 2, heads, dh}).permute({2, 0, 3, 1, 4}); // [2,B,H,Lk,dh]
    auto att = torch::matmul(qh, kvh[0].transpose(-2, -1)) * (1.0 / std::sqrt(static_cast<double>(dh)));
    if (mask.defined())
        att = att + mask;
    att = torch::softmax(att, -1);
    auto o = torch::matmul(att, kvh[1]).transpose(1, 2).reshape({B, Lq, D});
    return out(o);
}

MlpImpl::MlpImpl(int dim, int hidden, double dropout)
{
    fc1 = register_module("fc1", torch::nn::Linear(dim, hidden));
    fc2 = register_module("fc2", torch::nn::Linear(hidden, dim));
    drop = register_module("drop", torch::nn::Dropout(dropout));
}

Tensor MlpImpl::forward(const Tensor& x) { return drop(fc2(F::gelu(fc1(x)))); }

ConvBlockImpl::ConvBlockImpl(int channels, int maxGroups)
{
    n1 = register_module("n1", torch::nn::GroupNorm(groupsFor(channels, maxGroups), channels));
    c1 = register_module("c1", conv(channels, channels, 3, 1, 1));
    n2 = register_module("n2", torch::nn::GroupNorm(groupsFor(channels, maxGroups), channels));
    c2 = register_module("c2", conv(channels, channels, 3, 1, 1));
}

Tensor ConvBlockImpl::forward(const Tensor& x) { return x + c2(F::silu(n2(c1(F::silu(n1(x)))))); }

// ---- vision -----------------------------------------------------------------------------------

VisionEncoderImpl::VisionEncoderImpl(const VisionConfig& c) : config(c)
{
    config.validate();
    downs = register_module("downs", torch::nn::ModuleList());
    blocks = register_module("blocks", torch::nn::ModuleList());
    int in = 3;
    for (int ch : config.channels) {
        downs->push_back(conv(in, ch, 3, 2, 1));
        for (int b = 0; b < config.blocksPerStage; ++b)
            blocks->push_back(ConvBlock(ch, config.maxGroups));
        in = ch;
    }
    outNorm = register_module("out_norm", torch::nn::GroupNorm(groupsFor(in, config.maxGroups), in));
    proj = register_module("proj", conv(in, config.dim, 1, 1, 0));
    ln = register_module("ln", torch::nn::LayerNorm(torch::nn::LayerNormOptions({config.dim})));
    pos = register_parameter("pos", torch::randn({1, config.numTokens(), config.dim}) * 0.02);
    if (const int t = config.textureChannels; t > 0) {
        // Fine texture (stripes, dots, checks) is gone by the third stride-2 step and is not what
        // the tokens' positions are for; this branch sees it at full size and its statistics over
        // the whole image reach every token.
        texture = register_module("texture", torch::nn::Sequential(
            conv(3, t, 3, 1, 1), torch::nn::GroupNorm(groupsFor(t, config.maxGroups), t), torch::nn::SiLU(),
            conv(t, t, 3, 2, 1), torch::nn::GroupNorm(groupsFor(t, config.maxGroups), t), torch::nn::SiLU(),
            conv(t, t, 3, 1, 1), torch::nn::GroupNorm(groupsFor(t, config.maxGroups), t), torch::nn::SiLU()));
        textureProj = register_module("texture_proj", torch::nn::Linear(2 * t, config.dim));
        torch::NoGradGuard ng;
        textureProj->weight.zero_();
        textureProj->bias.zero_();
    }
}

Tensor VisionEncoderImpl::forward(const Tensor& images)
{
    if (images.dim() != 4 || images.size(1) != 3 || images.size(2) != config.imageSize || images.size(3) != config.imageSize)
        throw BadInputError("vision encoder: expected images [B,3," + std::to_string(config.imageSize) + ","
                            + std::to_string(config.imageSize) + "]");
    Tensor h = images;
    std::size_t bi = 0;
    for (std::size_t s = 0; s < downs->size(); ++s) {
        h = downs[s]->as<torch::nn::Conv2d>()->forward(h);
        if (s > 0 || config.blocksPerStage == 0)
            h = F::silu(h);
        for (int b = 0; b < config.blocksPerStage; ++b)
            h = blocks[bi++]->as<ConvBlock>()->forward(h);
    }
    h = proj(F::silu(outNorm(h)));           // [B,dim,G,G]
    h = h.flatten(2).transpose(1, 2) + pos;  // [B,G*G,dim]
    if (texture) {
        auto t = texture->forward(images).flatten(2); // [B,T,HW]
        auto stats = torch::cat({t.mean(2), (t.var(2, /*unbiased=*/false) + 1e-6).sqrt()}, 1);
        h = h + textureProj(stats).unsqueeze(1);
    }
    return ln(h);
}

// ---- Q-Former ---------------------------------------------------------------------------------

QFormerLayerImpl::QFormerLayerImpl(const QFormerConfig& c, int visionDim, bool hasCross)
{
    ln1 = register_module("ln1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.dim})));
    self = register_module("self", Mha(c.dim, c.heads, c.dim));
    if (hasCross) {
        lnCross = register_module("ln_cross", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.dim})));
        cross = register_module("cross", Mha(c.dim, c.heads, visionDim));
    }
    ln2q = register_module("ln2q", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.dim})));
    ln2t = register_module("ln2t", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.dim})));
    ffnQ = register_module("ffn_q", Mlp(c.dim, c.dim * c.mlpRatio, c.dropout));
    ffnT = register_module("ffn_t", Mlp(c.dim, c.dim * c.mlpRatio, c.dropout));
}

Tensor QFormerLayerImpl::forward(const Tensor& x, int64_t nq, const Tensor& mask, const Tensor& image)
{
    const int64_t L = x.size(1);
    Tensor h = x + self(ln1(x), Tensor(), mask);
    Tensor q = nq > 0 ? h.narrow(1, 0, nq) : Tensor();
    Tensor t = L > nq ? h.narrow(1, nq, L - nq) : Tensor();
    if (q.defined()) {
        if (cross && image.defined())
            q = q + cross(lnCross(q), image, Tensor());
        q = q + ffnQ(ln2q(q));
    }
    if (t.defined())
        t = t + ffnT(ln2t(t));
    if (q.defined() && t.defined())
        return torch::cat({q, t}, 1);
    return q.defined() ? q : t;
}

QFormerImpl::QFormerImpl(const QFormerConfig& c, int visionDim, int vocabSize) : config(c)
{
    config.validate();
    if (vocabSize <= 0)
        throw BadInputError("Q-Former: vocabulary size must be positive (build the tokenizer first)");
    queryTokens = register_parameter("query_tokens", torch::randn({1, c.queries, c.dim}) * 0.02);
    wordEmb = register_module("word_emb", torch::nn::Embedding(vocabSize, c.dim));
    posEmb = register_parameter("pos_emb", torch::randn({1, c.maxTextLen, c.dim}) * 0.02);
    embLn = register_module("emb_ln", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.dim})));
    layers = register_module("layers", torch::nn::ModuleList());
    for (int i = 0; i < c.layers; ++i)
        layers->push_back(QFormerLayer(c, visionDim, i % c.crossEvery == 0));
    finalLn = register_module("final_ln", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.dim})));
    initTransformer(*this);
}

QFormerOutput QFormerImpl::forward(const Tensor& image, const Tensor& textIdsIn, bool withQueries, MaskMode mode)
{
    if (!withQueries && !textIdsIn.defined())
        throw BadInputError("Q-Former: nothing to encode");
    Tensor textIds = textIdsIn;
    if (textIds.defined() && textIds.size(1) > config.maxTextLen)
        textIds = textIds.narrow(1, 0, config.maxTextLen);
    const int64_t B = textIds.defined() ? textIds.size(0) : image.size(0);
    std::vector<Tensor> seq;
    int64_t nq = 0, T = 0;
    if (withQueries) {
        seq.push_back(queryTokens.expand({B, -1, -1}));
        nq = config.queries;
    }
    Tensor pad;
    if (textIds.defined()) {
        T = textIds.size(1);
        seq.push_back(embLn(wordEmb(textIds) + posEmb.narrow(1, 0, T)));
        pad = textIds.eq(0);
    }
    Tensor x = seq.size() == 1 ? seq[0] : torch::cat(seq, 1);
    const int64_t L = nq + T;

    // The BLIP-2 masks. allowed[i][j]: may position i attend to position j.
    Tensor mask;
    const bool needsShape = nq > 0 && T > 0 && mode != MaskMode::Bidirectional;
    const bool hasPad = pad.defined() && pad.any().item<bool>();
    if (needsShape || hasPad) {
        auto opts = torch::TensorOptions().dtype(torch::kBool).device(x.device());
        Tensor allowed = torch::ones({L, L}, opts);
        if (needsShape) {
            auto isQuery = torch::arange(L, torch::TensorOptions().device(x.device())).lt(nq);
            auto qRow = isQuery.unsqueeze(1), qCol = isQuery.unsqueeze(0);
            if (mode == MaskMode::Unimodal) {
                allowed = qRow.eq(qCol);
            } else { // causal: queries see queries; text sees queries and earlier text
                auto causal = torch::ones({L, L}, opts).tril();
                allowed = (qRow & qCol) | (qRow.logical_not() & (qCol | causal));
            }
        }
        Tensor allowedB = allowed.unsqueeze(0).expand({B, L, L});
        if (hasPad) {
            auto keyOk = torch::cat({torch::ones({B, nq}, pad.options()), pad.logical_not()}, 1); // [B,L]
            allowedB = allowedB & keyOk.unsqueeze(1);
        }
        mask = additiveMask(allowedB).unsqueeze(1); // [B,1,L,L]
    }
    for (std::size_t i = 0; i < layers->size(); ++i)
        x = layers[i]->as<QFormerLayer>()->forward(x, nq, mask, image);
    x = finalLn(x);
    QFormerOutput out;
    if (nq > 0)
        out.queries = x.narrow(1, 0, nq);
    if (T > 0)
        out.text = x.narrow(1, nq, T);
    return out;
}

Tensor QFormerImpl::textLogits(const Tensor& textOut) { return torch::matmul(textOut, wordEmb->weight.t()); }

RetrievalHeadsImpl::RetrievalHeadsImpl(int qformerDim, int embedDim)
{
    imageProj = register_module("image_proj", torch::nn::Linear(qformerDim, embedDim));
    textProj = register_module("text_proj", torch::nn::Linear(qformerDim, embedDim));
    itm = register_module("itm", torch::nn::Linear(qformerDim, 2));
    initTransformer(*this);
    logitScale = register_parameter("logit_scale", torch::full({}, std::log(1.0 / 0.07)));
}

// ---- language model ---------------------------------------------------------------------------

LmBlockImpl::LmBlockImpl(int dim, int heads, int mlpRatio, double dropout)
{
    ln1 = register_module("ln1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
    attn = register_module("attn", Mha(dim, heads, dim));
    ln2 = register_module("ln2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
    mlp = register_module("mlp", Mlp(dim, dim * mlpRatio, dropout));
}

Tensor LmBlockImpl::forward(const Tensor& x, const Tensor& mask)
{
    Tensor h = x + attn(ln1(x), Tensor(), mask);
    return h + mlp(ln2(h));
}

LanguageModelImpl::LanguageModelImpl(const LanguageModelConfig& c, int prefix, int vocabSize) : config(c), prefixLen(prefix)
{
    config.validate();
    tokEmb = register_module("tok_emb", torch::nn::Embedding(vocabSize, c.dim));
    posEmb = register_parameter("pos_emb", torch::randn({1, prefix + c.maxTextLen, c.dim}) * 0.02);
    blocks = register_module("blocks", torch::nn::ModuleList());
    for (int i = 0; i < c.layers; ++i)
        blocks->push_back(LmBlock(c.dim, c.heads, c.mlpRatio, c.dropout));
    lnf = register_module("lnf", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.dim})));
    initTransformer(*this);
}

Tensor LanguageModelImpl::forward(const Tensor& prefix, const Tensor& idsIn)
{
    Tensor ids = idsIn.size(1) > config.maxTextLen ? idsIn.narrow(1, 0, config.maxTextLen) : idsIn;
    const int64_t P = prefix.defined() ? prefix.size(1) : 0, T = ids.size(1), L = P + T;
    if (P > prefixLen)
        throw BadInputError("language model: soft prompt longer than configured");
    Tensor x = tokEmb(ids);
    if (P > 0)
        x = torch::cat({prefix, x}, 1);
    x = x + posEmb.narrow(1, 0, L);
    // Prefix-LM mask: the soft prompt sees itself; text sees the prompt and earlier text. Text is
    // right-padded, so no real token ever attends to padding.
    auto opts = torch::TensorOptions().dtype(torch::kBool).device(x.device());
    auto isPrefix = torch::arange(L, torch::TensorOptions().device(x.device())).lt(P);
    Tensor allowed = torch::ones({L, L}, opts).tril() | isPrefix.unsqueeze(0);
    Tensor mask = additiveMask(allowed).unsqueeze(0).unsqueeze(0);
    for (std::size_t i = 0; i < blocks->size(); ++i)
        x = blocks[i]->as<LmBlock>()->forward(x, mask);
    x = lnf(x.narrow(1, P, T));
    return torch::matmul(x, tokEmb->weight.t());
}

AdaptersImpl::AdaptersImpl(int qformerDim, int lmDim, int contextDim)
{
    lmNorm = register_module("lm_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({qformerDim})));
    lmProj = register_module("lm_proj", torch::nn::Linear(qformerDim, lmDim));
    ctxNorm = register_module("ctx_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({qformerDim})));
    ctxProj = register_module("ctx_proj", torch::nn::Linear(qformerDim, contextDim));
    initTransformer(*this);
    ctxType = register_parameter("ctx_type", torch::randn({2, contextDim}) * 0.02);
}

// ---- the whole model --------------------------------------------------------------------------

UnifiedNetImpl::UnifiedNetImpl(const ModelConfig& c) : config(c)
{
    config.validate();
    if (config.vocabSize <= 0)
        throw BadInputError("model: vocabSize is not set (build the tokenizer first)");
    vision = register_module("vision", VisionEncoder(config.vision));
    qformer = register_module("qformer", QFormer(config.qformer, config.vision.dim, config.vocabSize));
    heads = register_module("heads", RetrievalHeads(config.qformer.dim, config.embedDim));
    lm = register_module("lm", LanguageModel(config.lm, config.qformer.queries, config.vocabSize));
    adapters = register_module("adapters", Adapters(config.qformer.dim, config.lm.dim, config.diffusion.unet.contextDim));
    autoencoder = register_module("autoencoder", diffusion::AutoEncoder(config.diffusion.autoencoder));
    unet = register_module("unet", diffusion::UNet(config.diffusion.unet));
    if (config.diffusion.upscaler)
        upscaler = register_module("upscaler", diffusion::UNet(config.diffusion.upscaler->unet));
}

std::vector<std::pair<std::string, std::vector<std::pair<std::string, torch::nn::Module*>>>> UnifiedNetImpl::parts()
{
    std::vector<std::pair<std::string, std::vector<std::pair<std::string, torch::nn::Module*>>>> out = {
        {"vision", {{"vision", vision.get()}}},
        {"qformer", {{"qformer", qformer.get()}, {"heads", heads.get()}}},
        {"lm", {{"lm", lm.get()}}},
        {"adapters", {{"adapters", adapters.get()}}},
        {"autoencoder", {{"autoencoder", autoencoder.get()}}},
        {"unet", {{"unet", unet.get()}}},
    };
    if (upscaler)
        out.push_back({"upscaler", {{"upscaler", upscaler.get()}}});
    return out;
}

Tensor UnifiedNetImpl::toFloat(const Tensor& u8) { return u8.to(torch::kFloat).div(127.5).sub(1.0); }

Tensor UnifiedNetImpl::imageTokens(const Tensor& images) { return vision(images); }

Tensor UnifiedNetImpl::queryOutputs(const Tensor& tokens) { return qformer(tokens, Tensor(), true, MaskMode::Unimodal).queries; }

Tensor UnifiedNetImpl::imageEmbeddings(const Tensor& queryOut) { return F::normalize(heads->imageProj(queryOut), F::NormalizeFuncOptions().dim(-1)); }

Tensor UnifiedNetImpl::textEmbeddings(const Tensor& textIds)
{
    auto out = qformer(Tensor(), textIds, false, MaskMode::Unimodal);
    return F::normalize(heads->textProj(out.text.select(1, 0)), F::NormalizeFuncOptions().dim(-1));
}

Tensor UnifiedNetImpl::composedEmbeddings(const Tensor& tokens, const Tensor& textIds)
{
    auto out = qformer(tokens, textIds, true, MaskMode::Bidirectional);
    return F::normalize(heads->textProj(out.text.select(1, 0)), F::NormalizeFuncOptions().dim(-1));
}

Tensor UnifiedNetImpl::itmLogits(const Tensor& tokens, const Tensor& textIds)
{
    auto out = qformer(tokens, textIds, true, MaskMode::Bidirectional);
    return heads->itm(out.queries).mean(1);
}

Tensor UnifiedNetImpl::maxSim(const Tensor& textEmb, const Tensor& imageEmb)
{
    // [Bt,E] x [Bi,Nq,E] -> [Bt,Bi,Nq] -> max over queries.
    return torch::einsum("te,iqe->tiq", {textEmb, imageEmb}).amax(-1);
}

Tensor UnifiedNetImpl::lmPrompt(const Tensor& queryOut) { return adapters->lmProj(adapters->lmNorm(queryOut)); }

Tensor UnifiedNetImpl::captionLogits(const Tensor& queryOut, const Tensor& lmIds) { return lm(lmPrompt(queryOut), lmIds); }

Conditioning UnifiedNetImpl::condition(const Tensor& tokens, const Tensor& textIds)
{
    auto out = qformer(tokens, textIds, true, MaskMode::Bidirectional);
    Tensor q = adapters->ctxProj(adapters->ctxNorm(out.queries)) + adapters->ctxType[0];
    Conditioning c;
    if (config.contextIncludesText && out.text.defined()) {
        Tensor t = adapters->ctxProj(adapters->ctxNorm(out.text)) + adapters->ctxType[1];
        c.context = torch::cat({q, t}, 1);
        c.mask = torch::cat({torch::ones({q.size(0), q.size(1)}, textIds.options().dtype(torch::kBool)), textIds.ne(0)}, 1);
    } else {
        c.context = q;
    }
    return c;
}

torch::Tensor padBatch(const std::vector<std::vector<int>>& seqs, int maxLen)
{
    std::size_t L = 1;
    for (const auto& s : seqs)
        L = std::max(L, std::min(s.size(), static_cast<std::size_t>(maxLen)));
    auto out = torch::zeros({static_cast<int64_t>(seqs.size()), static_cast<int64_t>(L)}, torch::kLong);
    auto acc = out.accessor<int64_t, 2>();
    for (std::size_t i = 0; i < seqs.size(); ++i)
        for (std::size_t j = 0; j < std::min(seqs[i].size(), L); ++j)
            acc[static_cast<int64_t>(i)][static_cast<int64_t>(j)] = seqs[i][j];
    return out;
}

int64_t parameterCount(torch::nn::Module& m)
{
    int64_t n = 0;
    for (const auto& p : m.parameters())
        n += p.numel();
    return n;
}

} // namespace uf::model
