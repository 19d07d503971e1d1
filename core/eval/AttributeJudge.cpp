// The attribute judge: network, training loop, inference, feature statistics, save/load.
#include "eval/AttributeJudge.h"

#include "common/Error.h"
#include "common/Files.h"
#include "common/JsonReader.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <numeric>
#include <set>
#include <sstream>

namespace uf::eval {

namespace F = torch::nn::functional;

namespace {

constexpr const char* kConfigKey = "uf_judge_config";
constexpr const char* kFormatKey = "uf_judge_format";
constexpr int64_t kFormat = 1;
constexpr int64_t kChunk = 256;

void appendConvBnRelu(torch::nn::Sequential& seq, int in, int out, int stride)
{
    seq->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).stride(stride).padding(1).bias(false)));
    seq->push_back(torch::nn::BatchNorm2d(out));
    seq->push_back(torch::nn::ReLU(torch::nn::ReLUOptions(true)));
}

} // namespace

// ---- network ----------------------------------------------------------------------------------

JudgeNetImpl::JudgeNetImpl(int imageChannels, const std::vector<int>& channels, int featureDim,
                           const std::vector<int>& headSizes)
{
    body = register_module("body", torch::nn::Sequential());
    int in = imageChannels;
    for (int c : channels) {
        appendConvBnRelu(body, in, c, 2);
        appendConvBnRelu(body, c, c, 1);
        in = c;
    }
    feature = register_module("feature", torch::nn::Linear(in, featureDim));
    heads = register_module("heads", torch::nn::ModuleList());
    for (int n : headSizes)
        heads->push_back(torch::nn::Linear(featureDim, n));
}

JudgeNetOutput JudgeNetImpl::forward(const torch::Tensor& x)
{
    JudgeNetOutput out;
    const auto pooled = body->forward(x).mean({2, 3});
    out.features = torch::relu(feature(pooled));
    for (const auto& head : *heads)
        out.logits.push_back(head->as<torch::nn::LinearImpl>()->forward(out.features));
    return out;
}

// ---- config -----------------------------------------------------------------------------------

void JudgeConfig::validate() const
{
    if (imageSize < 8 || imageChannels < 1 || channels.empty() || featureDim < 1)
        throw BadInputError("judge config: imageSize >= 8, imageChannels >= 1, channels non-empty, featureDim >= 1");
    for (int c : channels)
        if (c < 1)
            throw BadInputError("judge config: channel widths must be positive");
    if (heads.empty())
        throw BadInputError("judge config: needs at least one head (e.g. category, color, pattern)");
    std::set<std::string> names;
    for (const auto& h : heads) {
        if (h.name.empty() || !names.insert(h.name).second)
            throw BadInputError("judge config: head names must be non-empty and unique ('" + h.name + "')");
        if (h.labels.size() < 2)
            throw BadInputError("judge config: head '" + h.name + "' needs at least two labels");
        std::set<std::string> labels(h.labels.begin(), h.labels.end());
        if (labels.size() != h.labels.size() || labels.count(""))
            throw BadInputError("judge config: head '" + h.name + "' has empty or duplicate labels");
    }
}

nlohmann::json JudgeConfig::toJson() const
{
    nlohmann::json hs = nlohmann::json::array();
    for (const auto& h : heads)
        hs.push_back({{"name", h.name}, {"labels", h.labels}});
    return {{"imageSize", imageSize}, {"imageChannels", imageChannels}, {"channels", channels},
            {"featureDim", featureDim}, {"heads", hs}};
}

JudgeConfig JudgeConfig::fromJson(const nlohmann::json& j)
{
    JudgeConfig c;
    try {
        JsonReader r(j, "judge config");
        r.get("imageSize", c.imageSize);
        r.get("imageChannels", c.imageChannels);
        r.get("channels", c.channels);
        r.get("featureDim", c.featureDim);
        if (const auto* hs = r.sub("heads"))
            for (const auto& h : *hs)
                c.heads.push_back({h.at("name").get<std::string>(), h.at("labels").get<std::vector<std::string>>()});
        r.finish();
    } catch (const nlohmann::json::exception& e) {
        throw BadInputError(std::string("judge config: ") + e.what());
    }
    c.validate();
    return c;
}

// ---- AttributeJudge ---------------------------------------------------------------------------

AttributeJudge::AttributeJudge(const JudgeConfig& config) : m_config(config)
{
    m_config.validate();
    std::vector<int> sizes;
    for (const auto& h : m_config.heads)
        sizes.push_back(static_cast<int>(h.labels.size()));
    m_net = JudgeNet(m_config.imageChannels, m_config.channels, m_config.featureDim, sizes);
}

int AttributeJudge::headIndex(const std::string& name) const
{
    for (std::size_t i = 0; i < m_config.heads.size(); ++i)
        if (m_config.heads[i].name == name)
            return static_cast<int>(i);
    return -1;
}

int AttributeJudge::labelIndex(int head, const std::string& label) const
{
    const auto& labels = m_config.heads.at(static_cast<std::size_t>(head)).labels;
    const auto it = std::find(labels.begin(), labels.end(), label);
    return it == labels.end() ? -1 : static_cast<int>(it - labels.begin());
}

const std::string& AttributeJudge::labelName(int head, int index) const
{
    return m_config.heads.at(static_cast<std::size_t>(head)).labels.at(static_cast<std::size_t>(index));
}

torch::Tensor AttributeJudge::encodeLabels(const std::vector<std::vector<std::string>>& rows) const
{
    const int h = headCount();
    auto out = torch::full({static_cast<int64_t>(rows.size()), h}, -1, torch::kLong);
    auto acc = out.accessor<int64_t, 2>();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].size() != static_cast<std::size_t>(h))
            throw BadInputError("judge labels: row " + std::to_string(i) + " has " + std::to_string(rows[i].size()) +
                                " values, expected " + std::to_string(h));
        for (int k = 0; k < h; ++k)
            acc[static_cast<int64_t>(i)][k] = labelIndex(k, rows[i][static_cast<std::size_t>(k)]);
    }
    return out;
}

void AttributeJudge::to(torch::Device device)
{
    m_net->to(device);
    m_device = device;
}

torch::Tensor AttributeJudge::prepare(const torch::Tensor& images) const
{
    if (images.dim() != 4 || images.size(1) != m_config.imageChannels)
        throw BadInputError("judge: expected images [N," + std::to_string(m_config.imageChannels) + ",H,W] in [-1,1]");
    auto x = images.to(m_device, torch::kFloat);
    const int64_t s = m_config.imageSize;
    if (x.size(2) != s || x.size(3) != s) {
        auto opts = F::InterpolateFuncOptions().size(std::vector<int64_t>{s, s});
        if (x.size(2) > s && x.size(3) > s)
            opts.mode(torch::kArea);
        else
            opts.mode(torch::kBilinear).align_corners(false);
        x = F::interpolate(x, opts);
    }
    return x;
}

JudgeTrainResult AttributeJudge::train(const torch::Tensor& images, const torch::Tensor& labels,
                                       const JudgeTrainOptions& options, const ProgressFn& progress)
{
    const int64_t n = images.size(0);
    if (labels.dim() != 2 || labels.size(0) != n || labels.size(1) != headCount())
        throw BadInputError("judge: labels must be [N, " + std::to_string(headCount()) + "] int64 matching the images");
    if (n < 1 || options.steps < 0 || options.batchSize < 1)
        throw BadInputError("judge: needs at least one image, steps >= 0 and batchSize >= 1");

    auto gen = at::detail::createCPUGenerator(options.seed);
    torch::optim::AdamW optimizer(m_net->parameters(),
                                  torch::optim::AdamWOptions(options.learningRate).weight_decay(options.weightDecay));
    const auto labelsCpu = labels.to(torch::kCPU, torch::kLong);
    const int64_t batch = std::min<int64_t>(options.batchSize, n);
    const int64_t maxShift = std::max<int64_t>(1, m_config.imageSize / 16);
    std::deque<double> recent;
    JudgeTrainResult result;
    m_net->train();
    for (int step = 0; step < options.steps; ++step) {
        // Cosine decay to zero: with a constant rate the last step's weights (and BatchNorm's
        // running statistics) landed anywhere from 0.75 to 0.97 category accuracy on real images.
        const double lr = options.learningRate * 0.5 * (1.0 + std::cos(M_PI * double(step) / double(std::max(1, options.steps))));
        for (auto& g : optimizer.param_groups())
            static_cast<torch::optim::AdamWOptions&>(g.options()).lr(lr);
        const auto idx = torch::randint(0, n, {batch}, gen, torch::TensorOptions().dtype(torch::kLong));
        auto x = prepare(images.index_select(0, idx.to(images.device())));
        const auto y = labelsCpu.index_select(0, idx).to(m_device);
        if (options.augment) {
            const auto flip = (torch::rand({batch}, gen) < 0.5).to(m_device).view({batch, 1, 1, 1});
            x = torch::where(flip, x.flip({3}), x);
            const auto shift = torch::randint(-maxShift, maxShift + 1, {2}, gen, torch::TensorOptions().dtype(torch::kLong));
            const int64_t dy = shift[0].item<int64_t>(), dx = shift[1].item<int64_t>();
            const int64_t s = x.size(2), w = x.size(3);
            x = F::pad(x, F::PadFuncOptions({maxShift, maxShift, maxShift, maxShift}).mode(torch::kReplicate))
                    .slice(2, maxShift + dy, maxShift + dy + s)
                    .slice(3, maxShift + dx, maxShift + dx + w);
        }
        const auto out = m_net->forward(x);
        torch::Tensor loss = torch::zeros({}, x.options());
        for (int h = 0; h < headCount(); ++h) {
            const auto target = y.select(1, h);
            // cross_entropy over no valid target is NaN; skip heads without labels in this batch.
            if (!(target >= 0).any().item<bool>())
                continue;
            loss = loss + F::cross_entropy(out.logits[static_cast<std::size_t>(h)], target,
                                           F::CrossEntropyFuncOptions().ignore_index(-1));
        }
        optimizer.zero_grad();
        if (loss.requires_grad()) {
            loss.backward();
            optimizer.step();
        }
        recent.push_back(loss.item<double>());
        if (recent.size() > 20)
            recent.pop_front();
        result.steps = step + 1;
        if (!reportProgress(progress, step + 1, options.steps)) {
            result.status = JobStatus::Cancelled;
            break;
        }
    }
    m_net->eval();
    if (!recent.empty())
        result.lastLoss = std::accumulate(recent.begin(), recent.end(), 0.0) / static_cast<double>(recent.size());
    return result;
}

JudgeNetOutput AttributeJudge::run(const torch::Tensor& images, bool wantLogits, bool wantFeatures)
{
    torch::NoGradGuard noGrad;
    m_net->eval();
    std::vector<torch::Tensor> feats;
    std::vector<std::vector<torch::Tensor>> logits(m_config.heads.size());
    for (int64_t i = 0; i < images.size(0); i += kChunk) {
        const auto out = m_net->forward(prepare(images.slice(0, i, std::min(images.size(0), i + kChunk))));
        if (wantFeatures)
            feats.push_back(out.features.to(torch::kCPU));
        if (wantLogits)
            for (std::size_t h = 0; h < logits.size(); ++h)
                logits[h].push_back(out.logits[h].to(torch::kCPU));
    }
    JudgeNetOutput result;
    if (wantFeatures)
        result.features = feats.empty() ? torch::zeros({0, m_config.featureDim}) : torch::cat(feats, 0);
    if (wantLogits)
        for (std::size_t h = 0; h < logits.size(); ++h)
            result.logits.push_back(logits[h].empty()
                                        ? torch::zeros({0, static_cast<int64_t>(m_config.heads[h].labels.size())})
                                        : torch::cat(logits[h], 0));
    return result;
}

std::vector<torch::Tensor> AttributeJudge::logits(const torch::Tensor& images)
{
    return run(images, true, false).logits;
}

torch::Tensor AttributeJudge::predict(const torch::Tensor& images)
{
    const auto out = run(images, true, false);
    std::vector<torch::Tensor> cols;
    for (const auto& l : out.logits)
        cols.push_back(l.argmax(1));
    return torch::stack(cols, 1);
}

torch::Tensor AttributeJudge::features(const torch::Tensor& images)
{
    return run(images, false, true).features;
}

std::vector<double> AttributeJudge::accuracy(const torch::Tensor& images, const torch::Tensor& labels)
{
    const auto pred = predict(images);
    const auto y = labels.to(torch::kCPU, torch::kLong);
    std::vector<double> acc;
    for (int h = 0; h < headCount(); ++h) {
        const auto valid = y.select(1, h) >= 0;
        const auto count = valid.sum().item<int64_t>();
        const auto right = (pred.select(1, h).eq(y.select(1, h)) & valid).sum().item<int64_t>();
        acc.push_back(count ? static_cast<double>(right) / static_cast<double>(count) : 0.0);
    }
    return acc;
}

void AttributeJudge::save(const std::filesystem::path& file) const
{
    try {
        torch::serialize::OutputArchive archive;
        m_net->save(archive);
        archive.write(kFormatKey, c10::IValue(kFormat));
        archive.write(kConfigKey, c10::IValue(m_config.toJson().dump()));
        std::ostringstream os;
        archive.save_to(os);
        writeFileAtomic(file, os.str());
    } catch (const c10::Error& e) {
        throw StorageError("judge: could not write " + file.string() + ": " + e.what_without_backtrace());
    }
}

AttributeJudge AttributeJudge::load(const std::filesystem::path& file, torch::Device device)
{
    const auto bytes = readFileBytes(file); // StorageError when missing or unreadable
    try {
        std::istringstream is(std::string(bytes.begin(), bytes.end()));
        torch::serialize::InputArchive archive;
        archive.load_from(is, torch::Device(torch::kCPU));
        c10::IValue format, config;
        if (!archive.try_read(kFormatKey, format) || !format.isInt() || format.toInt() != kFormat ||
            !archive.try_read(kConfigKey, config) || !config.isString())
            throw ModelLoadError("judge: " + file.string() + " is not an attribute-judge file of format " +
                                 std::to_string(kFormat));
        AttributeJudge judge(JudgeConfig::fromJson(nlohmann::json::parse(config.toStringRef())));
        judge.m_net->load(archive);
        judge.m_net->eval();
        judge.to(device);
        return judge;
    } catch (const ModelLoadError&) {
        throw;
    } catch (const c10::Error& e) {
        throw ModelLoadError("judge: " + file.string() + " is damaged or does not match its config (" +
                             e.what_without_backtrace() + "); retrain the judge or restore the pack");
    } catch (const nlohmann::json::exception& e) {
        throw ModelLoadError("judge: " + file.string() + " has an unreadable config (" + e.what() + ")");
    } catch (const BadInputError& e) {
        throw ModelLoadError("judge: " + file.string() + ": " + e.what());
    }
}

// ---- set statistics ---------------------------------------------------------------------------

double matchRate(const torch::Tensor& predicted, const torch::Tensor& wanted, const std::vector<int>& heads)
{
    const auto p = predicted.to(torch::kCPU, torch::kLong);
    const auto w = wanted.to(torch::kCPU, torch::kLong);
    if (p.sizes() != w.sizes() || p.dim() != 2)
        throw BadInputError("matchRate: predicted and wanted must both be [N, heads]");
    if (p.size(0) == 0)
        return 0.0;
    auto ok = torch::ones({p.size(0)}, torch::kBool);
    for (int h : heads) {
        if (h < 0 || h >= p.size(1))
            throw BadInputError("matchRate: head " + std::to_string(h) + " out of range");
        ok = ok & (p.select(1, h).eq(w.select(1, h)) | (w.select(1, h) < 0));
    }
    return ok.to(torch::kDouble).mean().item<double>();
}

FeatureStats featureStats(const torch::Tensor& features)
{
    if (features.dim() != 2)
        throw BadInputError("featureStats: expected features [N, D]");
    const auto f = features.to(torch::kCPU, torch::kDouble);
    FeatureStats s;
    s.count = f.size(0);
    s.mean = s.count ? f.mean(0) : torch::zeros({f.size(1)}, torch::kDouble);
    if (s.count < 2) {
        s.cov = torch::zeros({f.size(1), f.size(1)}, torch::kDouble);
    } else {
        const auto c = f - s.mean;
        s.cov = torch::matmul(c.t(), c) / static_cast<double>(s.count - 1);
    }
    return s;
}

double frechetDistance(const FeatureStats& a, const FeatureStats& b)
{
    if (a.mean.numel() != b.mean.numel())
        throw BadInputError("frechetDistance: feature dimensions differ");
    auto symmetric = [](const torch::Tensor& m) { return 0.5 * (m + m.t()); };
    const auto [evals, evecs] = torch::linalg_eigh(symmetric(a.cov), "L");
    const auto sqrtA = torch::matmul(evecs * evals.clamp_min(0).sqrt().unsqueeze(0), evecs.t());
    const auto m = symmetric(torch::matmul(torch::matmul(sqrtA, b.cov), sqrtA));
    const double traceSqrt = torch::linalg_eigvalsh(m, "L").clamp_min(0).sqrt().sum().item<double>();
    const double meanTerm = (a.mean - b.mean).pow(2).sum().item<double>();
    const double fd = meanTerm + a.cov.trace().item<double>() + b.cov.trace().item<double>() - 2.0 * traceSqrt;
    return std::max(fd, 0.0); // rounding can leave -1e-12 for identical sets
}

double frechetDistance(const torch::Tensor& featuresA, const torch::Tensor& featuresB)
{
    return frechetDistance(featureStats(featuresA), featureStats(featuresB));
}

double meanPairwiseDistance(const torch::Tensor& features, bool normalize)
{
    if (features.dim() != 2)
        throw BadInputError("meanPairwiseDistance: expected features [N, D]");
    const int64_t n = features.size(0);
    if (n < 2)
        return 0.0;
    auto f = features.to(torch::kCPU, torch::kDouble);
    if (normalize)
        f = f / f.norm(2, 1, true).clamp_min(1e-12);
    // Squared distances from the Gram matrix; the diagonal is zero and excluded from the mean.
    const auto sq = f.pow(2).sum(1);
    const auto d2 = (sq.unsqueeze(1) + sq.unsqueeze(0) - 2.0 * torch::matmul(f, f.t())).clamp_min(0);
    const double total = d2.sqrt().sum().item<double>() - d2.diagonal().sqrt().sum().item<double>();
    return total / static_cast<double>(n * (n - 1));
}

} // namespace uf::eval
