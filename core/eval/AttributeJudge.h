// torch-internal (eval, training and model code only; not for ui/ or cli/ headers): the attribute
// judge, a small CNN classifier trained separately on a catalog's real images and used to score
// generated images (attribute accuracy) and to compare image sets in its feature space (a
// Frechet distance on judge features -- an "FID-like" figure, NOT Inception FID -- and a
// diversity measure).
//
// Interface note:
//   JudgeConfig cfg; cfg.heads = {{"category", {...}}, {"color", {...}}, {"pattern", {...}}};
//   AttributeJudge judge(cfg);                        // CPU; judge.to(torch::kCUDA) to move
//   torch::Tensor y = judge.encodeLabels(rows);       // rows[i][h] = label string ("" = unknown)
//   judge.train(images, y, options, progress);        // images [N,C,H,W] float in [-1,1], any device
//   torch::Tensor pred = judge.predict(images);       // [N, heads] int64 (CPU)
//   double ok = matchRate(pred, wanted, {0, 1});      // share with category AND colour right
//   torch::Tensor f = judge.features(images);         // [N, featureDim] float (CPU)
//   double fd = frechetDistance(fReal, fGenerated);   double div = meanPairwiseDistance(f);
//   judge.save(packDir / "judge.pt");  auto j = AttributeJudge::load(path);   // atomic write;
//     load throws ModelLoadError on a damaged or foreign file (StorageError when unreadable).
// Labels are int64 [N, heads]; -1 = unknown (ignored by training and by the accuracy figures).
// Images of another size than config.imageSize are resized (area down, bilinear up).
#pragma once

#include "common/Progress.h"
#include "eval/AttributeJudgeModule.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace uf::eval {

struct JudgeHead {
    std::string name;                // "category", "color", "pattern", ...
    std::vector<std::string> labels; // index = class id
};

struct JudgeConfig {
    int imageSize = 64;
    int imageChannels = 3;
    std::vector<int> channels = {32, 64, 128}; // one stride-2 stage each
    int featureDim = 128;
    std::vector<JudgeHead> heads;

    void validate() const; // BadInputError
    nlohmann::json toJson() const;
    static JudgeConfig fromJson(const nlohmann::json& j); // BadInputError on wrong/unknown keys
};

struct JudgeTrainOptions {
    int steps = 500;
    int batchSize = 64;
    double learningRate = 2e-3;
    double weightDecay = 1e-4;
    std::uint64_t seed = 0;
    bool augment = true; // random horizontal flips and shifts of up to 1/16 of the side
};

struct JudgeTrainResult {
    JobStatus status = JobStatus::Completed;
    int steps = 0;          // steps done
    double lastLoss = 0.0;  // mean summed cross-entropy over the last min(20, steps) steps
};

class AttributeJudge {
public:
    explicit AttributeJudge(const JudgeConfig& config);

    const JudgeConfig& config() const { return m_config; }
    int headCount() const { return static_cast<int>(m_config.heads.size()); }
    int headIndex(const std::string& name) const;           // -1 when absent
    int labelIndex(int head, const std::string& label) const; // -1 when unknown
    const std::string& labelName(int head, int index) const;
    torch::Tensor encodeLabels(const std::vector<std::vector<std::string>>& rows) const; // [N, heads]

    void to(torch::Device device);
    torch::Device device() const { return m_device; }

    // Progress is (step, steps); returning false stops early with status Cancelled (weights keep
    // what was learnt so far). Labels -1 are ignored.
    JudgeTrainResult train(const torch::Tensor& images, const torch::Tensor& labels, const JudgeTrainOptions& options,
                           const ProgressFn& progress = {});

    // Inference in eval mode, without gradients, in chunks of 256; results on the CPU.
    torch::Tensor predict(const torch::Tensor& images);             // [N, heads] int64
    std::vector<torch::Tensor> logits(const torch::Tensor& images); // per head [N, labels] float
    torch::Tensor features(const torch::Tensor& images);            // [N, featureDim] float
    std::vector<double> accuracy(const torch::Tensor& images, const torch::Tensor& labels); // per head

    void save(const std::filesystem::path& file) const;
    static AttributeJudge load(const std::filesystem::path& file, torch::Device device = torch::kCPU);

private:
    JudgeNetOutput run(const torch::Tensor& images, bool wantLogits, bool wantFeatures);
    torch::Tensor prepare(const torch::Tensor& images) const; // device, dtype, size

    JudgeConfig m_config;
    JudgeNet m_net{nullptr};
    torch::Device m_device = torch::kCPU;
};

// Share of rows whose predictions match wanted on every listed head (wanted -1 counts as a match).
double matchRate(const torch::Tensor& predicted, const torch::Tensor& wanted, const std::vector<int>& heads);

// Mean and covariance (N-1 denominator) of features [N, D], in double on the CPU; cache the
// real set's statistics once and compare many generated sets to them.
struct FeatureStats {
    torch::Tensor mean; // [D]
    torch::Tensor cov;  // [D, D]
    int64_t count = 0;
};
FeatureStats featureStats(const torch::Tensor& features);

// Frechet distance |mu_a - mu_b|^2 + tr(S_a + S_b - 2 (S_a S_b)^{1/2}), with the trace of the
// matrix square root taken as tr((sqrt(S_a) S_b sqrt(S_a))^{1/2}) through symmetric eigen
// decompositions (torch::linalg_eigh: torch/torch.h of PyTorch 2.x no longer declares
// torch::linalg::), so it stays real and stable for singular covariances.
double frechetDistance(const FeatureStats& a, const FeatureStats& b);
double frechetDistance(const torch::Tensor& featuresA, const torch::Tensor& featuresB);

// Mean Euclidean distance over all pairs of rows (0 for fewer than 2 rows). With normalize the
// rows are L2-normalised first, so the figure lies in [0, 2] and compares across models.
double meanPairwiseDistance(const torch::Tensor& features, bool normalize = true);

} // namespace uf::eval
