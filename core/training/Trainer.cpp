// The two-phase trainer (see Trainer.h). One translation unit on purpose: torch headers are slow
// to compile here, and the losses share most of their inputs.
#include "training/Trainer.h"

#include "catalog/Catalog.h"
#include "common/Error.h"
#include "common/Files.h"
#include "common/MatmulPeak.h"
#include "diffusion/NoiseSchedule.h"
#include "diffusion/Sampling.h"
#include "imaging/ImageIO.h"
#include "model/ModelRunner.h"
#include "model/NetModules.h"
#include "model_io/PackIO.h"
#include "training/CatalogData.h"
#include "training/TextSampler.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <malloc.h>
#include <numeric>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <thread>

namespace uf::training {

namespace F = torch::nn::functional;
using torch::Tensor;
using nlohmann::json;

void tuneAllocator()
{
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, INT_MAX);
    mallopt(M_TOP_PAD, 256 * 1024 * 1024);
}

fs::path checkpointPath(const fs::path& outPack)
{
    fs::path p = outPack;
    if (p.filename().empty())
        p = p.parent_path();
    return p.parent_path() / (p.filename().string() + ".ckpt");
}

namespace {

using Clock = std::chrono::steady_clock;

std::string formatDuration(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return "?";
    const long s = static_cast<long>(seconds + 0.5);
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, (s / 60) % 60);
    else
        std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
    return buf;
}

StageReport newReport(const std::string& name)
{
    StageReport r;
    r.name = name;
    return r;
}

Tensor softCrossEntropy(const Tensor& logits, const Tensor& positives)
{
    auto p = positives.to(torch::kFloat);
    p = p / p.sum(1, true).clamp_min(1.0);
    return -(p * torch::log_softmax(logits, 1)).sum(1).mean();
}

// Copies every parameter and buffer of `from` that `to` has under the same name and shape; returns
// the number of parameters copied.
std::size_t copyMatchingState(torch::nn::Module& from, torch::nn::Module& to)
{
    torch::NoGradGuard ng;
    std::size_t n = 0;
    const auto params = from.named_parameters(true);
    for (auto& p : to.named_parameters(true))
        if (const auto* src = params.find(p.key()); src && src->sizes() == p.value().sizes()) {
            p.value().copy_(*src);
            ++n;
        }
    const auto buffers = from.named_buffers(true);
    for (auto& b : to.named_buffers(true))
        if (const auto* src = buffers.find(b.key()); src && src->sizes() == b.value().sizes())
            b.value().copy_(*src);
    return n;
}

// While alive, a module holds its EMA weights (what a pack ships); the raw ones come back after,
// also when saving throws.
class EmaSwap {
public:
    EmaSwap(torch::nn::Module& module, const diffusion::ExponentialMovingAverage* ema, bool use) : m_module(module)
    {
        if (!ema || !use)
            return;
        torch::NoGradGuard ng;
        for (auto& p : module.parameters())
            m_raw.push_back(p.detach().clone());
        ema->copyTo(module);
    }
    ~EmaSwap()
    {
        torch::NoGradGuard ng;
        auto ps = m_module.parameters();
        for (std::size_t i = 0; i < m_raw.size() && i < ps.size(); ++i)
            ps[i].copy_(m_raw[i]);
    }
    EmaSwap(const EmaSwap&) = delete;
    EmaSwap& operator=(const EmaSwap&) = delete;

private:
    torch::nn::Module& m_module;
    std::vector<Tensor> m_raw;
};

struct Optim {
    std::string name;
    std::vector<Tensor> params;
    double baseLr = 0;
    std::unique_ptr<torch::optim::AdamW> opt;
};

class Trainer {
public:
    Trainer(const TrainJob& job, LogFn log, ProgressFn progress)
        : m_job(job), m_cfg(job.train), m_log(std::move(log)), m_progress(std::move(progress)),
          m_device(job.cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU)), m_rng(job.seed),
          m_gen(diffusion::makeCpuGenerator(job.seed + 17))
    {
    }

    TrainOutcome run();

private:
    void setupModel();
    void setupOptimizers();
    void freezeForPhase2();
    bool tryResume();
    void calibrateLatentScale();
    void ensureLatents();
    // Runs f(autoencoder) without gradients and with the autoencoder in eval mode; phase 1, the only
    // one that trains it, gets its training mode back (phase 2 keeps it frozen in eval).
    template <class F>
    void withAutoencoderEval(F&& f)
    {
        torch::NoGradGuard ng;
        auto& ae = m_net->autoencoder;
        const bool wasTraining = ae->is_training();
        ae->eval();
        f(ae);
        if (wasTraining && m_job.phase == 1)
            ae->train();
    }
    std::vector<int> sampleItems(int n);
    std::vector<int> alignBatch(int n);
    Tensor floatImages(const std::vector<int>& idx, bool flip);
    Tensor visionTokens(const std::vector<int>& idx, bool flip, bool frozen);
    std::vector<int> textIds(const std::string& t, bool augment);
    std::map<std::string, Tensor> alignLosses(const StageConfig& st, bool frozenVision);
    Tensor diffusionLoss(int batch, bool throughQFormer);
    Tensor anchorLoss(int batch);
    Tensor upscaleLoss(int batch);
    void setupAttributeHead();
    Tensor attributeLoss(const Tensor& embeddings, const std::vector<Attributes>& labels);
    Tensor photoLoss(const Tensor& imageEmb, const std::vector<int>& idx, const Tensor& scale);
    std::map<std::string, Tensor> phase2Losses(const StageConfig& st);
    std::string modText(const Triplet& t);
    void setLearningRates(double stageProgress);
    void saveCheckpoint();
    fs::path savePack(bool complete);
    json trainingJson(bool complete) const;
    double measurePeak() const { return matmulPeakGflops(m_job.cuda ? 4096 : 1024, m_job.cuda); }
    json peakJson() const
    {
        json j = {{"start", m_peakStart}};
        if (m_peakEnd > 0)
            j["end"] = m_peakEnd;
        return j;
    }
    void logLine(bool force);

    TrainJob m_job;
    TrainConfig m_cfg;
    LogFn m_log;
    ProgressFn m_progress;
    torch::Device m_device;
    std::mt19937_64 m_rng;
    torch::Generator m_gen;
    TextSampler m_sampler;
    CatalogData m_data;
    text::Tokenizer m_tokenizer;
    model::UnifiedNet m_net{nullptr};
    model::UnifiedNet m_anchor{nullptr}; // an 'anchor' loss: the --init pack, frozen
    // The 'attr' loss: one prototype per attribute value in the retrieval embedding space, shared
    // by images and texts (training only, not in the pack; the weight rows of m_attrHead).
    // m_attrValues[k]: the values of key k seen in the catalog, in the order of the logits' slice
    // m_attrOffset[k].
    torch::nn::Linear m_attrHead{nullptr};
    std::vector<std::pair<std::string, std::vector<std::string>>> m_attrValues;
    std::vector<int64_t> m_attrOffset;
    Optim* m_attrOptim = nullptr;
    std::unique_ptr<diffusion::NoiseSchedule> m_schedule;
    std::unique_ptr<diffusion::ExponentialMovingAverage> m_ema;
    std::unique_ptr<diffusion::ExponentialMovingAverage> m_upEma; // the upscaler's, when it trains
    long long m_upEmaUpdates = 0;
    int m_upOptim = -1;  // index in m_optims of the upscaler's optimizer (phase 1 with an upscaler)
    int m_packPhase = 0; // the phase the saved pack records
    std::vector<Optim> m_optims; // phase 1: autoencoder, align, diffusion; phase 2: finetune
    std::vector<int> m_perm;
    std::size_t m_permPos = 0;

    long long m_step = 0;          // steps done in this phase (all runs)
    long long m_totalSteps = 0;    // steps budget
    double m_budgetSeconds = 0;    // 0: steps budget
    double m_elapsedBefore = 0;    // seconds spent by earlier runs (resume)
    Clock::time_point m_start;
    int m_stage = -1;
    long long m_stageStep = 0;
    bool m_resumed = false;
    bool m_latentsReady = false;
    // The autoencoder has trained since its latent scale was last calibrated: calibrated when its
    // stage ends, whatever stage follows (the built-in recipe puts alignment between the two, and
    // packs made before stop 22 kept a scale of 1: latents of variance 0.36, not 1).
    bool m_aeUncalibrated = false;
    // The machine's float32 GEMM rate at the run's start and end (0 = not measured yet): these
    // shared vCPUs have read 80 to 183 GFLOP/s in one day, so a run's minutes need it beside them.
    double m_peakStart = 0, m_peakEnd = 0;
    long long m_emaUpdates = 0;
    std::string m_csv;
    std::vector<StageReport> m_reports;
    std::map<std::string, double> m_smooth; // smoothed losses for the log line
    Clock::time_point m_lastLog;
    Clock::time_point m_lastCheckpoint;
    json m_initInfo = json::object();
    std::vector<std::uint8_t> m_initLossLog;

    double elapsed() const { return m_elapsedBefore + std::chrono::duration<double>(Clock::now() - m_start).count(); }
    double phaseProgress() const
    {
        double p = m_totalSteps > 0 ? double(m_step) / double(m_totalSteps) : 0.0;
        if (m_budgetSeconds > 0)
            p = std::max(p * (m_job.steps ? 1.0 : 0.0), elapsed() / m_budgetSeconds);
        return std::min(1.0, p);
    }
    const std::vector<StageConfig>& stages() const { return m_cfg.stages(m_job.phase); }
    int stageAt(double p) const
    {
        double total = 0;
        for (const auto& s : stages())
            total += s.share;
        double acc = 0;
        for (std::size_t i = 0; i < stages().size(); ++i) {
            acc += stages()[i].share / total;
            if (p < acc - 1e-12 && stages()[i].share > 0)
                return static_cast<int>(i);
        }
        // The end: the last stage with a share.
        for (int i = static_cast<int>(stages().size()) - 1; i >= 0; --i)
            if (stages()[static_cast<std::size_t>(i)].share > 0)
                return i;
        return 0;
    }
    std::pair<double, double> stageBounds(int s) const
    {
        double total = 0;
        for (const auto& st : stages())
            total += st.share;
        double acc = 0;
        for (int i = 0; i < s; ++i)
            acc += stages()[static_cast<std::size_t>(i)].share / total;
        return {acc, acc + stages()[static_cast<std::size_t>(s)].share / total};
    }
};

void Trainer::setupModel()
{
    if (m_job.phase == 2 && !m_job.initPack)
        throw UsageError("phase 2 fine-tunes a phase-1 pack: pass --init PACK");
    if (m_job.initPack) {
        auto loaded = model_io::loadModelPack(*m_job.initPack, m_device);
        m_net = loaded.net;
        m_tokenizer = loaded.tokenizer;
        m_initInfo = {{"pack", fs::absolute(*m_job.initPack).lexically_normal().string()},
                      {"name", loaded.manifest.name},
                      {"phase", loaded.manifest.phase},
                      {"manifest_sha256", model_io::manifestSha256(*m_job.initPack)}};
        if (m_job.phase == 2 && loaded.manifest.phase < 1)
            throw UsageError("--init pack '" + m_job.initPack->string() + "' has not been through phase 1; train phase 1 first");
        if (const auto* f = loaded.manifest.file("loss_log.csv"))
            m_initLossLog = readFileBytes(*m_job.initPack / f->name);
        // The config asks for parts the pack lacks: a net with them, holding every weight of the
        // pack. The vision texture branch adds zero until it learns; the upscaler only draws.
        auto grownCfg = m_net->config;
        std::vector<std::string> added;
        if (const int t = m_job.model.vision.textureChannels; t > 0 && grownCfg.vision.textureChannels == 0) {
            grownCfg.vision.textureChannels = t;
            added.push_back("a texture branch of " + std::to_string(t) + " channels to the vision encoder");
        }
        if (m_job.model.diffusion.upscaler && !grownCfg.diffusion.upscaler) {
            grownCfg.diffusion.upscaler = m_job.model.diffusion.upscaler;
            added.push_back("an upscaler to " + std::to_string(grownCfg.diffusion.outputSize()) + " px");
        }
        if (!added.empty()) {
            torch::manual_seed(m_job.seed);
            model::UnifiedNet grown(grownCfg);
            grown->to(m_device);
            const int64_t before = model::parameterCount(*m_net);
            if (copyMatchingState(*m_net, *grown) != m_net->named_parameters(true).size())
                throw ModelLoadError("--init pack: its weights do not fit the model with the parts the config adds");
            m_net = grown;
            for (const auto& a : added)
                m_log("model: added to the --init pack: " + a);
            m_log("model: " + std::to_string((model::parameterCount(*m_net) - before) / 1000) + "k parameters added");
        }
        // A run that trains only the upscaler adds to the pack: the pack keeps its phase.
        const bool upscalerOnly = std::all_of(stages().begin(), stages().end(), [](const StageConfig& s) {
            return s.losses.size() == 1 && s.has("upscale");
        });
        m_packPhase = upscalerOnly ? std::max(m_job.phase, loaded.manifest.phase) : m_job.phase;
        if (std::any_of(stages().begin(), stages().end(), [](const StageConfig& s) { return s.has("anchor"); })) {
            // A frozen copy of the pack just loaded (in memory: no second read of the files).
            m_anchor = model::UnifiedNet(m_net->config);
            m_anchor->to(m_device);
            copyMatchingState(*m_net, *m_anchor);
            for (auto& p : m_anchor->parameters())
                p.set_requires_grad(false);
            m_anchor->eval();
        }
    } else {
        m_packPhase = m_job.phase;
        if (std::any_of(stages().begin(), stages().end(), [](const StageConfig& s) { return s.has("anchor"); }))
            throw UsageError("the 'anchor' loss keeps a run near its --init pack: pass --init PACK");
        std::vector<std::string> texts;
        for (const auto& it : m_data.items) {
            for (const auto& [l, t] : it.texts.title)
                texts.push_back(t);
            for (const auto& [l, t] : it.texts.description)
                texts.push_back(t);
        }
        auto opts = m_job.tokenizer;
        // Every word of the fashion vocabulary is a token, so queries with synonyms the catalog
        // never used still have their own embedding to learn (through generated queries).
        for (const auto& key : text::attributeKeys())
            for (const auto& v : text::values(key)) {
                opts.extraWords.insert(opts.extraWords.end(), v.en.begin(), v.en.end());
                opts.extraWords.insert(opts.extraWords.end(), v.ja.begin(), v.ja.end());
            }
        m_tokenizer = text::Tokenizer::build(texts, opts);
        auto cfg = m_job.model;
        cfg.vocabSize = m_tokenizer.size();
        torch::manual_seed(m_job.seed);
        m_net = model::UnifiedNet(cfg);
        m_net->to(m_device);
    }
    const auto& cfg = m_net->config;
    if (cfg.vision.imageSize <= 0)
        throw BadInputError("model: bad vision size");
    m_schedule = diffusion::makeSchedule(cfg.diffusion.schedule);
    if (!m_net->upscaler && std::any_of(stages().begin(), stages().end(), [](const StageConfig& s) { return s.has("upscale"); }))
        throw UsageError("the 'upscale' loss trains the upscaler: add model.diffusion.upscaler to the --config");
    m_log("model: vision " + std::to_string(model::parameterCount(*m_net->vision) / 1000) + "k, Q-Former "
          + std::to_string((model::parameterCount(*m_net->qformer) + model::parameterCount(*m_net->heads)) / 1000) + "k, LM "
          + std::to_string(model::parameterCount(*m_net->lm) / 1000) + "k, adapters "
          + std::to_string(model::parameterCount(*m_net->adapters) / 1000) + "k, autoencoder "
          + std::to_string(model::parameterCount(*m_net->autoencoder) / 1000) + "k, UNet "
          + std::to_string(model::parameterCount(*m_net->unet) / 1000) + "k"
          + (m_net->upscaler ? ", upscaler " + std::to_string(model::parameterCount(*m_net->upscaler) / 1000) + "k" : std::string())
          + " parameters; vocabulary "
          + std::to_string(m_tokenizer.size()) + " tokens");
}

void Trainer::freezeForPhase2()
{
    std::vector<torch::nn::Module*> frozen{m_net->vision.get(), m_net->lm.get(), m_net->autoencoder.get(), m_net->unet.get()};
    if (m_net->upscaler)
        frozen.push_back(m_net->upscaler.get());
    for (torch::nn::Module* m : frozen) {
        for (auto& p : m->parameters())
            p.set_requires_grad(false);
        m->eval();
    }
}

void Trainer::setupOptimizers()
{
    auto collect = [](std::initializer_list<torch::nn::Module*> mods) {
        std::vector<Tensor> out;
        for (auto* m : mods)
            for (auto& p : m->parameters())
                out.push_back(p);
        return out;
    };
    auto adapterParams = [&](bool lmSide) {
        std::vector<Tensor> out;
        for (const auto& p : m_net->adapters->named_parameters(true)) {
            const bool isLm = p.key().rfind("lm_", 0) == 0;
            if (isLm == lmSide)
                out.push_back(p.value());
        }
        return out;
    };
    auto make = [&](std::string name, std::vector<Tensor> params, double lr) {
        Optim o;
        o.name = std::move(name);
        o.params = params;
        o.baseLr = lr;
        o.opt = std::make_unique<torch::optim::AdamW>(params, torch::optim::AdamWOptions(lr).weight_decay(m_cfg.weightDecay).betas({0.9, 0.98}));
        m_optims.push_back(std::move(o));
    };
    if (m_job.phase == 1) {
        make("autoencoder", collect({m_net->autoencoder.get()}), m_cfg.lrAutoencoder);
        auto align = collect({m_net->vision.get(), m_net->qformer.get(), m_net->heads.get(), m_net->lm.get()});
        for (auto& p : adapterParams(true))
            align.push_back(p);
        make("align", align, m_cfg.lrAlign);
        auto diff = collect({m_net->unet.get()});
        for (auto& p : adapterParams(false))
            diff.push_back(p);
        make("diffusion", diff, m_cfg.lrDiffusion);
        m_ema = std::make_unique<diffusion::ExponentialMovingAverage>(*m_net->unet, m_cfg.emaDecay);
        if (m_net->upscaler) {
            make("upscaler", collect({m_net->upscaler.get()}), m_cfg.lrDiffusion);
            m_upOptim = static_cast<int>(m_optims.size()) - 1;
            m_upEma = std::make_unique<diffusion::ExponentialMovingAverage>(*m_net->upscaler, m_cfg.emaDecay);
        }
    } else {
        freezeForPhase2();
        make("finetune", collect({m_net->qformer.get(), m_net->heads.get(), m_net->adapters.get()}), m_cfg.lrPhase2);
    }
    m_attrOptim = nullptr;
    if (m_attrHead) {
        make("attr", m_attrHead->parameters(), m_job.phase == 1 ? m_cfg.lrAlign : m_cfg.lrPhase2);
        m_attrOptim = &m_optims.back();
    }
}

// The 'attr' loss's prototypes: one slice of logits per attribute key with two or more values in
// the catalog. Images (their query embeddings) and texts (their embedding, for the attributes
// they name) are classified against the same prototypes, so a value's direction is
// the same on both sides. That is what teaches the embeddings what the contrastive loss alone
// barely does: a pattern is named in half of the generated queries, and a random batch rarely
// holds two products that differ only in it.
void Trainer::setupAttributeHead()
{
    if (std::none_of(stages().begin(), stages().end(), [](const StageConfig& s) { return s.has("attr"); }))
        return;
    std::map<std::string, std::set<std::string>> seen;
    for (const auto& it : m_data.items)
        for (const auto& [k, v] : it.texts.attributes)
            seen[k].insert(v);
    const auto& only = m_cfg.attributeKeys;
    for (const auto& k : only)
        if (!seen.count(k))
            throw BadInputError("train.attributeKeys: the catalog has no attribute '" + k + "'");
    int64_t n = 0;
    for (const auto& [k, vs] : seen) {
        if (vs.size() < 2 || (!only.empty() && std::find(only.begin(), only.end(), k) == only.end()))
            continue;
        m_attrValues.emplace_back(k, std::vector<std::string>(vs.begin(), vs.end()));
        m_attrOffset.push_back(n);
        n += static_cast<int64_t>(vs.size());
    }
    if (n == 0)
        throw BadInputError("the 'attr' loss needs an attribute with two or more values in the catalog; this one has none");
    for (const auto& [k, w] : m_cfg.attributeWeights)
        if (std::none_of(m_attrValues.begin(), m_attrValues.end(), [&](const auto& kv) { return kv.first == k; }))
            throw BadInputError("train.attributeWeights: '" + k + "' is not a key the 'attr' loss classifies here");
    torch::manual_seed(m_job.seed + 31);
    m_attrHead = torch::nn::Linear(torch::nn::LinearOptions(m_net->config.embedDim, n).bias(false));
    m_attrHead->to(m_device);
}

// Mean over keys (weighted by train.attributeWeights) of the cross-entropy of each row's value of
// the key, by cosine similarity to the prototypes at a fixed temperature (rows without the key are
// left out).
Tensor Trainer::attributeLoss(const Tensor& embeddings, const std::vector<Attributes>& labels)
{
    // [B,E] text embeddings, or [B,Q,E] an image's query embeddings read as the search reads them:
    // each prototype by its best-matching query (max-sim), so an attribute may live in a few
    // queries without swamping the others (the pooled vector that routes photo queries keeps its
    // category and colour).
    const auto norm = F::NormalizeFuncOptions().dim(-1);
    auto proto = F::normalize(m_attrHead->weight, norm);
    auto logits = embeddings.dim() == 3 ? 10.0 * torch::einsum("bqe,ve->bqv", {F::normalize(embeddings, norm), proto}).amax(1)
                                        : 10.0 * torch::matmul(F::normalize(embeddings, norm), proto.t()); // [B, all values]
    Tensor total;
    double weights = 0;
    for (std::size_t k = 0; k < m_attrValues.size(); ++k) {
        const auto& [key, values] = m_attrValues[k];
        std::vector<int64_t> rows, classes;
        for (std::size_t b = 0; b < labels.size(); ++b) {
            auto it = labels[b].find(key);
            if (it == labels[b].end())
                continue;
            auto v = std::lower_bound(values.begin(), values.end(), it->second);
            if (v == values.end() || *v != it->second)
                continue;
            rows.push_back(static_cast<int64_t>(b));
            classes.push_back(v - values.begin());
        }
        if (rows.empty())
            continue;
        auto r = torch::tensor(rows, torch::kLong).to(m_device);
        auto l = logits.index_select(0, r).narrow(1, m_attrOffset[k], static_cast<int64_t>(values.size()));
        const auto w = m_cfg.attributeWeights.count(key) ? m_cfg.attributeWeights.at(key) : 1.0;
        auto ce = w * F::cross_entropy(l, torch::tensor(classes, torch::kLong).to(m_device));
        total = total.defined() ? total + ce : ce;
        weights += w;
    }
    return total.defined() && weights > 0 ? total / weights : logits.sum() * 0.0;
}

// Photo -> photo, scored as the search scores a photo query (the mean over the query photo's
// embeddings of their best match among the other's), graded by train.photoMatchKeys in order:
// a photo's level of agreement with another is how many of the keys, from the first, they share
// (category, then category and colour). For each level t, each photo of the batch should rank
// every other that reaches t above every one that does not, by a margin (a pairwise logistic
// ranking loss); each level's pairs are averaged on their own and the levels weigh alike, so
// "same category and colour first, then the same category in other colours, then the rest" is
// what a photo search lists. The contrastive and attribute losses order products by what their
// texts name, pattern as much as colour; without the lower levels the list went on in the same
// colour, other categories, after the few exact matches. Matches are not pulled together beyond
// the margin, so what else the embeddings hold (pattern, sleeve, ...) still orders the matches
// among themselves. Levels without a pair in the batch are left out.
Tensor Trainer::photoLoss(const Tensor& imageEmb, const std::vector<int>& idx, const Tensor& scale)
{
    const auto B = static_cast<int64_t>(idx.size());
    const auto K = static_cast<int64_t>(m_cfg.photoMatchKeys.size());
    auto level = torch::full({B, B}, -1, torch::kLong); // -1: the photo itself (or the same product)
    auto la = level.accessor<int64_t, 2>();
    for (int64_t i = 0; i < B; ++i) {
        const auto& a = m_data.items[static_cast<std::size_t>(idx[static_cast<std::size_t>(i)])].texts.attributes;
        for (int64_t j = 0; j < B; ++j) {
            const auto& b = m_data.items[static_cast<std::size_t>(idx[static_cast<std::size_t>(j)])].texts.attributes;
            if (j == i || idx[static_cast<std::size_t>(i)] == idx[static_cast<std::size_t>(j)])
                continue;
            int64_t shared = 0;
            for (const auto& k : m_cfg.photoMatchKeys) {
                auto x = a.find(k), y = b.find(k);
                if ((x == a.end()) != (y == b.end()) || (x != a.end() && x->second != y->second))
                    break;
                ++shared;
            }
            la[i][j] = shared;
        }
    }
    // [B,Q,E] x [B,T,E] -> [B,B,Q,T]: best match of each query embedding, mean over the queries.
    auto score = torch::einsum("bqe,cte->bcqt", {imageEmb, imageEmb}).amax(-1).mean(-1);
    constexpr double margin = 0.1;
    auto gap = score.unsqueeze(1) - score.unsqueeze(2) + margin; // [i][j][k] = s_ik - s_ij + margin
    auto loss = F::softplus(gap * scale.detach());
    Tensor total;
    int levels = 0;
    for (int64_t t = 1; t <= K; ++t) {
        // pairs[i][j][k]: j reaches level t with i, k does not.
        auto pairs = (level.ge(t).unsqueeze(2) & (level.ge(0) & level.lt(t)).unsqueeze(1)).to(m_device);
        const auto n = pairs.sum().item<int64_t>();
        if (n == 0)
            continue;
        auto l = (loss * pairs).sum() / static_cast<double>(n);
        total = total.defined() ? total + l : l;
        ++levels;
    }
    return levels ? total / static_cast<double>(levels) : imageEmb.sum() * 0.0;
}

std::vector<int> Trainer::sampleItems(int n)
{
    std::vector<int> out;
    const int N = static_cast<int>(m_data.items.size());
    while (static_cast<int>(out.size()) < n) {
        if (m_permPos >= m_perm.size()) {
            m_perm.resize(static_cast<std::size_t>(N));
            std::iota(m_perm.begin(), m_perm.end(), 0);
            std::shuffle(m_perm.begin(), m_perm.end(), m_rng);
            m_permPos = 0;
        }
        out.push_back(m_perm[m_permPos++]);
    }
    return out;
}

// tripletPairShare of the batch as (reference, target) pairs of mined triplets, the rest at random.
std::vector<int> Trainer::alignBatch(int n)
{
    std::vector<int> out;
    const int pairs = m_data.triplets.empty() ? 0 : static_cast<int>(std::lround(n * m_cfg.tripletPairShare / 2.0));
    std::uniform_int_distribution<std::size_t> pick(0, m_data.triplets.empty() ? 0 : m_data.triplets.size() - 1);
    for (int k = 0; k < pairs && static_cast<int>(out.size()) + 2 <= n; ++k) {
        const auto& t = m_data.triplets[pick(m_rng)];
        out.push_back(t.reference);
        out.push_back(t.target);
    }
    for (int i : sampleItems(n - static_cast<int>(out.size())))
        out.push_back(i);
    return out;
}

Tensor Trainer::floatImages(const std::vector<int>& idx, bool flip)
{
    auto index = torch::tensor(std::vector<int64_t>(idx.begin(), idx.end()), torch::kLong).to(m_device);
    auto x = model::UnifiedNetImpl::toFloat(m_data.visionImages.index_select(0, index));
    if (flip && m_cfg.horizontalFlip) {
        auto mask = torch::rand({x.size(0)}, m_gen).lt(0.5).to(m_device).view({-1, 1, 1, 1});
        x = torch::where(mask, x.flip({3}), x);
    }
    return x;
}

Tensor Trainer::visionTokens(const std::vector<int>& idx, bool flip, bool frozen)
{
    auto x = floatImages(idx, flip);
    if (frozen) {
        torch::NoGradGuard ng;
        return m_net->imageTokens(x);
    }
    return m_net->imageTokens(x);
}

std::vector<int> Trainer::textIds(const std::string& t, bool augment)
{
    text::Tokenizer::EncodeOptions o;
    o.keepSpaces = false;
    if (augment) {
        o.pieceDropout = static_cast<float>(m_cfg.text.pieceDropout);
        o.rng = &m_rng;
    }
    return model::qformerIds(m_tokenizer, t, m_net->config.qformer.maxTextLen, o);
}

std::string Trainer::modText(const Triplet& t)
{
    const auto& target = m_data.items[static_cast<std::size_t>(t.target)].texts.attributes;
    auto cat = target.count("category") ? target.at("category") : std::string();
    const std::string lang = std::uniform_real_distribution<double>(0, 1)(m_rng) < 0.5 ? "ja" : "en";
    return m_sampler.modificationText(cat, t.key, t.value, lang, m_rng);
}

std::map<std::string, Tensor> Trainer::alignLosses(const StageConfig& st, bool frozenVision)
{
    std::map<std::string, Tensor> out;
    if (!st.has("itc") && !st.has("itm") && !st.has("lm") && !st.has("itg") && !st.has("attr") && !st.has("photo"))
        return out; // a diffusion-only stage: no image or text pass for nothing
    const int B = m_cfg.batchSize;
    auto idx = alignBatch(B);
    auto tokens = visionTokens(idx, true, frozenVision);
    auto qOut = m_net->queryOutputs(tokens);
    auto scale = m_net->heads->logitScale.exp().clamp_max(100.0);
    if (st.has("itc") || st.has("itm") || st.has("attr") || st.has("photo")) {
        auto imgEmb = m_net->imageEmbeddings(qOut);
        if (st.has("photo"))
            out["photo"] = photoLoss(imgEmb, idx, scale);
        std::vector<std::vector<int>> ids;
        std::vector<SampledText> texts;
        for (int i : idx) {
            texts.push_back(m_sampler.retrievalText(m_data.items[static_cast<std::size_t>(i)].texts, m_rng));
            ids.push_back(textIds(texts.back().text, true));
        }
        auto txtIds = model::padBatch(ids, m_net->config.qformer.maxTextLen).to(m_device);
        auto txtEmb = m_net->textEmbeddings(txtIds);
        if (st.has("attr")) {
            std::vector<Attributes> imageLabels, textLabels;
            for (std::size_t b = 0; b < idx.size(); ++b) {
                imageLabels.push_back(m_data.items[static_cast<std::size_t>(idx[b])].texts.attributes);
                textLabels.emplace_back(texts[b].mentions.begin(), texts[b].mentions.end());
            }
            out["attr"] = 0.5 * (attributeLoss(imgEmb, imageLabels) + attributeLoss(txtEmb, textLabels));
        }
        if (st.has("itc") || st.has("itm")) {
            // Label-aware targets: text i matches image j when j has every attribute i names.
            auto pos = torch::zeros({B, B}, torch::kBool);
            auto pa = pos.accessor<bool, 2>();
            for (int i = 0; i < B; ++i)
                for (int j = 0; j < B; ++j)
                    pa[i][j] = idx[static_cast<std::size_t>(i)] == idx[static_cast<std::size_t>(j)]
                               || (!texts[static_cast<std::size_t>(i)].mentions.empty()
                                   && hasAll(m_data.items[static_cast<std::size_t>(idx[static_cast<std::size_t>(j)])].texts.attributes,
                                             texts[static_cast<std::size_t>(i)].mentions));
            pos = pos.to(m_device);
            auto sim = model::UnifiedNetImpl::maxSim(txtEmb, imgEmb) * scale; // [text, image]
            if (st.has("itc"))
                out["itc"] = 0.5 * (softCrossEntropy(sim, pos) + softCrossEntropy(sim.t(), pos.t()));
            if (st.has("itm") && m_cfg.itmBatchSize > 0) {
                const int M = std::min(B, m_cfg.itmBatchSize);
                std::vector<int64_t> negImg, negTxt, keepA, keepB;
                {
                    torch::NoGradGuard ng;
                    auto s = sim.detach().to(torch::kCPU).to(torch::kFloat);
                    auto p = pos.to(torch::kCPU);
                    auto wT2I = torch::softmax(s, 1).masked_fill(p, 0.0);
                    auto wI2T = torch::softmax(s.t(), 1).masked_fill(p.t(), 0.0);
                    for (int i = 0; i < M; ++i) {
                        if (wT2I[i].sum().item<double>() > 0) {
                            negImg.push_back(torch::multinomial(wT2I[i], 1, false, m_gen).item<int64_t>());
                            keepA.push_back(i);
                        }
                        if (wI2T[i].sum().item<double>() > 0) {
                            negTxt.push_back(torch::multinomial(wI2T[i], 1, false, m_gen).item<int64_t>());
                            keepB.push_back(i);
                        }
                    }
                }
                auto L = [&](const std::vector<int64_t>& v) { return torch::tensor(v, torch::kLong).to(m_device); };
                std::vector<Tensor> tok{tokens.narrow(0, 0, M)}, tid{txtIds.narrow(0, 0, M)};
                if (!keepA.empty()) {
                    tok.push_back(tokens.index_select(0, L(negImg)));
                    tid.push_back(txtIds.index_select(0, L(keepA)));
                }
                if (!keepB.empty()) {
                    tok.push_back(tokens.index_select(0, L(keepB)));
                    tid.push_back(txtIds.index_select(0, L(negTxt)));
                }
                auto labels = torch::cat({torch::ones({M}, torch::kLong), torch::zeros({static_cast<int64_t>(keepA.size() + keepB.size())}, torch::kLong)}).to(m_device);
                auto logits = m_net->itmLogits(torch::cat(tok, 0), torch::cat(tid, 0));
                out["itm"] = F::cross_entropy(logits, labels);
            }
        }
    }
    if (st.has("lm") || st.has("itg")) {
        std::vector<std::vector<int>> lmIds, qIds;
        for (int i : idx) {
            auto cap = m_sampler.captionText(m_data.items[static_cast<std::size_t>(i)].texts, m_rng);
            const std::string lang = cap.lang == "ja" ? "ja" : "en";
            lmIds.push_back(model::lmIds(m_tokenizer, cap.text, lang, m_net->config.lm.maxTextLen));
            if (st.has("itg"))
                qIds.push_back(textIds(cap.text, false));
        }
        if (st.has("lm")) {
            auto ids = model::padBatch(lmIds, m_net->config.lm.maxTextLen).to(m_device);
            auto logits = m_net->captionLogits(qOut, ids);
            auto target = ids.narrow(1, 1, ids.size(1) - 1).clone();
            target.select(1, 0).fill_(0); // the language token is given, not predicted
            auto lg = logits.narrow(1, 0, ids.size(1) - 1);
            out["lm"] = F::cross_entropy(lg.reshape({-1, lg.size(2)}), target.reshape({-1}), F::CrossEntropyFuncOptions().ignore_index(0));
        }
        if (st.has("itg")) {
            auto ids = model::padBatch(qIds, m_net->config.qformer.maxTextLen).to(m_device);
            auto o = m_net->qformer(tokens, ids, true, model::MaskMode::Causal);
            auto logits = m_net->qformer->textLogits(o.text).narrow(1, 0, ids.size(1) - 1);
            auto target = ids.narrow(1, 1, ids.size(1) - 1);
            out["itg"] = F::cross_entropy(logits.reshape({-1, logits.size(2)}), target.reshape({-1}), F::CrossEntropyFuncOptions().ignore_index(0));
        }
    }
    return out;
}

namespace {

// Concatenates two conditionings along the batch, padding the shorter context.
model::Conditioning concatConditioning(const std::vector<model::Conditioning>& parts)
{
    int64_t T = 0;
    for (const auto& c : parts)
        T = std::max(T, c.context.size(1));
    std::vector<Tensor> ctx, mask;
    for (const auto& c : parts) {
        const int64_t B = c.context.size(0), t = c.context.size(1);
        auto m = c.mask.defined() ? c.mask : torch::ones({B, t}, torch::TensorOptions().dtype(torch::kBool).device(c.context.device()));
        if (t < T) {
            ctx.push_back(torch::cat({c.context, torch::zeros({B, T - t, c.context.size(2)}, c.context.options())}, 1));
            mask.push_back(torch::cat({m, torch::zeros({B, T - t}, m.options())}, 1));
        } else {
            ctx.push_back(c.context);
            mask.push_back(m);
        }
    }
    return {torch::cat(ctx, 0), torch::cat(mask, 0)};
}

} // namespace

// Text -> image (and, for editShare of the items that are a triplet's target, reference + change
// -> image) denoising. throughQFormer: the Q-Former learns from it too (phase 2 keeps the
// conditioning the frozen UNet reads in step with the Q-Former it fine-tunes); otherwise its
// outputs are constants (diffusionTrainsQFormer) and only the adapters and the UNet learn.
Tensor Trainer::diffusionLoss(int batch, bool throughQFormer)
{
    const int B = batch;
    auto idx = sampleItems(B);
    std::vector<int> textIdx, editIdx, editRef;
    std::vector<std::vector<int>> textIdsV, editIdsV;
    std::uniform_real_distribution<double> u(0, 1);
    for (int i : idx) {
        const auto& byT = m_data.tripletsByTarget[static_cast<std::size_t>(i)];
        if (!byT.empty() && u(m_rng) < m_cfg.editShare) {
            const auto& t = m_data.triplets[static_cast<std::size_t>(byT[std::uniform_int_distribution<std::size_t>(0, byT.size() - 1)(m_rng)])];
            editIdx.push_back(i);
            editRef.push_back(t.reference);
            editIdsV.push_back(textIds(modText(t), true));
        } else {
            textIdx.push_back(i);
            textIdsV.push_back(textIds(m_sampler.retrievalText(m_data.items[static_cast<std::size_t>(i)].texts, m_rng).text, true));
        }
    }
    const bool detach = !throughQFormer;
    const int maxLen = m_net->config.qformer.maxTextLen;
    auto condition = [&](const Tensor& tokens, const Tensor& ids) {
        if (!detach)
            return m_net->condition(tokens, ids);
        model::QFormerOutput o;
        {
            torch::NoGradGuard ng;
            o = m_net->qformer(tokens, ids, true, model::MaskMode::Bidirectional);
        }
        // Same as UnifiedNet::condition, with the Q-Former's outputs taken as constants.
        auto& a = m_net->adapters;
        model::Conditioning c;
        auto q = a->ctxProj(a->ctxNorm(o.queries)) + a->ctxType[0];
        if (m_net->config.contextIncludesText) {
            auto t = a->ctxProj(a->ctxNorm(o.text)) + a->ctxType[1];
            c.context = torch::cat({q, t}, 1);
            c.mask = torch::cat({torch::ones({q.size(0), q.size(1)}, ids.options().dtype(torch::kBool)), ids.ne(0)}, 1);
        } else {
            c.context = q;
        }
        return c;
    };
    std::vector<model::Conditioning> conds;
    std::vector<int64_t> z0Idx;
    std::vector<Tensor> refs;
    const auto& lat = m_data.latents;
    if (!textIdx.empty()) {
        conds.push_back(condition(Tensor(), model::padBatch(textIdsV, maxLen).to(m_device)));
        z0Idx.insert(z0Idx.end(), textIdx.begin(), textIdx.end());
        refs.push_back(torch::zeros({static_cast<int64_t>(textIdx.size()), lat.size(1), lat.size(2), lat.size(3)}, lat.options()));
    }
    if (!editIdx.empty()) {
        Tensor tokens;
        {
            torch::NoGradGuard ng;
            tokens = m_net->imageTokens(floatImages(editRef, false));
        }
        conds.push_back(condition(tokens, model::padBatch(editIdsV, maxLen).to(m_device)));
        z0Idx.insert(z0Idx.end(), editIdx.begin(), editIdx.end());
        refs.push_back(lat.index_select(0, torch::tensor(std::vector<int64_t>(editRef.begin(), editRef.end()), torch::kLong).to(m_device)));
    }
    auto cond = concatConditioning(conds);
    auto z0 = lat.index_select(0, torch::tensor(z0Idx, torch::kLong).to(m_device));
    diffusion::DiffusionLossOptions o;
    o.conditionDropProb = m_cfg.conditionDrop;
    o.referenceDropProb = m_cfg.referenceDrop;
    return diffusion::diffusionLoss(m_net->unet, *m_schedule, z0, cond.context, cond.mask, torch::cat(refs, 0), m_gen, o);
}

// Phase 2: the text-only conditioning the frozen UNet learned to draw from stays where the phase-1
// pack put it, while the composed, edit and ITC losses move the Q-Former and adapters. Squared
// distance between this model's and the --init pack's contexts over real tokens, relative to the
// latter's squared norm (0 at the start). A denoising loss through the Q-Former alone could not
// hold it (category+colour 0.84 -> 0.44).
Tensor Trainer::anchorLoss(int batch)
{
    std::vector<std::vector<int>> ids;
    for (int i : sampleItems(batch))
        ids.push_back(textIds(m_sampler.retrievalText(m_data.items[static_cast<std::size_t>(i)].texts, m_rng).text, true));
    auto t = model::padBatch(ids, m_net->config.qformer.maxTextLen).to(m_device);
    model::Conditioning want;
    {
        torch::NoGradGuard ng;
        want = m_anchor->condition(Tensor(), t);
    }
    auto got = m_net->condition(Tensor(), t);
    auto m = want.mask.defined() ? want.mask.unsqueeze(-1).to(torch::kFloat)
                                 : torch::ones({want.context.size(0), want.context.size(1), 1}, want.context.options());
    return ((got.context - want.context).pow(2) * m).sum() / (want.context.pow(2) * m).sum().clamp_min(1e-8);
}

// The upscaler (DiffusionConfig::upscaler): denoising the 2x latents of a batch given their base
// latents upsampled (diffusion::upscalerReference, as sampling reads them), on one random crop of
// cropSize latent pixels at the same place in both, so a step costs about what a base-size one
// does. No condition or reference drops: the upscaler always has its base latent.
Tensor Trainer::upscaleLoss(int batch)
{
    const auto& up = *m_net->config.diffusion.upscaler;
    auto idx = sampleItems(batch);
    auto index = torch::tensor(std::vector<int64_t>(idx.begin(), idx.end()), torch::kLong).to(m_device);
    auto z = m_data.upscaleLatents.index_select(0, index);
    auto ref = diffusion::upscalerReference(m_data.latents.index_select(0, index));
    const int64_t side = z.size(2), crop = std::min<int64_t>(up.cropSize, side);
    std::uniform_int_distribution<int64_t> at(0, side - crop);
    const int64_t y = at(m_rng), x = at(m_rng);
    z = z.narrow(2, y, crop).narrow(3, x, crop);
    ref = ref.narrow(2, y, crop).narrow(3, x, crop);
    diffusion::DiffusionLossOptions o;
    o.conditionDropProb = 0.0;
    o.referenceDropProb = 0.0;
    // Only the noise levels the sampler visits (up.strength < 1 starts part way).
    o.maxTimestep = diffusion::ddimStartTimestep(*m_schedule, diffusion::upscalerDdimOptions(up, m_net->config.diffusion.schedule.spacing)) + 1;
    return diffusion::diffusionLoss(m_net->upscaler, *m_schedule, z.contiguous(), Tensor(), Tensor(), ref.contiguous(), m_gen, o);
}

std::map<std::string, Tensor> Trainer::phase2Losses(const StageConfig& st)
{
    std::map<std::string, Tensor> out;
    if (m_data.triplets.empty())
        return out;
    const int B = m_cfg.batchSize;
    std::vector<int> refIdx, tgtIdx;
    std::vector<const Triplet*> trip;
    std::vector<std::vector<int>> modIds;
    for (int i = 0; i < B; ++i) {
        const auto& t = m_data.triplets[std::uniform_int_distribution<std::size_t>(0, m_data.triplets.size() - 1)(m_rng)];
        trip.push_back(&t);
        refIdx.push_back(t.reference);
        tgtIdx.push_back(t.target);
        modIds.push_back(textIds(modText(t), true));
    }
    auto mods = model::padBatch(modIds, m_net->config.qformer.maxTextLen).to(m_device);
    Tensor refTokens, tgtTokens;
    {
        torch::NoGradGuard ng;
        refTokens = m_net->imageTokens(floatImages(refIdx, false));
    }
    auto scale = m_net->heads->logitScale.exp().clamp_max(100.0);
    if (st.has("composed")) {
        {
            torch::NoGradGuard ng;
            tgtTokens = m_net->imageTokens(floatImages(tgtIdx, false));
        }
        auto c = m_net->composedEmbeddings(refTokens, mods);
        auto tgtEmb = m_net->imageEmbeddings(m_net->queryOutputs(tgtTokens));
        // Positives: targets with the same kept attributes and the same changed value.
        auto posI = torch::zeros({B, B}, torch::kBool);
        auto posT = torch::zeros({B, B}, torch::kBool);
        auto pi = posI.accessor<bool, 2>();
        auto pt = posT.accessor<bool, 2>();
        std::vector<SampledText> tgtTexts;
        std::vector<std::vector<int>> tgtIds;
        for (int j = 0; j < B; ++j) {
            tgtTexts.push_back(m_sampler.retrievalText(m_data.items[static_cast<std::size_t>(tgtIdx[static_cast<std::size_t>(j)])].texts, m_rng));
            tgtIds.push_back(textIds(tgtTexts.back().text, true));
        }
        for (int i = 0; i < B; ++i) {
            const auto& ti = m_data.items[static_cast<std::size_t>(tgtIdx[static_cast<std::size_t>(i)])].texts.attributes;
            std::vector<text::AttributePair> want;
            for (const auto& k : m_cfg.tripletKeepKeys)
                if (ti.count(k))
                    want.emplace_back(k, ti.at(k));
            want.emplace_back(trip[static_cast<std::size_t>(i)]->key, trip[static_cast<std::size_t>(i)]->value);
            for (int j = 0; j < B; ++j) {
                const auto& tj = m_data.items[static_cast<std::size_t>(tgtIdx[static_cast<std::size_t>(j)])].texts.attributes;
                pi[i][j] = i == j || hasAll(tj, want);
                const auto& m = tgtTexts[static_cast<std::size_t>(j)].mentions;
                pt[i][j] = i == j || (!m.empty() && hasAll(ti, m));
            }
        }
        auto txtEmb = m_net->textEmbeddings(model::padBatch(tgtIds, m_net->config.qformer.maxTextLen).to(m_device));
        auto simI = model::UnifiedNetImpl::maxSim(c, tgtEmb) * scale;
        auto simT = torch::matmul(c, txtEmb.t()) * scale;
        out["composed"] = 0.5 * (softCrossEntropy(simI, posI.to(m_device)) + softCrossEntropy(simT, posT.to(m_device)));
    }
    if (st.has("edit")) {
        const int E = std::min(B, m_cfg.diffusionBatchSize);
        auto cond = m_net->condition(refTokens.narrow(0, 0, E), mods.narrow(0, 0, E));
        auto L = [&](const std::vector<int>& v) {
            return torch::tensor(std::vector<int64_t>(v.begin(), v.begin() + E), torch::kLong).to(m_device);
        };
        diffusion::DiffusionLossOptions o;
        o.conditionDropProb = 0.0; // the null token is frozen with the UNet: nothing to learn there
        o.referenceDropProb = 0.0;
        out["edit"] = diffusion::diffusionLoss(m_net->unet, *m_schedule, m_data.latents.index_select(0, L(tgtIdx)), cond.context,
                                               cond.mask, m_data.latents.index_select(0, L(refIdx)), m_gen, o);
    }
    return out;
}

// Sets the autoencoder's latent scale from a sample of the catalog's images (unit-variance
// latents, as the noise schedule assumes); the latents are encoded anew when next needed.
void Trainer::calibrateLatentScale()
{
    withAutoencoderEval([&](diffusion::AutoEncoder& ae) {
        const int64_t N = m_data.aeImages.size(0);
        const int64_t n = std::min<int64_t>(N, m_cfg.calibrationImages);
        auto idx = torch::randperm(N, m_gen).narrow(0, 0, n).to(m_device);
        const double s = ae->calibrateLatentScale(model::UnifiedNetImpl::toFloat(m_data.aeImages.index_select(0, idx)));
        m_log("autoencoder: latent scale " + std::to_string(s));
    });
    m_aeUncalibrated = false;
    m_latentsReady = false;
}

void Trainer::ensureLatents()
{
    withAutoencoderEval([&](diffusion::AutoEncoder& ae) {
        const int64_t N = m_data.aeImages.size(0);
        auto encodeAll = [&](const Tensor& images, int64_t chunk) {
            std::vector<Tensor> z;
            for (int64_t s = 0; s < N; s += chunk)
                z.push_back(ae->encode(model::UnifiedNetImpl::toFloat(images.slice(0, s, std::min(N, s + chunk)))));
            return torch::cat(z, 0);
        };
        m_data.latents = encodeAll(m_data.aeImages, 256);
        if (m_data.upscaleImages.defined())
            m_data.upscaleLatents = encodeAll(m_data.upscaleImages, 128); // four times the pixels
    });
    m_latentsReady = true;
}

void Trainer::setLearningRates(double stageProgress)
{
    const double warm = m_cfg.warmupSteps > 0 ? std::min(1.0, double(m_stageStep + 1) / double(m_cfg.warmupSteps)) : 1.0;
    const double cosine = m_cfg.minLrFactor + (1.0 - m_cfg.minLrFactor) * 0.5 * (1.0 + std::cos(M_PI * std::clamp(stageProgress, 0.0, 1.0)));
    for (auto& o : m_optims)
        for (auto& g : o.opt->param_groups())
            static_cast<torch::optim::AdamWOptions&>(g.options()).lr(o.baseLr * warm * cosine);
}

json Trainer::trainingJson(bool complete) const
{
    json stagesJ = json::array();
    for (const auto& r : m_reports)
        stagesJ.push_back({{"name", r.name}, {"steps", r.steps}, {"seconds", r.seconds}, {"seconds_per_step", r.steadySecondsPerStep()},
                           {"first_step_seconds", r.firstStepSeconds},
                           {"last_losses", r.lastLosses}});
    return {{"phase", m_job.phase},
            {"complete", complete},
            {"steps", m_step},
            {"steps_budget", m_totalSteps},
            {"minutes_budget", m_budgetSeconds / 60.0},
            {"seconds", elapsed()},
            {"seed", m_job.seed},
            {"device", m_job.cuda ? "cuda" : "cpu"},
            {"threads", torch::get_num_threads()},
            {"init", m_initInfo},
            {"stages", stagesJ},
            {"ema_updates", m_emaUpdates},
            {"config", m_cfg.toJson()},
            {"gemm_peak_gflops", peakJson()}};
}

fs::path Trainer::savePack(bool complete)
{
    model_io::SaveRequest req;
    req.name = m_job.outPack.filename().string();
    req.phase = m_packPhase; // an interrupted run's pack says so in training.complete
    req.training = trainingJson(complete);
    req.data = m_data.summary;
    req.data["triplets"] = m_data.triplets.size();
    req.storage = m_cfg.packDtype == "float16" ? torch::kHalf : torch::kFloat;
    model_io::PackFile log;
    log.name = "loss_log.csv";
    log.role = "log";
    req.extraFiles.push_back({log, std::vector<std::uint8_t>(m_csv.begin(), m_csv.end())});
    if (!m_initLossLog.empty()) {
        model_io::PackFile prev;
        prev.name = "loss_log_phase1.csv";
        prev.role = "log";
        req.extraFiles.push_back({prev, m_initLossLog});
    }
    // Ship the EMA weights of what denoised (phase 1); keep the raw ones for further training.
    EmaSwap unetEma(*m_net->unet, m_ema.get(), m_emaUpdates > 0);
    std::optional<EmaSwap> upscalerEma;
    if (m_net->upscaler)
        upscalerEma.emplace(*m_net->upscaler, m_upEma.get(), m_upEmaUpdates > 0);
    model_io::saveModelPack(m_job.outPack, m_net, m_tokenizer, req);
    return m_job.outPack;
}

namespace {

std::vector<std::uint8_t> optimizerBytes(torch::optim::Optimizer& opt)
{
    torch::serialize::OutputArchive ar;
    opt.save(ar);
    std::ostringstream os;
    ar.save_to(os);
    const std::string s = os.str();
    return std::vector<std::uint8_t>(s.begin(), s.end());
}

void loadOptimizer(torch::optim::Optimizer& opt, const std::vector<std::uint8_t>& bytes)
{
    torch::serialize::InputArchive ar;
    std::istringstream is(std::string(bytes.begin(), bytes.end()));
    ar.load_from(is);
    opt.load(ar);
}

// The EMA weights of a UNet as a checkpoint file ({name: tensor}).
std::vector<std::uint8_t> emaBytes(const diffusion::ExponentialMovingAverage& ema, const diffusion::UNetConfig& config, const std::string& name)
{
    diffusion::UNet shadow(config);
    ema.copyTo(*shadow);
    return model_io::serializeTensors({{name, shadow.get()}});
}

std::string configFingerprint(const model::ModelConfig& m, const TrainConfig& t, int phase, const std::string& tokenizerFp)
{
    return sha256Hex(m.toJson().dump() + t.toJson().dump() + std::to_string(phase) + tokenizerFp);
}

} // namespace

void Trainer::saveCheckpoint()
{
    const fs::path ck = checkpointPath(m_job.outPack);
    model_io::SaveRequest req;
    req.name = m_job.outPack.filename().string() + " (checkpoint)";
    req.phase = m_job.phase;
    req.training = trainingJson(false);
    req.data = m_data.summary;
    json state = {{"phase", m_job.phase},
                  {"step", m_step},
                  {"elapsed", elapsed()},
                  {"stage", m_stage},
                  {"stage_step", m_stageStep},
                  {"latents_ready", m_latentsReady},
                  {"autoencoder_uncalibrated", m_aeUncalibrated},
                  {"ema_updates", m_emaUpdates},
                  {"upscaler_ema_updates", m_upEmaUpdates},
                  {"steps_budget", m_totalSteps},
                  {"seconds_budget", m_budgetSeconds},
                  {"catalog_fingerprint", m_data.fingerprint},
                  {"config_fingerprint", configFingerprint(m_net->config, m_cfg, m_job.phase, m_tokenizer.fingerprint())},
                  {"reports", trainingJson(false)["stages"]}};
    auto add = [&](const std::string& name, std::vector<std::uint8_t> bytes) {
        model_io::PackFile f;
        f.name = name;
        f.role = "other";
        req.extraFiles.push_back({f, std::move(bytes)});
    };
    const std::string st = state.dump(2);
    add("state.json", std::vector<std::uint8_t>(st.begin(), st.end()));
    add("loss_log.csv", std::vector<std::uint8_t>(m_csv.begin(), m_csv.end()));
    if (!m_initLossLog.empty())
        add("loss_log_phase1.csv", m_initLossLog);
    for (auto& o : m_optims)
        add("optimizer_" + o.name + ".pt", optimizerBytes(*o.opt));
    if (m_attrHead)
        add("attr_head.pt", model_io::serializeTensors({{"attr", m_attrHead.get()}}));
    if (m_ema)
        add("ema_unet.pt", emaBytes(*m_ema, m_net->config.diffusion.unet, "unet"));
    if (m_upEma)
        add("ema_upscaler.pt", emaBytes(*m_upEma, m_net->config.diffusion.upscaler->unet, "upscaler"));
    model_io::saveModelPack(ck, m_net, m_tokenizer, req);
    m_lastCheckpoint = Clock::now();
}

bool Trainer::tryResume()
{
    const fs::path ck = checkpointPath(m_job.outPack);
    std::error_code ec;
    if (m_job.fresh || !fs::exists(ck / model_io::kManifestName, ec))
        return false;
    model_io::LoadedModel loaded;
    try {
        loaded = model_io::loadModelPack(ck, m_device);
    } catch (const ModelLoadError& e) {
        m_log(std::string("warning: checkpoint not usable, starting afresh: ") + e.what());
        return false;
    }
    const auto* sf = loaded.manifest.file("state.json");
    if (!sf)
        return false;
    json state = json::parse(readFileText(ck / "state.json"));
    if (state.value("phase", 0) != m_job.phase || state.value("catalog_fingerprint", "") != m_data.fingerprint
        || state.value("config_fingerprint", "") != configFingerprint(m_net->config, m_cfg, m_job.phase, m_tokenizer.fingerprint())) {
        throw UsageError("a checkpoint of another run exists at '" + ck.string()
                         + "' (different phase, catalog or config). Pass --fresh to discard it, or use another --out.");
    }
    m_net = loaded.net;
    m_net->train();
    m_tokenizer = loaded.tokenizer;
    m_schedule = diffusion::makeSchedule(m_net->config.diffusion.schedule);
    m_step = state.value("step", 0LL);
    m_elapsedBefore = state.value("elapsed", 0.0);
    m_stage = state.value("stage", -1);
    m_stageStep = state.value("stage_step", 0LL);
    m_latentsReady = false; // recomputed from the restored autoencoder when needed
    m_aeUncalibrated = state.value("autoencoder_uncalibrated", false);
    const bool latentsWereReady = state.value("latents_ready", false);
    m_emaUpdates = state.value("ema_updates", 0LL);
    for (const auto& r : state.value("reports", json::array())) {
        StageReport rep;
        rep.name = r.value("name", "");
        rep.steps = r.value("steps", 0LL);
        rep.seconds = r.value("seconds", 0.0);
        rep.firstStepSeconds = r.value("first_step_seconds", 0.0);
        rep.lastLosses = r.value("last_losses", std::map<std::string, double>{});
        m_reports.push_back(rep);
    }
    if (loaded.manifest.file("loss_log.csv"))
        m_csv = readFileText(ck / "loss_log.csv");
    if (loaded.manifest.file("loss_log_phase1.csv"))
        m_initLossLog = readFileBytes(ck / "loss_log_phase1.csv");
    if (m_attrHead && loaded.manifest.file("attr_head.pt"))
        model_io::deserializeInto(readFileBytes(ck / "attr_head.pt"), {{"attr", m_attrHead.get()}}, "checkpoint attribute head");
    setupOptimizers();
    for (auto& o : m_optims) {
        const std::string name = "optimizer_" + o.name + ".pt";
        if (loaded.manifest.file(name))
            loadOptimizer(*o.opt, readFileBytes(ck / name));
    }
    // The EMA weights a checkpoint kept, with their warm-up counter brought back (updates with the
    // shadow itself change nothing).
    auto restoreEma = [&](std::unique_ptr<diffusion::ExponentialMovingAverage>& ema, const diffusion::UNetConfig& config,
                          const std::string& name, long long updates) {
        const std::string file = "ema_" + name + ".pt";
        if (!ema || !loaded.manifest.file(file))
            return;
        diffusion::UNet shadow(config);
        model_io::deserializeInto(readFileBytes(ck / file), {{name, shadow.get()}}, "checkpoint EMA weights");
        shadow->to(m_device);
        ema = std::make_unique<diffusion::ExponentialMovingAverage>(*shadow, m_cfg.emaDecay);
        for (long long i = 0; i < std::min<long long>(updates, 1000); ++i)
            ema->update(*shadow);
    };
    restoreEma(m_ema, m_net->config.diffusion.unet, "unet", m_emaUpdates);
    m_upEmaUpdates = state.value("upscaler_ema_updates", 0LL);
    if (m_net->upscaler)
        restoreEma(m_upEma, m_net->config.diffusion.upscaler->unet, "upscaler", m_upEmaUpdates);
    if (latentsWereReady)
        ensureLatents();
    m_log("resuming from checkpoint '" + ck.string() + "' at step " + std::to_string(m_step) + " (" + formatDuration(m_elapsedBefore)
          + " done)");
    return true;
}

void Trainer::logLine(bool force)
{
    const auto now = Clock::now();
    if (!force && std::chrono::duration<double>(now - m_lastLog).count() < m_cfg.logSeconds)
        return;
    m_lastLog = now;
    const double p = phaseProgress();
    const double el = elapsed();
    const double eta = m_budgetSeconds > 0 && !m_job.steps ? m_budgetSeconds - el : (p > 0 ? el / p * (1.0 - p) : NAN);
    std::ostringstream o;
    o.setf(std::ios::fixed);
    o.precision(3);
    o << "phase " << m_job.phase << " [" << stages()[static_cast<std::size_t>(std::max(0, m_stage))].name << "] step " << m_step;
    if (m_totalSteps > 0 && !(m_budgetSeconds > 0 && !m_job.steps))
        o << "/" << m_totalSteps;
    o << " (" << static_cast<int>(p * 100) << "%)";
    for (const auto& [k, v] : m_smooth)
        o << " " << k << " " << v;
    if (!m_reports.empty() && m_reports.back().steps > 0)
        o << " | " << std::setprecision(2) << m_reports.back().steadySecondsPerStep() << " s/step";
    o << " | " << formatDuration(el) << " elapsed, ETA " << formatDuration(eta);
    m_log(o.str());
}

TrainOutcome Trainer::run()
{
    m_start = Clock::now();
    m_lastLog = m_start;
    m_lastCheckpoint = m_start;
    torch::manual_seed(m_job.seed);
    if (m_job.cuda && !torch::cuda::is_available())
        throw UsageError("--device cuda: no CUDA device is visible to this build of libtorch");
    m_log("loading catalog '" + m_job.catalogDir.string() + "' (split " + m_job.split + ")");
    // The sizes the cache needs come from the config (or the init pack's config).
    int visionSide = m_job.model.vision.imageSize, aeSide = m_job.model.diffusion.autoencoder.imageSize;
    if (m_job.initPack) {
        auto man = model_io::readManifest(*m_job.initPack);
        try {
            auto c = model::ModelConfig::fromJson(man.model);
            visionSide = c.vision.imageSize;
            aeSide = c.diffusion.autoencoder.imageSize;
        } catch (const BadInputError& e) {
            throw ModelLoadError("--init pack: " + std::string(e.what()));
        }
    }
    const bool upscaling = std::any_of(stages().begin(), stages().end(), [](const StageConfig& s) { return s.has("upscale"); });
    m_data = loadCatalogData(m_job.catalogDir, m_job.split, visionSide, aeSide, m_device, m_log, -1, upscaling ? 2 * aeSide : 0);
    m_sampler = TextSampler(TextSamplerOptions{m_cfg.text.titleProb, m_cfg.text.descriptionProb, m_cfg.text.mixedLanguageProb, m_cfg.text.typoProb});
    {
        std::vector<Attributes> attrs;
        for (const auto& it : m_data.items)
            attrs.push_back(it.texts.attributes);
        m_data.triplets = mineTriplets(attrs, m_cfg.tripletKeepKeys, 200000, m_job.seed);
        m_data.tripletsByTarget.assign(m_data.items.size(), {});
        for (std::size_t i = 0; i < m_data.triplets.size(); ++i)
            m_data.tripletsByTarget[static_cast<std::size_t>(m_data.triplets[i].target)].push_back(static_cast<int>(i));
    }
    m_log("data: " + std::to_string(m_data.items.size()) + " products, " + std::to_string(m_data.triplets.size())
          + " triplets, images cached at " + std::to_string(visionSide) + " px (" + std::to_string(aeSide) + " px for the autoencoder), "
          + std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - m_start).count()) + " ms");
    if (m_job.phase == 2 && m_data.triplets.empty())
        throw BadInputError("phase 2 needs triplets (products of one category that differ in one attribute); this catalog has none");

    setupModel();
    setupAttributeHead();
    m_totalSteps = m_job.steps ? *m_job.steps : (m_job.minutes ? 0 : (m_job.phase == 1 ? m_cfg.defaultStepsPhase1 : m_cfg.defaultStepsPhase2));
    m_budgetSeconds = m_job.minutes ? *m_job.minutes * 60.0 : 0.0;
    m_resumed = tryResume();
    if (!m_resumed)
        setupOptimizers();
    if (m_job.phase == 2 && !m_latentsReady) {
        bool needs = false;
        for (const auto& s : stages())
            needs = needs || s.has("edit");
        if (needs)
            ensureLatents();
    }
    m_net->train();
    if (m_job.phase == 2)
        freezeForPhase2();
    const auto& logged = lossNames(); // the loss log's columns
    if (m_csv.empty()) {
        m_csv = "step,phase,stage,elapsed_s,step_s,lr_scale";
        for (const auto& n : logged)
            m_csv += "," + n;
        m_csv += ",total\n";
    }
    JobStatus status = JobStatus::Completed;
    m_peakStart = measurePeak();
    m_log("machine: float32 GEMM peak " + std::to_string(static_cast<int>(std::lround(m_peakStart))) + " GFLOP/s (the reference for this run's step times)");
    std::map<std::string, std::vector<double>> recent;
    const double start = elapsed();
    (void)start;
    while (true) {
        const double p = phaseProgress();
        if ((m_totalSteps > 0 && m_step >= m_totalSteps) || (m_budgetSeconds > 0 && elapsed() >= m_budgetSeconds))
            break;
        const int stage = stageAt(p);
        if (stage != m_stage) {
            if (m_stage >= 0)
                logLine(true);
            if (m_aeUncalibrated)
                calibrateLatentScale();
            m_stage = stage;
            m_stageStep = 0;
            recent.clear();
            m_smooth.clear();
            m_reports.push_back(newReport(stages()[static_cast<std::size_t>(stage)].name));
            m_log("stage '" + stages()[static_cast<std::size_t>(stage)].name + "'");
            const auto& st = stages()[static_cast<std::size_t>(stage)];
            if ((st.has("diffusion") || st.has("edit") || st.has("upscale")) && !m_latentsReady)
                ensureLatents();
        }
        if (m_reports.empty() || m_reports.back().name != stages()[static_cast<std::size_t>(m_stage)].name)
            m_reports.push_back(newReport(stages()[static_cast<std::size_t>(m_stage)].name));
        const auto& st = stages()[static_cast<std::size_t>(m_stage)];
        const auto [lo, hi] = stageBounds(m_stage);
        setLearningRates(hi > lo ? (p - lo) / (hi - lo) : 1.0);

        const auto t0 = Clock::now();
        std::map<std::string, Tensor> losses;
        std::vector<Optim*> active;
        if (st.has("autoencoder")) {
            m_net->autoencoder->train();
            auto idx = sampleItems(m_cfg.batchSize);
            auto index = torch::tensor(std::vector<int64_t>(idx.begin(), idx.end()), torch::kLong).to(m_device);
            auto x = model::UnifiedNetImpl::toFloat(m_data.aeImages.index_select(0, index));
            losses["autoencoder"] = m_net->autoencoder->loss(x).total;
            active.push_back(&m_optims[0]);
            m_aeUncalibrated = true;
        } else if (m_job.phase == 1) {
            m_net->autoencoder->eval();
            for (auto& [k, v] : alignLosses(st, false))
                losses[k] = v;
            if (st.has("diffusion"))
                losses["diffusion"] = diffusionLoss(m_cfg.diffusionBatchSize, m_cfg.diffusionTrainsQFormer);
            if (st.has("anchor"))
                losses["anchor"] = anchorLoss(m_cfg.batchSize);
            if (st.has("upscale")) {
                losses["upscale"] = upscaleLoss(m_cfg.diffusionBatchSize);
                active.push_back(&m_optims[static_cast<std::size_t>(m_upOptim)]);
            }
            if (st.has("itc") || st.has("itm") || st.has("lm") || st.has("itg") || st.has("attr") || st.has("photo") || st.has("anchor"))
                active.push_back(&m_optims[1]);
            if (st.has("diffusion"))
                active.push_back(&m_optims[2]);
            if (m_cfg.diffusionTrainsQFormer && st.has("diffusion") && active.front() != &m_optims[1])
                active.insert(active.begin(), &m_optims[1]);
        } else {
            for (auto& [k, v] : phase2Losses(st))
                losses[k] = v;
            // Optional text -> image denoising through the frozen UNet (the built-in recipe anchors
            // the conditioning instead, anchorLoss: denoising alone held 0.44 of 0.84, docs/MODEL.md).
            if (st.has("diffusion"))
                losses["diffusion"] = diffusionLoss(std::max(1, m_cfg.diffusionBatchSize / 2), true);
            if (st.has("anchor"))
                losses["anchor"] = anchorLoss(m_cfg.batchSize);
            if (st.has("itc") || st.has("lm") || st.has("itg") || st.has("itm") || st.has("attr") || st.has("photo"))
                for (auto& [k, v] : alignLosses(st, true))
                    losses[k] = v;
            active.push_back(&m_optims[0]);
        }
        if (st.has("attr") && m_attrOptim)
            active.push_back(m_attrOptim);
        Tensor total;
        for (const auto& [k, v] : losses) {
            auto w = v * st.weight(k);
            total = total.defined() ? total + w : w;
        }
        if (!total.defined())
            throw BadInputError("stage '" + st.name + "' computed no loss (check the catalog and the stage's losses)");
        // Every optimizer's gradients, not only the active ones': a loss may reach parameters whose
        // optimizer this stage does not step (the anchor reaches the UNet's context adapters), and
        // what they gather must not land on a later stage's first step.
        for (auto& o : m_optims)
            for (auto& p : o.params)
                if (p.grad().defined())
                    p.mutable_grad() = Tensor();
        total.backward();
        for (auto* o : active) {
            if (m_cfg.gradClip > 0)
                torch::nn::utils::clip_grad_norm_(o->params, m_cfg.gradClip);
            o->opt->step();
        }
        if (m_ema && st.has("diffusion")) {
            m_ema->update(*m_net->unet);
            ++m_emaUpdates;
        }
        if (m_upEma && st.has("upscale")) {
            m_upEma->update(*m_net->upscaler);
            ++m_upEmaUpdates;
        }
        const double dt = std::chrono::duration<double>(Clock::now() - t0).count();
        ++m_step;
        ++m_stageStep;
        auto& rep = m_reports.back();
        if (rep.steps == 0)
            rep.firstStepSeconds = dt;
        ++rep.steps;
        rep.seconds += dt;

        // Log: CSV row, smoothed values, per-stage means of the last 50 steps.
        std::ostringstream row;
        row.setf(std::ios::fixed);
        row.precision(5);
        row << m_step << "," << m_job.phase << "," << st.name << "," << elapsed() << "," << dt << ","
            << (m_optims.empty() ? 0.0 : static_cast<torch::optim::AdamWOptions&>(active.front()->opt->param_groups()[0].options()).lr() / active.front()->baseLr);
        for (const auto& n : logged) {
            row << ",";
            auto it = losses.find(n);
            if (it != losses.end()) {
                const double v = it->second.item<double>();
                row << v;
                auto& r = recent[n];
                r.push_back(v);
                if (r.size() > 50)
                    r.erase(r.begin());
                m_smooth[n] = m_smooth.count(n) ? 0.9 * m_smooth[n] + 0.1 * v : v;
                rep.lastLosses[n] = std::accumulate(r.begin(), r.end(), 0.0) / double(r.size());
            }
        }
        row << "," << total.item<double>() << "\n";
        m_csv += row.str();
        if (!std::isfinite(total.item<double>()))
            throw Error("training diverged at step " + std::to_string(m_step) + " (loss is not finite); lower the learning rates in --config");
        logLine(false);

        const long long progTotal = m_totalSteps > 0 && !(m_budgetSeconds > 0 && !m_job.steps) ? m_totalSteps : 1000;
        const long long progDone = static_cast<long long>(phaseProgress() * double(progTotal));
        if (!reportProgress(m_progress, progDone, progTotal)) {
            status = JobStatus::Cancelled;
            break;
        }
        if (std::chrono::duration<double>(Clock::now() - m_lastCheckpoint).count() > m_cfg.checkpointMinutes * 60.0) {
            saveCheckpoint();
            m_log("checkpoint saved (step " + std::to_string(m_step) + ")");
        }
    }
    logLine(true);
    if (m_aeUncalibrated) // the run ended in the autoencoder's stage
        calibrateLatentScale();
    m_peakEnd = measurePeak();
    TrainOutcome out;
    out.status = status;
    out.steps = m_step;
    out.resumed = m_resumed;
    out.stages = m_reports;
    if (status == JobStatus::Cancelled) {
        saveCheckpoint();
        out.pack = savePack(false);
        m_log("stopped at step " + std::to_string(m_step) + ": checkpoint saved to '" + checkpointPath(m_job.outPack).string()
              + "'; run the same command again to resume. A usable pack of the current weights is at '" + m_job.outPack.string() + "'.");
    } else {
        out.pack = savePack(true);
        std::error_code ec;
        fs::remove_all(checkpointPath(m_job.outPack), ec);
    }
    out.seconds = elapsed();
    out.summary = trainingJson(status == JobStatus::Completed);
    return out;
}

} // namespace

TrainOutcome train(const TrainJob& job, const LogFn& log, const ProgressFn& progress)
{
    job.train.validate();
    if (job.phase != 1 && job.phase != 2)
        throw UsageError("--phase must be 1 or 2");
    if (job.outPack.empty())
        throw UsageError("--out PACK is required");
    torch::set_num_threads(job.threads > 0 ? job.threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency())));
    tuneAllocator();
    const LogFn logger = log ? log : [](const std::string&) {};
    try {
        Trainer t(job, logger, progress);
        return t.run();
    } catch (const c10::Error& e) {
        throw Error(std::string("training failed inside torch: ") + e.what_without_backtrace());
    }
}

} // namespace uf::training
